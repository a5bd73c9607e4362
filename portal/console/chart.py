"""Arrivals and decisions per week (the core's server-side SVG line chart,
portal/lib/svg_chart.py, as the job board's performance chart)."""

from portal.lib.svg_chart import line_chart

SERIES = (
    # (field, colour, dashes): at least 3:1 on white, and a dash pattern each (not colour alone).
    ("arrivals", "#0a58ca", ""),
    ("decisions", "#146c43", "8 4"),
)


def week_chart(weeks: list[dict]) -> dict:
    return line_chart(weeks, series=SERIES, date_key="week", pad=36, labels=6)
