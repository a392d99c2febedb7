import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

pytestmark = pytest.mark.django_db

URL = reverse("news:upload_image")


def image_bytes(fmt="PNG", size=(64, 48), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, "#b3101f").save(buffer, fmt)
    return buffer.getvalue()


def upload(client, content, name="anh.png", content_type="image/png"):
    return client.post(URL, {"upload": SimpleUploadedFile(name, content, content_type)})


def test_staff_upload_is_reencoded_in_a_dated_folder(admin_client):
    response = upload(admin_client, image_bytes("PNG"))
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith("/media/news/anh/20") and url.endswith(".jpg")


def test_anonymous_and_non_staff_may_not_upload(client, django_user_model):
    assert upload(client, image_bytes()).status_code == 403
    user = django_user_model.objects.create_user("docgia", password="mat-khau-123456")
    client.force_login(user)
    assert upload(client, image_bytes()).status_code == 403


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "a.svg",
            "không phải là ảnh",
        ),
        (b"#!/bin/sh\nrm -rf /\n", "script.png", "không phải là ảnh"),
        (image_bytes("BMP"), "a.bmp", "Chỉ nhận ảnh"),
    ],
    ids=["svg", "script-renamed", "bmp"],
)
def test_non_images_are_refused_with_a_message(admin_client, content, name, message):
    response = upload(admin_client, content, name=name)
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]


def test_decompression_bomb_is_refused(admin_client):
    # A tiny file that claims 8000 x 8000 pixels (64 megapixels).
    content = image_bytes("PNG", size=(8000, 8000), mode="1")
    assert len(content) < 1_000_000
    response = upload(admin_client, content)
    assert response.status_code == 400
    assert "quá lớn" in response.json()["error"]["message"]


def test_oversized_file_is_refused(admin_client, settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 100
    response = upload(admin_client, image_bytes("PNG", size=(200, 200)))
    assert response.status_code == 400
    assert "Ảnh quá lớn" in response.json()["error"]["message"]
