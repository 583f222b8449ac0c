"""The :class:`Theme`: every shape, colour, font and line width of a drawing, in one place.

The default look follows the papers of the Causal Incentives Working Group (Tom Everitt's
``influence-diagrams.sty``): chance nodes are ellipses, decisions rectangles, utilities diamonds
(octagons when the label is long); information links are dotted; a single agent's decisions
are light blue and its utilities yellow; several agents get one colour-blind-safe tint each
(light tints of the Okabe–Ito palette). Incentive marks use the Okabe–Ito shades of the
stylesheet's hues: value of information blue, value of control orange, response incentive
bluish green, instrumental control incentive vermillion.

Two presets mirror the stylesheet's modes: :meth:`Theme.circular` (the default) and
:meth:`Theme.rectangular` (rounded boxes for chance nodes and octagons for utilities, for
diagrams with long text labels). Any field can be changed with :func:`dataclasses.replace`.

Examples
--------
>>> from dataclasses import replace
>>> from cid.drawing import Theme
>>> Theme().utility_shape, Theme.rectangular().utility_shape
('diamond', 'octagon')
>>> replace(Theme(), decision_fill="#DDDDDD").decision_fill
'#DDDDDD'
>>> Theme.named("rectangular") == Theme.rectangular()
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from cid.drawing.colors import tint
from cid.drawing.kinds import KINDS, normalize_kind
from cid.errors import DiagramError

__all__ = [
    "INCENTIVE_COLORS",
    "OKABE_ITO",
    "Theme",
    "tint",
]

OKABE_ITO: Mapping[str, str] = MappingProxyType(
    {
        "blue": "#0072B2",
        "vermillion": "#D55E00",
        "bluish_green": "#009E73",
        "yellow": "#F0E442",
        "reddish_purple": "#CC79A7",
        "orange": "#E69F00",
        "sky_blue": "#56B4E9",
    }
)
"""The Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008), without its black."""

INCENTIVE_COLORS: Mapping[str, str] = MappingProxyType(
    {
        "value_of_information": OKABE_ITO["blue"],
        "response_incentive": OKABE_ITO["bluish_green"],
        "value_of_control": OKABE_ITO["orange"],
        "instrumental_control_incentive": OKABE_ITO["vermillion"],
    }
)
"""Incentive kind -> outline colour (the stylesheet's blue, green, orange and red hues)."""

# Light tints of Okabe-Ito blue, vermillion, yellow and bluish green (the stylesheet's player
# colours red, blue, yellow, green), then reddish purple, orange and sky blue. The order and
# the strengths keep any two of the first four, and each of them and white, apart by at least
# ΔE*ab 12 (CIEDE2000 8) in normal vision and in simulated protanopia, deuteranopia and
# tritanopia (Machado et al. 2009); tests/drawing/test_colors.py checks it. Bluish green comes
# after yellow and is stronger: as light as the blue, it looks the same to tritanopes.
_AGENT_TINTS: tuple[str, ...] = (
    tint(OKABE_ITO["blue"], 0.3),
    tint(OKABE_ITO["vermillion"], 0.35),
    tint(OKABE_ITO["yellow"], 0.5),
    tint(OKABE_ITO["bluish_green"], 0.5),
    tint(OKABE_ITO["reddish_purple"], 0.4),
    tint(OKABE_ITO["orange"], 0.35),
    tint(OKABE_ITO["sky_blue"], 0.3),
)

# Times where it exists (SVG viewers), Liberation Serif (Times-compatible widths, so dot's
# layout fits the viewer's Times) and DejaVu Serif (wide Unicode coverage) on Linux, then any
# serif. The same string on every machine: each renderer takes the first family it has.
_FONTS = "Times New Roman,Liberation Serif,DejaVu Serif,serif"

BadgePolicy = Literal["always", "multiple", "never"]


@dataclass(frozen=True)
class Theme:
    """Shapes, colours, fonts and line widths of a drawing.

    Every field has a default that gives the papers' look; change any of them with
    :func:`dataclasses.replace` or by passing keywords.

    Parameters
    ----------
    chance_shape, decision_shape, utility_shape : str
        Graphviz shapes of the three node kinds (``ellipse``, ``box``, ``diamond``).
    long_utility_shape : str
        The utility shape used when a label is wider than ``long_label`` characters
        (``octagon``, the stylesheet's chamfered rectangle).
    chance_style : str
        Extra Graphviz style of chance nodes (``"rounded"`` in the rectangular preset).
    long_label : float
        Label width, in characters (a script character counts 0.68, and stacked scripts
        count once), above which a utility node is drawn with ``long_utility_shape``.
    fontname, fontsize : str, float
        Font of all text: a comma-separated list of families, the first one present is used
        (default: Times New Roman, Liberation Serif, DejaVu Serif, serif: all have Greek).
    script_scale : float
        Size of sub- and superscripts relative to their text (default 0.68).
    badge_fontsize : float
        Font size of the incentive badges and agent names inside nodes.
    chance_fill, decision_fill, utility_fill : str
        Fills in a single-agent diagram.
    agent_fills : tuple of str
        Fills of the agents of a multi-agent diagram, given in the order of
        :attr:`cid.Diagram.agents` (sorted names); they repeat if there are more agents. The
        first four stay distinguishable under the common colour-vision deficiencies.
    agent_colors : mapping of str to str
        Fixed fills for named agents; they take precedence over ``agent_fills``.
    agent_labels : bool
        Write the agent names in small italics under the label of each decision and utility
        (like the stylesheet's ``numberedmacid`` option).
    shared_fill : str
        Fill of a utility shared by more than two agents (the stylesheet's ``common``
        colour); its owners are then named under its label. A utility of two agents is
        split between their two fills.
    line_color : str
        Outline, text and edge colour.
    information_link_style, information_link_penwidth : str, float
        Look of information links (edges into decisions): thick and dotted.
    incentive_colors : mapping of str to str
        Incentive kind (full or short name) -> colour of its ring, badge and witness path;
        kinds not given keep their default colour.
    incentive_penwidth : float
        Width of the dashed incentive ring (the same for one kind or several).
    badges : {"always", "multiple", "never"}
        When to write the short incentive names (VoI, RI, VoC, ICI) as small filled badges
        inside a marked node's label: on every marked node (the default: colour is then
        never the only cue), only on nodes with several kinds, or never. A node with several
        kinds always gets its badges: its one ring can show only one colour.
    ring_priority : tuple of str
        Which kind gives a multiply-marked node its ring colour: the first one it has in
        this order (default: ICI, RI, VoI, VoC, the rarest and most telling first).
    witness_color, witness_penwidth : str, float
        Colour (when the witness' kind is unknown) and width of witness-path edges.
    counterfactual_color, counterfactual_fontcolor : str
        Outline and text colour of twin-network copies.
    counterfactual_fill : str
        Fill of twin-network chance nodes (decisions and utilities get a lighter version of
        their own fill); with the grey text it keeps a copy recognisable when an incentive
        ring replaces its grey outline.
    counterfactual_mark : str
        Mark added to a counterfactual node's label: a combining character (the default,
        U+0303 COMBINING TILDE, drawn as a small ``∼`` above the first letter) or a prefix
        such as ``"~"``.
    downplay_color : str
        Colour of what is not highlighted when ``render(..., focus=True)``.
    rankdir : str or None
        Graphviz ``rankdir``; ``None`` means ``"LR"`` when some node has a ``step`` (time
        slices read left to right), else ``"TB"``.
    nodesep, ranksep : float
        Graphviz spacing, in inches.
    node_width, node_height : float
        The smallest node size, in inches (Graphviz's ``width`` and ``height``); a node
        grows to fit its label.
    badges_per_row : int
        How many incentive badges a node shows side by side before it starts a new row.

    Examples
    --------
    >>> Theme(fontsize=12).fontsize
    12
    """

    chance_shape: str = "ellipse"
    decision_shape: str = "box"
    utility_shape: str = "diamond"
    long_utility_shape: str = "octagon"
    chance_style: str = ""
    long_label: float = 3.5
    fontname: str = _FONTS
    fontsize: float = 14
    script_scale: float = 0.68
    badge_fontsize: float = 9
    chance_fill: str = "#FFFFFF"
    decision_fill: str = tint(OKABE_ITO["sky_blue"], 0.35)
    utility_fill: str = tint(OKABE_ITO["yellow"], 0.6)
    agent_fills: tuple[str, ...] = _AGENT_TINTS
    agent_colors: Mapping[str, str] = field(default_factory=dict, hash=False)
    agent_labels: bool = False
    shared_fill: str = tint("#996633", 0.25)
    line_color: str = "#000000"
    information_link_style: str = "dotted"
    information_link_penwidth: float = 1.6
    incentive_colors: Mapping[str, str] = field(
        default_factory=lambda: dict(INCENTIVE_COLORS), hash=False
    )
    incentive_penwidth: float = 3.0
    badges: BadgePolicy = "always"
    ring_priority: tuple[str, ...] = (
        "instrumental_control_incentive",
        "response_incentive",
        "value_of_information",
        "value_of_control",
    )
    witness_color: str = OKABE_ITO["reddish_purple"]
    witness_penwidth: float = 3.0
    counterfactual_color: str = "#8C8C8C"
    counterfactual_fontcolor: str = "#6E6E6E"
    counterfactual_fill: str = "#EDEDED"
    counterfactual_mark: str = "\u0303"
    downplay_color: str = "#BDBDBD"
    rankdir: str | None = None
    nodesep: float = 0.45
    ranksep: float = 0.45
    node_width: float = 0.75
    node_height: float = 0.5
    badges_per_row: int = 4

    def __post_init__(self) -> None:
        colors = dict(INCENTIVE_COLORS)
        for kind, color in self.incentive_colors.items():
            colors[normalize_kind(kind)] = color
        object.__setattr__(self, "incentive_colors", MappingProxyType(colors))
        object.__setattr__(self, "agent_colors", MappingProxyType(dict(self.agent_colors)))
        object.__setattr__(self, "agent_fills", tuple(self.agent_fills))
        priority = [normalize_kind(k) for k in self.ring_priority]
        priority += [k for k in KINDS if k not in priority]
        object.__setattr__(self, "ring_priority", tuple(dict.fromkeys(priority)))
        if self.badges not in ("always", "multiple", "never"):
            raise DiagramError(f"Theme.badges must be 'always', 'multiple' or 'never', "
                              f"got {self.badges!r}")
        if not self.agent_fills:
            raise DiagramError("Theme.agent_fills needs at least one colour")

    @classmethod
    def circular(cls, **changes: object) -> Theme:
        """The default look: ellipses, boxes and diamonds."""
        return cls(**changes)  # type: ignore[arg-type]

    @classmethod
    def rectangular(cls, **changes: object) -> Theme:
        """Rounded boxes for chance nodes and octagons for utilities (for long labels)."""
        base: dict[str, object] = {
            "chance_shape": "box",
            "chance_style": "rounded",
            "utility_shape": "octagon",
        }
        return cls(**{**base, **changes})  # type: ignore[arg-type]

    @classmethod
    def named(cls, name: str) -> Theme:
        """The preset called ``name``: ``"circular"`` or ``"rectangular"``.

        >>> Theme.named("circular") == Theme()
        True
        """
        presets = {"circular": cls.circular, "rectangular": cls.rectangular}
        if name not in presets:
            raise DiagramError(f"unknown theme {name!r}; use 'circular' or 'rectangular'")
        return presets[name]()

    def agent_fill(self, agent: str, agents: tuple[str, ...]) -> str:
        """The fill of ``agent``, given all the agents of the diagram (sorted).

        >>> Theme().agent_fill("robot", ("human", "robot")) == Theme().agent_fills[1]
        True
        """
        if agent in self.agent_colors:
            return self.agent_colors[agent]
        index = agents.index(agent) if agent in agents else 0
        return self.agent_fills[index % len(self.agent_fills)]
