"""The performance chart: one line per figure over the days of the period (the core's
server-side SVG line chart, portal/lib/svg_chart.py)."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from portal.lib.svg_chart import line_chart as svg_line_chart

SERIES = (
    # (field, colour, dashes): colours with at least 3:1 contrast on white (WCAG 1.4.11), and
    # a dash pattern each so the lines differ without colour and show when they overlap.
    ("views", "#0d6efd", ""),
    ("clicks", "#198754", "8 4"),
    ("shares", "#b02a37", "2 3"),
)


def line_chart(days: list[dict]) -> dict:
    return svg_line_chart(days, series=SERIES, date_key="day")


def _dash_attr(dashes: str) -> str:
    return format_html(' stroke-dasharray="{}"', dashes) if dashes else ""


def marks(chart: dict) -> str:
    """The chart's x-axis labels and polylines as the SVG's markup, written in one go (issue
    19: the template loops cost ~0.5 ms); escaped like the template did."""
    ticks = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="#212529">{}</text>',
        ((tick["x"], chart["label_y"], tick["label"]) for tick in chart["ticks"]),
    )
    lines = format_html_join(
        "",
        '<polyline fill="none" stroke="{}" stroke-width="2"{} points="{}"/>',
        ((line["colour"], _dash_attr(line["dashes"]), line["points"]) for line in chart["lines"]),
    )
    return format_html("{}\n      {}", ticks, lines)


def legend(chart: dict) -> str:
    """The chart's legend items (a sample of each line and its name), as the template wrote them."""
    names = {"views": _("Views"), "clicks": _("Apply clicks")}
    return format_html_join(
        "",
        '\n          <li class="list-inline-item"><svg width="24" height="10" aria-hidden="true"'
        ' focusable="false"><line x1="0" y1="5" x2="24" y2="5" stroke="{}" stroke-width="3"{}/>'
        "</svg>\n            {}</li>\n        ",
        (
            (line["colour"], _dash_attr(line["dashes"]), names.get(line["field"]) or _("Shares"))
            for line in chart["lines"]
        ),
    )
