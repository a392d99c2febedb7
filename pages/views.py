from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django_ratelimit.decorators import ratelimit

from accounts import privacy
from core.site import site_settings
from news.views import refuse_bots
from stats.visitors import ip_hash

from . import services
from .forms import ContactForm
from .models import Leader, Page

CONTACT_RATE_IP = "5/h"


def _page(path):
    page = Page.objects.published().select_related("parent", "parent__parent").filter(path=path)
    page = page.first()
    if page is None:
        raise Http404("Không tìm thấy trang.")
    return page


def page_detail(request, path):
    page = _page(path)
    if request.method == "POST":
        if page.layout != Page.Layout.CONTACT:
            raise Http404("Không tìm thấy trang.")
        return contact(request, page=page)
    return render(request, "pages/page.html", page_context(page))


def page_context(page, form=None):
    context = {
        "page": page,
        "ancestors": page.ancestors(),
        "subpages": list(page.children.published()),
    }
    if page.layout == Page.Layout.LEADERS:
        context["leaders"] = list(Leader.objects.active())
    if page.path == privacy.NOTICE_PATH:
        context["retention_periods"] = privacy.retention_periods()
    if page.layout == Page.Layout.CONTACT:
        # A reader's GET creates no captcha (no database write): news.js fetches one on input.
        context["form"] = form or ContactForm(defer_captcha=True)
    return context


# block=True: RatelimitMiddleware answers with the site's 429 page (RATELIMIT_VIEW).
@refuse_bots
@ratelimit(key="stats.visitors.rate_key", rate=CONTACT_RATE_IP, method="POST", block=True)
def contact(request, page):
    form = ContactForm(request.POST)
    if not form.is_valid():
        # Sent without a captcha (no JavaScript): ask for one, keeping what was typed.
        status = 200 if form.only_captcha_missing() else 400
        return render(request, "pages/page.html", page_context(page, form), status=status)
    site = site_settings()
    fields = {k: v for k, v in form.cleaned_data.items() if k != "captcha"}
    services.submit_contact_message(site_email=site.email, ip_hash=ip_hash(request), **fields)
    messages.success(
        request, "Cảm ơn bạn đã gửi ý kiến. Ban sẽ xem xét và trả lời qua thư điện tử của bạn."
    )
    return redirect(page.get_absolute_url())
