"""Demo albums and videos, drawn and encoded here (Pillow; the video with the ffmpeg binary
that imageio-ffmpeg ships; without it the uploaded-video demo is a poster-only YouTube one)."""

import datetime
import io
import logging
import random
import subprocess
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from core.demo import demo_font
from news.demo import photo_placeholder

from .models import Album, Photo, Video

log = logging.getLogger("multimedia")

ALBUMS = [
    (
        "Hội nghị báo cáo viên Tỉnh ủy quý IV",
        "Hình ảnh hội nghị báo cáo viên Tỉnh ủy do Ban Tuyên giáo và Dân vận Tỉnh ủy tổ chức, "
        "thông tin chuyên đề về tình hình thời sự trong nước và quốc tế.",
        [
            "Quang cảnh hội nghị tại hội trường Tỉnh ủy",
            "Đồng chí Trưởng Ban phát biểu khai mạc hội nghị",
            "Báo cáo viên các xã, phường theo dõi chuyên đề",
            "Trao đổi về định hướng thông tin tháng tới",
            "Đại biểu thảo luận tại hội nghị",
            "Các đại biểu chụp ảnh lưu niệm",
        ],
        "hall",
    ),
    (
        "Sắc màu quê hương đổi mới",
        "Phóng sự ảnh về những đổi thay ở các xã, phường sau khi tổ chức chính quyền địa phương "
        "hai cấp: đường mới, trường mới và những cánh đồng vào mùa.",
        [
            "Đường giao thông nông thôn mới nối các thôn",
            "Cánh đồng lúa vào mùa gặt",
            "Nhà văn hóa thôn vừa khánh thành",
            "Đồi chè buổi sớm",
            "Bến sông ngày hội đua thuyền",
        ],
        "landscape",
    ),
]

VIDEO_TITLE = "Toàn cảnh hội nghị tổng kết công tác tuyên giáo và dân vận năm 2025"
YOUTUBE_TITLE = "Phim tư liệu: Dấu ấn 95 năm Đảng bộ tỉnh (bản giới thiệu)"
CAPTIONS = """WEBVTT

00:00:00.000 --> 00:00:02.000
Hội nghị tổng kết công tác tuyên giáo và dân vận năm 2025.

00:00:02.000 --> 00:00:04.000
Đại biểu các đảng ủy xã, phường tham dự.

00:00:04.000 --> 00:00:06.000
Triển khai nhiệm vụ trọng tâm năm 2026.
"""


def landscape(caption, seed, size=(1200, 800)):
    """A drawn countryside scene: sky, hills, fields, a road."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, "#9cc9e8")
    draw = ImageDraw.Draw(image)
    draw.ellipse(
        [width * 0.75, height * 0.08, width * 0.85, height * 0.08 + width * 0.1], fill="#fff2b0"
    )
    for index, colour in enumerate(["#5f8f4e", "#4c7a3c", "#3d6a31"]):
        base = height * (0.45 + index * 0.08)
        points = [(0, height)]
        for x in range(0, width + 100, 100):
            points.append((x, base - rng.randint(0, int(height * 0.12))))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    draw.rectangle([0, height * 0.7, width, height], fill=rng.choice(["#d9b44a", "#8dbb4f"]))
    for y in range(int(height * 0.72), height, 18):
        draw.line([(0, y), (width, y + 10)], fill="#c49f3a", width=2)
    draw.polygon(
        [
            (width * 0.45, height),
            (width * 0.55, height),
            (width * 0.51, height * 0.7),
            (width * 0.49, height * 0.7),
        ],
        fill="#9a9a9a",
    )
    band = int(height * 0.09)
    draw.rectangle([0, height - band, width, height], fill="#000000")
    draw.text(
        (width / 2, height - band / 2),
        caption[:70],
        font=demo_font(int(band * 0.4)),
        fill="#ffffff",
        anchor="mm",
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def video_frames(count=72, size=(640, 360)):
    """Frames of a short title sequence: a banner, a moving gold bar, changing lines."""
    width, height = size
    lines = ["TỔNG KẾT NĂM 2025", "TUYÊN GIÁO VÀ DÂN VẬN", "NHIỆM VỤ NĂM 2026"]
    title_font, small_font = demo_font(34), demo_font(20)
    for index in range(count):
        image = Image.new("RGB", size, "#7a0b15")
        draw = ImageDraw.Draw(image)
        draw.rectangle([0, height * 0.3, width, height * 0.62], fill="#b3101f")
        progress = index / (count - 1)
        draw.rectangle([0, height * 0.6, width * progress, height * 0.62], fill="#f2c230")
        text = lines[min(index * len(lines) // count, len(lines) - 1)]
        draw.text((width / 2, height * 0.46), text, font=title_font, fill="#ffffff", anchor="mm")
        draw.text(
            (width / 2, height * 0.8),
            "Ban Tuyên giáo và Dân vận Tỉnh ủy",
            font=small_font,
            fill="#f2c230",
            anchor="mm",
        )
        yield image


def encode_webm(frames, size=(640, 360), fps=12):
    """WebM (VP8) bytes of ``frames``, or None when no ffmpeg binary is available."""
    try:
        import imageio_ffmpeg

        ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    except Exception:  # optional: without it the demo shows a poster-only video
        log.warning("multimedia demo: no ffmpeg (imageio-ffmpeg); skipping the uploaded video")
        return None
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "video.webm"
        process = subprocess.Popen(
            [
                ffmpeg,
                "-hide_banner",
                "-loglevel",
                "error",
                "-y",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "rgb24",
                "-s",
                f"{size[0]}x{size[1]}",
                "-r",
                str(fps),
                "-i",
                "-",
                "-c:v",
                "libvpx",
                "-b:v",
                "400k",
                "-pix_fmt",
                "yuv420p",
                "-an",
                str(target),
            ],
            stdin=subprocess.PIPE,
        )
        for frame in frames:
            process.stdin.write(frame.tobytes())
        process.stdin.close()
        if process.wait(timeout=120) != 0:
            log.warning("multimedia demo: ffmpeg failed; skipping the uploaded video")
            return None
        return target.read_bytes()


def _poster(text, seed):
    return photo_placeholder(text, seed, size=(1280, 720))


def seed(stdout):
    now = timezone.now()
    for index, (title, description, captions, style) in enumerate(ALBUMS):
        if Album.objects.filter(title=title).exists():
            continue
        album = Album.objects.create(
            title=title,
            description=description,
            published_at=now - datetime.timedelta(days=2 + 5 * index),
        )
        draw = photo_placeholder if style == "hall" else landscape
        for order, caption in enumerate(captions, start=1):
            photo = Photo(album=album, caption=caption, order=order)
            photo.image.save(
                f"album-{index}-{order}.jpg",
                ContentFile(draw(caption, index * 10 + order)),
                save=False,
            )
            photo.save()
    if not Video.objects.filter(title=VIDEO_TITLE).exists():
        data = encode_webm(video_frames())
        video = Video(
            title=VIDEO_TITLE,
            description="Những hình ảnh chính của hội nghị tổng kết, do Văn phòng Ban thực hiện.",
            published_at=now - datetime.timedelta(days=1),
            duration_seconds=6,
        )
        video.poster.save(
            "hoi-nghi-tong-ket.jpg",
            ContentFile(_poster("Hội nghị tổng kết năm 2025", 5)),
            save=False,
        )
        if data:
            video.file.save("hoi-nghi-tong-ket.webm", ContentFile(data), save=False)
            video.captions.save("hoi-nghi-tong-ket.vtt", ContentFile(CAPTIONS.encode()), save=False)
        else:
            video.youtube_url = "https://www.youtube.com/watch?v=aaaaaaaaaaa"
        video.save()
    if not Video.objects.filter(title=YOUTUBE_TITLE).exists():
        video = Video(
            title=YOUTUBE_TITLE,
            description=(
                "Bản giới thiệu phim tư liệu (đường dẫn YouTube mẫu: thay bằng video thật của Ban)."
            ),
            published_at=now - datetime.timedelta(days=8),
            youtube_url="https://www.youtube.com/watch?v=aaaaaaaaaaa",
        )
        video.poster.save(
            "phim-tu-lieu.jpg", ContentFile(_poster("Dấu ấn 95 năm Đảng bộ tỉnh", 9)), save=False
        )
        video.save()
    stdout.write(f"[multimedia] {Album.objects.count()} albums, {Video.objects.count()} videos")
