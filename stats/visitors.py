"""Who is this visitor? A random first-party cookie, else a keyed hash of IP, agent and day.

Raw IP addresses are never stored: only keyed hashes of them leave this module.
"""

import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.utils import timezone

COOKIE_NAME = "vid"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
_VALID_ID = re.compile(r"^[0-9a-f]{32}$")


def client_ip(request):
    """The client's address, from the proxy header named in CLIENT_IP_HEADER if set."""
    header = settings.CLIENT_IP_HEADER
    if header:
        value = request.META.get(header, "")
        if value:
            return value.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def _keyed_hash(*parts):
    message = "|".join(parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def ip_hash(request):
    """A keyed hash of the client's IP (for rate limits and vote records)."""
    return _keyed_hash("ip", client_ip(request))


def cookie_visitor_id(request):
    """The visitor id carried by the cookie, or None."""
    value = request.COOKIES.get(COOKIE_NAME, "")
    return value if _VALID_ID.match(value) else None


def fallback_visitor_id(request):
    """Without a cookie: a keyed hash of IP + user agent + local day."""
    day = timezone.localdate().isoformat()
    agent = request.META.get("HTTP_USER_AGENT", "")
    return _keyed_hash("visitor", client_ip(request), agent, day)[:32]


def new_visitor_id():
    return secrets.token_hex(16)


def visitor_id(request):
    """This request's visitor: set by the stats middleware, else cookie, else fallback."""
    cached = getattr(request, "visitor_id", None)
    if cached:
        return cached
    return cookie_visitor_id(request) or fallback_visitor_id(request)
