"""Small request helpers shared by the apps."""

from stats.visitors import client_ip


def ratelimit_ip(group, request):
    """django-ratelimit key: the client address, honouring CLIENT_IP_HEADER."""
    return client_ip(request)
