from rest_framework.throttling import AnonRateThrottle

from stats.visitors import address_key


class ClientAddressThrottle(AnonRateThrottle):
    """Per client address as the rest of the portal sees it (CLIENT_IP_HEADER behind nginx),
    as today's keyed hash: DRF puts the ident in a Redis key name."""

    def get_ident(self, request):
        return address_key(request)
