"""Demo site settings and banners, written by us."""

import datetime
import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from core.demo import demo_font

from .models import Banner, SiteSettings

BANNERS = [
    ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "#b3101f"),
    ("Bảo vệ nền tảng tư tưởng của Đảng", "#8a5a00"),
    ("Chuyển đổi số trong công tác tuyên giáo", "#0b4f8a"),
]


def has_content():
    """True once editors (or the demo) have put anything on the site."""
    from django.apps import apps

    for label in ("news.Article", "documents.Document"):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        if model.objects.exists():
            return True
    return Banner.objects.exists()


def banner_image(text, colour):
    image = Image.new("RGB", (600, 180), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle([8, 8, 591, 171], outline="#f2c230", width=4)
    font = demo_font(30)
    words, lines, line = text.split(), [], ""
    for word in words:
        if draw.textlength(f"{line} {word}".strip(), font=font) > 540:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    y = 90 - 20 * len(lines)
    for line in lines:
        draw.text((300, y), line, font=font, fill="#ffffff", anchor="ma")
        y += 40
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def seed(stdout):
    site = SiteSettings.get_solo()
    site.site_name = "Cổng thông tin điện tử Ban Tuyên giáo và Dân vận Tỉnh ủy"
    site.owner_name = "Đảng bộ tỉnh · Ban Tuyên giáo và Dân vận Tỉnh ủy"
    site.managing_body = "Tỉnh ủy"
    site.tagline = "Tin nhanh - Chính xác - Định hướng"
    site.licence = "08/GP-TTĐT"
    site.licence_issued_on = datetime.date(2022, 4, 12)
    site.licence_issuer = "Sở Thông tin và Truyền thông"
    site.responsible_person = "Đồng chí Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy"
    site.tin_nhiem_mang_url = "https://tinnhiemmang.vn/"
    site.address = "Số 18 đường Trần Phú, phường Quyết Thắng, thành phố tỉnh lỵ"
    site.phone = "0260 3 862 415"
    site.fax = "0260 3 862 416"
    site.email = "bantuyengiao@tinhuy.gov.vn"
    site.republish_notice = (
        "Ghi rõ nguồn “Cổng thông tin điện tử Ban Tuyên giáo và Dân vận Tỉnh ủy” "
        "khi phát hành lại thông tin từ website này."
    )
    site.save()
    for order, (title, colour) in enumerate(BANNERS):
        if Banner.objects.filter(title=title).exists():
            continue
        banner = Banner(title=title, order=order, link="")
        banner.image.save(f"banner-{order + 1}.png", ContentFile(banner_image(title, colour)))
    stdout.write("[portal] site settings and banners")
