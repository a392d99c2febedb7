import django_filters
from django import forms

from core.versions import DOCUMENTS, cached_block

from .models import Document, DocumentType, Field, IssuingBody
from .search import matching


def _years():
    return sorted(
        (d.year for d in Document.objects.published().dates("issued_on", "year")), reverse=True
    )


def year_choices():
    """Years that have published documents, newest first (a block of the documents' version)."""
    years = cached_block("documents-years", (DOCUMENTS,), _years)
    return [(str(year), str(year)) for year in years]


class DocumentFilter(django_filters.FilterSet):
    """The archive filters; an invalid value drops out of cleaned_data and is ignored."""

    q = django_filters.CharFilter(
        label="Từ khóa",
        method="filter_text",
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Trích yếu, số hiệu, nội dung…"}
        ),
    )
    code = django_filters.CharFilter(
        label="Số hiệu",
        field_name="code",
        lookup_expr="icontains",
        max_length=60,
        widget=forms.TextInput(attrs={"placeholder": "Ví dụ: CV.2453"}),
    )
    type = django_filters.ModelChoiceFilter(
        label="Loại văn bản",
        field_name="document_type",
        queryset=DocumentType.objects.all(),
        to_field_name="slug",
        empty_label="Tất cả",
    )
    body = django_filters.ModelChoiceFilter(
        label="Cơ quan ban hành",
        field_name="issuing_body",
        queryset=IssuingBody.objects.all(),
        to_field_name="code",
        empty_label="Tất cả",
    )
    field = django_filters.ModelChoiceFilter(
        label="Lĩnh vực",
        field_name="fields",
        queryset=Field.objects.all(),
        to_field_name="slug",
        empty_label="Tất cả",
    )
    year = django_filters.ChoiceFilter(
        label="Năm ban hành",
        field_name="issued_on__year",
        choices=year_choices,
        empty_label="Tất cả",
    )

    class Meta:
        model = Document
        fields = []

    def filter_queryset(self, queryset):
        # The text last: it ranks the newest matches among what the other filters keep.
        text = self.form.cleaned_data.get("q")
        for name, value in self.form.cleaned_data.items():
            if name != "q":
                queryset = self.filters[name].filter(queryset, value)
        return self.filters["q"].filter(queryset, text)

    def filter_text(self, queryset, name, value):
        return matching(queryset, value, getattr(self.request, "user", None))

    def invalid_labels(self):
        """Labels of the filters whose values were invalid (and therefore ignored)."""
        if not self.is_bound or self.form.is_valid():
            return []
        return [str(self.form.fields[name].label) for name in self.form.errors]
