"""Demo pages of the department, its leaders and a drawn map, written by us.

Since 2025 the provincial body is the Ban Tuyên giáo và Dân vận Tỉnh ủy (the propaganda and
mass mobilisation boards merged) and district-level party bodies no longer exist.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from core.demo import demo_font

from .models import Leader, Page

BODY = "Ban Tuyên giáo và Dân vận Tỉnh ủy"

INTRODUCTION = f"""
<p>{BODY} là cơ quan tham mưu, giúp việc của Tỉnh ủy, trực tiếp và thường xuyên là Ban Thường vụ,
Thường trực Tỉnh ủy về công tác tuyên giáo và công tác dân vận; đồng thời là cơ quan chuyên môn
nghiệp vụ về các lĩnh vực này của Đảng bộ tỉnh.</p>
<h2>Chức năng</h2>
<p>Nghiên cứu, đề xuất chủ trương, giải pháp của Tỉnh ủy về công tác chính trị, tư tưởng, lý
luận, tuyên truyền, báo chí, xuất bản, văn hóa, văn nghệ, khoa giáo và công tác dân vận; hướng
dẫn, kiểm tra, giám sát việc thực hiện trong toàn Đảng bộ tỉnh.</p>
<h2>Nhiệm vụ chủ yếu</h2>
<ul>
<li>Tham mưu triển khai việc học tập, quán triệt, tuyên truyền các nghị quyết, chỉ thị của
Đảng.</li>
<li>Nắm bắt, tổng hợp tình hình tư tưởng trong cán bộ, đảng viên và Nhân dân; định hướng thông
tin.</li>
<li>Chủ trì công tác bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai
trái.</li>
<li>Hướng dẫn công tác dân vận của hệ thống chính trị, phong trào thi đua "Dân vận khéo".</li>
<li>Quản lý đội ngũ báo cáo viên, tuyên truyền viên của tỉnh và các xã, phường.</li>
</ul>
<h2>Quá trình hình thành</h2>
<p>Ban Tuyên giáo Tỉnh ủy được thành lập cùng với sự ra đời của Đảng bộ tỉnh và trải qua nhiều
lần kiện toàn tổ chức. Năm 2025, thực hiện chủ trương sắp xếp tinh gọn bộ máy của hệ thống chính
trị, Ban Tuyên giáo Tỉnh ủy và Ban Dân vận Tỉnh ủy hợp nhất thành {BODY}. Cùng năm, tỉnh tổ chức
chính quyền địa phương hai cấp, không còn cấp huyện; công tác tuyên giáo và dân vận ở cơ sở do
các đảng ủy xã, phường trực tiếp đảm nhiệm dưới sự hướng dẫn của Ban.</p>
"""

ORGANISATION = """
<p>Cơ quan Ban gồm lãnh đạo Ban và các phòng chuyên môn. Mỗi phòng có trưởng phòng, các phó
trưởng phòng và chuyên viên.</p>
<figure class="table"><table>
<thead><tr><th scope="col">Phòng</th><th scope="col">Trưởng phòng</th><th scope="col">Lĩnh vực
phụ trách</th></tr></thead>
<tbody>
<tr><td>Văn phòng Ban</td><td>Đồng chí Lê Thị Hồng Nhung</td><td>Tổng hợp, hành chính, tài
chính, cổng thông tin điện tử</td></tr>
<tr><td>Phòng Lý luận chính trị và Lịch sử Đảng</td><td>Đồng chí Phạm Quốc Bảo</td><td>Học tập
lý luận, biên soạn lịch sử đảng bộ, bảo vệ nền tảng tư tưởng</td></tr>
<tr><td>Phòng Tuyên truyền và Báo chí, Xuất bản</td><td>Đồng chí Vũ Minh Châu</td><td>Tuyên
truyền, báo cáo viên, định hướng báo chí và xuất bản</td></tr>
<tr><td>Phòng Văn hóa, Văn nghệ và Khoa giáo</td><td>Đồng chí Đỗ Thanh Hà</td><td>Văn hóa, văn
nghệ, giáo dục, khoa học, y tế</td></tr>
<tr><td>Phòng Dân vận và Dân tộc, Tôn giáo</td><td>Đồng chí Hoàng Văn Khải</td><td>Công tác dân
vận, dân tộc, tôn giáo, phong trào "Dân vận khéo"</td></tr>
</tbody></table></figure>
"""

LEADERS_INTRO = f"<p>Lãnh đạo {BODY} nhiệm kỳ 2025 - 2030.</p>"

CONTACT = f"""
<p>Bạn đọc có thể liên hệ trực tiếp với Văn phòng {BODY} trong giờ hành chính (sáng từ 7 giờ
đến 11 giờ, chiều từ 13 giờ 30 đến 17 giờ các ngày làm việc) hoặc gửi ý kiến theo mẫu dưới đây.
Ý kiến được Văn phòng Ban tiếp nhận, chuyển bộ phận phụ trách và trả lời qua thư điện tử.</p>
"""

PRIVACY = """
<p>Cổng thông tin tôn trọng quyền riêng tư của bạn đọc. Trang này nói rõ những thông tin nào được
thu thập, dùng vào việc gì và bạn có quyền gì.</p>
<h2>Thông tin được thu thập</h2>
<ul>
<li>Khi bạn gửi ý kiến, bình luận hoặc liên hệ: họ tên, thư điện tử, số điện thoại (nếu có) và
nội dung bạn viết.</li>
<li>Khi bạn xem trang: một mã ngẫu nhiên lưu trong cookie để đếm lượt truy cập; địa chỉ IP không
được lưu nguyên dạng mà chỉ lưu ở dạng băm.</li>
<li>Cỡ chữ và chế độ tương phản bạn chọn được lưu ngay trên trình duyệt của bạn, không gửi về
máy chủ.</li>
</ul>
<h2>Mục đích sử dụng</h2>
<p>Thông tin chỉ dùng để trả lời bạn đọc, kiểm duyệt bình luận, chống thư rác và thống kê lượt
truy cập. Cổng thông tin không bán, không chia sẻ thông tin cá nhân cho bên thứ ba, trừ khi cơ
quan nhà nước có thẩm quyền yêu cầu theo quy định của pháp luật.</p>
<h2>Thời gian lưu trữ</h2>
<p>Số liệu thống kê chỉ lưu ở dạng tổng hợp. Thời hạn lưu giữ từng loại thông tin được nêu trong
bảng cuối trang này, theo cấu hình đang áp dụng của cổng thông tin.</p>
<h2>Quyền của bạn đọc</h2>
<p>Bạn có quyền đề nghị xem, sửa hoặc xóa thông tin cá nhân đã gửi bằng cách liên hệ Văn phòng Ban
qua trang Liên hệ, theo Nghị định số 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân.</p>
"""

LEADERS = [
    (
        "Nguyễn Thị Thanh Tâm",
        "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Phụ trách chung; trực tiếp chỉ đạo công tác tư tưởng, báo chí và công tác dân vận.",
        "Sinh năm 1972, quê quán xã Hòa Bình. Thạc sĩ Quản lý công, Cao cấp lý luận chính trị.\n"
        "Từng công tác tại Báo tỉnh, Văn phòng Tỉnh ủy; Phó Trưởng Ban Tuyên giáo Tỉnh ủy "
        "(2020 - 2025).",
    ),
    (
        "Trần Văn Đức",
        "Tỉnh ủy viên, Phó Trưởng Ban Thường trực",
        "Phụ trách công tác lý luận chính trị, lịch sử đảng và đội ngũ báo cáo viên.",
        "Sinh năm 1975. Tiến sĩ Triết học, Cao cấp lý luận chính trị.\n"
        "Nguyên Phó Giám đốc Trường Chính trị tỉnh.",
    ),
    (
        "Lò Thị Mai",
        "Phó Trưởng Ban",
        "Phụ trách công tác dân vận, dân tộc, tôn giáo và phong trào thi đua “Dân vận khéo”.",
        "Sinh năm 1978, dân tộc Thái. Cử nhân Luật, Cao cấp lý luận chính trị.\n"
        "Nguyên Phó Trưởng Ban Dân vận Tỉnh ủy (2020 - 2025).",
    ),
    (
        "Bùi Quang Huy",
        "Phó Trưởng Ban",
        "Phụ trách công tác văn hóa, văn nghệ, khoa giáo và Văn phòng Ban.",
        "Sinh năm 1980. Thạc sĩ Văn hóa học, Cao cấp lý luận chính trị.",
    ),
]


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def portrait(index, size=(360, 480)):
    """A drawn head-and-shoulders silhouette on a warm background."""
    backgrounds = ["#e9dcc3", "#dfe6ee", "#e6dfe9", "#e1eadb"]
    image = Image.new("RGB", size, backgrounds[index % len(backgrounds)])
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.ellipse([width * 0.12, height * 0.62, width * 0.88, height * 1.25], fill="#26324a")
    draw.polygon(
        [(width * 0.42, height * 0.62), (width * 0.5, height * 0.8), (width * 0.58, height * 0.62)],
        fill="#ffffff",
    )
    draw.rectangle([width * 0.44, height * 0.5, width * 0.56, height * 0.64], fill="#d9a77f")
    draw.ellipse([width * 0.3, height * 0.2, width * 0.7, height * 0.58], fill="#e8b894")
    draw.chord([width * 0.28, height * 0.16, width * 0.72, height * 0.48], 180, 360, fill="#1b1b1b")
    return _png(image)


def map_image(size=(800, 500)):
    """A drawn street map with the office marked."""
    image = Image.new("RGB", size, "#f3efe4")
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.rectangle([0, height * 0.7, width, height], fill="#cfe3f2")
    for x in (150, 420, 650):
        draw.line([(x, 0), (x, height * 0.7)], fill="#ffffff", width=18)
    for y in (120, 300):
        draw.line([(0, y), (width, y)], fill="#ffffff", width=18)
    font = demo_font(20)
    draw.text((20, 96), "Đường Trần Phú", font=font, fill="#555555")
    draw.text((430, 276), "Đường Lê Lợi", font=font, fill="#555555")
    draw.text((30, height * 0.8), "Sông", font=font, fill="#3b6e91")
    draw.rectangle([460, 150, 620, 270], fill="#b3101f")
    draw.text((540, 210), "Ban TG&DV", font=demo_font(18), fill="#ffffff", anchor="mm")
    draw.ellipse([525, 115, 555, 145], fill="#f2c230", outline="#7a0b15", width=3)
    return _png(image)


def _page(
    path, title, body, *, parent=None, layout=Page.Layout.PLAIN, menu=False, order=0, **extra
):
    page = Page.objects.filter(path=path).first()
    if page is not None:
        return page
    page = Page(
        title=title,
        slug=path.rsplit("/", 1)[-1],
        parent=parent,
        body=body,
        layout=layout,
        show_in_menu=menu,
        order=order,
        **extra,
    )
    page.save()
    return page


def seed(stdout):
    intro = _page(
        "gioi-thieu",
        "Giới thiệu",
        INTRODUCTION,
        menu=True,
        order=1,
        summary=f"Chức năng, nhiệm vụ và quá trình hình thành {BODY}.",
    )
    _page(
        "gioi-thieu/co-cau-to-chuc",
        "Cơ cấu tổ chức",
        ORGANISATION,
        parent=intro,
        order=1,
        summary=f"Các phòng chuyên môn của {BODY} và người phụ trách.",
    )
    _page(
        "gioi-thieu/lanh-dao",
        "Lãnh đạo Ban",
        LEADERS_INTRO,
        parent=intro,
        layout=Page.Layout.LEADERS,
        order=2,
        summary=f"Trưởng Ban và các Phó Trưởng Ban {BODY}.",
    )
    if not Page.objects.filter(path="lien-he").exists():
        contact = Page(
            title="Liên hệ",
            slug="lien-he",
            body=CONTACT,
            layout=Page.Layout.CONTACT,
            show_in_menu=True,
            order=9,
            summary=f"Địa chỉ, điện thoại và mẫu gửi ý kiến cho {BODY}.",
            image_alt="Sơ đồ đường đến trụ sở Ban ở góc đường Trần Phú và Lê Lợi",
        )
        contact.image.save("ban-do.png", ContentFile(map_image()), save=False)
        contact.save()
    _page(
        "chinh-sach-bao-mat",
        "Chính sách bảo mật",
        PRIVACY,
        order=10,
        summary="Thông tin cá nhân được thu thập, sử dụng và bảo vệ thế nào.",
    )
    for order, (name, position, duties, bio) in enumerate(LEADERS, start=1):
        if Leader.objects.filter(name=name).exists():
            continue
        leader = Leader(name=name, position=position, duties=duties, bio=bio, order=order)
        leader.photo.save(f"lanh-dao-{order}.png", ContentFile(portrait(order)), save=False)
        leader.save()
    stdout.write(f"[pages] {Page.objects.count()} pages, {Leader.objects.count()} leaders")
