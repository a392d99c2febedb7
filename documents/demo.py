"""Demo documents for `seed_demo` (idempotent) and synthetic volume for benchmarks."""

import datetime
import os
import random
import textwrap

from django.core.files.base import ContentFile
from django.utils import timezone

from core import versions
from core.text import strip_accents

from .models import Document, DocumentFile, DocumentType, Field, IssuingBody, normalize_search_text
from .validators import ALLOWED

TYPES = [
    "Công văn",
    "Kế hoạch",
    "Hướng dẫn",
    "Đề cương tuyên truyền",
    "Thông báo",
    "Báo cáo",
    "Tài liệu",
]
BODIES = [
    ("Văn phòng Tỉnh ủy", "VPTU"),
    # Since 2025 one body; its documents keep the department's code BTGTU.
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "BTGTU"),
    ("Ban Tổ chức Tỉnh ủy", "BTCTU"),
    ("Ủy ban Kiểm tra Tỉnh ủy", "UBKTTU"),
]
FIELDS = [
    "Tuyên truyền",
    "Dư luận xã hội",
    "Giáo dục lý luận chính trị",
    "Báo chí - Xuất bản",
    "Văn hóa - Văn nghệ",
    "Khoa giáo",
    "Xây dựng Đảng",
]
SIGNERS = [
    ("Nguyễn Văn Hùng", "Phó Chánh Văn phòng Tỉnh ủy"),
    ("Trần Thị Minh Hòa", "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy"),
    ("Lê Quang Đức", "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy"),
    ("Phạm Thị Lan", "Phó Trưởng Ban Tổ chức Tỉnh ủy"),
    ("Hồ Văn Thành", "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy"),
]

# (code, type, body code, days ago, restricted, fields, summary)
DOCUMENTS = [
    (
        "CV.2453.VPTU",
        "Công văn",
        "VPTU",
        12,
        False,
        ["Dư luận xã hội"],
        "V/v điều tra dư luận xã hội định kỳ 6 tháng cuối năm",
    ),
    (
        "CV.2431.BTGTU",
        "Công văn",
        "BTGTU",
        20,
        True,
        ["Tuyên truyền"],
        "V/v định hướng tuyên truyền kỷ niệm ngày thành lập Đảng bộ tỉnh",
    ),
    (
        "CV.2411.BTGTU",
        "Công văn",
        "BTGTU",
        31,
        False,
        ["Báo chí - Xuất bản"],
        "V/v tăng cường quản lý thông tin trên mạng xã hội của cán bộ, đảng viên",
    ),
    (
        "KH.118.BTGTU",
        "Kế hoạch",
        "BTGTU",
        45,
        False,
        ["Tuyên truyền", "Văn hóa - Văn nghệ"],
        "Kế hoạch tuyên truyền Đại hội Đảng bộ các cấp nhiệm kỳ mới",
    ),
    (
        "ĐC.07.BTGTU",
        "Đề cương tuyên truyền",
        "BTGTU",
        58,
        True,
        ["Tuyên truyền"],
        "Đề cương tuyên truyền kỷ niệm Ngày Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam",
    ),
    (
        "HD.42.BTGTU",
        "Hướng dẫn",
        "BTGTU",
        70,
        False,
        ["Giáo dục lý luận chính trị"],
        "Hướng dẫn học tập, quán triệt chuyên đề học tập và làm theo tư tưởng, đạo đức, "
        "phong cách Hồ Chí Minh năm nay",
    ),
    (
        "TB.215.VPTU",
        "Thông báo",
        "VPTU",
        84,
        False,
        ["Xây dựng Đảng"],
        "Thông báo kết luận của Thường trực Tỉnh ủy tại buổi làm việc với Ban Tuyên giáo",
    ),
    (
        "BC.96.BTGTU",
        "Báo cáo",
        "BTGTU",
        97,
        True,
        ["Dư luận xã hội"],
        "Báo cáo tình hình tư tưởng của cán bộ, đảng viên và nhân dân quý III",
    ),
    (
        "CV.2290.VPTU",
        "Công văn",
        "VPTU",
        113,
        False,
        ["Xây dựng Đảng"],
        "V/v chuẩn bị nội dung hội nghị Ban Chấp hành Đảng bộ tỉnh giữa nhiệm kỳ",
    ),
    (
        "TL.15.BTGTU",
        "Tài liệu",
        "BTGTU",
        128,
        True,
        ["Giáo dục lý luận chính trị"],
        "Tài liệu sinh hoạt chi bộ chuyên đề bảo vệ nền tảng tư tưởng của Đảng",
    ),
    (
        "ĐC.06.BTGTU",
        "Đề cương tuyên truyền",
        "BTGTU",
        150,
        False,
        ["Tuyên truyền"],
        "Đề cương tuyên truyền kỷ niệm ngày thương binh liệt sĩ 27/7",
    ),
    (
        "KH.97.BTGTU",
        "Kế hoạch",
        "BTGTU",
        172,
        False,
        ["Tuyên truyền"],
        "Kế hoạch thực hiện công tác dân vận khéo trong xây dựng nông thôn mới",
    ),
    (
        "CV.2105.BTCTU",
        "Công văn",
        "BTCTU",
        190,
        False,
        ["Xây dựng Đảng"],
        "V/v rà soát, bổ sung quy hoạch cán bộ diện Ban Thường vụ Tỉnh ủy quản lý",
    ),
    (
        "HD.38.UBKTTU",
        "Hướng dẫn",
        "UBKTTU",
        214,
        True,
        ["Xây dựng Đảng"],
        "Hướng dẫn kiểm tra, giám sát việc thực hiện quy định về nêu gương của đảng viên",
    ),
    (
        "CV.1987.BTGTU",
        "Công văn",
        "BTGTU",
        240,
        False,
        ["Khoa giáo"],
        "V/v tuyên truyền phòng, chống dịch bệnh mùa mưa và bảo đảm an toàn thực phẩm",
    ),
    (
        "BC.81.VPTU",
        "Báo cáo",
        "VPTU",
        268,
        False,
        ["Xây dựng Đảng"],
        "Báo cáo sơ kết công tác xây dựng Đảng 6 tháng đầu năm, nhiệm vụ 6 tháng cuối năm",
    ),
    (
        "ĐC.05.BTGTU",
        "Đề cương tuyên truyền",
        "BTGTU",
        300,
        True,
        ["Tuyên truyền"],
        "Đề cương tuyên truyền kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh 19/5",
    ),
    (
        "TB.170.BTGTU",
        "Thông báo",
        "BTGTU",
        335,
        False,
        ["Báo chí - Xuất bản"],
        "Thông báo kết quả giải báo chí về xây dựng Đảng của tỉnh",
    ),
    (
        "KH.65.BTGTU",
        "Kế hoạch",
        "BTGTU",
        380,
        False,
        ["Văn hóa - Văn nghệ"],
        "Kế hoạch tổ chức cuộc thi sáng tác văn học, nghệ thuật về quê hương, con người tỉnh nhà",
    ),
    (
        "CV.1702.VPTU",
        "Công văn",
        "VPTU",
        430,
        False,
        ["Dư luận xã hội"],
        "V/v điều tra dư luận xã hội định kỳ 6 tháng đầu năm",
    ),
    (
        "TL.09.BTGTU",
        "Tài liệu",
        "BTGTU",
        490,
        True,
        ["Giáo dục lý luận chính trị"],
        "Tài liệu bồi dưỡng báo cáo viên cơ sở về tình hình thời sự trong nước và quốc tế",
    ),
    (
        "HD.21.BTGTU",
        "Hướng dẫn",
        "BTGTU",
        560,
        False,
        ["Tuyên truyền"],
        "Hướng dẫn tuyên truyền bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân các cấp",
    ),
    (
        "BC.40.BTGTU",
        "Báo cáo",
        "BTGTU",
        640,
        False,
        ["Khoa giáo"],
        "Báo cáo tổng kết công tác khoa giáo năm trước, phương hướng nhiệm vụ năm nay",
    ),
    (
        "CV.1430.BTGTU",
        "Công văn",
        "BTGTU",
        700,
        False,
        ["Báo chí - Xuất bản"],
        "V/v đăng ký kế hoạch xuất bản ấn phẩm tuyên truyền năm mới",
    ),
]

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]


def _font_path():
    return next((path for path in FONT_CANDIDATES if os.path.exists(path)), None)


def make_pdf(code, summary, body_name, issued_on, signer):
    """A short one-page PDF for a demo document (Vietnamese when a TTF font is available)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(f"{code} {summary}")
    pdf.add_page()
    font = _font_path()
    if font:
        pdf.add_font("Body", fname=font)
        pdf.set_font("Body", size=12)

        def text(value):
            return value
    else:
        pdf.set_font("Helvetica", size=12)

        def text(value):
            return strip_accents(value)

    width = pdf.epw
    pdf.multi_cell(width, 7, text(f"ĐẢNG BỘ TỈNH\n{body_name.upper()}\nSố: {code}"))
    pdf.ln(4)
    pdf.multi_cell(width, 7, text("ĐẢNG CỘNG SẢN VIỆT NAM"), align="R")
    pdf.multi_cell(
        width, 7, text(f"Ngày {issued_on:%d} tháng {issued_on:%m} năm {issued_on:%Y}"), align="R"
    )
    pdf.ln(8)
    pdf.set_font_size(14)
    pdf.multi_cell(width, 8, text(summary), align="C")
    pdf.set_font_size(12)
    pdf.ln(6)
    body = (
        "Văn bản mẫu của cổng thông tin, dùng để trình diễn chức năng tải văn bản. "
        "Các cơ quan, đơn vị căn cứ nội dung hướng dẫn, chủ động xây dựng kế hoạch triển khai "
        "phù hợp với tình hình thực tế, báo cáo kết quả thực hiện đúng thời hạn quy định.\n\n"
        "1. Mục đích, yêu cầu: nâng cao nhận thức, tạo sự thống nhất trong cán bộ, đảng viên "
        "và các tầng lớp nhân dân.\n"
        "2. Nội dung: bám sát chủ trương của Đảng, chính sách, pháp luật của Nhà nước.\n"
        "3. Tổ chức thực hiện: các đơn vị phân công cán bộ theo dõi, tổng hợp kết quả."
    )
    pdf.multi_cell(width, 7, text(body))
    pdf.ln(10)
    pdf.multi_cell(width, 7, text(f"T/M CƠ QUAN\n{signer}"), align="R")
    return bytes(pdf.output())


def _attach_pdf(document):
    # Cut between words; a "V/v" in the summary is kept (the download shows it as "V∕v").
    summary = textwrap.shorten(document.summary, 60, placeholder="…")
    filename = f"{document.code} - {summary}.pdf"
    data = make_pdf(
        document.code,
        document.summary,
        document.issuing_body.name,
        document.issued_on,
        document.signer,
    )
    document_file = DocumentFile(
        document=document,
        original_name=filename,
        size=len(data),
        content_type=ALLOWED["pdf"][1],
    )
    document_file.file.save("demo.pdf", ContentFile(data), save=False)
    document_file.save()


# Drafts for consultation: (code, summary, days since it opened, days it stays open).
DRAFTS = [
    (
        "DT.02.BTGTU",
        "Dự thảo Quy chế phối hợp trong công tác tuyên truyền, định hướng thông tin",
        3,
        30,
    ),
    ("DT.01.BTGTU", "Dự thảo Kế hoạch tuyên truyền chuyển đổi số giai đoạn mới", 60, 30),
]


def _seed_drafts(types, bodies, today):
    created = 0
    now = timezone.now()
    for code, summary, opened_days_ago, open_days in DRAFTS:
        opens = now - datetime.timedelta(days=opened_days_ago)
        document, was_created = Document.objects.get_or_create(
            code=code,
            issuing_body=bodies["BTGTU"],
            defaults={
                "summary": summary,
                "document_type": types["Tài liệu"],
                "issued_on": opens.date(),
                "is_draft": True,
                "consultation_opens_at": opens,
                "consultation_closes_at": opens + datetime.timedelta(days=open_days),
            },
        )
        if was_created:
            created += 1
        if not document.files.exists():
            _attach_pdf(document)
    return created


def seed(stdout):
    types = {}
    for order, name in enumerate(TYPES):
        types[name], _ = DocumentType.objects.get_or_create(name=name, defaults={"order": order})
    bodies = {}
    for order, (name, code) in enumerate(BODIES):
        bodies[code], _ = IssuingBody.objects.get_or_create(
            code=code, defaults={"name": name, "order": order}
        )
    fields = {}
    for name in FIELDS:
        fields[name], _ = Field.objects.get_or_create(name=name)

    rng = random.Random(2453)
    today = timezone.localdate()
    created = 0
    by_code = {}
    for index, (code, type_name, body, days, restricted, field_names, summary) in enumerate(
        DOCUMENTS
    ):
        issued_on = today - datetime.timedelta(days=days)
        signer, position = SIGNERS[index % len(SIGNERS)]
        document, was_created = Document.objects.get_or_create(
            code=code,
            issuing_body=bodies[body],
            defaults={
                "summary": summary,
                "document_type": types[type_name],
                "signer": signer,
                "signer_position": position,
                "issued_on": issued_on,
                "effective_on": issued_on,
                "access": Document.Access.REPORTERS if restricted else Document.Access.PUBLIC,
                "view_count": rng.randint(40, 1500),
                "download_count": rng.randint(5, 300),
            },
        )
        by_code[code] = document
        if was_created:
            created += 1
            document.fields.set([fields[name] for name in field_names])
        if not document.files.exists():
            _attach_pdf(document)
    # A newer survey directive replaces last year's; outlines relate to each other.
    if by_code["CV.2453.VPTU"].replaces_id is None:
        by_code["CV.2453.VPTU"].replaces = by_code["CV.1702.VPTU"]
        by_code["CV.2453.VPTU"].save()
    by_code["ĐC.07.BTGTU"].related.add(by_code["ĐC.06.BTGTU"], by_code["ĐC.05.BTGTU"])
    created += _seed_drafts(types, bodies, today)
    total = len(DOCUMENTS) + len(DRAFTS)
    stdout.write(f"[documents] {created} demo documents created ({total} in all)")


# Sentences the synthetic files are made of: each file has a few, so a phrase from one is
# found in a fraction of the documents, like a real archive's recurring wording.
BULK_SENTENCES = [
    "Tăng cường công tác tuyên truyền biển, đảo và chủ quyền quốc gia.",
    "Phát huy vai trò của đội ngũ báo cáo viên cơ sở trong việc nắm bắt dư luận xã hội.",
    "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái.",
    "Tổ chức hội nghị báo cáo viên định kỳ hằng tháng tại hội trường Tỉnh ủy.",
    "Tuyên truyền kỷ niệm các ngày lễ lớn và sự kiện lịch sử của đất nước.",
    "Nâng cao chất lượng sinh hoạt chi bộ ở vùng đồng bào dân tộc thiểu số.",
    "Thực hiện chương trình mục tiêu quốc gia xây dựng nông thôn mới.",
    "Phòng, chống tham nhũng, tiêu cực trong cơ quan, đơn vị.",
    "Chuyển đổi số trong công tác tuyên giáo và báo chí, xuất bản.",
    "Công tác khoa giáo, giáo dục và đào tạo, y tế, khoa học và công nghệ.",
    "Định hướng thông tin trên mạng xã hội và các nền tảng số.",
    "Tổng hợp kết quả điều tra dư luận xã hội về tình hình kinh tế - xã hội.",
    "Giữ gìn và phát huy bản sắc văn hóa các dân tộc Tây Nguyên.",
    "Tuyên truyền phòng, chống thiên tai, bão lũ và sạt lở đất mùa mưa.",
    "Triển khai nghị quyết đại hội Đảng bộ tỉnh nhiệm kỳ mới.",
]
BULK_FILE_KINDS = ["pdf", "docx", "odt", "xlsx"]


def make_file(kind, title, paragraphs):
    """A real file of ``kind`` (pdf, docx, odt or xlsx) holding ``title`` and ``paragraphs``."""
    import io

    buffer = io.BytesIO()
    if kind == "pdf":
        from fpdf import FPDF

        pdf = FPDF(format="A4")
        pdf.add_page()
        font = _font_path()
        if font:
            pdf.add_font("Body", fname=font)
            pdf.set_font("Body", size=12)
        else:
            pdf.set_font("Helvetica", size=12)
            title, paragraphs = strip_accents(title), [strip_accents(p) for p in paragraphs]
        for paragraph in [title, *paragraphs]:
            pdf.multi_cell(pdf.epw, 7, paragraph)
        return bytes(pdf.output())
    if kind == "docx":
        import docx

        document = docx.Document()
        for paragraph in [title, *paragraphs]:
            document.add_paragraph(paragraph)
        document.save(buffer)
    elif kind == "odt":
        from odf.opendocument import OpenDocumentText
        from odf.text import H, P

        document = OpenDocumentText()
        document.text.addElement(H(outlinelevel=1, text=title))
        for paragraph in paragraphs:
            document.text.addElement(P(text=paragraph))
        document.write(buffer)
    else:
        from openpyxl import Workbook

        workbook = Workbook()
        workbook.active.append([title])
        for paragraph in paragraphs:
            workbook.active.append([paragraph])
        workbook.save(buffer)
    return buffer.getvalue()


def _bulk_files(documents, rng):
    files = []
    for document in documents:
        kind = BULK_FILE_KINDS[document.pk % len(BULK_FILE_KINDS)]
        data = make_file(kind, document.summary, rng.sample(BULK_SENTENCES, 4))
        document_file = DocumentFile(
            document=document,
            original_name=f"{document.code}.{kind}",
            size=len(data),
            content_type=ALLOWED[kind][1],
        )
        document_file.file.save(f"bulk.{kind}", ContentFile(data), save=False)
        files.append(document_file)
    # No post_save: the text waits for `documents_reindex --pending`.
    DocumentFile.objects.bulk_create(files)


def bulk_documents(count, progress=None, batch_size=2000, with_files=False):
    """Create ``count`` synthetic documents in batches, for benchmarks; ``with_files`` gives
    each a real PDF, DOCX, ODT or XLSX file whose text waits for `documents_reindex`.

    ``progress(n)`` gets the size of each finished batch (seed_bulk feeds it to tqdm.update).
    """
    document_type, _ = DocumentType.objects.get_or_create(name="Công văn")
    body, _ = IssuingBody.objects.get_or_create(code="BENCH", defaults={"name": "Cơ quan thử tải"})
    start = Document.objects.filter(issuing_body=body).count()
    rng = random.Random(start)
    today = timezone.localdate()
    topics = [summary for *_rest, summary in DOCUMENTS]
    made = 0
    while made < count:
        batch = []
        for offset in range(min(batch_size, count - made)):
            number = start + made + offset + 1
            code = f"CV.{number}.BENCH"
            summary = f"{rng.choice(topics)} (bản thử số {number})"
            document = Document(
                code=code,
                summary=summary,
                document_type=document_type,
                issuing_body=body,
                issued_on=today - datetime.timedelta(days=rng.randint(0, 3650)),
                access=Document.Access.REPORTERS if number % 5 == 0 else Document.Access.PUBLIC,
                view_count=rng.randint(0, 5000),
                download_count=rng.randint(0, 800),
            )
            # bulk_create skips save(): fill what save() would.
            document.slug = document.build_slug()
            document.search_text = normalize_search_text(code, summary)
            batch.append(document)
        Document.objects.bulk_create(batch, batch_size=batch_size)
        if with_files:
            _bulk_files(batch, rng)
        made += len(batch)
        if progress:
            progress(len(batch))
    # bulk_create sends no post_save: new versions for the pages, as the signal would.
    versions.bump(versions.DOCUMENTS)
    return made
