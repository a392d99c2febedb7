"""Template filters for Vietnamese dates and numbers: {% load vn %}."""

from django import template

from core import formats

register = template.Library()


def _safe(func):
    def wrapper(value, *args):
        if value in (None, ""):
            return ""
        return func(value, *args)

    wrapper.__name__ = func.__name__
    return wrapper


register.filter("vn_weekday", _safe(formats.weekday))
register.filter("vn_long_date", _safe(formats.long_date))
register.filter("vn_datetime", _safe(formats.short_datetime))
register.filter("vn_date", _safe(formats.short_date))
register.filter("vn_article_datetime", _safe(formats.article_datetime))
register.filter("vn_number", formats.number)
