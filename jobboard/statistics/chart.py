"""The performance chart drawn on the server as inline SVG (no script, CSP-safe): one line per
figure over the days of the period. The page shows the same figures as a table."""

WIDTH, HEIGHT, PAD = 640, 220, 32
SERIES = (
    # (field, colour, dashes): colours with at least 3:1 contrast on white (WCAG 1.4.11), and
    # a dash pattern each so the lines differ without colour and show when they overlap.
    ("views", "#0d6efd", ""),
    ("clicks", "#198754", "8 4"),
    ("shares", "#b02a37", "2 3"),
)


def line_chart(days: list[dict]) -> dict:
    """Points of each polyline in the SVG's coordinates, the y-axis top value and a few day
    labels along the x-axis."""
    top = max([1] + [d[f] for d in days for f, _colour, _dashes in SERIES])
    n = max(len(days) - 1, 1)
    plot_w, plot_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD

    def x(i):
        return round(PAD + plot_w * i / n, 1)

    def y(v):
        return round(HEIGHT - PAD - plot_h * v / top, 1)

    lines = [
        {
            "field": field,
            "colour": colour,
            "dashes": dashes,
            "points": " ".join(f"{x(i)},{y(d[field])}" for i, d in enumerate(days)),
        }
        for field, colour, dashes in SERIES
    ]
    step = max(1, len(days) // 5)
    ticks = [
        # x as text: a float in a template is localised ("32,5" in French), which SVG misreads.
        {"x": str(x(i)), "label": d["day"].strftime("%m-%d")}
        for i, d in enumerate(days)
        if i % step == 0 or i == len(days) - 1
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": PAD,
        "right": WIDTH - PAD,
        "top_y": PAD,
        "bottom": HEIGHT - PAD,
        "top": top,
        "lines": lines,
        "ticks": ticks,
        "label_y": HEIGHT - PAD + 18,
    }
