"""Draws the add-in's icons (ribbon and add-in list) as PNG files: ``python workbook/server/make_icons.py``.

A blue rounded square with four white bars of different heights: money shared out
unevenly. Drawn by code so that every size Office asks for comes from one design
and the files can be rebuilt; no image library is needed for a shape this simple
(PNG is a zlib stream of rows with a filter byte each). The bytes depend only on
the size, so a test can check that the committed files are current.
"""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parent / "static" / "images" / "icons"
# 16/32/80 for the ribbon (bt:Image), 32 and 64 for the add-in list (IconUrl, HighResolutionIconUrl).
SIZES = (16, 32, 64, 80)
BLUE = (31, 78, 121)  # the blue of the official table's headings
WHITE = (255, 255, 255)
# Bars as (left, right, top) in units of the icon's width; all stand on the same base line.
BARS = ((0.20, 0.32, 0.52), (0.38, 0.50, 0.30), (0.56, 0.68, 0.42), (0.74, 0.86, 0.62))
BASE = 0.80
CORNER = 0.18
SUPERSAMPLING = 4  # sub-pixels per pixel and axis: smooth edges at 16 px


def file_name(size: int) -> str:
    return f"mittelverteilung-{size}.png"


def _colour_at(x: float, y: float) -> tuple[int, int, int, int]:
    """Colour of the point (x, y) in the unit square, transparent outside the rounded square."""
    nearest_x = min(max(x, CORNER), 1 - CORNER)
    nearest_y = min(max(y, CORNER), 1 - CORNER)
    if (x - nearest_x) ** 2 + (y - nearest_y) ** 2 > CORNER**2:
        return (0, 0, 0, 0)
    for left, right, top in BARS:
        if left <= x < right and top <= y < BASE:
            return (*WHITE, 255)
    return (*BLUE, 255)


def _pixel(size: int, column: int, row: int) -> bytes:
    samples = [
        _colour_at((column + (i + 0.5) / SUPERSAMPLING) / size, (row + (j + 0.5) / SUPERSAMPLING) / size)
        for i in range(SUPERSAMPLING)
        for j in range(SUPERSAMPLING)
    ]
    alpha = sum(sample[3] for sample in samples)
    if alpha == 0:
        return bytes(4)
    # Colour weighted by coverage, so that the transparent rim does not darken the edge.
    channels = [(sum(sample[k] * sample[3] for sample in samples) + alpha // 2) // alpha for k in range(3)]
    count = len(samples)
    return bytes([*channels, (alpha + count // 2) // count])


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def icon_png(size: int) -> bytes:
    """The icon at ``size`` × ``size`` pixels as an RGBA PNG file."""
    rows = b"".join(b"\x00" + b"".join(_pixel(size, column, row) for column in range(size)) for row in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8 bits, RGBA, deflate, no filter, no interlace
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows, 9)) + _chunk(b"IEND", b"")


def main() -> int:
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        (ICON_DIR / file_name(size)).write_bytes(icon_png(size))
        print(f"{ICON_DIR / file_name(size)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
