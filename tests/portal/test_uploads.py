"""Admin image uploads (covers, banners, album photos) lose EXIF and their original names."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.models import Banner
from tests.documents.factories import make_user


def jpeg_with_gps(name="IMG_20240101_nha-rieng-chu-tich.jpg"):
    image = Image.new("RGB", (64, 48), "red")
    exif = Image.Exif()
    exif[0x010F] = "Canon"  # Make
    exif[0x0110] = "EOS 5D"  # Model
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 50.0, 0.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    assert Image.open(io.BytesIO(buffer.getvalue())).getexif()  # the fixture really has EXIF
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def assert_clean(field_file):
    assert re.fullmatch(r"banners/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", field_file.name)
    with field_file.open("rb") as stored:
        image = Image.open(stored)
        assert not image.getexif()
        assert "exif" not in image.info


@pytest.mark.django_db
def test_a_banner_saved_in_code_is_reencoded_under_a_random_name():
    banner = Banner.objects.create(title="Đại hội", image=jpeg_with_gps())
    assert "chu-tich" not in banner.image.name
    assert_clean(banner.image)


@pytest.mark.django_db
def test_a_banner_uploaded_in_the_admin_loses_exif_and_its_name(client):
    client.force_login(make_user("quantri", is_staff=True, is_superuser=True))
    response = client.post(
        "/admin/portal/banner/add/",
        {
            "title": "Đại hội",
            "image": jpeg_with_gps(),
            "position": "right",
            "order": 0,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    banner = Banner.objects.get()
    assert_clean(banner.image)
    # Saving again without a new file keeps the stored one.
    name = banner.image.name
    banner.title = "Đại hội Đảng"
    banner.save()
    assert banner.image.name == name
