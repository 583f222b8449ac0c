"""Regression tests of defects found by trying the core type."""

from __future__ import annotations

import subprocess
import sys

import pytest

import cid


def test_from_edges_refuses_a_decision_in_no_edge() -> None:
    with pytest.raises(cid.SpecError) as info:
        cid.Diagram.from_edges([("D", "U")], decisions=["Nope"], utilities=["U"])
    (problem,) = info.value.problems
    assert problem[0] == "decisions" and problem[2] == "cid_unknown_node"
    assert "'Nope'" in problem[1]


def test_from_edges_suggests_close_matches_for_unknown_names() -> None:
    with pytest.raises(cid.SpecError) as info:
        cid.Diagram.from_edges(["S -> Dec -> Util"], decisions=["Decc"], utilities=["Utl"])
    messages = [msg for _, msg, _ in info.value.problems]
    assert "did you mean 'Dec'?" in messages[0] and "did you mean 'Util'?" in messages[1]


def test_an_isolated_decision_is_listed_in_nodes() -> None:
    d = cid.Diagram.from_edges([("S", "U")], decisions=["D"], utilities=["U"], nodes=["D"])
    assert d.decisions == ("D",) and d.parents("D") == ()


def test_the_plain_text_display_describes_the_diagram() -> None:
    d = cid.Diagram.from_edges(["S -> D -> U"], decisions=["D"], utilities=["U"])
    bundle = d._repr_mimebundle_()
    assert bundle["text/plain"] == repr(d) == "<Diagram 'diagram': 3 nodes, 1 decision, " \
        "1 utility, 1 agent>"


def test_dir_of_cid_lists_public_names_only() -> None:
    names = dir(cid)
    assert not {"Any", "TYPE_CHECKING", "import_module"} & set(names)
    assert set(cid.__all__) <= set(names)
    assert all(not n.startswith("_") or n == "__version__" for n in names)


def test_core_imports_no_pydantic_render_or_incentives() -> None:
    code = ("import sys, cid; d = cid.Diagram.from_edges(['S -> D -> U'], decisions=['D'], "
            "utilities=['U']); cid.DiagramBuilder('b').chance('X').build(); d.to_json(); "
            "twin = cid.twin_network(d, intervened=['D']); "
            "bad = [m for m in sys.modules if m.split('.')[0] == 'pydantic' or "
            "m.startswith(('cid.drawing', 'cid.incentives', 'cid.quant', 'zoo'))]; "
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True).stdout.strip()
    assert out == ""


def test_documented_import_paths_keep_working() -> None:
    import cid.edges
    import cid.io
    import cid.model
    import cid.nodes

    assert cid.model.Diagram is cid.Diagram and cid.model.DiagramBuilder is cid.DiagramBuilder
    assert cid.nodes.Chance is cid.Chance and cid.nodes.Decision is cid.Decision
    assert cid.edges.parse_edges is cid.parse_edges and cid.model.DEFAULT_AGENT == "agent"
    assert cid.io.DiagramSpec.__name__ == "DiagramSpec"
    assert cid.io.FORMAT_VERSION == cid.FORMAT_VERSION == 1
