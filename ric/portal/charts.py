"""Dashboard charts drawn on the server as SVG with matplotlib (Agg; nothing from outside)."""

from __future__ import annotations

import io

import matplotlib
from matplotlib.figure import Figure

from ric.store.models import CONDITIONS

# A Figure made without pyplot draws with matplotlib's own SVG writer: no backend to pick
# and no window system. Text stays text in the SVG (screen readers, no embedded fonts).
SVG_STYLE = {"svg.fonttype": "none"}

STATUS_COLOURS = {
    "done": "#2e7d32",
    "in_progress": "#f9a825",
    "not_started": "#9e9e9e",
    "not_applicable": "#cfd8dc",
}


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context(SVG_STYLE):
        figure.savefig(buffer, format="svg", bbox_inches="tight")
    return buffer.getvalue()


def conditions_chart(
    counts: dict[str, dict[str, int]], names: dict[str, str], statuses: dict[str, str]
) -> str:
    """Stacked horizontal bars: per condition, detainees per status."""
    figure = Figure(figsize=(7, 3.2))
    axes = figure.add_subplot()
    labels = [names.get(c, c) for c in CONDITIONS]
    left = [0] * len(CONDITIONS)
    for status, colour in STATUS_COLOURS.items():
        values = [counts.get(c, {}).get(status, 0) for c in CONDITIONS]
        axes.barh(labels, values, left=left, color=colour, label=statuses.get(status, status))
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.invert_yaxis()
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=4, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)


def partners_chart(rows: list[tuple[str, int, int, int]], labels: tuple[str, str]) -> str:
    """Grouped bars: bookings and no-shows per partner."""
    figure = Figure(figsize=(7, 3.2))
    axes = figure.add_subplot()
    names = [row[0] for row in rows]
    positions = list(range(len(rows)))
    axes.bar([p - 0.2 for p in positions], [r[1] for r in rows], 0.4, label=labels[0])
    axes.bar([p + 0.2 for p in positions], [r[3] for r in rows], 0.4, label=labels[1])
    axes.set_xticks(positions, names, rotation=30, ha="right")
    axes.legend(frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)
