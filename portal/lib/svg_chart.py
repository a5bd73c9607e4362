"""A line chart drawn on the server as inline SVG (no script, CSP-safe), shared by the job
board's performance page and the console's overview; each page also shows its figures as a
table. The templates draw the returned coordinates."""

WIDTH, HEIGHT = 640, 220


def line_chart(
    rows: list[dict],
    *,
    series: tuple[tuple[str, str, str], ...],
    date_key: str,
    pad: int = 32,
    labels: int = 5,
) -> dict:
    """Points of each polyline (`series`: field, colour, dash pattern) in the SVG's
    coordinates, the y-axis top value and about `labels` date labels along the x-axis."""
    top = max([1] + [row[field] for row in rows for field, _colour, _dashes in series])
    n = max(len(rows) - 1, 1)
    plot_w, plot_h = WIDTH - 2 * pad, HEIGHT - 2 * pad

    def x(i):
        return round(pad + plot_w * i / n, 1)

    def y(v):
        return round(HEIGHT - pad - plot_h * v / top, 1)

    lines = [
        {
            "field": field,
            "colour": colour,
            "dashes": dashes,
            # Points as text: a float in a template is localised ("32,5"), which SVG misreads.
            "points": " ".join(f"{x(i)},{y(row[field])}" for i, row in enumerate(rows)),
        }
        for field, colour, dashes in series
    ]
    step = max(1, len(rows) // labels)
    ticks = [
        {"x": str(x(i)), "label": row[date_key].strftime("%m-%d")}
        for i, row in enumerate(rows)
        if i % step == 0 or i == len(rows) - 1
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": pad,
        "right": WIDTH - pad,
        "top_y": pad,
        "bottom": HEIGHT - pad,
        "top": top,
        "lines": lines,
        "ticks": ticks,
        "label_y": HEIGHT - pad + 18,
    }
