from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from sorl.thumbnail import get_thumbnail

from . import services
from .models import Article, Category, Comment, Rating, Tag

PUBLISH_PERMISSION = "news.publish_article"


def can_publish(request):
    return request.user.has_perm(PUBLISH_PERMISSION)


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


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "thumbnail",
        "title",
        "category",
        "status",
        "published_at",
        "view_count",
        "featured",
        "author",
    ]
    list_display_links = ["thumbnail", "title"]
    list_filter = ["status", "category", "featured", "published_at"]
    search_fields = ["title", "lead", "byline"]
    date_hierarchy = "published_at"
    list_select_related = ["category", "author"]
    list_per_page = 30
    autocomplete_fields = ["tags"]
    readonly_fields = [
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
                    "status",
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
            thumb = get_thumbnail(obj.cover, "80x54", crop="center")
        except Exception:  # a missing file must not break the list
            return "—"
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="">', thumb.url, thumb.width, thumb.height
        )

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
            fields += ["reject_reason", "featured"]
        return fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "category" and not can_publish(request):
            kwargs["queryset"] = allowed_categories(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not can_publish(request):
            kwargs["choices"] = [
                (Article.Status.DRAFT, Article.Status.DRAFT.label),
                (Article.Status.PENDING, "Gửi duyệt"),
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

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

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        if not can_publish(request) and obj.status not in (
            Article.Status.DRAFT,
            Article.Status.PENDING,
        ):
            obj.status = Article.Status.PENDING
        if obj.status != Article.Status.REJECTED and can_publish(request):
            obj.reject_reason = ""
        super().save_model(request, obj, form, change)

    @admin.action(description="Xuất bản các bài đã chọn", permissions=["publish"])
    def publish_selected(self, request, queryset):
        now = timezone.now()
        count = 0
        # One save per article (not update()): post_save refreshes the cached pages.
        for article in queryset.exclude(status=Article.Status.PUBLISHED):
            article.status = Article.Status.PUBLISHED
            article.published_at = article.published_at or now
            article.reject_reason = ""
            article.save()
            count += 1
        self.message_user(request, f"Đã xuất bản {count} bài viết.", messages.SUCCESS)

    @admin.action(description="Gỡ xuống (chuyển về bản nháp)", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = 0
        # One save per article (not update()): post_save refreshes the cached pages.
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.status = Article.Status.DRAFT
            article.save()
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

    def get_queryset(self, request):
        # Pending comments first: they are the moderators' queue.
        return (
            super()
            .get_queryset(request)
            .annotate(
                queue=Case(
                    When(status=Comment.Status.PENDING, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("queue", "-created_at")
        )

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
