import reversion
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django_ckeditor_5.fields import CKEditor5Field

from core.text import fold, slugify_vi
from core.trash import LiveManager, TrashableModel
from stats.models import ProtectedCountersMixin

from .images import validate_image_file
from .sanitize import clean_html

# Immutable wrapper around unaccent(), created by migration 0001: indexes accept only
# immutable functions.
UNACCENT_FUNCTION = "news_unaccent"
# Paths under /tin-tuc/ that are not categories.
RESERVED_CATEGORY_SLUGS = {"xem-truoc", "tai-anh"}
SCHEDULED_LABEL = "Hẹn giờ"


class Tag(models.Model):
    name = models.CharField("tên", max_length=100, unique=True)
    slug = models.SlugField("đường dẫn", max_length=120, unique=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "từ khóa"
        verbose_name_plural = "từ khóa"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.name, max_length=120)
        super().save(*args, **kwargs)


class CategoryQuerySet(models.QuerySet):
    def tree(self):
        """{category id: parent id} of every category, from one query."""
        return dict(self.values_list("pk", "parent_id"))

    def top_level_ids(self):
        """{category id: id of its top-level ancestor}: a home block holds a whole branch."""
        parents = self.tree()
        roots = {}
        for pk in parents:
            top, seen = pk, {pk}
            while parents.get(top) is not None and parents[top] not in seen:
                top = parents[top]
                seen.add(top)
            roots[pk] = top
        return roots


class Category(models.Model):
    name = models.CharField("tên chuyên mục", max_length=150)
    slug = models.SlugField(
        "đường dẫn",
        max_length=160,
        unique=True,
        blank=True,
        help_text="Để trống để tạo tự động từ tên (không dấu).",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="chuyên mục cha",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField("mô tả", blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)
    show_in_menu = models.BooleanField("hiện trên menu", default=True)
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="biên tập viên phụ trách",
        blank=True,
        related_name="news_categories",
        help_text="Biên tập viên có tên ở đây chỉ được viết bài trong các chuyên mục của mình.",
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.name, max_length=160)
        if self.slug in RESERVED_CATEGORY_SLUGS:
            self.slug = f"{self.slug}-chuyen-muc"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:category", kwargs={"category": self.slug})

    def clean(self):
        if self.parent_id and self.pk and self.parent_id in self.family_ids():
            raise ValidationError(
                {"parent": "Chuyên mục cha không thể là chính nó hoặc một chuyên mục con của nó."}
            )

    def family_ids(self):
        """This category's id and those of its sub-categories at every depth (one query):
        NukeViet sites nest categories more than two levels deep."""
        children = {}
        for pk, parent_id in Category.objects.tree().items():
            children.setdefault(parent_id, []).append(pk)
        family, queue = [self.pk], [self.pk]
        while queue:
            for child in children.get(queue.pop(), []):
                if child not in family:
                    family.append(child)
                    queue.append(child)
        return family


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Visible to the public: published, due, not expired."""
        now = now or timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )

    def scheduled(self, now=None):
        """Approved for publication at a time still to come ("Hẹn giờ")."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=now or timezone.now())

    def in_category(self, category):
        """Articles of ``category`` and of its sub-categories."""
        # An id list, not a join on the parent: it lets PostgreSQL use the category index.
        return self.filter(category_id__in=category.family_ids())

    def featured(self):
        return self.filter(featured=True)

    def newer_than(self, article):
        """Of these, the ones of ``article``'s category published after it, oldest first."""
        return (
            self.filter(category_id=article.category_id, published_at__gt=article.published_at)
            .for_listing()
            .order_by("published_at", "id")
        )

    def older_than(self, article):
        """Of these, the ones of ``article``'s category published before it, newest first."""
        return self.filter(
            category_id=article.category_id, published_at__lt=article.published_at
        ).for_listing()

    def related_to(self, article, tag_ids, exclude=(), count=5):
        """Up to ``count`` of these sharing most of ``tag_ids``, topped up with the newest of
        ``article``'s category (one more query, only when the tags found too few)."""
        related = []
        if tag_ids:
            related = list(
                self.filter(tags__in=tag_ids)
                .exclude(pk__in=exclude)
                .annotate(shared=Count("id"))
                .for_listing()
                .order_by("-shared", "-published_at")[:count]
            )
        if len(related) < count:
            related += list(
                self.filter(category_id=article.category_id)
                .exclude(pk__in=[*exclude, *(a.pk for a in related)])
                .for_listing()[: count - len(related)]
            )
        return related

    def with_visitor_score(self, visitor):
        """Annotate ``visitor_score``: the stars ``visitor`` gave (None if not rated).

        A correlated lookup on the unique (article, visitor) index: no extra query."""
        score = Rating.objects.filter(article=models.OuterRef("pk"), visitor=visitor)
        return self.annotate(visitor_score=models.Subquery(score.values("score")[:1]))

    def latest_first(self):
        return self.order_by("-published_at", "-id")

    def for_listing(self):
        """Only what cards and lists show (no body): for home, category and feeds."""
        return (
            self.select_related("category")
            .only(
                "id",
                "title",
                "slug",
                "lead",
                "cover",
                "cover_caption",
                "published_at",
                "featured",
                "view_count",
                "category__id",
                "category__name",
                "category__slug",
            )
            .latest_first()
        )


class Article(ProtectedCountersMixin, TrashableModel):
    counter_fields = ("view_count", "rating_total", "rating_count")

    class Status(models.TextChoices):
        DRAFT = "draft", "Bản nháp"
        PENDING = "pending", "Chờ duyệt"
        PUBLISHED = "published", "Đã xuất bản"
        REJECTED = "rejected", "Bị trả lại"

    title = models.CharField("tiêu đề", max_length=300)
    slug = models.SlugField("đường dẫn", max_length=300, blank=True)
    category = models.ForeignKey(
        Category, verbose_name="chuyên mục", on_delete=models.PROTECT, related_name="articles"
    )
    tags = models.ManyToManyField(Tag, verbose_name="từ khóa", blank=True, related_name="articles")
    lead = models.TextField("sa pô (tóm tắt)", blank=True)
    body = CKEditor5Field("nội dung", blank=True, config_name="default")
    cover = models.ImageField(
        "ảnh đại diện",
        upload_to="news/anh-dai-dien/%Y/%m/",
        blank=True,
        validators=[validate_image_file],
    )
    cover_caption = models.CharField("chú thích ảnh đại diện", max_length=300, blank=True)
    byline = models.CharField(
        "tác giả (dòng ký tên)", max_length=200, blank=True, help_text="Ví dụ: Tin, ảnh: Minh Anh"
    )
    source = models.CharField(
        "nguồn", max_length=200, blank=True, help_text="Với bài đăng lại: tên báo, trang gốc."
    )
    republished = models.BooleanField(
        "bài đăng lại",
        default=False,
        help_text="Bài lấy từ nguồn khác: phải ghi nguồn, tác giả, ngày đăng gốc và đường dẫn "
        "gốc; bài đăng lại không nhận bình luận.",
    )
    original_author = models.CharField("tác giả bài gốc", max_length=200, blank=True)
    original_published_on = models.DateField("ngày đăng bài gốc", null=True, blank=True)
    source_url = models.URLField("đường dẫn bài gốc", max_length=500, blank=True)
    status = models.CharField(
        "trạng thái", max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    reject_reason = models.TextField("lý do trả lại", blank=True)
    published_at = models.DateTimeField(
        "thời gian xuất bản",
        null=True,
        blank=True,
        help_text="Đặt thời điểm trong tương lai để hẹn giờ đăng.",
    )
    expires_at = models.DateTimeField("hết hạn hiển thị", null=True, blank=True)
    featured = models.BooleanField("tin nổi bật", default=False)
    allow_comments = models.BooleanField("cho phép bình luận", default=True)
    allow_rating = models.BooleanField("cho phép đánh giá", default=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_articles",
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)
    view_count = models.PositiveIntegerField("lượt xem", default=0, editable=False)
    rating_total = models.PositiveIntegerField("tổng điểm", default=0, editable=False)
    rating_count = models.PositiveIntegerField("số lượt đánh giá", default=0, editable=False)
    # Kept by a database trigger on title, lead and body only (migration 0003): the
    # counter flush updates view_count of thousands of rows and must not re-index them.
    search_vector = SearchVectorField(null=True, editable=False)

    # The first manager is the default one: public pages, feeds, sitemaps, search and the API
    # never see the trash; the admin's trash view reads all_objects.
    objects = LiveManager.from_queryset(ArticleQuerySet)()
    all_objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"
        permissions = [
            ("publish_article", "Có thể duyệt, xuất bản, gỡ bài"),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="news_article_pub_idx"),
            # The public lists: published() in the order they show, partial on the status
            # (trash excluded, as the default manager does) and covering expires_at, so that
            # pages and counts read only the index.
            models.Index(
                fields=["-published_at", "-id"],
                name="news_article_public_idx",
                include=["expires_at"],
                condition=Q(status="published", deleted_at__isnull=True),
            ),
            models.Index(
                fields=["category", "-published_at", "-id"],
                name="news_article_cat_public_idx",
                include=["expires_at"],
                condition=Q(status="published", deleted_at__isnull=True),
            ),
            # The next expiry (the page cache's freshness limit), read by index, not by scan.
            models.Index(
                fields=["expires_at"],
                name="news_article_expiry_idx",
                condition=Q(status="published", deleted_at__isnull=True, expires_at__isnull=False),
            ),
            GinIndex(fields=["search_vector"], name="news_article_search_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.title, max_length=300) or "bai-viet"
        self.body = clean_html(self.body)
        if self.status == self.Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.now()
        if self.republished:
            self.allow_comments = False
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "news:article",
            kwargs={"category": self.category.slug, "slug": self.slug, "pk": self.pk},
        )

    def clean(self):
        if self.status == self.Status.REJECTED and not self.reject_reason.strip():
            raise ValidationError({"reject_reason": "Hãy ghi lý do trả lại bài."})
        if self.expires_at and self.published_at and self.expires_at <= self.published_at:
            raise ValidationError({"expires_at": "Thời điểm hết hạn phải sau thời điểm xuất bản."})
        if self.republished:
            self._clean_republished()

    def _clean_republished(self):
        required = {
            "source": "Bài đăng lại phải ghi tên nguồn.",
            "original_author": "Bài đăng lại phải ghi tác giả bài gốc.",
            "original_published_on": "Bài đăng lại phải ghi ngày đăng bài gốc.",
            "source_url": "Bài đăng lại phải ghi đường dẫn bài gốc.",
        }
        errors = {
            name: message
            for name, message in required.items()
            if not str(getattr(self, name) or "").strip()
        }
        if self.original_published_on and self.original_published_on > timezone.localdate():
            errors["original_published_on"] = "Ngày đăng bài gốc không thể ở tương lai."
        if errors:
            raise ValidationError(errors)

    @property
    def is_public(self):
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def status_label(self):
        """The status an editor reads: a published article still to come is "Hẹn giờ"."""
        return SCHEDULED_LABEL if self.is_scheduled else self.get_status_display()

    @property
    def accepts_comments(self):
        """Republished articles never take comments, whatever the flag says."""
        return self.allow_comments and not self.republished

    @property
    def rating_average(self):
        return round(self.rating_total / self.rating_count, 1) if self.rating_count else 0

    @property
    def rating_stars(self):
        """Five stars for the average: "full", "half" or "empty" each (4.3 -> 4 full, 1 half)."""
        average = self.rating_average
        return [
            "full" if average >= n - 0.25 else "half" if average >= n - 0.75 else "empty"
            for n in range(1, 6)
        ]


# Revisions (django-reversion) of what editors write; counters and the index are not content.
reversion.register(
    Article, exclude=["view_count", "rating_total", "rating_count", "search_vector", "updated_at"]
)


class Rating(models.Model):
    article = models.ForeignKey(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="ratings"
    )
    visitor = models.CharField("khách", max_length=64)
    score = models.PositiveSmallIntegerField(
        "điểm", validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    created_at = models.DateTimeField("thời gian", auto_now_add=True)

    class Meta:
        verbose_name = "đánh giá"
        verbose_name_plural = "đánh giá"
        constraints = [
            models.UniqueConstraint(fields=["article", "visitor"], name="news_rating_once"),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="news_rating_score_range"
            ),
        ]

    def __str__(self):
        return f"{self.article_id}: {self.score}"


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Chờ duyệt"
        APPROVED = "approved", "Đã duyệt"
        REJECTED = "rejected", "Từ chối"

    MAX_LENGTH = 1000

    article = models.ForeignKey(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="comments"
    )
    name = models.CharField("họ và tên", max_length=100)
    email = models.EmailField("thư điện tử", blank=True)
    text = models.TextField("nội dung", max_length=MAX_LENGTH)
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.PENDING
    )
    visitor = models.CharField("khách", max_length=64, blank=True)
    ip_hash = models.CharField("mã IP", max_length=64, blank=True)
    created_at = models.DateTimeField("thời gian gửi", auto_now_add=True)
    moderated_at = models.DateTimeField("thời gian duyệt", null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = "bình luận"
        verbose_name_plural = "bình luận"
        indexes = [models.Index(fields=["article", "status", "created_at"])]

    def __str__(self):
        return f"{self.name}: {self.text[:50]}"


class ReviewNotice(models.Model):
    """Tells a chief editor that an article waits for review; shown on the admin home."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhận",
        on_delete=models.CASCADE,
        related_name="review_notices",
    )
    article = models.ForeignKey(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="review_notices"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người gửi",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("thời gian gửi", auto_now_add=True)
    read_at = models.DateTimeField("đã xem lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "thông báo bài chờ duyệt"
        verbose_name_plural = "thông báo bài chờ duyệt"
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return f"{self.article} → {self.recipient}"


class EditorPreference(models.Model):
    """A staff member's choices about notifications."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="người dùng",
        on_delete=models.CASCADE,
        related_name="editor_preference",
    )
    email_on_review = models.BooleanField(
        "nhận e-mail khi có bài gửi duyệt",
        default=False,
        help_text="Gửi thư đến địa chỉ e-mail của tài khoản mỗi khi có bài mới chờ duyệt.",
    )

    class Meta:
        verbose_name = "tùy chọn thông báo"
        verbose_name_plural = "tùy chọn thông báo"

    def __str__(self):
        return str(self.user)


class MediaImageQuerySet(models.QuerySet):
    def matching(self, query):
        """Images whose description or title holds every word of ``query``, accents ignored."""

        folded = {
            name: models.Func(models.F(name), function="unaccent") for name in ("alt_text", "title")
        }
        queryset = self.annotate(folded_alt=folded["alt_text"], folded_title=folded["title"])
        for word in fold(query).split():
            queryset = queryset.filter(
                Q(folded_alt__icontains=word) | Q(folded_title__icontains=word)
            )
        return queryset


class MediaImage(models.Model):
    """An image in the media library: uploaded once, described once, reused in articles."""

    image = models.ImageField(
        "ảnh", upload_to="news/anh/%Y/%m/", validators=[validate_image_file], max_length=255
    )
    alt_text = models.CharField(
        "mô tả ảnh",
        max_length=250,
        blank=True,
        help_text="Câu ngắn tả nội dung ảnh cho người khiếm thị và máy tìm kiếm; "
        "ghi một lần, dùng lại mỗi khi chèn ảnh.",
    )
    title = models.CharField("tên ảnh", max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("ngày tải lên", auto_now_add=True)

    objects = MediaImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "ảnh trong thư viện"
        verbose_name_plural = "thư viện ảnh"

    def __str__(self):
        return self.alt_text or self.title or self.image.name.rsplit("/", 1)[-1]
