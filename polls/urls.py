from django.urls import path

from . import views

app_name = "polls"

urlpatterns = [
    path("", views.PollListView.as_view(), name="list"),
    path("<int:pk>/", views.PollDetailView.as_view(), name="detail"),
    path("<int:pk>/ket-qua/", views.PollResultsView.as_view(), name="results"),
    path("<int:pk>/binh-chon/", views.vote, name="vote"),
]
