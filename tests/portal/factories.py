import io

import factory
from django.core.files.base import ContentFile
from PIL import Image

from portal.models import Banner


def png_bytes(size=(60, 20), colour="#b3101f"):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


class BannerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Banner

    title = factory.Sequence(lambda n: f"Banner {n}")
    image = factory.LazyFunction(lambda: ContentFile(png_bytes(), name="banner.png"))
    link = "https://example.vn/"
