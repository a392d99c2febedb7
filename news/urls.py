from django.urls import path

from . import feeds, views

app_name = "news"

ARTICLE = "tin-tuc/<slug:category>/<slug:slug>-<int:pk>/"

urlpatterns = [
    path("tin-tuc/", views.LatestView.as_view(), name="latest"),
    path("tin-tuc/xem-truoc/<int:pk>/", views.article_preview, name="preview"),
    path("tin-tuc/tai-anh/", views.upload_image, name="upload_image"),
    path("tin-tuc/<slug:category>/", views.CategoryView.as_view(), name="category"),
    path(ARTICLE, views.article_detail, name="article"),
    path(ARTICLE + "danh-gia/", views.rate, name="rate"),
    path(ARTICLE + "binh-luan/", views.comment, name="comment"),
    path("rss/", feeds.LatestArticlesFeed(), name="rss"),
    path("rss/<slug:category>/", feeds.CategoryFeed(), name="rss_category"),
]
