import pytest

from news.sanitize import clean_html

from .factories import ArticleFactory

KEPT = [
    '<figure class="image image-style-align-left"><img src="/media/a.jpg" alt="Đại biểu" '
    'width="800" height="600" srcset="/media/a.jpg 800w" sizes="100vw">'
    "<figcaption>Đại biểu dự hội nghị</figcaption></figure>",
    '<figure class="table"><table><thead><tr><th colspan="2">Chỉ tiêu</th></tr></thead>'
    "<tbody><tr><td>1</td><td>2</td></tr></tbody></table></figure>",
    "<h2>Tiêu đề</h2><h3>Mục</h3><ul><li>một</li></ul><ol><li>hai</li></ol>",
    '<p><a href="https://example.vn/" rel="noopener noreferrer">liên kết</a></p>',
    "<blockquote><p>Trích dẫn</p></blockquote>",
    "<p><strong>đậm</strong> <em>nghiêng</em></p>",
]


@pytest.mark.parametrize("html", KEPT)
def test_editor_output_is_kept(html):
    assert clean_html(html) == html


@pytest.mark.parametrize(
    ("dirty", "forbidden"),
    [
        ("<p>a<script>alert(1)</script></p>", "alert"),
        ('<img src="x.jpg" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript"),
        ('<iframe src="https://evil.example/"></iframe>', "iframe"),
        ('<p style="color:red;mso-bidi-font-family:Calibri">Word</p>', "style"),
        ('<p class="MsoNormal">Word</p>', "MsoNormal"),
        ("<p><!--[if gte mso 9]><xml>x</xml><![endif]-->a</p>", "mso"),
        ("<style>p{}</style><p>a</p>", "<style"),
        ("<svg><script>alert(1)</script></svg>", "svg"),
        ('<form action="/"><input name="x"></form>', "input"),
    ],
)
def test_dangerous_markup_is_dropped(dirty, forbidden):
    assert forbidden not in clean_html(dirty)


@pytest.mark.django_db
def test_article_body_is_sanitised_on_save_and_text_survives():
    word_paste = (
        '<p class="MsoNormal" style="margin:0cm" onclick="x()">Hội nghị <b>tổng kết</b></p>'
        '<img src="/media/a.jpg" onerror="alert(1)" alt="ảnh">'
    )
    article = ArticleFactory(body=word_paste)
    article.refresh_from_db()
    assert article.body == '<p>Hội nghị <b>tổng kết</b></p><img src="/media/a.jpg" alt="ảnh">'


# What each toolbar button of CKEDITOR_5_CONFIGS["default"] writes into the article.
TOOLBAR_OUTPUT = {
    "heading": "<h2>Tiêu đề</h2><h3>Mục</h3>",
    "bold": "<p><strong>đậm</strong></p>",
    "italic": "<p><i>nghiêng</i></p>",
    "underline": "<p><u>gạch chân</u></p>",
    "link": '<p><a href="https://example.vn/" rel="noopener noreferrer">liên kết</a></p>',
    "alignment": '<p style="text-align:center;">giữa</p><h2 style="text-align:right;">phải</h2>'
    '<p style="text-align:justify;">đều</p>',
    "fontColor": '<p><span style="color:#b3101f;">đỏ</span></p>',
    "bulletedList": '<ul><li style="text-align:center;">một</li></ul>',
    "numberedList": "<ol><li>hai</li></ol>",
    "blockQuote": "<blockquote><p>Trích dẫn</p></blockquote>",
    "horizontalLine": "<hr>",
    "specialCharacters": "<p>© ® ™ € ≤ ≥ ≠ “ ” — …</p>",
    "imageUpload": '<figure class="image"><img src="/media/a.jpg" alt="Ảnh"></figure>',
    "insertTable": '<figure class="table"><table><tbody><tr><td>1</td></tr></tbody></table>'
    "</figure>",
    "undo": "",
    "redo": "",
}


def test_every_toolbar_button_has_its_output_kept(settings):
    toolbar = [i for i in settings.CKEDITOR_5_CONFIGS["default"]["toolbar"] if i != "|"]
    assert set(toolbar) == set(TOOLBAR_OUTPUT)
    for item in toolbar:
        assert clean_html(TOOLBAR_OUTPUT[item]) == TOOLBAR_OUTPUT[item], item


def test_every_palette_colour_is_kept(settings):
    for colour in settings.CKEDITOR_5_CONFIGS["default"]["fontColor"]["colors"]:
        html = f'<p><span style="color:{colour["color"]};">chữ</span></p>'
        assert clean_html(html) == html


@pytest.mark.parametrize(
    ("pasted", "kept"),
    [
        ('<p style="text-align: center">a</p>', '<p style="text-align:center;">a</p>'),
        (
            '<p><span style="color: rgb(192, 0, 0); font-size: 40px">a</span></p>',
            '<p><span style="color:rgb(192, 0, 0);">a</span></p>',
        ),
        (
            '<p style="text-align:center;position:fixed">a</p>',
            '<p style="text-align:center;">a</p>',
        ),
        ('<p><span style="color:url(https://x.example/)">a</span></p>', "<p><span>a</span></p>"),
        ('<p><span style="font-family:Comic Sans">a</span></p>', "<p><span>a</span></p>"),
        ('<div style="text-align:center">a</div>', "a"),
        ('<p style="text-align:expression(alert(1))">a</p>', "<p>a</p>"),
    ],
)
def test_pasted_styles_keep_only_alignment_and_colour(pasted, kept):
    assert clean_html(pasted) == kept
