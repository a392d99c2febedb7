from django.urls import path

from . import feeds, views

app_name = "multimedia"

urlpatterns = [
    path("thu-vien-anh/", views.AlbumListView.as_view(), name="albums"),
    path("thu-vien-anh/rss/", feeds.AlbumFeed(), name="album_feed"),
    path("thu-vien-anh/<slug:slug>-<int:pk>/", views.album_detail, name="album"),
    path("video/", views.VideoListView.as_view(), name="videos"),
    path("video/rss/", feeds.VideoFeed(), name="video_feed"),
    path("video/<slug:slug>-<int:pk>/", views.video_detail, name="video"),
]
