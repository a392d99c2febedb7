from django.contrib.sitemaps import Sitemap

from .models import Document


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6
    limit = 5000

    def items(self):
        return Document.objects.published().public().only("id", "slug", "updated_at").newest()

    def lastmod(self, document):
        return document.updated_at


SITEMAPS = {"documents": DocumentSitemap}
