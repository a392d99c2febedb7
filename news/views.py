from functools import wraps

from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from django_ratelimit.decorators import ratelimit

from core import redis as portal_redis
from core.pagination import BoundedPaginator, page_numbers
from stats.bots import is_bot
from stats.counters import mark_view
from stats.visitors import ip_hash, visitor_id

from . import services
from .forms import CommentForm, RatingForm
from .images import dated_name, open_checked_image, reencode
from .models import Article, Category, MediaImage

PAGE_SIZE = 12
NEIGHBOURS = 5
# "<article id>-<score>" of the articles this browser rated, read by news.js to show the
# reader's own score on the cached page (the server's Rating rows decide; this only shows).
RATED_COOKIE = "news_rated"
RATED_COOKIE_MAX = 50
COMMENT_RATE_IP = "5/10m"
COMMENT_RATE_VISITOR = "3/10m"
RATING_RATE = "30/10m"


class ListingView(TemplateView):
    """A paginated list of articles (the page cache keeps the whole page)."""

    show_category = False

    def listing_name(self):
        """Names the list for its cached count (core.pagination)."""
        raise NotImplementedError

    def get_queryset(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # An out-of-range or garbage ?page= shows the nearest page instead of a 404.
        paginator = BoundedPaginator(
            self.get_queryset(), PAGE_SIZE, count_key=f"news:{self.listing_name()}"
        )
        page = paginator.get_page(self.request.GET.get("page"))
        context.update(
            page_obj=page,
            articles=page.object_list,
            page_numbers=page_numbers(page),
            show_category=self.show_category,
        )
        return context


class LatestView(ListingView):
    template_name = "news/latest.html"
    show_category = True

    def listing_name(self):
        return "latest"

    def get_queryset(self):
        return Article.objects.published().for_listing()


class CategoryView(ListingView):
    template_name = "news/category.html"

    @cached_property
    def category(self):
        return get_object_or_404(
            Category.objects.select_related("parent"), slug=self.kwargs["category"]
        )

    def listing_name(self):
        return f"category:{self.category.pk}"

    def get_queryset(self):
        return Article.objects.published().in_category(self.category).for_listing()

    def get_context_data(self, **kwargs):
        # The URL's slug gives way to the Category it names.
        return super().get_context_data(**{**kwargs, "category": self.category})


def article_context(request, article, comment_form=None, preview=False):
    """The article page's context (the page cache keeps the whole page for readers)."""
    tags = list(article.tags.all())
    published = Article.objects.published()
    newer, older = [], []
    if article.published_at:
        newer = list(published.newer_than(article)[:NEIGHBOURS])[::-1]
        older = list(published.older_than(article)[:NEIGHBOURS])
    return {
        "article": article,
        "category": article.category,
        "tags": tags,
        "newer": newer,
        "older": older,
        "related": published.related_to(
            article,
            [t.pk for t in tags],
            exclude=[article.pk, *(a.pk for a in newer + older)],
            count=NEIGHBOURS,
        ),
        "comments": list(article.comments.approved()) if article.accepts_comments else [],
        # None on a GET: the template shows the empty form, whose captcha waits for the
        # reader to start a comment (no DB write).
        "comment_form": comment_form,
        "visitor_score": getattr(article, "visitor_score", None),
        "preview": preview,
        "absolute_url": request.build_absolute_uri(None if preview else article.get_absolute_url()),
    }


def _public_article(pk, visitor=None):
    """The public article ``pk`` (404 otherwise); with ``visitor``, also the score this
    visitor gave it (``visitor_score``, None if not rated) in the same query.

    Fetched by primary key and checked with ``is_public`` (the same rule as
    ``published()``): a cheaper query to build on every article view."""
    queryset = Article.objects.select_related("category").defer(
        "search_vector",  # the trigger's tsvector: large and never shown
    )
    if visitor:
        queryset = queryset.with_visitor_score(visitor)
    article = queryset.filter(pk=pk).first()
    if article is None or not article.is_public:
        raise Http404("Không tìm thấy bài viết.")
    return article


def article_detail(request, category, slug, pk):
    # A page the page cache may keep shows no reader's own score: the form answers instead.
    visitor = None if getattr(request, "page_cache", False) else visitor_id(request)
    article = _public_article(pk, visitor)
    if slug != article.slug or category != article.category.slug:
        return redirect(article.get_absolute_url(), permanent=True)
    response = render(request, "news/article.html", article_context(request, article))
    return mark_view(response, article)  # counted on every hit of the cached page too


@staff_member_required
def article_preview(request, pk):
    """Staff see any article (draft, pending, scheduled) as readers will."""
    if not request.user.has_perm("news.view_article"):
        raise PermissionDenied
    # The admin's own rule decides which articles this editor sees (their categories).
    visible = admin.site.get_model_admin(Article).get_queryset(request)
    article = get_object_or_404(visible.select_related("category", "category__parent"), pk=pk)
    return render(request, "news/article.html", article_context(request, article, preview=True))


def refuse_bots(view):
    """403 for crawlers and scripts, before the rate limits count them."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if is_bot(request):
            raise PermissionDenied("Trình thu thập tự động không được gửi ý kiến.")
        return view(request, *args, **kwargs)

    return wrapped


# block=True: RatelimitMiddleware answers with the site's 429 page (RATELIMIT_VIEW).
@require_POST
@refuse_bots
@ratelimit(key="stats.visitors.rate_key", rate=RATING_RATE, method="POST", block=True)
def rate(request, category, slug, pk):
    article = _public_article(pk)
    form = RatingForm(request.POST)
    if not article.allow_rating:
        messages.error(request, "Bài viết này không nhận đánh giá.")
    elif portal_redis.is_backing_off():
        # The per-address limit lives in Redis: without it, refuse rather than allow unlimited.
        messages.error(
            request, "Hệ thống tạm thời chưa nhận đánh giá. Vui lòng thử lại sau ít phút."
        )
    elif not form.is_valid():
        messages.error(request, form.errors["score"][0])
    elif services.rate_article(article, visitor_id(request), form.cleaned_data["score"]):
        messages.success(request, "Cảm ơn bạn đã đánh giá bài viết.")
    else:
        messages.info(request, "Bạn đã đánh giá bài viết này rồi. Mỗi người chỉ đánh giá một lần.")
    response = redirect(article.get_absolute_url() + "#danh-gia")
    score = services.visitor_score(article, visitor_id(request))
    if score:
        _remember_rating(request, response, article, score)
    return response


def _remember_rating(request, response, article, score):
    kept = [
        item
        for item in request.COOKIES.get(RATED_COOKIE, "").split(".")
        if item.count("-") == 1
        and item.replace("-", "").isdigit()
        and item.split("-")[0] != str(article.pk)
    ]
    kept = [*kept, f"{article.pk}-{score}"][-RATED_COOKIE_MAX:]
    response.set_cookie(
        RATED_COOKIE, ".".join(kept), max_age=365 * 24 * 3600, samesite="Lax", httponly=False
    )


@require_POST
@refuse_bots
@ratelimit(key="stats.visitors.rate_key", rate=COMMENT_RATE_IP, method="POST", block=True)
@ratelimit(
    key="stats.visitors.visitor_rate_key", rate=COMMENT_RATE_VISITOR, method="POST", block=True
)
def comment(request, category, slug, pk):
    article = _public_article(pk, visitor_id(request))
    if not article.accepts_comments:
        messages.error(request, "Bài viết này không nhận bình luận.")
        return redirect(article.get_absolute_url())
    form = CommentForm(request.POST)
    if not form.is_valid():
        # Sent without a captcha (no JavaScript): ask for one, keeping what was typed.
        status = 200 if form.only_captcha_missing() else 400
        context = article_context(request, article, comment_form=form)
        return render(request, "news/article.html", context, status=status)
    services.submit_comment(
        article,
        name=form.cleaned_data["name"],
        email=form.cleaned_data["email"],
        text=form.cleaned_data["text"],
        visitor=visitor_id(request),
        ip_hash=ip_hash(request),
    )
    # Tagged "comment": shown next to the form, where the reader is looking (comments.html).
    messages.success(
        request,
        "Cảm ơn bạn đã gửi bình luận. Bình luận của bạn sẽ được biên tập trước khi đăng.",
        extra_tags="comment",
    )
    return redirect(article.get_absolute_url() + "#binh-luan-da-gui")


def _upload_error(message, status=400):
    return JsonResponse({"error": {"message": message}}, status=status)


@require_POST
def upload_image(request):
    """CKEditor 5 image upload: staff only; the image is checked and re-encoded."""
    if not (request.user.is_active and request.user.is_staff):
        return _upload_error("Bạn không có quyền tải ảnh lên.", status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return _upload_error("Chưa chọn tệp ảnh.")
    try:
        image = open_checked_image(upload)
        data, extension = reencode(image)
    except ValidationError as exc:
        return _upload_error(exc.messages[0])
    name = default_storage.save(dated_name(extension), ContentFile(data))
    # Every inline image joins the media library, to be described once and reused.
    MediaImage.objects.create(image=name, uploaded_by=request.user)
    return JsonResponse({"url": default_storage.url(name)})
