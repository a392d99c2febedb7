from django.urls import path

from . import views

app_name = "twofactor"

urlpatterns = [
    path("", views.VerifyView.as_view(), name="verify"),
    path("dang-ky/", views.SetupView.as_view(), name="setup"),
]
