"""Small server-drawn SVG bar charts for the admin dashboard (no JavaScript, no CDN)."""

from django.utils.html import escape

from core.formats import number

WIDTH = 760
HEIGHT = 260
PAD_LEFT = 64
PAD_BOTTOM = 44
PAD_TOP = 16


def _nice_max(value):
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return int(step * magnitude)
    return int(10 * magnitude)


def bar_chart(title, labels, series, label_every=1):
    """An accessible grouped bar chart: ``series`` is [(name, css_class, values), ...]."""
    top = _nice_max(max((max(values, default=0) for _, _, values in series), default=0))
    plot_w = WIDTH - PAD_LEFT - 8
    plot_h = HEIGHT - PAD_BOTTOM - PAD_TOP
    group_w = plot_w / max(len(labels), 1)
    bar_w = max(group_w * 0.8 / max(len(series), 1), 1)
    parts = [
        f'<svg class="stats-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-{id(labels)}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-{id(labels)}">{escape(title)}</title>',
    ]
    for tick in range(5):
        value = top * tick / 4
        y = PAD_TOP + plot_h - plot_h * tick / 4
        parts.append(
            f'<line class="stats-chart__grid" x1="{PAD_LEFT}" x2="{WIDTH - 8}" '
            f'y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="stats-chart__axis" x="{PAD_LEFT - 6}" y="{y + 4:.1f}" '
            f'text-anchor="end">{number(round(value))}</text>'
        )
    for index, label in enumerate(labels):
        x0 = PAD_LEFT + index * group_w + group_w * 0.1
        for position, (name, css_class, values) in enumerate(series):
            value = values[index]
            h = plot_h * value / top
            x = x0 + position * bar_w
            y = PAD_TOP + plot_h - h
            parts.append(
                f'<rect class="{css_class}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}"><title>{escape(label)} – {escape(name)}: '
                f"{number(value)}</title></rect>"
            )
        if index % label_every == 0:
            parts.append(
                f'<text class="stats-chart__axis" x="{x0 + group_w * 0.4:.1f}" '
                f'y="{HEIGHT - PAD_BOTTOM + 16}" text-anchor="middle">{escape(label)}</text>'
            )
    legend_x = PAD_LEFT
    for name, css_class, _ in series:
        parts.append(
            f'<rect class="{css_class}" x="{legend_x}" y="{HEIGHT - 14}" width="12" height="12"/>'
            f'<text class="stats-chart__axis" x="{legend_x + 16}" y="{HEIGHT - 4}">'
            f"{escape(name)}</text>"
        )
        legend_x += 180
    parts.append("</svg>")
    return "".join(parts)
