"""Colour arithmetic for the theme: tints, WCAG luminance and contrast, readable text colours.

Examples
--------
>>> tint("#0072B2", 0.3)
'#B2D5E8'
>>> round(contrast_ratio("#000000", "#FFFFFF"), 1)
21.0
>>> text_color_on("#E69F00"), text_color_on("#0072B2")
('#000000', '#FFFFFF')
"""

from __future__ import annotations

import re

from cid.errors import DiagramError

__all__ = ["contrast_ratio", "parse_hex", "relative_luminance", "text_color_on", "tint"]

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def parse_hex(color: str) -> tuple[int, int, int]:
    """The red, green and blue channels (0-255) of ``#RRGGBB``.

    >>> parse_hex("#0072B2")
    (0, 114, 178)
    """
    if not isinstance(color, str) or not _HEX.match(color):
        raise DiagramError(f"expected a '#RRGGBB' colour, got {color!r}")
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def tint(color: str, amount: float) -> str:
    """Mix ``color`` (``#RRGGBB``) with white; ``amount`` is the share of the colour.

    >>> tint("#D55E00", 0.3)
    '#F2CFB2'
    """
    if not _HEX.match(str(color)) or not 0.0 <= amount <= 1.0:
        raise DiagramError(f"tint needs a '#RRGGBB' colour and an amount in [0, 1], got "
                           f"{color!r}, {amount!r}")
    return "#" + "".join(f"{round(amount * c + (1 - amount) * 255):02X}" for c in parse_hex(color))


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour, from 0 (black) to 1 (white).

    >>> relative_luminance("#FFFFFF")
    1.0
    """
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in parse_hex(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 to 21 (4.5 is the bar for small text).

    >>> round(contrast_ratio("#E69F00", "#FFFFFF"), 2)
    2.25
    """
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_color_on(background: str) -> str:
    """Black or white, whichever contrasts more with ``background``.

    >>> text_color_on("#009E73"), text_color_on("#D55E00")
    ('#000000', '#000000')
    """
    black, white = "#000000", "#FFFFFF"
    on_black, on_white = contrast_ratio(black, background), contrast_ratio(white, background)
    return black if on_black >= on_white else white
