from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404

from core.site import site_settings

from .models import Article, Category

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    def title(self):
        return f"{site_settings().site_name} - Tin mới"

    def link(self):
        return "/tin-tuc/"

    def description(self):
        return "Tin tức mới nhất"

    def items(self):
        return Article.objects.published().for_listing()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [item.category.name]


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, category):
        return get_object_or_404(Category, slug=category)

    def title(self, obj):
        return f"{site_settings().site_name} - {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return obj.description or f"Tin mới chuyên mục {obj.name}"

    def items(self, obj):
        return Article.objects.published().in_category(obj).for_listing()[:FEED_SIZE]
