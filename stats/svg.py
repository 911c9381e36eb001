"""Charts drawn on the server as inline SVG: no script, no inline style (the site's CSP), colours from classes in
static/css/site.css, so a page works offline and prints as it shows.

One kind of chart serves every figure: horizontal bars, each row's label above its bar, so long Vietnamese names
(communes, product sets) stay readable on a phone instead of being squeezed beside the bars. Several series are
stacked (stars within a year) or side by side (a round's progress)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH = 360  # user units; the picture scales to its box, and 14-unit text stays legible on a phone
LABEL_HEIGHT = 21
BAR_HEIGHT = 16
GROUPED_BAR_HEIGHT = 14
ROW_GAP = 10
LEGEND_LINE = 22
CHAR_WIDTH = 8  # the mean advance of a 14-unit sans-serif letter, to wrap the legend
VALUE_ROOM = 50  # right of the longest bar, for its number
LABEL_CHARS = 44


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"


def bar_chart(chart_id: str, title: str, rows, series, *, stacked=True, number=str, summary="") -> str:
    """`rows`: [(label, [value per series])]; `series`: [(name, css class)]. Returns safe SVG markup with a
    <title> and a <desc> that reads every value, so the image says what the table beside it says."""
    many = len(series) > 1
    places, x, line = [], 0, 0
    for name, _css in series if many else ():
        width = 22 + CHAR_WIDTH * len(name)
        if x and x + width > WIDTH:
            x, line = 0, line + 1
        places.append((x, line * LEGEND_LINE))
        x += width + 12
    legend = (places[-1][1] + LEGEND_LINE + 4) if places else 0
    per_bar = GROUPED_BAR_HEIGHT if many and not stacked else BAR_HEIGHT
    bars_height = per_bar * (1 if stacked or not many else len(series))
    row_height = LABEL_HEIGHT + bars_height + ROW_GAP
    height = legend + max(len(rows), 1) * row_height + 4
    top = max((sum(values) if stacked else max(values, default=0)) for _label, values in rows) if rows else 0
    scale = (WIDTH - VALUE_ROOM) / top if top else 0
    out = [(f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
            f'height="{height}" role="img" aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
            f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">'),
           f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
           f'<desc id="{escape(chart_id)}-desc">{escape(summary)}</desc>']
    for (name, css), (x, y) in zip(series, places, strict=False):
        out.append(f'<rect class="bar {escape(css)}" x="{x:.0f}" y="{y + 4}" width="14" height="14"/>'
                   f'<text class="legend" x="{x + 20:.0f}" y="{y + 16}">{escape(name)}</text>')
    if not rows:
        out.append(f'<text class="label" x="0" y="{legend + 16}">—</text>')
    for i, (label, values) in enumerate(rows):
        y = legend + i * row_height
        out.append(f'<text class="label" x="0" y="{y + 16}"><title>{escape(label)}</title>'
                   f'{escape(_short(label))}</text>')
        y += LABEL_HEIGHT
        x = 0.0
        for j, ((name, css), value) in enumerate(zip(series, values, strict=True)):
            width = value * scale
            bar_y = y if stacked or not many else y + j * per_bar
            if value:
                out.append(f'<rect class="bar {escape(css)}" x="{x:.1f}" y="{bar_y}" width="{max(width, 1):.1f}" '
                           f'height="{per_bar - 1}"><title>{escape(label)} — {escape(name)}: '
                           f'{escape(number(value))}</title></rect>')
            if stacked:
                x += width
            elif many:
                out.append(f'<text class="value" x="{width + 4:.1f}" y="{bar_y + per_bar - 2}">'
                           f'{escape(number(value))}</text>')
        if stacked or not many:
            total = sum(values)
            out.append(f'<text class="value" x="{x + 4 if stacked else total * scale + 4:.1f}" '
                       f'y="{y + BAR_HEIGHT - 3}">{escape(number(total))}</text>')
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 — every text above went through escape()
