"""The read-only JSON API under /api/v1/: what the public pages show, for other systems."""

from django.conf import settings
from django.db.models import Prefetch
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_cache_control
from django.utils.decorators import decorator_from_middleware, method_decorator
from rest_framework import viewsets

from documents.models import Document, DocumentFile
from news.models import Article, Category
from polls.models import Poll

from . import filters, serializers

# An ETag on every answer: a harvester asking again gets 304 Not Modified.
conditional_get = method_decorator(decorator_from_middleware(ConditionalGetMiddleware))


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Public, anonymous, cacheable answers."""

    @conditional_get
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        return response


class CategoryViewSet(ReadOnlyViewSet):
    """Chuyên mục tin bài."""

    queryset = Category.objects.select_related("parent").order_by("order", "id")
    serializer_class = serializers.CategorySerializer


class ArticleViewSet(ReadOnlyViewSet):
    """Tin bài đã xuất bản, mới nhất trước."""

    serializer_class = serializers.ArticleSerializer
    filterset_class = filters.ArticleFilter

    def get_queryset(self):
        return (
            Article.objects.published()
            .select_related("category")
            .defer("search_vector")
            .order_by("-published_at", "-id")
        )


class DocumentViewSet(ReadOnlyViewSet):
    """Văn bản đã xuất bản, mới nhất trước. Tệp của văn bản dành cho báo cáo viên không bao
    giờ có trong API."""

    serializer_class = serializers.DocumentSerializer
    filterset_class = filters.DocumentFilter

    def get_queryset(self):
        return (
            Document.objects.published()
            .for_listing()
            .prefetch_related(
                "fields", Prefetch("files", queryset=DocumentFile.objects.defer("text"))
            )
            .order_by("-issued_on", "-id")
        )


class PollViewSet(ReadOnlyViewSet):
    """Các cuộc thăm dò đang hiển thị, kèm kết quả khi trang thăm dò cũng hiện kết quả."""

    serializer_class = serializers.PollSerializer
    filterset_class = filters.PollFilter

    def get_queryset(self):
        return Poll.objects.active().prefetch_related("choices").order_by("-opens_at", "-id")
