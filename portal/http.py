"""Small request helpers shared by the apps."""

from stats.visitors import address_key

__all__ = ["address_key", "ratelimit_ip"]


def ratelimit_ip(group, request):
    """django-ratelimit key: the client address (honouring CLIENT_IP_HEADER) as today's keyed
    hash, so no raw or plainly hashed IP ends up in Redis' key names."""
    return address_key(request)
