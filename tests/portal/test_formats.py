import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template

from core import formats
from core.text import slugify_vi, strip_accents

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (dt.date(2024, 11, 25), "Thứ Hai"),
        (dt.date(2024, 11, 26), "Thứ Ba"),
        (dt.date(2024, 11, 27), "Thứ Tư"),
        (dt.date(2024, 11, 28), "Thứ Năm"),
        (dt.date(2024, 11, 29), "Thứ Sáu"),
        (dt.date(2024, 11, 30), "Thứ Bảy"),
        (dt.date(2024, 12, 1), "Chủ Nhật"),
    ],
)
def test_weekday_names_run_from_thu_hai_to_chu_nhat(day, name):
    assert formats.weekday(day) == name


def test_header_date_reads_as_vietnamese_long_date():
    assert formats.long_date(dt.date(2024, 11, 25)) == "Thứ Hai, ngày 25 tháng 11 năm 2024"


def test_article_datetime_uses_local_time_and_lowercase_day():
    # 01:28 UTC is 08:28 in Hanoi time, on a Thursday.
    moment = dt.datetime(2020, 7, 23, 1, 28, tzinfo=dt.UTC)
    assert formats.article_datetime(moment) == "Thứ năm - 23/07/2020 08:28"
    assert formats.short_datetime(moment) == "23/07/2020 08:28"


def test_local_midnight_belongs_to_the_local_day():
    moment = dt.datetime(2024, 11, 24, 17, 30, tzinfo=dt.UTC)  # 00:30 on the 25th in Hanoi
    assert formats.long_date(moment) == "Thứ Hai, ngày 25 tháng 11 năm 2024"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0, "0"), (999, "999"), (11457, "11.457"), (31569182, "31.569.182"), (-1200, "-1.200")],
)
def test_numbers_group_thousands_with_dots(value, shown):
    assert formats.number(value) == shown


def test_number_passes_through_what_is_not_a_number():
    assert formats.number("n/a") == "n/a"


def test_template_filters_render_vietnamese_forms():
    moment = dt.datetime(2020, 7, 23, 8, 28, tzinfo=HCM)
    html = Template(
        "{% load vn %}{{ n|vn_number }}|{{ d|vn_article_datetime }}|"
        "{{ d|vn_date }}|{{ missing|vn_date }}"
    ).render(Context({"n": 1334, "d": moment}))
    assert html == "1.334|Thứ năm - 23/07/2020 08:28|23/07/2020|"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đảng bộ tỉnh", "dang-bo-tinh"),
        ("Hội nghị sơ kết 6 tháng đầu năm 2024", "hoi-nghi-so-ket-6-thang-dau-nam-2024"),
        ("ĐỀ CƯƠNG tuyên truyền: kỷ niệm 95 năm!", "de-cuong-tuyen-truyen-ky-niem-95-nam"),
        ("Quốc hội – Chính phủ", "quoc-hoi-chinh-phu"),
    ],
)
def test_slugify_vi_keeps_d_stroke_and_drops_accents(text, slug):
    assert slugify_vi(text) == slug


def test_slugify_vi_cuts_at_max_length_without_trailing_dash():
    assert slugify_vi("Ban Tuyên giáo Tỉnh ủy", max_length=9) == "ban-tuyen"


def test_strip_accents_handles_upper_and_lower_d():
    assert strip_accents("Đắk Glei đẹp") == "Dak Glei dep"


def test_forms_accept_dates_as_vietnamese_readers_type_them():
    from django import forms

    class Form(forms.Form):
        day = forms.DateField()
        moment = forms.DateTimeField()

    form = Form({"day": "23/07/2020", "moment": "23/07/2020 08:28"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == dt.date(2020, 7, 23)
    assert form.cleaned_data["moment"].astimezone(HCM).hour == 8
