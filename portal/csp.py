"""Content-Security-Policy (django-csp) with one exception: CKEditor 5 and the Django admin
inject <style> elements and style attributes from their own scripts, so pages under
CSP_INLINE_STYLE_PREFIXES also allow inline styles. Scripts stay 'self' everywhere."""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(tuple(settings.CSP_INLINE_STYLE_PREFIXES)):
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        return parts
