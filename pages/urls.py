from django.urls import path

from . import views

app_name = "pages"

# Mounted last: any other URL of the portal wins over a page's path.
urlpatterns = [
    path("<path:path>/", views.page_detail, name="page"),
]
