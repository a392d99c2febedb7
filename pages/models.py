"""The department's own pages (introduction, organisation, leaders, contact, privacy notice),
its leaders and the messages readers send through the contact form."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import Resolver404, resolve, reverse
from django.utils.html import strip_tags
from django_ckeditor_5.fields import CKEditor5Field

from core.text import slugify_vi, strip_accents
from news.images import validate_image_file
from news.sanitize import clean_html


def normalize_search_text(*parts):
    """Lower-case, accent-free text: what the search column stores and queries compare to."""
    return " ".join(strip_accents(" ".join(p for p in parts if p)).lower().split())


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def in_menu(self):
        return self.published().filter(show_in_menu=True, parent__isnull=True)

    def matching(self, query):
        """Published pages whose title or text contain every word of ``query``."""
        words = normalize_search_text(query).split()[:8]
        if not words:
            return self.none()
        queryset = self.published()
        for word in words:
            queryset = queryset.filter(search_text__contains=word)
        return queryset


class Page(models.Model):
    class Layout(models.TextChoices):
        PLAIN = "plain", "Trang nội dung"
        LEADERS = "leaders", "Lãnh đạo (kèm danh sách lãnh đạo)"
        CONTACT = "contact", "Liên hệ (kèm thông tin liên hệ và mẫu gửi ý kiến)"

    title = models.CharField("tiêu đề", max_length=200)
    slug = models.SlugField(
        "đường dẫn",
        max_length=100,
        blank=True,
        help_text="Để trống để tạo tự động từ tiêu đề (không dấu). Đổi đường dẫn sẽ làm "
        "thay đổi địa chỉ trang và các trang con.",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="trang cha",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField("địa chỉ", max_length=400, unique=True, editable=False)
    layout = models.CharField(
        "kiểu trang", max_length=12, choices=Layout.choices, default=Layout.PLAIN
    )
    summary = models.CharField(
        "mô tả ngắn", max_length=300, blank=True, help_text="Dùng cho máy tìm kiếm và mạng xã hội."
    )
    body = CKEditor5Field("nội dung", blank=True, config_name="default")
    image = models.ImageField(
        "ảnh (ví dụ bản đồ trang liên hệ)",
        upload_to="pages/%Y/%m/",
        blank=True,
        validators=[validate_image_file],
    )
    image_alt = models.CharField("mô tả ảnh", max_length=300, blank=True)
    show_in_menu = models.BooleanField(
        "hiện trên menu", default=False, help_text="Chỉ trang cấp trên cùng được đưa lên menu."
    )
    order = models.PositiveIntegerField("thứ tự", default=0)
    is_published = models.BooleanField("hiển thị", default=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)
    search_text = models.TextField(editable=False, blank=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = "trang giới thiệu"
        verbose_name_plural = "trang giới thiệu"

    def __str__(self):
        return self.path and f"/{self.path}/ — {self.title}" or self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.title, max_length=100) or "trang"
        self.body = clean_html(self.body)
        old_path = None
        if self.pk:
            old_path = Page.objects.filter(pk=self.pk).values_list("path", flat=True).first()
        self.path = self.build_path()
        self.search_text = normalize_search_text(self.title, self.summary, strip_tags(self.body))
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in self.children.all():
                child.save()

    def get_absolute_url(self):
        return reverse("pages:page", kwargs={"path": self.path})

    def clean(self):
        if not self.slug:
            self.slug = slugify_vi(self.title, max_length=100) or "trang"
        if self.image and not self.image_alt.strip():
            raise ValidationError({"image_alt": "Hãy mô tả ảnh cho người đọc không nhìn thấy ảnh."})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "Trang không thể nằm trong chính nó."})
            ancestor = ancestor.parent
        path = self.build_path()
        if Page.objects.exclude(pk=self.pk).filter(path=path).exists():
            raise ValidationError({"slug": f"Đã có trang ở địa chỉ /{path}/."})
        try:
            match = resolve(f"/{path}/")
        except Resolver404:
            match = None
        if match is not None and match.view_name != "pages:page":
            raise ValidationError(
                {"slug": f"Địa chỉ /{path}/ đã được dùng cho phần khác của cổng."}
            )

    def build_path(self):
        prefix = f"{self.parent.path}/" if self.parent_id else ""
        return prefix + self.slug

    def ancestors(self):
        """From the top page down to this page's parent."""
        chain, page = [], self.parent
        while page is not None:
            chain.insert(0, page)
            page = page.parent
        return chain


class LeaderQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Leader(models.Model):
    name = models.CharField("họ và tên", max_length=150)
    position = models.CharField("chức vụ", max_length=200)
    photo = models.ImageField(
        "ảnh chân dung", upload_to="pages/lanh-dao/", blank=True, validators=[validate_image_file]
    )
    bio = models.TextField("tiểu sử tóm tắt", blank=True)
    duties = models.TextField("nhiệm vụ được phân công", blank=True)
    phone = models.CharField("điện thoại", max_length=50, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("đang công tác", default=True)

    objects = LeaderQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "lãnh đạo Ban"
        verbose_name_plural = "lãnh đạo Ban"

    def __str__(self):
        return f"{self.name} — {self.position}"


class ContactMessage(models.Model):
    MAX_LENGTH = 3000

    name = models.CharField("họ và tên", max_length=100)
    email = models.EmailField("thư điện tử")
    phone = models.CharField("điện thoại", max_length=30, blank=True)
    subject = models.CharField("tiêu đề", max_length=200)
    message = models.TextField("nội dung", max_length=MAX_LENGTH)
    created_at = models.DateTimeField("thời gian gửi", auto_now_add=True)
    ip_hash = models.CharField("mã IP", max_length=64, blank=True)
    handled = models.BooleanField("đã xử lý", default=False)
    note = models.TextField("ghi chú xử lý", blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "thư liên hệ"
        verbose_name_plural = "thư liên hệ"

    def __str__(self):
        return f"{self.name}: {self.subject}"
