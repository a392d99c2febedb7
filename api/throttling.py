from rest_framework.throttling import AnonRateThrottle

from portal.http import client_ip


class ClientAddressThrottle(AnonRateThrottle):
    """Per client address as the rest of the portal sees it (CLIENT_IP_HEADER behind nginx)."""

    def get_ident(self, request):
        return client_ip(request)
