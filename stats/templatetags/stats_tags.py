from django import template

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


@register.inclusion_tag("stats/block.html")
def stats_block():
    """The counter block of the right column (figures at most ~10 s old, no query when warm)."""
    try:
        figures = block_figures()
    except Exception:  # the database may be down too; the page still renders
        figures = {}
    items = [
        {"name": name, "label": label, "value": figures.get(name)}
        for name, label in ITEMS
        if name != "users" or figures.get("users")
    ]
    return {"items": items}
