"""Album and video pages in the sitemap, with Google's image and video extensions
(rendered by templates/sitemap.xml from each entry's "images" and "video")."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Prefetch

from .models import Album, Photo, Video


class _MediaSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6
    limit = 1000

    def lastmod(self, item):
        return item.updated_at

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url.update(self.extension(url["item"], f"{protocol}://{domain}"))
        return urls

    def extension(self, item, origin):
        raise NotImplementedError


class AlbumSitemap(_MediaSitemap):
    def items(self):
        photos = Photo.objects.order_by("order", "id").only("album_id", "image", "caption")
        return (
            Album.objects.published()
            .latest_first()
            .prefetch_related(Prefetch("photos", queryset=photos, to_attr="ordered_photos"))
        )

    def extension(self, item, origin):
        return {
            "images": [
                {
                    "loc": origin + photo.image.url,
                    "caption": photo.caption,
                }
                for photo in item.ordered_photos[:1000]
            ]
        }


class VideoSitemap(_MediaSitemap):
    def items(self):
        return Video.objects.published().latest_first()

    def extension(self, item, origin):
        if not item.poster:
            return {}
        video = {
            "thumbnail_loc": origin + item.poster.url,
            "title": item.title,
            "description": item.description or item.title,
            "publication_date": item.published_at,
            "duration": item.duration_seconds,
        }
        if item.file:
            video["content_loc"] = origin + item.file.url
        else:
            video["player_loc"] = f"https://www.youtube-nocookie.com/embed/{item.youtube_id}"
        return {"video": video}


SITEMAPS = {"albums": AlbumSitemap, "videos": VideoSitemap}
