from django.contrib.sitemaps import Sitemap

from .models import Page


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Page.objects.published().only("id", "path", "updated_at").order_by("path")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"pages": PageSitemap}
