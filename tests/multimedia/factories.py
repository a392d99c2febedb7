import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from multimedia.models import Album, Photo, Video
from tests.portal.factories import png_bytes

# The smallest byte patterns the upload checks accept.
WEBM_BYTES = b"\x1a\x45\xdf\xa3" + b"\x00" * 60
MP4_BYTES = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 52
VTT_BYTES = b"WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nXin chao\n"


class AlbumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Album

    title = factory.Sequence(lambda n: f"Hội nghị báo cáo viên số {n}")
    description = "Hình ảnh hội nghị."
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    album = factory.SubFactory(AlbumFactory)
    image = factory.LazyFunction(lambda: ContentFile(png_bytes((300, 200)), name="anh.png"))
    caption = factory.Sequence(lambda n: f"Chú thích ảnh {n}")
    order = factory.Sequence(lambda n: n)


class VideoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Video

    title = factory.Sequence(lambda n: f"Video hội nghị số {n}")
    description = "Toàn cảnh hội nghị."
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    file = factory.LazyFunction(lambda: ContentFile(WEBM_BYTES, name="video.webm"))
    poster = factory.LazyFunction(lambda: ContentFile(png_bytes((320, 180)), name="poster.png"))
    captions = factory.LazyFunction(lambda: ContentFile(VTT_BYTES, name="phu-de.vtt"))
