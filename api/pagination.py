from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """?page=N, and ?page_size= up to 100 for harvesters."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
