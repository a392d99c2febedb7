from django.core.exceptions import DisallowedHost
from django.http import (
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from core import redis as portal_redis
from core.site import site_settings
from portal import health, home
from portal.backup import last_backup_age_seconds
from portal.models import darker
from stats.health import last_flush_age_seconds


class HomeView(TemplateView):
    """The front page (kept whole by the page cache)."""

    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            featured=home.featured_articles,
            latest=home.latest_articles,
            category_blocks=home.category_blocks,
            media=home.media_block,
            **kwargs,
        )


@never_cache
@require_GET
def healthz(request):
    checks = {
        "database": health.check_database(),
        "redis": health.check_redis(),
        "broker": health.check_broker(),
    }
    body = {name: detail for name, (ok, detail) in checks.items()}
    body["last_flush_age_s"] = last_flush_age_seconds()
    body["last_backup_age_s"] = last_backup_age_seconds()
    # Views, downloads and visits this web process could not hand to Redis since it started.
    body["counting_failures"] = portal_redis.failure_count("stats.record")
    down = [name for name, (ok, _) in checks.items() if not ok]
    body["down"] = down
    return JsonResponse(body, status=503 if down else 200)


@require_GET
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")


def ratelimited(request, exception=None):
    return render(
        request,
        "429.html",
        {"message": "Bạn thao tác quá nhanh. Vui lòng đợi ít phút rồi thử lại."},
        status=429,
    )


def bench_bare(request):
    """The benchmark's baseline: Django's request cycle and nothing else."""
    return HttpResponse("ok", content_type="text/plain")


def server_error(request):
    # No context processors: the database or Redis may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())


def bad_request(request, exception=None):
    # Not Django's default: that one re-runs the CSRF check, which re-reads the same
    # undecodable body (a charset=latin-1 form) and turns the 400 into a 500.
    if isinstance(exception, DisallowedHost):
        # A forged Host: the page frame would ask the request for it again and fail.
        return HttpResponseBadRequest(loader.get_template("400.html").render())
    return HttpResponseBadRequest(loader.get_template("400.html").render({}, request))


def csrf_failure(request, reason=""):
    return HttpResponseForbidden(loader.get_template("403_csrf.html").render({}, request))


@require_GET
def theme_css(request):
    """The department's colours and images as CSS variables, for the site and the admin.

    A stylesheet, not an inline <style>: the Content-Security-Policy allows no inline CSS.
    Its URL carries the settings' version, so it may be cached for long.
    """
    settings_row = site_settings()
    context = {
        "primary": settings_row.primary_color,
        "primary_dark": darker(settings_row.primary_color),
        "accent": settings_row.accent_color,
        "header_image": settings_row.header_image.url if settings_row.header_image else "",
    }
    response = render(request, "portal/theme.css", context, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=31536000" if request.GET.get("v") else "no-cache"
    return response


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico: the department's emblem, else the default one."""
    settings_row = site_settings()
    target = settings_row.emblem.url if settings_row.emblem else static("img/emblem.svg")
    return HttpResponseRedirect(target)
