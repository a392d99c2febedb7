from django.contrib.sitemaps import Sitemap

from .models import Article, Category


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Category.objects.order_by("order", "id")


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .select_related("category")
            .only("id", "slug", "updated_at", "category__slug")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"news-categories": CategorySitemap, "news-articles": ArticleSitemap}
