from captcha import views as captcha_views
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.static import serve
from django_ratelimit.decorators import ratelimit

from documents.sitemaps import SITEMAPS as DOCUMENT_SITEMAPS
from multimedia.sitemaps import SITEMAPS as MEDIA_SITEMAPS
from news.sitemaps import SITEMAPS as NEWS_SITEMAPS
from pages.sitemaps import SITEMAPS as PAGE_SITEMAPS
from portal import search, views

sitemaps = {**NEWS_SITEMAPS, **DOCUMENT_SITEMAPS, **MEDIA_SITEMAPS, **PAGE_SITEMAPS}

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("giao-dien.css", views.theme_css, name="theme_css"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("tim-kiem/", search.search, name="search"),
    path("", include("news.urls")),
    path("van-ban/", include("documents.urls")),
    path("tai-khoan/xac-thuc/", include("accounts.twofactor_urls")),
    path("tai-khoan/", include("accounts.urls")),
    path("tai-khoan/", include("documents.subscription_urls")),
    path("tham-do/", include("polls.urls")),
    path("thong-ke/", include("stats.urls")),
    path("", include("multimedia.urls")),
    # Each refresh writes a captcha row: bounded per address before django-simple-captcha's own.
    path(
        "captcha/refresh/",
        ratelimit(key="stats.visitors.rate_key", rate=settings.CAPTCHA_REFRESH_RATE, block=True)(
            captcha_views.captcha_refresh
        ),
    ),
    path("captcha/", include("captcha.urls")),
    path("api/v1/", include("api.urls")),
    path("admin/", admin.site.urls),
    # Public media (covers, inline images, banners). Private documents never live here;
    # nginx serves /media/ in production.
    path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
]

if settings.BENCH_BASELINE:
    urlpatterns.append(path("_bench/bare", views.bench_bare))

# Last: the department's pages live at any path nothing above claims.
urlpatterns.append(path("", include("pages.urls")))

handler400 = "portal.views.bad_request"
handler500 = "portal.views.server_error"
