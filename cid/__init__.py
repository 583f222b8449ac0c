"""cid: causal influence diagrams — build them, read off an agent's incentives, draw them.

The public API is imported lazily, so ``import cid`` stays fast; ``cid.Diagram`` and friends
load their modules on first use.

>>> import cid
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> d
<Diagram 'diagram': 3 nodes, 1 decision, 1 utility, 1 agent>
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from cid.errors import (
    CIDError,
    CIDTypeError,
    CIDWarning,
    DiagramError,
    GraphvizNotFoundError,
    ModelIncompleteError,
    NodeNotFoundError,
    OptionalDependencyError,
    RenderError,
    SaveError,
    SolveLimitError,
    SpecError,
)

__version__ = "0.1.0"

# public name -> module that defines it (imported on first access)
_LAZY: dict[str, str] = {
    "Diagram": "cid.model",
    "DEFAULT_AGENT": "cid.model",
    "parse_edges": "cid.edges",
    "Chance": "cid.nodes",
    "Decision": "cid.nodes",
    "Utility": "cid.nodes",
    "json_schema": "cid.io",
    "FORMAT_VERSION": "cid.io",
    "load": "cid.io",
    "save": "cid.io",
    # incentives (issue 3)
    "value_of_information": "cid.incentives",
    "response_incentives": "cid.incentives",
    "value_of_control": "cid.incentives",
    "instrumental_control_incentives": "cid.incentives",
    "explain": "cid.incentives",
    "analyze": "cid.incentives",
    "Report": "cid.incentives",
    "Witness": "cid.incentives",
    "IncentiveKind": "cid.incentives",
    # rendering (issue 4)
    "render": "cid.render",
    "Theme": "cid.render",
    "Rendering": "cid.render",
    "graphviz_available": "cid.render",
    # twin networks (issue 5)
    "twin_network": "cid.twin",
    # quantitative layer (issue 6)
    "Model": "cid.quant",
    "solve": "cid.quant",
    "expected_utility": "cid.quant",
    "do": "cid.quant",
    # numeric models as files, exact team solving (issue 11)
    "load_model": "cid.quant",
}

__all__ = [
    "CIDError",
    "CIDTypeError",
    "CIDWarning",
    "DiagramError",
    "GraphvizNotFoundError",
    "ModelIncompleteError",
    "NodeNotFoundError",
    "OptionalDependencyError",
    "RenderError",
    "SaveError",
    "SolveLimitError",
    "SpecError",
    "__version__",
    *_LAZY,
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only ("X as X": re-exported)
    from cid.edges import parse_edges as parse_edges
    from cid.incentives import IncentiveKind as IncentiveKind
    from cid.incentives import Report as Report
    from cid.incentives import Witness as Witness
    from cid.incentives import analyze as analyze
    from cid.incentives import explain as explain
    from cid.incentives import instrumental_control_incentives as instrumental_control_incentives
    from cid.incentives import response_incentives as response_incentives
    from cid.incentives import value_of_control as value_of_control
    from cid.incentives import value_of_information as value_of_information
    from cid.io import FORMAT_VERSION as FORMAT_VERSION
    from cid.io import json_schema as json_schema
    from cid.io import load as load
    from cid.io import save as save
    from cid.model import DEFAULT_AGENT as DEFAULT_AGENT
    from cid.model import Diagram as Diagram
    from cid.nodes import Chance as Chance
    from cid.nodes import Decision as Decision
    from cid.nodes import Utility as Utility
    from cid.quant import Model as Model
    from cid.quant import do as do
    from cid.quant import expected_utility as expected_utility
    from cid.quant import load_model as load_model
    from cid.quant import solve as solve
    from cid.render import Rendering as Rendering
    from cid.render import Theme as Theme
    from cid.render import graphviz_available as graphviz_available
    from cid.render import render as render
    from cid.twin import twin_network as twin_network


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cid' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
