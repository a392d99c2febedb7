"""The admin site of the portal: every list's search box finds "hoi nghi" as "hội nghị"."""

from axes.apps import AppConfig as AxesAppConfig
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.utils import lookup_spawns_duplicates
from django.db.models import F, Func, Q, TextField
from django.db.models.functions import Cast
from django.db.models.lookups import IContains
from django.utils.text import smart_split, unescape_string_literal

from core.text import fold


def _folded_words(search_term):
    for bit in smart_split(search_term):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        word = fold(bit).strip()
        if word:
            yield word


class AccentFreeSearchMixin:
    """Each word of the search must be in one of the search fields, accents and case ignored
    on both sides (PostgreSQL's unaccent)."""

    def get_search_results(self, request, queryset, search_term):
        fields = [f.lstrip("^=@") for f in self.get_search_fields(request)]
        if not search_term or not fields:
            return super().get_search_results(request, queryset, search_term)
        folded = {field: Func(Cast(F(field), TextField()), function="unaccent") for field in fields}
        for word in _folded_words(search_term):
            match = Q()
            for expression in folded.values():
                match |= Q(IContains(expression, word))
            queryset = queryset.filter(match)
        may_have_duplicates = any(lookup_spawns_duplicates(self.opts, f) for f in fields)
        return queryset, may_have_duplicates


class PortalAdminSite(admin.AdminSite):
    site_header = "Quản trị Cổng thông tin Ban Tuyên giáo"
    site_title = "Quản trị cổng thông tin"
    index_title = "Bảng điều khiển"

    def each_context(self, request):
        context = super().each_context(request)
        # static/js/admin-keepalive.js pings this often while a form is being typed in: three
        # chances within the idle time, at most every four minutes.
        idle = settings.STAFF_SESSION_IDLE_SECONDS
        context["keepalive_seconds"] = max(30, min(240, idle // 3))
        return context

    def register(self, model_or_iterable, admin_class=None, **options):
        base = admin_class or admin.ModelAdmin
        if not issubclass(base, AccentFreeSearchMixin):
            namespace = {"__module__": base.__module__}
            base = type(base.__name__, (AccentFreeSearchMixin, base), namespace)
        super().register(model_or_iterable, base, **options)


class PortalAdminConfig(AdminConfig):
    default_site = "portal.admin_site.PortalAdminSite"


class AxesConfig(AxesAppConfig):
    verbose_name = "Đăng nhập sai, khóa đăng nhập"
