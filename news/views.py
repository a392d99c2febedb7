from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.functional import cached_property
from django.utils.module_loading import import_string
from django.views.decorators.http import require_POST
from django.views.generic import ListView
from django_ratelimit.decorators import ratelimit

from stats.bots import is_bot
from stats.counters import record_view
from stats.visitors import ip_hash, visitor_id

from . import services
from .forms import CommentForm, RatingForm
from .images import dated_name, open_checked_image, reencode
from .models import Article, Category

PAGE_SIZE = 12
DOCUMENTS_RESULTS_TEMPLATE = "documents/includes/search_results.html"
NEIGHBOURS = 5
COMMENT_RATE_IP = getattr(settings, "NEWS_COMMENT_RATE_IP", "5/10m")
COMMENT_RATE_VISITOR = getattr(settings, "NEWS_COMMENT_RATE_VISITOR", "3/10m")
RATING_RATE = getattr(settings, "NEWS_RATING_RATE", "30/10m")


def ratelimit_visitor(group, request):
    """django-ratelimit key: the visitor (cookie or keyed hash)."""
    return visitor_id(request)


def page_numbers(page_obj):
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2))


class PagedListView(ListView):
    paginate_by = PAGE_SIZE

    def paginate_queryset(self, queryset, page_size):
        # An out-of-range or garbage ?page= shows the nearest page instead of a 404.
        paginator = Paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_numbers"] = page_numbers(context["page_obj"])
        return context


class LatestView(PagedListView):
    template_name = "news/latest.html"
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().for_listing()


class CategoryView(PagedListView):
    template_name = "news/category.html"
    context_object_name = "articles"

    @cached_property
    def category(self):
        return get_object_or_404(
            Category.objects.select_related("parent"), slug=self.kwargs["category"]
        )

    def get_queryset(self):
        return Article.objects.published().in_category(self.category).for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


def _neighbours(article):
    same = Article.objects.published().filter(category_id=article.category_id).for_listing()
    newer = list(
        same.filter(published_at__gt=article.published_at).order_by("published_at", "id")[
            :NEIGHBOURS
        ]
    )
    newer.reverse()
    older = list(same.filter(published_at__lt=article.published_at)[:NEIGHBOURS])
    return newer, older


def _related(article, tag_ids, exclude_ids):
    """Articles sharing most tags; fewer than five are topped up with the newest of the
    category (one more query, only then)."""
    published = Article.objects.published()
    related = []
    if tag_ids:
        related = list(
            published.filter(tags__in=tag_ids)
            .exclude(pk__in=exclude_ids)
            .annotate(shared=Count("id"))
            .for_listing()
            .order_by("-shared", "-published_at")[:NEIGHBOURS]
        )
    if len(related) < NEIGHBOURS:
        related += list(
            published.filter(category_id=article.category_id)
            .exclude(pk__in=[*exclude_ids, *(a.pk for a in related)])
            .for_listing()[: NEIGHBOURS - len(related)]
        )
    return related


def article_context(request, article, comment_form=None, preview=False):
    tags = list(article.tags.all())
    newer, older = _neighbours(article) if article.published_at else ([], [])
    exclude = [article.pk] + [a.pk for a in newer + older]
    context = {
        "article": article,
        "category": article.category,
        "tags": tags,
        "newer": newer,
        "older": older,
        "related": _related(article, [t.pk for t in tags], exclude),
        "comments": list(article.comments.approved()) if article.allow_comments else [],
        # On a GET the captcha waits for the reader to start a comment (no DB write).
        "comment_form": comment_form or CommentForm(defer_captcha=True),
        "rating_form": RatingForm(),
        "visitor_score": getattr(article, "visitor_score", None),
        "preview": preview,
        "absolute_url": request.build_absolute_uri(article.get_absolute_url())
        if article.pk and not preview
        else request.build_absolute_uri(),
    }
    return context


def _public_article(pk, visitor=None):
    """The public article ``pk`` (404 otherwise); with ``visitor``, also the score this
    visitor gave it (``visitor_score``, None if not rated) in the same query."""
    queryset = (
        Article.objects.published()
        .select_related("category", "category__parent")
        .defer("search_vector")  # the trigger's tsvector: large and never shown
    )
    if visitor:
        queryset = queryset.with_visitor_score(visitor)
    article = queryset.filter(pk=pk).first()
    if article is None:
        raise Http404("Không tìm thấy bài viết.")
    return article


def article_detail(request, category, slug, pk):
    article = _public_article(pk, visitor_id(request))
    if slug != article.slug or category != article.category.slug:
        return redirect(article.get_absolute_url(), permanent=True)
    record_view(article, request)
    return render(request, "news/article.html", article_context(request, article))


@staff_member_required
def article_preview(request, pk):
    """Staff see any article (draft, pending, scheduled) as readers will."""
    if not request.user.has_perm("news.view_article"):
        raise PermissionDenied
    article = get_object_or_404(
        Article.objects.select_related("category", "category__parent"), pk=pk
    )
    return render(request, "news/article.html", article_context(request, article, preview=True))


def _refuse_bots(request):
    if is_bot(request):
        raise PermissionDenied("Trình thu thập tự động không được gửi ý kiến.")


def _limited_response(request):
    """The site's Vietnamese 429 page when a rate limit was hit, else None."""
    if getattr(request, "limited", False):
        return import_string(settings.RATELIMIT_VIEW)(request)
    return None


@require_POST
@ratelimit(key="portal.http.ratelimit_ip", rate=RATING_RATE, method="POST", block=False)
def rate(request, category, slug, pk):
    _refuse_bots(request)
    if limited := _limited_response(request):
        return limited
    article = _public_article(pk)
    form = RatingForm(request.POST)
    if not article.allow_rating:
        messages.error(request, "Bài viết này không nhận đánh giá.")
    elif not form.is_valid():
        messages.error(request, form.errors["score"][0])
    elif services.rate_article(article, visitor_id(request), form.cleaned_data["score"]):
        messages.success(request, "Cảm ơn bạn đã đánh giá bài viết.")
    else:
        messages.info(request, "Bạn đã đánh giá bài viết này rồi. Mỗi người chỉ đánh giá một lần.")
    return redirect(article.get_absolute_url() + "#danh-gia")


@require_POST
@ratelimit(key="portal.http.ratelimit_ip", rate=COMMENT_RATE_IP, method="POST", block=False)
@ratelimit(key=ratelimit_visitor, rate=COMMENT_RATE_VISITOR, method="POST", block=False)
def comment(request, category, slug, pk):
    _refuse_bots(request)
    if limited := _limited_response(request):
        return limited
    article = _public_article(pk, visitor_id(request))
    if not article.allow_comments:
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
    messages.success(
        request,
        "Cảm ơn bạn đã gửi bình luận. Bình luận của bạn sẽ được biên tập trước khi đăng.",
    )
    return redirect(article.get_absolute_url() + "#binh-luan")


def search(request):
    raw = request.GET.get("q", "")
    context = {"query": raw[: services.SEARCH_MAX_LENGTH], "searched": "q" in request.GET}
    if context["searched"]:
        try:
            query = services.clean_query(raw)
        except services.SearchQueryError as exc:
            context["error"] = str(exc)
        else:
            page = Paginator(services.search_articles(query), PAGE_SIZE).get_page(
                request.GET.get("page")
            )
            for article in page.object_list:
                article.snippet = services.highlight(f"{article.lead} {article.body}", query)
                article.highlighted_title = services.highlight(article.title, query, 1000)
            context.update(
                query=query,
                page_obj=page,
                articles=page.object_list,
                page_numbers=page_numbers(page),
                documents=_documents(query, request.user) if page.number == 1 else [],
                documents_template=_documents_template(),
            )
    return render(request, "news/search.html", context)


def _documents(query, user):
    try:
        from documents.search import search_documents
    except ImportError:  # the documents app adds its search later
        return []
    return list(search_documents(query, user)[:10])


def _documents_template():
    # The documents app owns the real include; until it ships, a plain list stands in.
    try:
        return get_template(DOCUMENTS_RESULTS_TEMPLATE).template.name
    except TemplateDoesNotExist:
        return "news/includes/documents_fallback.html"


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
    return JsonResponse({"url": default_storage.url(name)})
