from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from core.text import slugify_vi
from news.images import validate_image_file
from stats.models import ProtectedCountersMixin

from .validators import (
    VIDEO_TYPES,
    extension,
    validate_captions_file,
    validate_video_file,
    validate_youtube_url,
    youtube_id,
)


class PublishedQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(is_published=True, published_at__lte=now or timezone.now())

    def latest_first(self):
        return self.order_by("-published_at", "-id")


class MediaItem(ProtectedCountersMixin, models.Model):
    """What albums and videos share: title, address, publication, view counter."""

    counter_fields = ("view_count",)
    url_name = None

    title = models.CharField("tiêu đề", max_length=300)
    slug = models.SlugField("đường dẫn", max_length=300, blank=True)
    description = models.TextField("mô tả", blank=True)
    published_at = models.DateTimeField("thời gian đăng", default=timezone.now)
    is_published = models.BooleanField("hiển thị", default=True)
    view_count = models.PositiveIntegerField("lượt xem", default=0, editable=False)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.title, max_length=300) or "bai"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(self.url_name, kwargs={"slug": self.slug, "pk": self.pk})

    @property
    def is_public(self):
        return self.is_published and self.published_at <= timezone.now()


class AlbumQuerySet(PublishedQuerySet):
    def for_cards(self):
        """What a card shows without loading photos: the first photo and the photo count."""
        first = Photo.objects.filter(album=models.OuterRef("pk")).order_by("order", "id")
        count = (
            Photo.objects.filter(album=models.OuterRef("pk"))
            .order_by()
            .values("album")
            .annotate(n=models.Count("id"))
            .values("n")
        )
        return self.annotate(
            first_photo=models.Subquery(first.values("image")[:1]),
            photo_count=Coalesce(models.Subquery(count), 0),
        )


class Album(MediaItem):
    url_name = "multimedia:album"

    cover = models.ImageField(
        "ảnh bìa",
        upload_to="multimedia/anh-bia/%Y/%m/",
        blank=True,
        validators=[validate_image_file],
        help_text="Để trống để dùng ảnh đầu tiên của album.",
    )

    objects = AlbumQuerySet.as_manager()

    class Meta(MediaItem.Meta):
        verbose_name = "album ảnh"
        verbose_name_plural = "album ảnh"
        indexes = [models.Index(fields=["is_published", "-published_at"])]

    def cover_image(self):
        """The cover, else the first photo's image (a storage path when annotated by
        ``for_cards``; None for an empty album)."""
        if self.cover:
            return self.cover
        if hasattr(self, "first_photo"):
            return self.first_photo
        photos = getattr(self, "ordered_photos", None)
        first = photos[0] if photos else self.photos.first()
        return first.image if first else None


class Photo(models.Model):
    album = models.ForeignKey(
        Album, verbose_name="album", on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        "ảnh", upload_to="multimedia/anh/%Y/%m/", validators=[validate_image_file]
    )
    caption = models.CharField("chú thích", max_length=500, blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "ảnh"
        verbose_name_plural = "ảnh"

    def __str__(self):
        return self.caption or f"Ảnh {self.pk}"


class Video(MediaItem):
    url_name = "multimedia:video"

    file = models.FileField(
        "tệp video (MP4, WebM)",
        upload_to="multimedia/video/%Y/%m/",
        blank=True,
        validators=[validate_video_file],
    )
    youtube_url = models.URLField(
        "hoặc đường dẫn YouTube",
        blank=True,
        validators=[validate_youtube_url],
        help_text="Video chỉ được tải từ YouTube khi bạn đọc bấm xem.",
    )
    poster = models.ImageField(
        "ảnh đại diện",
        upload_to="multimedia/video-anh/%Y/%m/",
        blank=True,
        validators=[validate_image_file],
    )
    captions = models.FileField(
        "phụ đề tiếng Việt (WebVTT)",
        upload_to="multimedia/phu-de/%Y/%m/",
        blank=True,
        validators=[validate_captions_file],
    )
    duration_seconds = models.PositiveIntegerField("thời lượng (giây)", null=True, blank=True)

    class Meta(MediaItem.Meta):
        verbose_name = "video"
        verbose_name_plural = "video"
        indexes = [models.Index(fields=["is_published", "-published_at"])]

    def clean(self):
        if bool(self.file) == bool(self.youtube_url):
            raise ValidationError(
                "Hãy tải lên một tệp video hoặc nhập một đường dẫn YouTube (chỉ một)."
            )
        if self.file and not self.poster:
            raise ValidationError({"poster": "Video tải lên cần ảnh đại diện."})

    @property
    def mime_type(self):
        return VIDEO_TYPES.get(extension(self.file.name), "") if self.file else ""

    @property
    def youtube_id(self):
        return youtube_id(self.youtube_url)

    @property
    def embed_url(self):
        """youtube-nocookie: no tracking cookie until the reader plays the video."""
        return f"https://www.youtube-nocookie.com/embed/{self.youtube_id}?autoplay=1&rel=0"

    @property
    def duration_display(self):
        if not self.duration_seconds:
            return ""
        minutes, seconds = divmod(self.duration_seconds, 60)
        return f"{minutes}:{seconds:02d}"
