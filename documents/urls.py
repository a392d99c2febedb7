from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.DocumentListView.as_view(), name="list"),
    path("du-thao/", views.ConsultationListView.as_view(), name="consultations"),
    path("<int:pk>-<str:slug>/", views.DocumentDetailView.as_view(), name="detail"),
    path("<int:pk>-<str:slug>/tai-ve/", views.download, name="download"),
    path("<int:pk>-<str:slug>/tai-ve/<int:file_id>/", views.download, name="download_file"),
]
