"""Test-only URLs: tiny views around the recording API (the portal's URLs stay reachable)."""

from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import include, path
from django.views.decorators.cache import cache_page

from stats.counters import mark_view, record_download, record_view

PAGE = "<!doctype html><title>t</title><p>trang thử</p>"


def _object(pk):
    # Any model instance works for the recording API; users exist in every test database.
    return get_object_or_404(get_user_model(), pk=pk)


def view_page(request, pk):
    record_view(_object(pk), request)
    return HttpResponse(PAGE)


def view_then_fail(request, pk):
    record_view(_object(pk), request)
    raise Http404("thử lỗi")


def download_page(request, pk):
    record_download(_object(pk), request)
    return HttpResponse(b"%PDF-1.4", content_type="application/pdf")


@cache_page(300)
def cached_page(request, pk):
    response = HttpResponse(PAGE)
    return mark_view(response, _object(pk))


def plain_page(request):
    return HttpResponse(PAGE)


urlpatterns = [
    path("t/xem/<int:pk>/", view_page),
    path("t/tai/<int:pk>/", download_page),
    path("t/loi/<int:pk>/", view_then_fail),
    path("t/luu/<int:pk>/", cached_page),
    path("t/trang/", plain_page),
    path("", include("portal.urls")),
]
