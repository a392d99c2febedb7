"""Who is this visitor? A signed first-party cookie, else a keyed hash of IP, agent and day.

The cookie carries a random id signed with SECRET_KEY (django.core.signing), so ids the
portal never issued are recognised and count nothing. Raw IP addresses are never stored:
only keyed hashes of them leave this module.
"""

import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import timezone

COOKIE_NAME = "vid"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
COOKIE_SALT = "stats.visitor"
_VALID_ID = re.compile(r"^[0-9a-f]{32}$")

# What the request's cookie says about the visitor.
NO_COOKIE = "none"
VALID = "valid"
FORGED = "forged"


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


SALT_CACHE_SECONDS = 2 * 24 * 60 * 60
_salts = {}


def daily_salt(day=None):
    """Today's random salt of address hashes, shared by every process through Redis and
    forgotten after two days: a stored hash serves same-day limits, then cannot be tied to
    another day's hashes nor, once the salt is gone, reversed even with SECRET_KEY."""
    day = (day or timezone.localdate()).isoformat()
    if day in _salts:
        return _salts[day]
    key = f"stats:ip-salt:{day}"
    cache.add(key, secrets.token_hex(16), SALT_CACHE_SECONDS)
    salt = cache.get(key)
    if salt is None:
        # Redis down: a salt derived from the key and the day, still one per day; not kept,
        # so the shared random salt is used again once Redis answers.
        return _keyed_hash("ip-salt", day)
    _salts.clear()
    _salts[day] = salt
    return salt


def ip_hash(request):
    """A keyed hash of the client's IP with today's salt: rate limits, vote records, the
    per-address caps. Only same-day comparisons work, by design."""
    return _keyed_hash("ip", daily_salt(), client_ip(request))


def address_key(request):
    """A shorter keyed hash of the client's IP, for the per-address caps in Redis."""
    return ip_hash(request)[:24]


def rate_key(group, request):
    """django-ratelimit key: the client address (honouring CLIENT_IP_HEADER) as today's keyed
    hash, so no raw or plainly hashed IP ends up in Redis' key names."""
    return address_key(request)


def visitor_rate_key(group, request):
    """django-ratelimit key: the visitor (cookie, else fallback id), for limits per reader."""
    return visitor_id(request)


def _signer():
    return signing.Signer(salt=COOKIE_SALT)


def sign(visitor, owed=(), marks=None):
    """The cookie value for a visitor id.

    A first request, judged by the fallback id, also signs into the cookie ``marks``
    (second, names): what it counted ("l" the visit, object specs), and ``owed``: the
    object specs it could not count (another browser behind the same address and agent had
    just viewed them). The browser's next request brings them back: its own record starts
    from the marks, and the owed specs count under it.
    """
    if owed or marks:
        payload = {"v": visitor, "o": list(owed)}
        if marks:
            payload["m"] = [marks[0], *marks[1]]
        return _signer().sign_object(payload)
    return _signer().sign(visitor)


def read_cookie(request):
    """(state, id, owed specs, marks): the cookie's verified visitor, or why there is none."""
    value = request.COOKIES.get(COOKIE_NAME)
    if not value:
        return NO_COOKIE, None, [], None
    signer = _signer()
    try:
        visitor = signer.unsign(value)
    except signing.BadSignature:
        return FORGED, None, [], None
    if _VALID_ID.match(visitor):
        return VALID, visitor, [], None
    try:
        payload = signer.unsign_object(value)
        visitor, owed, marks = payload["v"], payload["o"], payload.get("m")
        if marks:
            marks = (int(marks[0]), [str(name) for name in marks[1:11]])
    except (ValueError, TypeError, KeyError, IndexError):
        return FORGED, None, [], None
    if not (isinstance(visitor, str) and _VALID_ID.match(visitor) and isinstance(owed, list)):
        return FORGED, None, [], None
    return VALID, visitor, [spec for spec in owed if isinstance(spec, str)][:10], marks or None


def cookie_visitor_id(request):
    """The verified visitor id carried by the cookie, or None."""
    return read_cookie(request)[1]


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
