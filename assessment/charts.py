"""Server-rendered SVG geometry for the result charts (no JavaScript, numbers also given as text)."""

import math

from profiles.fields import translate

SIZE = 320
CENTRE = SIZE / 2
RADIUS = 125
MAX_LEVEL = 4


def _point(index: int, count: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = RADIUS * value / MAX_LEVEL
    return round(CENTRE + distance * math.cos(angle), 1), round(CENTRE + distance * math.sin(angle), 1)


def _polygon(values: list[float]) -> str:
    return " ".join(f"{x},{y}" for x, y in (_point(i, len(values), v) for i, v in enumerate(values)))


def radar(rows: list[dict]) -> dict:
    """Candidate and target polygons on one axis per area, with rings at each level."""
    count = len(rows)
    axes = []
    for i, row in enumerate(rows):
        end = _point(i, count, MAX_LEVEL)
        label = _point(i, count, MAX_LEVEL + 0.45)
        axes.append(
            {
                "x": end[0],
                "y": end[1],
                "lx": label[0],
                "ly": label[1],
                "name": translate(row["name"]),
                "level": round(row["level"], 1),
                "target": round(row["target"], 1),
            }
        )
    return {
        "size": SIZE,
        "centre": CENTRE,
        "rings": [_polygon([level] * count) for level in range(1, MAX_LEVEL + 1)],
        "axes": axes,
        "candidate": _polygon([row["level"] for row in rows]),
        "target": _polygon([row["target"] for row in rows]),
    }
