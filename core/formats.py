"""Dates and numbers the way Vietnamese readers write them."""

from django.utils import timezone

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]


def _local(value):
    if hasattr(value, "hour") and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def weekday(value, capitalize=True):
    """'Thứ Hai' … 'Chủ Nhật'; capitalize=False gives the article style 'Thứ hai'."""
    name = WEEKDAYS[_local(value).weekday()]
    if capitalize:
        return name
    first, rest = name.split(" ", 1)
    return f"{first} {rest.lower()}"


def long_date(value):
    """'Thứ Hai, ngày 25 tháng 11 năm 2024' (the header date)."""
    value = _local(value)
    return f"{weekday(value)}, ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


def short_datetime(value):
    """'23/07/2020 08:28'."""
    return _local(value).strftime("%d/%m/%Y %H:%M")


def short_date(value):
    """'23/07/2020'."""
    return _local(value).strftime("%d/%m/%Y")


def article_datetime(value):
    """'Thứ năm - 23/07/2020 08:28' (the article byline date)."""
    value = _local(value)
    return f"{weekday(value, capitalize=False)} - {short_datetime(value)}"


def number(value):
    """31569182 -> '31.569.182'."""
    try:
        value = int(value)
    except (TypeError, ValueError):
        return value
    sign = "-" if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", ".")
