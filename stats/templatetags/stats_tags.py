from django import template
from django.template.loader import render_to_string

from stats.services import block_figures

register = template.Library()

# (data-stat, label) in display order; "users" only shows when someone is signed in.
ITEMS = (
    ("online", "Đang truy cập"),
    ("bots", "Máy chủ tìm kiếm"),
    ("guests", "Khách viếng thăm"),
    ("users", "Thành viên"),
    ("today", "Hôm nay"),
    ("yesterday", "Hôm qua"),
    ("week", "Tuần này"),
    ("month", "Tháng này"),
    ("total", "Tổng"),
)


@register.simple_tag
def stats_block():
    """The counter block of the right column (figures at most ~10 s old, no query when warm).

    The figures change every few seconds per process, not per page: the HTML of the last
    figures is kept and reused while they stay the same."""
    try:
        figures = block_figures()
    except Exception:  # the database may be down too; the page still renders
        figures = {}
    key = tuple(sorted(figures.items()))
    last = _last_render["entry"]  # one tuple, swapped whole: safe across threads
    if last is not None and last[0] == key:
        return last[1]
    items = [
        {"name": name, "label": label, "value": figures.get(name)}
        for name, label in ITEMS
        if name != "users" or figures.get("users")
    ]
    html = render_to_string("stats/block.html", {"items": items})
    _last_render["entry"] = (key, html)
    return html


_last_render = {"entry": None}
