"""Demo news, written by us: categories, 40+ articles with generated photos, comments, ratings.

``seed`` is idempotent (categories by slug, articles by category + slug). ``bulk_articles``
makes synthetic volume for benchmarks, without images.
"""

import datetime
import io
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFilter

from core.demo import demo_font
from core.text import slugify_vi

from .models import Article, Category, Comment, Tag
from .services import rate_article

CATEGORIES = [
    (
        "Tin hoạt động",
        "Hoạt động của Ban Tuyên giáo và Dân vận Tỉnh ủy và công tác tuyên giáo, dân vận ở cơ sở.",
    ),
    ("Hội nghị - Sự kiện", "Hội nghị, hội thảo, lễ kỷ niệm và các sự kiện chính trị của tỉnh."),
    ("Sơ kết - Tổng kết", "Sơ kết, tổng kết công tác tuyên giáo theo quý, 6 tháng và cả năm."),
    ("Thông báo", "Thông báo, kế hoạch, hướng dẫn của Ban Tuyên giáo và Dân vận Tỉnh ủy."),
    (
        "Học tập và làm theo Bác",
        "Gương điển hình học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    ),
    ("Giáo dục lý luận chính trị", "Bồi dưỡng lý luận chính trị, học tập nghị quyết của Đảng."),
    ("Bảo vệ nền tảng tư tưởng", "Đấu tranh phản bác quan điểm sai trái, thù địch."),
]

PLACES = ["Thuận Châu", "Mường Lát", "Yên Sơn", "Bắc Hà", "Hòa Bình", "Phú Lộc", "Tân Uyên"]
REPORTERS = ["Minh Anh", "Hà Linh", "Quốc Hưng", "Thu Trang", "Đức Thắng", "Lan Hương"]
SOURCES = ["", "", "Báo cáo của Ban Tuyên giáo và Dân vận Tỉnh ủy", "Đảng ủy xã"]
PALETTES = [
    ("#7a1020", "#d9822b"),
    ("#143d6b", "#5fa3d9"),
    ("#1f5130", "#9cc26b"),
    ("#5a2d0c", "#e3b04b"),
    ("#3a2a5c", "#c77dba"),
]

# (category index, title, lead, body paragraphs, inline caption, tags). {place} and {year}
# are filled in per story so that each variant reads as its own report.
STORIES = [
    (
        0,
        "Ban Tuyên giáo và Dân vận Tỉnh ủy làm việc với Đảng ủy xã {place}",
        "Đoàn công tác của Ban Tuyên giáo và Dân vận Tỉnh ủy đã làm việc với Ban Thường vụ "
        "Đảng ủy xã {place} về kết quả công tác tuyên giáo và dân vận năm {year}.",
        [
            "Theo báo cáo, trong năm {year}, Đảng ủy xã {place} đã chỉ đạo quán triệt kịp thời "
            "các nghị quyết, chỉ thị của Trung ương và của Tỉnh ủy tới 100% chi bộ trong Đảng "
            "bộ xã.",
            "Công tác nắm bắt dư luận xã hội được duy trì thường xuyên; đội ngũ báo cáo viên "
            "cơ sở được bổ sung, tập huấn nghiệp vụ hai lần trong năm.",
            "Phát biểu kết luận, đồng chí Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy đề nghị "
            "Đảng ủy xã tiếp tục đổi mới hình thức tuyên truyền, ứng dụng công nghệ số, "
            "chú trọng tuyên truyền miệng ở thôn, bản vùng sâu, vùng xa.",
        ],
        "Quang cảnh buổi làm việc tại Đảng ủy xã {place}",
        ["công tác tuyên giáo", "cơ sở"],
    ),
    (
        0,
        "Tập huấn nghiệp vụ cho báo cáo viên cơ sở xã {place}",
        "Hơn 60 báo cáo viên, tuyên truyền viên ở các thôn, bản của xã {place} tham gia lớp "
        "tập huấn kỹ năng tuyên truyền miệng năm {year}.",
        [
            "Tại lớp tập huấn, các học viên được nghe giới thiệu chuyên đề về kỹ năng nắm bắt, "
            "tổng hợp dư luận xã hội và phương pháp xây dựng đề cương tuyên truyền ngắn gọn, "
            "sát thực tế.",
            "Học viên cũng được hướng dẫn sử dụng mạng xã hội để lan tỏa thông tin tích cực, "
            "nhận diện thông tin xấu độc trên không gian mạng.",
            "Lớp tập huấn là dịp để đội ngũ làm công tác tuyên giáo ở cơ sở trao đổi kinh "
            "nghiệm, nâng cao chất lượng sinh hoạt chi bộ và tuyên truyền tại khu dân cư.",
        ],
        "Học viên trao đổi trong giờ thảo luận nhóm",
        ["báo cáo viên", "tập huấn"],
    ),
    (
        1,
        "Hội nghị học tập, quán triệt nghị quyết Trung ương tại {place}",
        "Sáng nay, Đảng ủy xã {place} tổ chức hội nghị trực tuyến học tập, quán triệt nghị "
        "quyết Hội nghị Trung ương cho cán bộ chủ chốt năm {year}.",
        [
            "Hội nghị được kết nối tới 14 điểm cầu thôn, bản với hơn 600 cán bộ, đảng viên "
            "tham dự.",
            "Các báo cáo viên đã truyền đạt những nội dung cơ bản, điểm mới của nghị quyết; "
            "gợi mở những vấn đề cần tập trung lãnh đạo, chỉ đạo trong thời gian tới.",
            "Sau hội nghị, mỗi cán bộ, đảng viên viết bản thu hoạch và xây dựng kế hoạch "
            "hành động cụ thể gắn với nhiệm vụ của cơ quan, đơn vị.",
        ],
        "Đại biểu dự hội nghị tại điểm cầu trung tâm xã {place}",
        ["nghị quyết", "học tập"],
    ),
    (
        1,
        "Lễ kỷ niệm ngày truyền thống ngành Tuyên giáo năm {year}",
        "Tỉnh ủy tổ chức lễ kỷ niệm ngày truyền thống ngành Tuyên giáo của Đảng, biểu dương "
        "các tập thể, cá nhân tiêu biểu năm {year}.",
        [
            "Ôn lại chặng đường vẻ vang của ngành, diễn văn tại buổi lễ khẳng định công tác "
            "tuyên giáo luôn đi trước, mở đường, góp phần quan trọng vào thành tựu phát triển "
            "của tỉnh.",
            "Dịp này, 12 tập thể và 25 cá nhân được nhận bằng khen của Ban Thường vụ Tỉnh ủy "
            "vì có thành tích xuất sắc trong công tác tuyên giáo.",
            "Buổi lễ khép lại bằng chương trình văn nghệ chào mừng do Nhà văn hóa tỉnh dàn dựng.",
        ],
        "Trao bằng khen cho các tập thể tiêu biểu",
        ["kỷ niệm", "khen thưởng"],
    ),
    (
        2,
        "Sơ kết công tác tuyên giáo, dân vận 6 tháng đầu năm {year} xã {place}",
        "Đảng ủy xã {place} sơ kết công tác tuyên giáo và dân vận 6 tháng đầu năm {year}, "
        "triển khai nhiệm vụ trọng tâm 6 tháng cuối năm.",
        [
            "Sáu tháng qua, xã đã tổ chức 8 hội nghị học tập, quán triệt nghị quyết với "
            "hơn 1.500 lượt cán bộ, đảng viên tham dự; biên soạn 6 đề cương tuyên truyền.",
            "Công tác giáo dục lý luận chính trị tiếp tục được quan tâm; Đảng ủy xã phối hợp "
            "với Trường Chính trị tỉnh mở 3 lớp bồi dưỡng cho 210 học viên.",
            "Hội nghị chỉ ra một số hạn chế như việc nắm bắt dư luận ở một số cơ sở chưa kịp "
            "thời; đồng thời thống nhất các giải pháp khắc phục trong 6 tháng cuối năm.",
        ],
        "Đại biểu tham luận tại hội nghị sơ kết",
        ["sơ kết", "6 tháng"],
    ),
    (
        2,
        "Tổng kết công tác tuyên giáo năm {year}, triển khai nhiệm vụ năm mới",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy tổ chức hội nghị tổng kết công tác năm {year} với "
        "sự tham dự của lãnh đạo các đảng ủy xã, phường và đảng ủy trực thuộc Tỉnh ủy.",
        [
            "Năm {year}, ngành đã tham mưu Ban Thường vụ Tỉnh ủy ban hành nhiều văn bản lãnh "
            "đạo, chỉ đạo; tổ chức tốt các hoạt động tuyên truyền kỷ niệm các ngày lễ lớn.",
            "Công tác bảo vệ nền tảng tư tưởng của Đảng được triển khai quyết liệt; Ban Chỉ "
            "đạo 35 các cấp hoạt động hiệu quả.",
            "Năm tới, toàn ngành tập trung đổi mới nội dung, phương thức tuyên truyền, đẩy "
            "mạnh chuyển đổi số trong công tác tuyên giáo.",
        ],
        "Lãnh đạo Ban Tuyên giáo và Dân vận Tỉnh ủy phát biểu tại hội nghị",
        ["tổng kết", "chuyển đổi số"],
    ),
    (
        3,
        "Thông báo lịch hội nghị báo cáo viên tháng {month}/{year}",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy thông báo lịch hội nghị báo cáo viên định kỳ "
        "tháng {month}/{year}.",
        [
            "Thời gian: 7 giờ 30, thứ Năm tuần thứ ba của tháng. Địa điểm: Hội trường Tỉnh ủy "
            "và các điểm cầu trực tuyến tại các xã, phường.",
            "Thành phần: báo cáo viên Tỉnh ủy; lãnh đạo phụ trách công tác tuyên giáo, dân vận "
            "của các đảng ủy xã, phường và đảng ủy trực thuộc; phóng viên báo chí của tỉnh.",
            "Đề nghị các đơn vị chuẩn bị đường truyền, cử cán bộ kỹ thuật trực tại điểm cầu.",
        ],
        "",
        ["báo cáo viên", "thông báo"],
    ),
    (
        4,
        "Lan tỏa gương sáng làm theo Bác ở {place}",
        "Nhiều tập thể, cá nhân ở xã {place} đã có cách làm hay, sáng tạo trong học tập và "
        "làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        [
            "Ông Lò Văn Thành, trưởng bản, vận động bà con hiến hơn 2.000 m² đất mở đường "
            "liên thôn, góp phần thay đổi diện mạo bản làng.",
            'Chi đoàn thanh niên xã duy trì mô hình "Thắp sáng đường quê", lắp đặt 3 km '
            "đèn chiếu sáng bằng năng lượng mặt trời.",
            "Những việc làm giản dị ấy đã góp phần đưa việc học tập và làm theo Bác trở thành "
            "việc làm tự giác, thường xuyên trong cán bộ, đảng viên và nhân dân.",
        ],
        "Người dân cùng làm đường giao thông nông thôn tại {place}",
        ["làm theo Bác", "gương điển hình"],
    ),
    (
        5,
        "Khai giảng lớp bồi dưỡng lý luận chính trị cho đảng viên mới tại {place}",
        "Đảng ủy xã {place} phối hợp với Trường Chính trị tỉnh khai giảng lớp bồi dưỡng lý "
        "luận chính trị dành cho đảng viên mới năm {year}.",
        [
            "Lớp học có 46 học viên là đảng viên mới kết nạp của các chi bộ trực thuộc.",
            "Trong 10 ngày, học viên được nghiên cứu các chuyên đề về chủ nghĩa Mác - Lênin, "
            "tư tưởng Hồ Chí Minh, Điều lệ Đảng và nhiệm vụ của người đảng viên.",
            "Ban tổ chức đề nghị học viên chấp hành nghiêm nội quy, tích cực nghiên cứu, liên "
            "hệ thực tiễn công tác.",
        ],
        "Các học viên tại buổi khai giảng",
        ["lý luận chính trị", "đảng viên mới"],
    ),
    (
        6,
        "Nâng cao hiệu quả đấu tranh phản bác quan điểm sai trái trên không gian mạng",
        "Hội thảo do Ban Tuyên giáo và Dân vận Tỉnh ủy tổ chức năm {year} bàn giải pháp nâng "
        "cao hiệu quả "
        "bảo vệ nền tảng tư tưởng của Đảng.",
        [
            "Các tham luận tập trung làm rõ thủ đoạn lợi dụng mạng xã hội để xuyên tạc đường "
            "lối của Đảng, chính sách, pháp luật của Nhà nước.",
            "Nhiều ý kiến đề xuất xây dựng lực lượng nòng cốt, phát huy vai trò của đội ngũ "
            "cộng tác viên dư luận xã hội ở cơ sở.",
            "Hội thảo thống nhất tăng cường thông tin chính thống, kịp thời, lấy cái đẹp dẹp "
            "cái xấu, lấy tích cực đẩy lùi tiêu cực.",
        ],
        "Đại biểu trình bày tham luận tại hội thảo",
        ["bảo vệ nền tảng tư tưởng", "không gian mạng"],
    ),
]

COMMENTS = [
    ("Nguyễn Văn Hùng", "Bài viết phản ánh đúng thực tế ở cơ sở. Mong ban tiếp tục đưa tin."),
    ("Trần Thị Mai", "Cách làm hay, các địa phương khác nên học tập."),
    ("Lê Quang Vinh", "Đề nghị đăng thêm tài liệu hội nghị để báo cáo viên tham khảo."),
    ("Phạm Thu Hà", "Cảm ơn ban biên tập đã thông tin kịp thời."),
]


def _gradient(size, top, bottom):
    start = Image.new("RGB", size, top)
    end = Image.new("RGB", size, bottom)
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(end, start, mask)


def photo_placeholder(caption, seed, size=(1200, 800)):
    """A JPEG that reads as a conference photo: hall, banner, stage, rows of people."""
    rng = random.Random(seed)
    top, bottom = PALETTES[seed % len(PALETTES)]
    width, height = size
    image = _gradient(size, top, bottom)
    draw = ImageDraw.Draw(image)
    # The red banner over the stage, with a gold line.
    draw.rectangle([width * 0.08, height * 0.08, width * 0.92, height * 0.26], fill="#b3101f")
    draw.rectangle([width * 0.08, height * 0.245, width * 0.92, height * 0.26], fill="#f2c230")
    banner_font = demo_font(int(height * 0.045))
    draw.text(
        (width / 2, height * 0.165), "HỘI NGHỊ", font=banner_font, fill="#f2c230", anchor="mm"
    )
    # The stage and the lectern.
    draw.rectangle([width * 0.05, height * 0.42, width * 0.95, height * 0.5], fill="#e8dcc0")
    draw.rectangle([width * 0.45, height * 0.3, width * 0.55, height * 0.45], fill="#6b3a1f")
    # Rows of heads, nearer rows larger.
    for row in range(4):
        radius = int(height * (0.025 + row * 0.008))
        y = int(height * (0.58 + row * 0.09))
        for x in range(radius, width, radius * 3):
            jitter = rng.randint(-radius // 3, radius // 3)
            shade = rng.choice(["#1b1b1b", "#2b2118", "#3a2c20"])
            draw.ellipse([x + jitter, y, x + jitter + 2 * radius, y + 2 * radius], fill=shade)
            draw.rectangle(
                [x + jitter - radius // 2, y + 2 * radius, x + jitter + 2.5 * radius, height],
                fill=rng.choice(["#ffffff", "#dfe6ee", "#2e4a7a"]),
            )
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    draw = ImageDraw.Draw(image)
    if caption:
        band = int(height * 0.09)
        draw.rectangle([0, height - band, width, height], fill="#000000")
        font = demo_font(int(band * 0.4))
        draw.text(
            (width / 2, height - band / 2), caption[:70], font=font, fill="#ffffff", anchor="mm"
        )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def _inline_figure(caption, seed, when):
    name = f"news/anh/{when:%Y/%m/%d}/demo-{seed}.jpg"
    if not default_storage.exists(name):
        name = default_storage.save(
            # No caption band in the picture: the figcaption below carries it.
            name,
            ContentFile(photo_placeholder("", seed + 7, size=(1000, 640))),
        )
    url = default_storage.url(name)
    return (
        f'<figure class="image"><img src="{url}" alt="{caption}" width="1000" height="640">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def _story_variants():
    """(category index, texts, when, serial) for 45+ distinct articles over two years; the
    texts are the story's with {place}, {year} and {month} filled in."""
    now = timezone.localtime()
    variants = []
    titles = set()
    for round_index in range(5):
        for story_index, (category_index, title, lead, paragraphs, caption, tags) in enumerate(
            STORIES
        ):
            days_ago = (round_index * len(STORIES) + story_index) * 15 + story_index
            # Office hours, varied, never in the future.
            when = (now - datetime.timedelta(days=days_ago)).replace(
                hour=7 + (round_index * 3 + story_index) % 10,
                minute=(story_index * 17 + round_index * 7) % 60,
                second=0,
                microsecond=0,
            )
            if when > now:
                when -= datetime.timedelta(days=1)
            place = PLACES[(round_index + story_index) % len(PLACES)]
            values = {"place": place, "year": when.year, "month": when.month}
            texts = {
                "title": title.format(**values),
                "lead": lead.format(**values),
                "paragraphs": [paragraph.format(**values) for paragraph in paragraphs],
                "caption": caption.format(**values),
                "tags": tags,
            }
            if texts["title"] in titles:
                continue
            titles.add(texts["title"])
            variants.append((category_index, texts, when, len(variants)))
    return variants


def seed(stdout):
    categories = []
    for order, (name, description) in enumerate(CATEGORIES):
        category, _ = Category.objects.get_or_create(
            slug=slugify_vi(name),
            defaults={"name": name, "description": description, "order": order},
        )
        categories.append(category)

    created = 0
    for category_index, texts, when, serial in _story_variants():
        category = categories[category_index]
        slug = slugify_vi(texts["title"], max_length=300)
        if Article.objects.filter(category=category, slug=slug).exists():
            continue
        paragraphs = [f"<p>{paragraph}</p>" for paragraph in texts["paragraphs"]]
        caption = texts["caption"]
        if caption:
            paragraphs.insert(2, _inline_figure(caption, serial, when))
        if serial % 4 == 0:
            paragraphs.append(
                '<figure class="table"><table><thead><tr><th>Nội dung</th><th>Kết quả</th>'
                "</tr></thead><tbody><tr><td>Hội nghị quán triệt</td><td>18</td></tr>"
                "<tr><td>Lượt cán bộ, đảng viên dự</td><td>5.120</td></tr></tbody></table>"
                "</figure>"
            )
        reporter = REPORTERS[serial % len(REPORTERS)]
        article = Article(
            title=texts["title"],
            slug=slug,
            category=category,
            lead=texts["lead"],
            body="\n".join(paragraphs),
            cover_caption=caption or texts["title"],
            byline=f"Tin, ảnh: {reporter}" if caption else f"Tin: {reporter}",
            source=SOURCES[serial % len(SOURCES)],
            status=Article.Status.PUBLISHED,
            published_at=when,
            featured=serial % 6 == 0,
            # A new row is inserted with every field, counters included.
            view_count=120 + (serial * 137) % 2400,
        )
        article.cover.save(
            f"{slug[:60]}.jpg",
            ContentFile(photo_placeholder(caption or texts["title"], serial)),
            save=False,
        )
        article.save()
        article.tags.add(*(Tag.objects.get_or_create(name=name)[0] for name in texts["tags"]))
        created += 1

    _republished_article(categories[0])
    # A republished article takes no comments.
    articles = list(
        Article.objects.published().filter(republished=False).order_by("-published_at")[:12]
    )
    for index, article in enumerate(articles):
        for offset in range(index % 3 + 1):
            name, text = COMMENTS[(index + offset) % len(COMMENTS)]
            status = Comment.Status.APPROVED if offset < 2 else Comment.Status.PENDING
            Comment.objects.get_or_create(
                article=article, name=name, text=text, defaults={"status": status}
            )
        for voter in range(index % 5 + 1):
            rate_article(article, f"demo-visitor-{voter}", 3 + (index + voter) % 3)
    stdout.write(f"[news] {len(categories)} categories, {created} new articles")


def _republished_article(category):
    """One article taken from another paper: source, author, date and link, no comments."""
    title = "Sắp xếp tổ chức bộ máy: hợp nhất cơ quan tham mưu tuyên giáo và dân vận"
    if Article.objects.filter(title=title).exists():
        return
    when = timezone.now() - datetime.timedelta(days=9, hours=3)
    article = Article(
        title=title,
        category=category,
        lead=(
            "Các ban tuyên giáo và ban dân vận cấp tỉnh hợp nhất thành ban tuyên giáo và dân vận, "
            "một đầu mối tham mưu cho cấp ủy về hai lĩnh vực công tác."
        ),
        body=(
            "<p>Theo chủ trương sắp xếp, tinh gọn tổ chức bộ máy của hệ thống chính trị, từ năm "
            "2025 các tỉnh ủy, thành ủy thành lập ban tuyên giáo và dân vận trên cơ sở hợp nhất "
            "hai ban. Cơ quan mới vừa làm công tác tư tưởng, vừa làm công tác vận động quần "
            "chúng, gắn tuyên truyền với nắm bắt tâm tư của Nhân dân.</p>"
            "<p>Cùng với việc tổ chức chính quyền địa phương hai cấp, công tác tuyên giáo và dân "
            "vận ở cơ sở do đảng ủy các xã, phường trực tiếp đảm nhiệm.</p>"
        ),
        byline="Bài đăng lại",
        republished=True,
        source="Báo điện tử Đảng Cộng sản Việt Nam (bài mẫu)",
        original_author="Phóng viên Ban Thời sự",
        original_published_on=(when - datetime.timedelta(days=2)).date(),
        source_url="https://dangcongsan.vn/",
        status=Article.Status.PUBLISHED,
        published_at=when,
        view_count=512,
    )
    article.cover.save("bai-dang-lai.jpg", ContentFile(photo_placeholder(title, 7)), save=False)
    article.save()


BULK_WORDS = [
    "hội nghị",
    "tuyên giáo",
    "sơ kết",
    "tổng kết",
    "nghị quyết",
    "báo cáo viên",
    "cơ sở",
    "đảng viên",
    "chuyển đổi số",
    "học tập",
    "làm theo Bác",
    "dư luận xã hội",
    "khu dân cư",
]


def bulk_articles(count, progress=None, batch_size=2000):
    """``count`` synthetic published articles (no images), bulk-created in batches."""
    if not Category.objects.exists():
        seed(io.StringIO())
    categories = list(Category.objects.all())
    rng = random.Random(count)
    now = timezone.now()
    made = 0
    start = Article.objects.count()
    while made < count:
        batch = []
        for index in range(min(batch_size, count - made)):
            number = start + made + index + 1
            words = rng.sample(BULK_WORDS, 4)
            title = f"Bài số {number}: {words[0].capitalize()} về {words[1]} và {words[2]}"
            batch.append(
                Article(
                    title=title,
                    slug=slugify_vi(title, max_length=300),
                    category=categories[number % len(categories)],
                    lead=f"Tin tổng hợp về {words[0]}, {words[1]}, {words[3]}.",
                    body=f"<p>Nội dung thử nghiệm về {', '.join(words)}.</p>",
                    byline="Tin: Dữ liệu thử nghiệm",
                    status=Article.Status.PUBLISHED,
                    published_at=now - datetime.timedelta(minutes=number * 7),
                    view_count=rng.randint(0, 5000),
                )
            )
        Article.objects.bulk_create(batch, batch_size=batch_size)
        made += len(batch)
        if progress:
            progress(len(batch))
    return made
