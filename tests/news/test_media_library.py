import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from news.models import MediaImage

from .factories import EDITORS, staff_user
from .test_uploads import image_bytes, upload

pytestmark = pytest.mark.django_db

CHOOSER = reverse("admin:news_mediaimage_chooser")


def library_image(alt="", title="", name="anh.png"):
    image = MediaImage(alt_text=alt, title=title)
    image.image.save(name, ContentFile(image_bytes()), save=True)
    return image


@pytest.fixture
def editor(client):
    user = staff_user("bientap", EDITORS)
    client.force_login(user)
    return user


def test_an_editor_upload_joins_the_library(client, editor):
    url = upload(client, image_bytes()).json()["url"]
    image = MediaImage.objects.get()
    assert image.image.url == url and image.uploaded_by == editor and image.alt_text == ""


def test_the_chooser_lists_newest_first_and_searches_without_accents(client, editor):
    conference = library_image("Hội nghị Ban Chấp hành Đảng bộ tỉnh")
    ceremony = library_image("Lễ dâng hương tại Khu di tích")
    rows = client.get(CHOOSER).json()["images"]
    assert [row["id"] for row in rows] == [ceremony.pk, conference.pk]
    rows = client.get(CHOOSER, {"q": "hoi nghi dang bo"}).json()["images"]
    assert [(row["id"], row["alt"]) for row in rows] == [(conference.pk, conference.alt_text)]
    assert rows[0]["url"] == conference.image.url and rows[0]["thumb"]


def test_a_description_given_in_the_chooser_is_kept_for_next_time(client, editor):
    image = library_image()
    url = reverse("admin:news_mediaimage_describe", args=[image.pk])
    assert client.post(url, {"alt_text": "   "}).status_code == 400
    response = client.post(url, {"alt_text": "Đại biểu  biểu quyết"})
    assert response.json()["alt"] == "Đại biểu biểu quyết"
    image.refresh_from_db()
    assert image.alt_text == "Đại biểu biểu quyết"
    assert client.get(CHOOSER).json()["images"][0]["alt"] == "Đại biểu biểu quyết"


def test_the_library_list_is_searchable_by_editors(client, editor):
    image = library_image("Tọa đàm khoa học")
    response = client.get(reverse("admin:news_mediaimage_changelist"), {"q": "toa dam"})
    assert list(response.context["cl"].result_list) == [image]


def test_the_chooser_needs_the_right_to_see_the_library(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("x", password="p", is_staff=True))
    assert client.get(CHOOSER).status_code == 403
