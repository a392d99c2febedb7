import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from sorl.thumbnail import get_thumbnail

from core import formats
from portal.admin_trash import TrashRevisionAdminMixin

from . import services
from .models import (
    SCHEDULED_LABEL,
    Article,
    Category,
    Comment,
    EditorPreference,
    MediaImage,
    Rating,
    ReviewNotice,
    Tag,
)


def can_publish(request):
    return services.can_publish(request.user)


def allowed_categories(user):
    """Categories this user may write in: the assigned ones, else all."""
    assigned = Category.objects.filter(editors=user)
    return assigned if assigned.exists() else Category.objects.all()


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "order", "show_in_menu", "slug"]
    list_editable = ["order", "show_in_menu"]
    list_select_related = ["parent"]
    search_fields = ["name"]
    filter_horizontal = ["editors"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ArticleAdminForm(forms.ModelForm):
    workflow_reason = forms.CharField(
        label="Lý do trả lại",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Bắt buộc khi bấm “Trả lại”: tác giả sẽ đọc lý do này.",
    )
    # Set by ArticleAdmin.get_form for the request being answered.
    workflow_user = None
    workflow_action = None

    class Meta:
        model = Article
        # ModelAdmin.get_form passes the fieldsets' fields; these are the editable ones.
        fields = [
            "title",
            "slug",
            "category",
            "tags",
            "lead",
            "body",
            "cover",
            "cover_caption",
            "byline",
            "republished",
            "source",
            "original_author",
            "original_published_on",
            "source_url",
            "published_at",
            "expires_at",
            "featured",
            "allow_comments",
            "allow_rating",
        ]

    def clean(self):
        cleaned = super().clean()
        try:
            services.check_action(
                self.workflow_user,
                self.instance,
                self.workflow_action,
                reason=cleaned.get("workflow_reason", ""),
                published_at=cleaned.get("published_at"),
            )
        except services.WorkflowError as error:
            if error.field and error.field in self.fields:
                self.add_error(error.field, error.message)
            else:
                raise forms.ValidationError(error.message) from None
        return cleaned


class StatusFilter(admin.SimpleListFilter):
    """Statuses as editors speak of them: a published article still to come is "Hẹn giờ"."""

    title = "trạng thái"
    parameter_name = "trang_thai"

    def lookups(self, request, model_admin):
        return [
            (Article.Status.DRAFT, Article.Status.DRAFT.label),
            (Article.Status.PENDING, Article.Status.PENDING.label),
            (Article.Status.REJECTED, Article.Status.REJECTED.label),
            ("scheduled", SCHEDULED_LABEL),
            (Article.Status.PUBLISHED, Article.Status.PUBLISHED.label),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "scheduled":
            return queryset.scheduled()
        if value == Article.Status.PUBLISHED:
            return queryset.filter(status=value, published_at__lte=timezone.now())
        if value:
            return queryset.filter(status=value)
        return queryset


class MineFilter(admin.SimpleListFilter):
    title = "người tạo"
    parameter_name = "cua_toi"

    def lookups(self, request, model_admin):
        return [("1", "Bài của tôi")]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(author=request.user)
        return queryset


@admin.register(Article)
class ArticleAdmin(TrashRevisionAdminMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    revision_fields = [f for f in ArticleAdminForm.Meta.fields if f != "published_at"]
    diff_fields = ["title", "lead", "body"]
    takedown_permission = services.PUBLISH_PERMISSION
    object_word = "bài"
    change_form_template = "admin/news/article/change_form.html"
    list_display = [
        "thumbnail",
        "title",
        "category",
        "status_badge",
        "published_short",
        "view_count",
        "author_name",
    ]
    list_display_links = ["thumbnail", "title"]
    list_filter = [StatusFilter, MineFilter, "category", "featured", "published_at"]
    search_fields = ["title", "lead", "byline"]
    date_hierarchy = "published_at"
    list_select_related = ["category", "author"]
    list_per_page = 30
    autocomplete_fields = ["tags"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = [
        "status_display",
        "reject_reason",
        "preview_link",
        "view_count",
        "rating_total",
        "rating_count",
        "author",
        "created_at",
        "updated_at",
    ]
    actions = ["publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "tags", "lead", "body"]}),
        ("Ảnh đại diện", {"fields": ["cover", "cover_caption"]}),
        (
            "Tác giả, nguồn",
            {
                "fields": [
                    "byline",
                    "republished",
                    "source",
                    "original_author",
                    "original_published_on",
                    "source_url",
                ]
            },
        ),
        (
            "Xuất bản",
            {
                "fields": [
                    "status_display",
                    "reject_reason",
                    "published_at",
                    "expires_at",
                    "featured",
                    "allow_comments",
                    "allow_rating",
                    "preview_link",
                ]
            },
        ),
        (
            "Thống kê",
            {
                "classes": ["collapse"],
                "fields": [
                    "view_count",
                    "rating_total",
                    "rating_count",
                    "author",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]

    @admin.display(description="Ảnh")
    def thumbnail(self, obj):
        if not obj.cover:
            return "—"
        try:
            thumb = get_thumbnail(obj.cover, "64x43", crop="center")
        except Exception:  # a missing file must not break the list
            return "—"
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="">', thumb.url, thumb.width, thumb.height
        )

    @admin.display(description="Trạng thái", ordering="status")
    def status_badge(self, obj):
        css = "scheduled" if obj.is_scheduled else obj.status
        return format_html(
            '<span class="status-badge status-{}" data-status="{}">{}</span>',
            css,
            css,
            obj.status_label,
        )

    @admin.display(description="Xuất bản", ordering="published_at")
    def published_short(self, obj):
        return formats.short_datetime(obj.published_at) if obj.published_at else "—"

    @admin.display(description="Trạng thái")
    def status_display(self, obj):
        if not obj.pk:
            return "Bài mới (chưa lưu)"
        return self.status_badge(obj)

    @admin.display(description="Người tạo", ordering="author__last_name")
    def author_name(self, obj):
        return services.full_name(obj.author) if obj.author else "—"

    @admin.display(description="Xem trước")
    def preview_link(self, obj):
        if not obj.pk:
            return "Lưu bài để xem trước."
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Xem trước bài viết</a>',
            reverse("news:preview", args=[obj.pk]),
        )

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if can_publish(request):
            return queryset
        assigned = Category.objects.filter(editors=request.user)
        if assigned.exists():
            return queryset.filter(Q(category__in=assigned) | Q(author=request.user))
        return queryset

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not can_publish(request):
            fields += ["featured"]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        allowed = services.allowed_actions(request.user, obj)
        default = allowed[0] if allowed else None
        return type(
            form.__name__,
            (form,),
            {
                "workflow_user": request.user,
                "workflow_action": request.POST.get("_workflow") or default,
            },
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "category" and not can_publish(request):
            kwargs["queryset"] = allowed_categories(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None or can_publish(request):
            return allowed
        # Editors work on their own articles until a chief editor publishes them.
        return obj.author_id == request.user.pk and obj.status != Article.Status.PUBLISHED

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and can_publish(request)

    def has_publish_permission(self, request):
        return can_publish(request)

    def can_restore(self, request, obj, version):
        if not self.has_change_permission(request, obj):
            return False
        if can_publish(request):
            return True
        # An editor limited to some categories cannot bring an article back into another.
        category_id = version.field_dict.get("category_id")
        return allowed_categories(request.user).filter(pk=category_id).exists()

    def can_take_down(self, request, obj=None):
        return can_publish(request) and obj is not None and obj.status == Article.Status.PUBLISHED

    def take_down(self, obj, user, reason):
        services.take_down(obj, user, reason)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        allowed = services.allowed_actions(request.user, obj)
        if request.method == "POST":
            action = request.POST.get("_workflow") or (allowed[0] if allowed else "")
            if action not in allowed and self.has_view_or_change_permission(request, obj):
                label = services.ACTIONS.get(action, action)
                return TemplateResponse(
                    request,
                    "admin/news/article/workflow_refused.html",
                    {
                        **self.admin_site.each_context(request),
                        "title": "Không thực hiện được",
                        "label": label,
                        "article": obj,
                    },
                    status=403,
                )
        if obj is not None and request.method == "GET":
            ReviewNotice.objects.filter(
                recipient=request.user, article=obj, read_at__isnull=True
            ).update(read_at=timezone.now())
        context = {
            **(extra_context or {}),
            "workflow_buttons": [(name, services.ACTIONS[name]) for name in allowed],
            "others_editing": (
                services.mark_editing(obj.pk, request.user) if obj is not None else []
            ),
        }
        return super().changeform_view(request, object_id, form_url, context)

    def get_urls(self):
        return [
            path(
                "<int:pk>/dang-mo/",
                self.admin_site.admin_view(self.presence_view),
                name="news_article_presence",
            ),
            path(
                "thong-bao/",
                self.admin_site.admin_view(self.notifications_view),
                name="news_article_notifications",
            ),
            *super().get_urls(),
        ]

    def notifications_view(self, request):
        """A reviewer's choice of an e-mail for each article sent for review."""
        if request.method != "POST" or not can_publish(request):
            raise PermissionDenied
        wanted = request.POST.get("email_on_review") == "1"
        EditorPreference.objects.update_or_create(
            user=request.user, defaults={"email_on_review": wanted}
        )
        if wanted:
            message = "Từ nay bạn sẽ nhận e-mail mỗi khi có bài gửi duyệt."
            if not request.user.email:
                message += " Tài khoản của bạn chưa có địa chỉ e-mail: hãy nhờ quản trị bổ sung."
        else:
            message = "Bạn sẽ không nhận e-mail khi có bài gửi duyệt nữa."
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:index"))

    def presence_view(self, request, pk):
        """Heartbeat of an open form: who else has this article open now."""
        obj = self.get_object(request, str(pk))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return JsonResponse({"others": services.mark_editing(obj.pk, request.user)})

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        action = form.workflow_action
        request._workflow_message = services.apply_action(
            obj, action, reason=form.cleaned_data.get("workflow_reason", "")
        )
        super().save_model(request, obj, form, change)
        reversion.set_comment(services.ACTIONS.get(action, "Lưu"))
        services.after_action(obj, action, request.user)

    def _workflow_response(self, request, obj, fallback):
        message = getattr(request, "_workflow_message", None)
        if message is None or IS_POPUP_VAR in request.POST:
            return fallback()
        self.message_user(request, message, messages.SUCCESS)
        if request.POST.get("_workflow") in ("draft", "save"):
            return HttpResponseRedirect(reverse("admin:news_article_change", args=[obj.pk]))
        return HttpResponseRedirect(reverse("admin:news_article_changelist"))

    def response_add(self, request, obj, post_url_continue=None):
        return self._workflow_response(
            request, obj, lambda: super(ArticleAdmin, self).response_add(request, obj)
        )

    def response_change(self, request, obj):
        return self._workflow_response(
            request, obj, lambda: super(ArticleAdmin, self).response_change(request, obj)
        )

    @admin.action(description="Xuất bản các bài đã chọn", permissions=["publish"])
    def publish_selected(self, request, queryset):
        now = timezone.now()
        count = 0
        # One save per article (not update()): post_save refreshes the cached pages.
        for article in queryset.exclude(status=Article.Status.PUBLISHED):
            article.status = Article.Status.PUBLISHED
            article.published_at = article.published_at or now
            article.reject_reason = ""
            with reversion.create_revision():
                article.save()
                reversion.set_user(request.user)
                reversion.set_comment(services.ACTIONS["publish"])
            count += 1
        self.message_user(request, f"Đã xuất bản {count} bài viết.", messages.SUCCESS)

    @admin.action(description="Gỡ xuống (chuyển về bản nháp)", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = 0
        # One save per article (not update()): post_save refreshes the cached pages.
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.status = Article.Status.DRAFT
            with reversion.create_revision():
                article.save()
                reversion.set_user(request.user)
                reversion.set_comment(services.ACTIONS["unpublish"])
            count += 1
        self.message_user(request, f"Đã gỡ {count} bài viết.", messages.SUCCESS)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_text", "article", "status", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["name", "email", "text", "article__title"]
    list_select_related = ["article"]
    readonly_fields = ["article", "visitor", "ip_hash", "created_at", "moderated_at"]
    fields = ["article", "name", "email", "text", "status", *readonly_fields[1:]]
    actions = ["approve_selected", "reject_selected"]

    def get_ordering(self, request):
        # The changelist re-orders by this: pending first (the queue), newest first.
        return ["queue", "-created_at"]

    def get_queryset(self, request):
        # Not super(): its ordering by get_ordering() needs the annotation made here.
        return self.model._default_manager.annotate(
            queue=Case(
                When(status=Comment.Status.PENDING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        ).order_by(*self.get_ordering(request))

    @admin.display(description="Nội dung")
    def short_text(self, obj):
        return obj.text[:80]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Duyệt đăng các bình luận đã chọn", permissions=["change"])
    def approve_selected(self, request, queryset):
        count = services.moderate_comments(queryset, Comment.Status.APPROVED)
        self.message_user(request, f"Đã duyệt {count} bình luận.", messages.SUCCESS)

    @admin.action(description="Từ chối các bình luận đã chọn", permissions=["change"])
    def reject_selected(self, request, queryset):
        count = services.moderate_comments(queryset, Comment.Status.REJECTED)
        self.message_user(request, f"Đã từ chối {count} bình luận.", messages.SUCCESS)


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["article", "score", "created_at"]
    list_select_related = ["article"]
    list_filter = ["score"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


CHOOSER_SIZE = 24


@admin.register(MediaImage)
class MediaImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "alt_text", "title", "uploaded_by_name", "created_at"]
    list_display_links = ["thumbnail", "alt_text"]
    search_fields = ["alt_text", "title"]
    list_filter = ["created_at"]
    fields = ["image", "alt_text", "title", "preview"]
    readonly_fields = ["preview"]
    list_per_page = 40

    @admin.display(description="Ảnh")
    def thumbnail(self, obj):
        try:
            thumb = get_thumbnail(obj.image, "96x64", crop="center")
        except Exception:  # a missing file must not break the list
            return "—"
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="">', thumb.url, thumb.width, thumb.height
        )

    @admin.display(description="Xem ảnh")
    def preview(self, obj):
        if not obj.pk:
            return "—"
        return format_html('<img src="{}" alt="" style="max-width:480px">', obj.image.url)

    @admin.display(description="Người tải lên", ordering="uploaded_by__last_name")
    def uploaded_by_name(self, obj):
        return services.full_name(obj.uploaded_by) if obj.uploaded_by else "—"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path(
                "chon/",
                self.admin_site.admin_view(self.chooser_view),
                name="news_mediaimage_chooser",
            ),
            path(
                "<int:pk>/mo-ta/",
                self.admin_site.admin_view(self.describe_view),
                name="news_mediaimage_describe",
            ),
            *super().get_urls(),
        ]

    def chooser_view(self, request):
        """The newest images, or those matching ``q``, for the article editor's chooser."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        images = MediaImage.objects.select_related(None)
        query = request.GET.get("q", "").strip()[:100]
        if query:
            images = images.matching(query)
        rows = []
        for image in images[:CHOOSER_SIZE]:
            try:
                thumb = get_thumbnail(image.image, "160x100", crop="center").url
            except Exception:  # a missing file is left out of the chooser
                continue
            rows.append(
                {"id": image.pk, "url": image.image.url, "thumb": thumb, "alt": image.alt_text}
            )
        return JsonResponse({"images": rows})

    def describe_view(self, request, pk):
        """Save an image's description from the chooser, once for every later use."""
        image = self.get_object(request, str(pk))
        if request.method != "POST" or image is None:
            raise PermissionDenied
        if not self.has_change_permission(request, image):
            raise PermissionDenied
        alt = " ".join(request.POST.get("alt_text", "").split())[:250]
        if not alt:
            return JsonResponse({"error": "Hãy nhập mô tả ảnh."}, status=400)
        image.alt_text = alt
        image.save(update_fields=["alt_text"])
        return JsonResponse({"id": image.pk, "alt": image.alt_text})
