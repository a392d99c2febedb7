from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Enclosure

from core.site import site_settings

from .models import Album, Video

FEED_SIZE = 20


class AlbumFeed(Feed):
    link = "/thu-vien-anh/"
    description = "Phóng sự ảnh mới nhất"

    def title(self):
        return f"Thư viện ảnh | {site_settings().site_name}"

    def items(self):
        return Album.objects.published().latest_first()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class VideoFeed(AlbumFeed):
    link = "/video/"
    description = "Video mới nhất"

    def title(self):
        return f"Video | {site_settings().site_name}"

    def get_object(self, request, *args, **kwargs):
        # The feed instance serves every request: the site's origin travels as the feed's object.
        return request.build_absolute_uri("/").rstrip("/")

    def items(self, origin):
        videos = list(Video.objects.published().latest_first()[:FEED_SIZE])
        for video in videos:
            video.origin = origin
        return videos

    def item_enclosures(self, item):
        if not item.file:
            return []
        try:
            length = str(item.file.size)
        except OSError:  # a missing file must not break the feed
            return []
        return [Enclosure(item.origin + item.file.url, length, item.mime_type)]
