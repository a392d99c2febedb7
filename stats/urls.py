from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect
from django.urls import path, reverse

app_name = "stats"


@staff_member_required
def dashboard(request):
    query = request.META.get("QUERY_STRING")
    url = reverse("admin:stats_dashboard_changelist")
    return redirect(f"{url}?{query}" if query else url)


urlpatterns = [path("", dashboard, name="dashboard")]
