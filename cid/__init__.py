"""cid: causal influence diagrams — build them, read off an agent's incentives, draw them.

The public API is imported lazily, so ``import cid`` stays fast; ``cid.Diagram`` and friends
load their modules on first use.

>>> import cid
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> d
<Diagram 'diagram': 3 nodes, 1 decision, 1 utility, 1 agent>
"""

from __future__ import annotations

from importlib import import_module as _import_module
from typing import TYPE_CHECKING as _TYPE_CHECKING

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
    "Diagram": "cid.core.diagram",
    "DiagramBuilder": "cid.core.builder",
    "DEFAULT_AGENT": "cid.core.agents",
    "parse_edges": "cid.core.edges",
    "Chance": "cid.core.nodes",
    "Decision": "cid.core.nodes",
    "Utility": "cid.core.nodes",
    "json_schema": "cid.io",
    "FORMAT_VERSION": "cid.io",
    "load": "cid.io",
    "save": "cid.io",
    # incentives
    "value_of_information": "cid.incentives",
    "response_incentives": "cid.incentives",
    "value_of_control": "cid.incentives",
    "instrumental_control_incentives": "cid.incentives",
    "explain": "cid.incentives",
    "analyze": "cid.incentives",
    "expand_witnesses": "cid.incentives",
    "Report": "cid.incentives",
    "Witness": "cid.incentives",
    "IncentiveKind": "cid.incentives",
    "ControlKind": "cid.incentives",
    "direct_value_of_control": "cid.incentives",
    "indirect_value_of_control": "cid.incentives",
    "explain_control": "cid.incentives",
    "incentive_nodes": "cid.incentives",
    "only_via": "cid.incentives",
    "compare": "cid.incentives",
    "Comparison": "cid.incentives",
    # rendering
    "render": "cid.drawing",
    "Theme": "cid.drawing",
    "Rendering": "cid.drawing",
    "graphviz_available": "cid.drawing",
    # twin networks
    "twin_network": "cid.twin",
    # quantitative layer
    "Model": "cid.quant",
    "solve": "cid.quant",
    "expected_utility": "cid.quant",
    "do": "cid.quant",
    # interactive explorer
    "explore": "cid.explorer",
    "Explorer": "cid.explorer",
    # robustness, random diagrams and sweeps
    "sensitivity": "cid.robustness",
    "fixes": "cid.robustness",
    "random_diagram": "cid.generate",
    "sweep": "cid.sweeps",
    # numeric models as files
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

if _TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only ("X as X": re-exported)
    from cid.core.agents import DEFAULT_AGENT as DEFAULT_AGENT
    from cid.core.builder import DiagramBuilder as DiagramBuilder
    from cid.core.diagram import Diagram as Diagram
    from cid.core.edges import parse_edges as parse_edges
    from cid.core.nodes import Chance as Chance
    from cid.core.nodes import Decision as Decision
    from cid.core.nodes import Utility as Utility
    from cid.drawing import Rendering as Rendering
    from cid.drawing import Theme as Theme
    from cid.drawing import graphviz_available as graphviz_available
    from cid.drawing import render as render
    from cid.explorer import Explorer as Explorer
    from cid.explorer import explore as explore
    from cid.generate import random_diagram as random_diagram
    from cid.incentives import Comparison as Comparison
    from cid.incentives import ControlKind as ControlKind
    from cid.incentives import IncentiveKind as IncentiveKind
    from cid.incentives import Report as Report
    from cid.incentives import Witness as Witness
    from cid.incentives import analyze as analyze
    from cid.incentives import compare as compare
    from cid.incentives import direct_value_of_control as direct_value_of_control
    from cid.incentives import expand_witnesses as expand_witnesses
    from cid.incentives import explain as explain
    from cid.incentives import explain_control as explain_control
    from cid.incentives import incentive_nodes as incentive_nodes
    from cid.incentives import indirect_value_of_control as indirect_value_of_control
    from cid.incentives import instrumental_control_incentives as instrumental_control_incentives
    from cid.incentives import only_via as only_via
    from cid.incentives import response_incentives as response_incentives
    from cid.incentives import value_of_control as value_of_control
    from cid.incentives import value_of_information as value_of_information
    from cid.io import FORMAT_VERSION as FORMAT_VERSION
    from cid.io import json_schema as json_schema
    from cid.io import load as load
    from cid.io import save as save
    from cid.quant import Model as Model
    from cid.quant import do as do
    from cid.quant import expected_utility as expected_utility
    from cid.quant import load_model as load_model
    from cid.quant import solve as solve
    from cid.robustness import fixes as fixes
    from cid.robustness import sensitivity as sensitivity
    from cid.sweeps import sweep as sweep
    from cid.twin import twin_network as twin_network


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cid' has no attribute {name!r}")
    value = getattr(_import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names and the subpackages loaded so far (no helper of this module)."""
    loaded = {k for k, v in globals().items() if type(v).__name__ == "module"
              and not k.startswith("_")}
    return sorted(set(__all__) | loaded)
