from django.urls import re_path

from . import views

app_name = "pages"

# Mounted last: any other URL of the portal wins over a page's path. Only slug segments
# match, so a mistyped or hostile path ("..", "%2e") is a plain 404, never a redirect.
urlpatterns = [
    re_path(r"^(?P<path>[a-z0-9-]+(?:/[a-z0-9-]+){0,4})/$", views.page_detail, name="page"),
]
