"""Draws the installable app's icons (panjereh/portal/static/portal/icons/) from the favicon's design:
a blue rounded square with four white panes, the window. Run once after changing the design:

    uv run python scripts/app_icons.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "panjereh" / "portal" / "static" / "portal" / "icons"
BLUE, WHITE = (13, 110, 253, 255), (255, 255, 255, 255)


def icon(size: int, *, maskable: bool) -> Image.Image:
    """32 units a side, as the favicon; a maskable icon keeps its panes in the middle 80 % (safe zone)."""
    image = Image.new("RGBA", (size, size), BLUE if maskable else (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    unit = size / 32
    if not maskable:
        draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=6 * unit, fill=BLUE)
    inset = 3.2 * unit if maskable else 0  # the panes drawn smaller, inside the safe zone
    scale = (size - 2 * inset) / size
    for x, y in ((7, 7), (17, 7), (7, 17), (17, 17)):
        left, top = inset + x * unit * scale, inset + y * unit * scale
        draw.rectangle((left, top, left + 8 * unit * scale, top + 8 * unit * scale), fill=WHITE)
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        icon(size, maskable=False).save(OUT / f"icon-{size}.png", optimize=True)
        icon(size, maskable=True).save(OUT / f"icon-maskable-{size}.png", optimize=True)


if __name__ == "__main__":
    main()
