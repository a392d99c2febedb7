from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView, ListView, TemplateView
from django_ratelimit.decorators import ratelimit

from core.pagination import BoundedPaginator
from stats.bots import is_bot
from stats.counters import mark_view, record_download
from stats.visitors import ip_hash, visitor_id

from . import services
from .downloads import counts_as_download, file_response
from .filters import DocumentFilter
from .forms import ConsultationOpinionForm
from .models import Document, DocumentFile
from .search import with_snippets

PAGE_SIZE = 20
# Opinions on drafts: the same limits as comments on articles.
OPINION_RATE_IP = "5/10m"
OPINION_RATE_VISITOR = "3/10m"


class DocumentListView(TemplateView):
    """The archive, filtered (the page cache keeps anonymous readers' pages whole)."""

    template_name = "documents/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        queryset = Document.objects.visible_to(user).for_listing().newest()
        filterset = DocumentFilter(
            self.request.GET or None, queryset=queryset, request=self.request
        )
        invalid = filterset.invalid_labels()
        if invalid:
            messages.warning(
                self.request,
                "Giá trị lọc không hợp lệ đã được bỏ qua: " + ", ".join(invalid) + ".",
            )
        page = BoundedPaginator(filterset.qs, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(
            filter=filterset,
            page_obj=page,
            page_range=list(
                page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
            ),
            documents=self.page_documents(page, filterset),
            is_filtered=any(
                value for key, value in self.request.GET.items() if key != "page" and value
            ),
        )
        return context

    def page_documents(self, page, filterset):
        if not filterset.is_bound:
            return page.object_list
        filterset.form.is_valid()  # cleans the form; an invalid filter is ignored, not fatal
        query = filterset.form.cleaned_data.get("q")
        if not query:
            return page.object_list
        return with_snippets(page.object_list, query, self.request.user)


class DocumentDetailView(DetailView):
    """A document; for a draft under consultation also its deadline, the number of opinions
    received and, while open, the form (POST to the same URL)."""

    template_name = "documents/detail.html"
    context_object_name = "document"

    def get_queryset(self):
        return Document.objects.visible_to(self.request.user).for_listing()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if kwargs.get("slug") != self.object.slug:
            return redirect(self.object.get_absolute_url(), permanent=True)
        response = self.render_to_response(self.get_context_data(object=self.object))
        return mark_view(response, self.object)  # counted on every hit of the cached page too

    @method_decorator(
        ratelimit(key="stats.visitors.rate_key", rate=OPINION_RATE_IP, method="POST", block=True)
    )
    @method_decorator(
        ratelimit(
            key="stats.visitors.visitor_rate_key",
            rate=OPINION_RATE_VISITOR,
            method="POST",
            block=True,
        )
    )
    def post(self, request, *args, **kwargs):
        if is_bot(request):
            raise PermissionDenied("Trình thu thập tự động không được gửi ý kiến.")
        self.object = document = self.get_object()
        anchor = document.get_absolute_url() + "#gop-y"
        state = document.consultation_state()
        if state != "open":
            if state is None:
                raise Http404("Văn bản này không lấy ý kiến góp ý.")
            messages.error(
                request,
                "Dự thảo này đã hết hạn góp ý."
                if state == "closed"
                else "Dự thảo này chưa đến thời gian lấy ý kiến.",
            )
            return redirect(anchor)
        form = ConsultationOpinionForm(request.POST)
        if not form.is_valid():
            context = self.get_context_data(object=document, opinion_form=form)
            return self.render_to_response(
                context, status=200 if form.only_captcha_missing() else 400
            )
        services.submit_opinion(
            document,
            **{name: form.cleaned_data[name] for name in ("name", "organisation", "email", "text")},
            visitor=visitor_id(request),
            ip_hash=ip_hash(request),
        )
        messages.success(request, "Cảm ơn bạn đã gửi ý kiến góp ý cho dự thảo.")
        return redirect(anchor)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        files = list(document.files.defer("text"))
        can_download = document.can_download(self.request.user)
        context.update(
            files=files,
            can_download=can_download,
            preview_file=next((f for f in files if f.is_pdf), None)
            if not document.is_restricted
            else None,
        )
        state = document.consultation_state()
        if state:
            context.update(
                consultation_state=state,
                opinion_count=document.opinions.count(),
                opinion_form=kwargs.get("opinion_form")
                or ConsultationOpinionForm(with_captcha=False),
            )
        return context


class ConsultationListView(ListView):
    """Drafts open for comments (closest deadline first), then the closed ones, newest first."""

    template_name = "documents/consultations.html"
    context_object_name = "closed"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.now = timezone.now()
        return (
            Document.objects.consultation_closed(self.now)
            .for_listing()
            .annotate(opinion_total=Count("opinions"))
            .order_by("-consultation_closes_at", "-id")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            open=Document.objects.consultation_open(self.now)
            .for_listing()
            .annotate(opinion_total=Count("opinions"))
            .order_by("consultation_closes_at", "id"),
            **kwargs,
        )


@require_http_methods(["GET", "HEAD"])
def download(request, pk, slug, file_id=None):
    """Send a document's file after checking access; counts whole-file GETs."""
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=pk)
    if file_id is None:
        document_file = document.files.defer("text").first()
        if document_file is None:
            raise Http404("Văn bản chưa có tệp đính kèm.")
    else:
        document_file = get_object_or_404(
            DocumentFile.objects.defer("text"), pk=file_id, document=document
        )
    if slug != document.slug:
        # The id decides; a stale slug is only a cosmetic error.
        url = document.get_download_url() if file_id is None else document_file.get_download_url()
        query = request.META.get("QUERY_STRING")
        return redirect(f"{url}?{query}" if query else url, permanent=True)
    if not document.can_download(request.user):
        if request.user.is_authenticated:
            messages.error(request, "Văn bản này chỉ dành cho báo cáo viên.")
            return redirect(document.get_absolute_url())
        messages.info(request, "Vui lòng đăng nhập bằng tài khoản báo cáo viên để tải văn bản.")
        return redirect_to_login(request.get_full_path())
    inline = request.GET.get("inline") == "1"
    try:
        response = file_response(request, document_file, inline=inline)
    except FileNotFoundError as exc:
        raise Http404("Không tìm thấy tệp.") from exc
    # The in-page preview is part of viewing the page, not a download.
    if not inline and response.status_code in (200, 206) and counts_as_download(request):
        record_download(document, request)
    return response
