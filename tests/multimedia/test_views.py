import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from multimedia.models import Video
from portal.pagecache import forget_pages
from stats.flush import flush
from tests.pagecache import make_singletons
from tests.readers import BROWSER

from .factories import MP4_BYTES, AlbumFactory, PhotoFactory, VideoFactory

pytestmark = pytest.mark.django_db


def test_album_list_and_detail_show_ordered_photos_with_captions(client):
    album = AlbumFactory(title="Hội nghị báo cáo viên")
    PhotoFactory(album=album, caption="Ảnh thứ hai", order=2)
    PhotoFactory(album=album, caption="Ảnh thứ nhất", order=1)
    listing = client.get("/thu-vien-anh/").content.decode()
    assert f'href="{album.get_absolute_url()}"' in listing
    assert "2 ảnh" in listing
    assert album.get_absolute_url() == f"/thu-vien-anh/hoi-nghi-bao-cao-vien-{album.pk}/"
    html = client.get(album.get_absolute_url()).content.decode()
    assert html.index("Ảnh thứ nhất") < html.index("Ảnh thứ hai")
    assert 'alt="Ảnh thứ nhất"' in html
    assert html.count("data-gallery-item") == 2
    assert "<dialog" in html and 'aria-label="Ảnh sau"' in html


def test_stale_slug_redirects_permanently(client):
    album = AlbumFactory()
    video = VideoFactory()
    for item, prefix in ((album, "thu-vien-anh"), (video, "video")):
        response = client.get(f"/{prefix}/ten-cu-{item.pk}/")
        assert response.status_code == 301
        assert response["Location"] == item.get_absolute_url()


def test_unpublished_and_future_items_are_404(client):
    hidden = AlbumFactory(is_published=False)
    future = VideoFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(future.get_absolute_url()).status_code == 404
    assert hidden.title not in client.get("/thu-vien-anh/").content.decode()
    assert future.title not in client.get("/video/").content.decode()


def test_uploaded_video_plays_in_the_browsers_player_with_captions(client):
    video = VideoFactory()
    html = client.get(video.get_absolute_url()).content.decode()
    assert "<video" in html and "controls" in html
    assert f'poster="{video.poster.url}"' in html
    assert f'<source src="{video.file.url}" type="video/webm">' in html
    assert 'kind="captions"' in html and 'srclang="vi"' in html
    assert "youtube" not in html


def test_youtube_video_is_a_click_to_load_placeholder(client):
    video = VideoFactory(file="", captions="", youtube_url="https://youtu.be/dQw4w9WgXcQ")
    html = client.get(video.get_absolute_url()).content.decode()
    assert (
        'data-youtube="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&amp;rel=0"'
        in html
    )
    assert "<iframe" not in html  # nothing is loaded from YouTube before the click
    assert "data-youtube-play" in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"file": "", "youtube_url": ""}, "một tệp video hoặc nhập một đường dẫn YouTube"),
        ({"youtube_url": "https://youtu.be/dQw4w9WgXcQ"}, "(chỉ một)"),
        ({"poster": ""}, "Video tải lên cần ảnh đại diện."),
        ({"file": "", "youtube_url": "https://vimeo.com/123"}, "Đường dẫn YouTube không hợp lệ"),
    ],
    ids=["neither", "both", "no-poster", "not-youtube"],
)
def test_video_needs_one_source(fields, message):
    video = VideoFactory.build(**fields)
    with pytest.raises(ValidationError, match=message):
        video.full_clean()


def test_disguised_video_and_captions_are_refused():
    video = VideoFactory.build(
        file=ContentFile(b"<?php echo 1; ?>" * 10, name="video.mp4"),
        captions=ContentFile(b"not captions", name="phu-de.vtt"),
    )
    with pytest.raises(ValidationError) as error:
        video.full_clean()
    assert "nội dung không khớp tên tệp" in str(error.value.message_dict["file"])
    assert "WebVTT" in str(error.value.message_dict["captions"])
    VideoFactory.build(file=ContentFile(MP4_BYTES, name="video.mp4")).full_clean()


def test_album_and_video_views_are_counted_through_stats(client):
    album = AlbumFactory()
    video = VideoFactory()
    for _ in range(2):  # the same visitor twice within 30 minutes counts once
        client.get(album.get_absolute_url(), **BROWSER)
        client.get(video.get_absolute_url(), **BROWSER)
    flush()
    album.refresh_from_db()
    video.refresh_from_db()
    assert (album.view_count, video.view_count) == (1, 1)
    forget_pages()  # shown figures lag by the page cache's time at most
    assert 'data-views="1"' in client.get(album.get_absolute_url(), **BROWSER).content.decode()


def test_home_page_shows_the_photo_and_video_block(client):
    album = AlbumFactory()
    PhotoFactory(album=album)
    video = VideoFactory()
    html = client.get("/").content.decode()
    block = html.split('class="home-media"')[1].split("</section>")[0]
    assert album.get_absolute_url() in block and video.get_absolute_url() in block


def test_feeds_list_albums_and_videos_with_the_file(client):
    album = AlbumFactory()
    video = VideoFactory()
    albums = client.get("/thu-vien-anh/rss/").content.decode()
    videos = client.get("/video/rss/").content.decode()
    assert album.title in albums
    assert video.title in videos
    enclosure = videos.split("<enclosure ")[1].split("/>")[0]
    assert f'url="http://testserver{video.file.url}"' in enclosure
    assert 'type="video/webm"' in enclosure


def test_sitemap_has_image_and_video_entries(client):
    album = AlbumFactory()
    photo = PhotoFactory(album=album)
    video = VideoFactory(duration_seconds=75)
    youtube = VideoFactory(file="", captions="", youtube_url="https://youtu.be/dQw4w9WgXcQ")
    xml = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://testserver{album.get_absolute_url()}</loc>" in xml
    assert f"<image:loc>http://testserver{photo.image.url}</image:loc>" in xml
    assert f"<video:content_loc>http://testserver{video.file.url}</video:content_loc>" in xml
    assert "<video:duration>75</video:duration>" in xml
    assert "<video:player_loc>https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" in xml
    assert f"<loc>http://testserver{youtube.get_absolute_url()}</loc>" in xml


def test_admin_saves_an_album_with_photos(admin_client):
    from tests.portal.factories import png_bytes

    response = admin_client.post(
        "/admin/multimedia/album/add/",
        {
            "title": "Lễ kỷ niệm ngày thành lập",
            "slug": "",
            "description": "",
            "published_at_0": "01/01/2026",
            "published_at_1": "08:00:00",
            "is_published": "on",
            "photos-TOTAL_FORMS": "1",
            "photos-INITIAL_FORMS": "0",
            "photos-MIN_NUM_FORMS": "0",
            "photos-MAX_NUM_FORMS": "1000",
            "photos-0-image": ContentFile(png_bytes((200, 150)), name="anh.png"),
            "photos-0-caption": "Quang cảnh buổi lễ",
            "photos-0-order": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    from multimedia.models import Album

    album = Album.objects.get()
    assert album.slug == "le-ky-niem-ngay-thanh-lap"
    assert album.photos.get().caption == "Quang cảnh buổi lễ"


def test_video_duration_display():
    assert Video(duration_seconds=75).duration_display == "1:15"


def test_album_list_queries_do_not_grow_with_albums(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_singletons()

    def count_queries():
        client.get("/thu-vien-anh/")  # thumbnails made and remembered; side blocks cached
        forget_pages()  # the page itself rendered afresh
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/thu-vien-anh/").status_code == 200
        return len(captured)

    for _ in range(2):
        PhotoFactory.create_batch(3, album=AlbumFactory())
    few = count_queries()
    for _ in range(6):
        PhotoFactory.create_batch(3, album=AlbumFactory())
    assert count_queries() == few
    html = client.get("/thu-vien-anh/").content.decode()
    assert html.count("3 ảnh") == 8
