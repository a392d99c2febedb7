"""Query parameters of the read API (django-filter, as on the site's archives)."""

import django_filters

from documents.models import Document, DocumentType, Field, IssuingBody
from news.models import Article, Category
from polls.models import Poll


class UpdatedSinceFilterSet(django_filters.FilterSet):
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label="Chỉ bản ghi cập nhật từ thời điểm này (ISO 8601), để thu thập định kỳ.",
    )


class ArticleFilter(UpdatedSinceFilterSet):
    category = django_filters.CharFilter(
        method="filter_category", label="Đường dẫn (slug) chuyên mục, gồm cả chuyên mục con."
    )
    published_after = django_filters.DateFilter(
        field_name="published_at__date", lookup_expr="gte", label="Xuất bản từ ngày (YYYY-MM-DD)."
    )
    published_before = django_filters.DateFilter(
        field_name="published_at__date",
        lookup_expr="lte",
        label="Xuất bản đến ngày (YYYY-MM-DD).",
    )

    class Meta:
        model = Article
        fields = []

    def filter_category(self, queryset, name, value):
        category = Category.objects.filter(slug=value).first()
        return queryset.in_category(category) if category else queryset.none()


class DocumentFilter(UpdatedSinceFilterSet):
    type = django_filters.ModelChoiceFilter(
        field_name="document_type",
        queryset=DocumentType.objects.all(),
        to_field_name="slug",
        label="Loại văn bản (slug).",
    )
    body = django_filters.ModelChoiceFilter(
        field_name="issuing_body",
        queryset=IssuingBody.objects.all(),
        to_field_name="code",
        label="Cơ quan ban hành (ký hiệu, ví dụ BTGTU).",
    )
    field = django_filters.ModelChoiceFilter(
        field_name="fields",
        queryset=Field.objects.all(),
        to_field_name="slug",
        label="Lĩnh vực (slug).",
    )
    issued_after = django_filters.DateFilter(
        field_name="issued_on", lookup_expr="gte", label="Ban hành từ ngày (YYYY-MM-DD)."
    )
    issued_before = django_filters.DateFilter(
        field_name="issued_on", lookup_expr="lte", label="Ban hành đến ngày (YYYY-MM-DD)."
    )

    class Meta:
        model = Document
        fields = []


class PollFilter(UpdatedSinceFilterSet):
    class Meta:
        model = Poll
        fields = []
