from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.http import HttpResponse
from django.utils import timezone

from portal import trash
from portal.admin_trash import TrashRevisionAdminMixin

from .exports import opinions_xlsx
from .forms import DocumentFileForm, PrivateFileInput
from .models import (
    ConsultationOpinion,
    Document,
    DocumentFile,
    DocumentType,
    Field,
    IssuingBody,
    ReporterSubscription,
)
from .validators import ALLOWED_LABEL, human_size, max_upload_bytes


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(IssuingBody)
class IssuingBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    list_editable = ["order"]
    search_fields = ["name", "code"]


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    form = DocumentFileForm
    extra = 1
    fields = ["file", "original_name", "order", "readable_size", "content_type", "text_status"]
    readonly_fields = ["readable_size", "content_type", "text_status"]
    formfield_overrides = {models.FileField: {"widget": PrivateFileInput}}

    def get_queryset(self, request):
        # The extracted text can be long and the inline never shows it.
        return super().get_queryset(request).defer("text")

    @admin.display(description="dung lượng")
    def readable_size(self, obj):
        return human_size(obj.size) if obj.pk else "–"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["file"].help_text = (
            f"Chỉ nhận: {ALLOWED_LABEL}; tối đa {human_size(max_upload_bytes())}. "
            "Tệp được lưu riêng tư, chỉ tải được qua trang văn bản."
        )
        return formset


@admin.register(Document)
class DocumentAdmin(TrashRevisionAdminMixin, admin.ModelAdmin):
    revision_fields = [
        "code",
        "summary",
        "document_type",
        "issuing_body",
        "signer",
        "signer_position",
        "issued_on",
        "effective_on",
        "expires_on",
        "fields",
        "replaces",
        "related",
        "notes",
    ]
    diff_fields = ["code", "summary", "notes"]
    takedown_permission = "documents.take_down_document"
    object_word = "văn bản"
    list_display = [
        "code",
        "short_summary",
        "document_type",
        "issuing_body",
        "issued_on",
        "access",
        "is_published",
        "opinion_count",
        "view_count",
        "download_count",
    ]
    list_filter = ["access", "is_published", "is_draft", "document_type", "issuing_body", "fields"]
    search_fields = ["code", "summary", "signer"]
    date_hierarchy = "issued_on"
    list_select_related = ["document_type", "issuing_body"]
    autocomplete_fields = ["replaces", "related", "fields"]
    readonly_fields = ["view_count", "download_count", "created_at", "updated_at"]
    inlines = [DocumentFileInline]
    fieldsets = [
        (None, {"fields": ["code", "summary", "document_type", "issuing_body"]}),
        (
            "Ban hành",
            {"fields": ["signer", "signer_position", "issued_on", "effective_on", "expires_on"]},
        ),
        ("Phân loại", {"fields": ["fields", "replaces", "related", "notes"]}),
        ("Xuất bản", {"fields": ["access", "is_published"]}),
        (
            "Lấy ý kiến dự thảo",
            {"fields": ["is_draft", "consultation_opens_at", "consultation_closes_at"]},
        ),
        (
            "Thống kê",
            {"fields": ["view_count", "download_count", "created_at", "updated_at"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(opinions_total=Count("opinions"))

    def can_take_down(self, request, obj=None):
        return super().can_take_down(request, obj) and obj is not None and obj.is_published

    def take_down(self, obj, user, reason):
        def unpublish(document):
            document.is_published = False
            return ["is_published"]

        trash.take_down(obj, user, reason, unpublish)

    def restore_problem(self, obj):
        clash = Document.objects.filter(code__iexact=obj.code, issuing_body=obj.issuing_body_id)
        if clash.exists():
            return (
                f"Không khôi phục được: cơ quan ban hành đã có văn bản khác mang số hiệu "
                f"“{obj.code}”. Hãy sửa số hiệu của văn bản đó trước."
            )
        return None

    @admin.display(description="trích yếu", ordering="summary")
    def short_summary(self, obj):
        return obj.summary[:90]

    @admin.display(description="ý kiến góp ý", ordering="opinions_total")
    def opinion_count(self, obj):
        return obj.opinions_total if obj.is_draft else "–"


@admin.register(ConsultationOpinion)
class ConsultationOpinionAdmin(admin.ModelAdmin):
    """Opinions on drafts: read here by staff, never shown on the site; exported to XLSX."""

    list_display = ["name", "organisation", "email", "document", "created_at"]
    list_filter = [("document", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["document"]
    search_fields = ["name", "organisation", "email", "text", "document__code"]
    date_hierarchy = "created_at"
    fields = ["document", "name", "organisation", "email", "text", "created_at"]
    readonly_fields = fields
    actions = ["export_xlsx"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Xuất các ý kiến đã chọn ra tệp Excel (XLSX)")
    def export_xlsx(self, request, queryset):
        response = HttpResponse(
            opinions_xlsx(queryset),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"y-kien-du-thao-{timezone.localdate():%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


@admin.register(ReporterSubscription)
class ReporterSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "types", "updated_at"]
    search_fields = ["user__username", "user__email"]
    filter_horizontal = ["document_types"]
    readonly_fields = ["user", "updated_at"]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("user").prefetch_related("document_types")
        )

    @admin.display(description="loại văn bản")
    def types(self, obj):
        return ", ".join(t.name for t in obj.document_types.all()) or "–"
