"""The colours of the charts: blue for gains, orange for losses (told apart by people with red-green
colour blindness), a blue ramp for amounts; text black or white, whichever contrasts more with a fill."""

from __future__ import annotations

GAIN = "2F74B5"
LOSS = "D9731A"
AMOUNT = "2F74B5"
NEUTRAL = "E6E6E6"
NO_VALUE = "FFFFFF"
HATCH = "000000"  # the hatching lines over losses

# Diverging classes from the largest loss to the largest gain; the middle one is "no change".
DIVERGING = ("A34A00", "E8862A", "F9C99A", NEUTRAL, "B7D3EE", "5B9BD5", "1F4E8C")
# Sequential classes from least to most.
SEQUENTIAL = ("E3EEF9", "B3D1EE", "7FAFDF", "4A88C7", "2866A8", "0B4A8B")


def text_colour(fill: str) -> str:
    """Black or white, whichever contrasts more with the fill (WCAG relative luminance)."""
    red, green, blue = (int(fill[i : i + 2], 16) / 255 for i in (0, 2, 4))

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    against_black = (luminance + 0.05) / 0.05
    against_white = 1.05 / (luminance + 0.05)
    return "000000" if against_black >= against_white else "FFFFFF"
