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
    CIDWarning,
    DiagramError,
    GraphvizNotFoundError,
    ModelIncompleteError,
    NodeNotFoundError,
    OptionalDependencyError,
    RenderError,
    SolveLimitError,
    SpecError,
)

__version__ = "0.1.0"

# public name -> module that defines it (imported on first access)
_LAZY: dict[str, str] = {
    "Diagram": "cid.model",
    "DEFAULT_AGENT": "cid.model",
    "parse_edges": "cid.model",
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
}

__all__ = [
    "CIDError",
    "CIDWarning",
    "DiagramError",
    "GraphvizNotFoundError",
    "ModelIncompleteError",
    "NodeNotFoundError",
    "OptionalDependencyError",
    "RenderError",
    "SolveLimitError",
    "SpecError",
    "__version__",
    *_LAZY,
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from cid.io import FORMAT_VERSION, json_schema, load, save
    from cid.model import DEFAULT_AGENT, Diagram, parse_edges
    from cid.nodes import Chance, Decision, Utility


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cid' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
