"""The performance chart: one line per figure over the days of the period (the core's
server-side SVG line chart, portal/lib/svg_chart.py)."""

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
