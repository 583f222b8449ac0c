"""Colours: WCAG contrast, readable badge text, and agent tints that survive colour blindness."""

from __future__ import annotations

import itertools
import math

import pytest

import cid
from cid.drawing.colors import contrast_ratio, relative_luminance, text_color_on, tint
from cid.drawing.theme import OKABE_ITO, Theme
from tests.drawing.cvd import delta_e2000, lab, simulate

VISIONS = (None, "protanopia", "deuteranopia", "tritanopia")


def _worst(a: str, b: str) -> tuple[float, float]:
    """The smallest CIE76 and CIEDE2000 differences of two colours over the four visions."""
    pairs = [(lab(simulate(a, v)), lab(simulate(b, v))) for v in VISIONS]
    return min(math.dist(x, y) for x, y in pairs), min(delta_e2000(x, y) for x, y in pairs)


def test_wcag_contrast():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1)
    assert contrast_ratio("#0072B2", "#FFFFFF") == pytest.approx(contrast_ratio("#FFFFFF",
                                                                                "#0072B2"))
    # the audit's numbers: orange badge text on white and on the decision fill
    assert contrast_ratio("#E69F00", "#FFFFFF") == pytest.approx(2.25, abs=0.01)
    assert contrast_ratio("#E69F00", Theme().decision_fill) == pytest.approx(1.71, abs=0.01)
    assert relative_luminance("#808080") == pytest.approx(0.2159, abs=1e-4)
    with pytest.raises(cid.DiagramError, match="'#12'"):
        relative_luminance("#12")


@pytest.mark.parametrize("color", ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#F0E442",
                                   "#000080", "#FFFFFF", "#777777"])
def test_text_colour_is_the_more_legible_of_black_and_white(color):
    text = text_color_on(color)
    other = "#FFFFFF" if text == "#000000" else "#000000"
    assert contrast_ratio(text, color) >= contrast_ratio(other, color)


def test_the_colour_difference_matches_published_values():
    # Sharma, Wu & Dalal (2005), pairs 1 and 3 of their CIEDE2000 test data
    assert delta_e2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert delta_e2000((50, 2.8361, -74.02), (50, 0, -82.7485)) == pytest.approx(3.4412, abs=1e-4)
    # the audit's tritanopia figure for the old first and third tints
    assert math.dist(lab(simulate("#B2E2D5", "tritanopia")),
                     lab(simulate("#B2D5E8", "tritanopia"))) == pytest.approx(4.6, abs=0.1)


def test_the_first_four_agent_tints_stay_apart_under_colour_blindness():
    tints = Theme().agent_fills[:4]
    for a, b in itertools.combinations((*tints, "#FFFFFF"), 2):  # and apart from white
        e76, e2000 = _worst(a, b)
        assert e76 >= 12 and e2000 >= 8, (a, b, e76, e2000)
    # the previous order (blue, vermillion, bluish green at 30 %) did not
    assert _worst(tint(OKABE_ITO["blue"], 0.3), tint(OKABE_ITO["bluish_green"], 0.3))[0] < 5


def test_agent_tints_are_light_okabe_ito_colours():
    for fill in Theme().agent_fills:
        assert contrast_ratio("#000000", fill) >= 10  # black text stays easy to read
        assert any(tint(hue, share / 100) == fill
                   for hue in OKABE_ITO.values() for share in range(5, 101, 5)), fill
