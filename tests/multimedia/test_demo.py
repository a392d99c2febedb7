import io

import pytest

from multimedia import demo
from multimedia.models import Album, Photo, Video

pytestmark = pytest.mark.django_db


def test_demo_albums_and_videos_load_once_and_render(client):
    demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    assert Album.objects.count() == 2 and Photo.objects.count() == 11
    assert Video.objects.count() == 2
    uploaded = Video.objects.exclude(file="").get()
    head = uploaded.file.open("rb").read(4)
    assert head == b"\x1a\x45\xdf\xa3"  # a real WebM made by ffmpeg
    assert uploaded.captions.read().startswith(b"WEBVTT")
    for item in [*Album.objects.all(), *Video.objects.all()]:
        assert client.get(item.get_absolute_url()).status_code == 200
