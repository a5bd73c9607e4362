"""Arrivals and decisions per week, drawn on the server as inline SVG (no script, CSP-safe),
as the job board's performance chart. The page shows the same figures as a table."""

WIDTH, HEIGHT, PAD = 640, 220, 36
SERIES = (
    # (field, colour, dashes): at least 3:1 on white, and a dash pattern each (not colour alone).
    ("arrivals", "#0a58ca", ""),
    ("decisions", "#146c43", "8 4"),
)


def week_chart(weeks: list[dict]) -> dict:
    top = max([1] + [w[f] for w in weeks for f, _c, _d in SERIES])
    n = max(len(weeks) - 1, 1)
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
            # Points as text: a float in a template is localised ("32,5"), which SVG misreads.
            "points": " ".join(f"{x(i)},{y(w[field])}" for i, w in enumerate(weeks)),
        }
        for field, colour, dashes in SERIES
    ]
    step = max(1, len(weeks) // 6)
    ticks = [
        {"x": str(x(i)), "label": w["week"].strftime("%m-%d")}
        for i, w in enumerate(weeks)
        if i % step == 0 or i == len(weeks) - 1
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
