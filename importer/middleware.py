from django.http import HttpResponsePermanentRedirect

from .legacy_urls import candidate_keys
from .models import LegacyRedirect


class LegacyRedirectMiddleware:
    """Old NukeViet addresses answer 301 to their imported page.

    Consulted only for responses that would be a 404, so other pages pay nothing; the
    lookup is one query on the unique index of old_path.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        keys = candidate_keys(request.path, request.META.get("QUERY_STRING", ""))
        found = dict(
            LegacyRedirect.objects.filter(old_path__in=keys).values_list("old_path", "target")
        )
        for key in keys:
            if key in found:
                return HttpResponsePermanentRedirect(found[key])
        return response
