"""Every zoo entry builds, validates, round-trips, and matches the papers' figures node by node.

The expected structure is read from ``zoo-figures.md``, a verbatim copy of the team's
node-by-node spec of the figures, by a small parser (``_spec.py``): these tests compare the
code with the document rather than with itself, and the copy is checked against the team's
original when that is available (``../shared/zoo-figures.md``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import cid
import zoo
from cid.model import DEFAULT_AGENT
from tests.zoo._spec import SPEC_PATH, SpecFormatError, parse_spec, read_spec
from tests.zoo.spec_coverage import COVERAGE

SPEC = read_spec()
NAMES = sorted(SPEC)
TEAM_SPEC = Path(__file__).resolve().parents[3] / "shared" / "zoo-figures.md"


@pytest.mark.skipif(not TEAM_SPEC.exists(), reason="no shared/ folder beside the repository")
def test_the_spec_copy_is_verbatim() -> None:
    assert SPEC_PATH.read_bytes() == TEAM_SPEC.read_bytes(), (
        f"{SPEC_PATH.name} differs from {TEAM_SPEC}: copy the team's spec again"
    )


def test_the_parser_reads_every_field() -> None:
    mdp = SPEC["mdp"]
    assert mdp.title == "RL in a known MDP"
    assert mdp.decisions == {"A1": (), "A2": ()} and mdp.chance == ("S1", "S2", "S3")
    assert ("S1", "A1") in mdp.information_links and ("S1", "S2") in mdp.causal_edges
    assert SPEC["cirl"].utilities["R1"] == ("human", "robot")
    assert SPEC["instrumental_goal"].information_links == frozenset()
    assert sum(len(s.claims) for s in SPEC.values()) >= 40


@pytest.mark.parametrize(("text", "problem"), [
    ("## `x`: X\n- Source: s\n", "missing Structure confidence"),
    ("## `x`: X\n- Colour: red\n", "unknown field 'Colour'"),
    ("## `x`: X\n- Decisions: A1\n", "cannot read the node 'A1'"),
    ("## `x`: X\n- Causal edges: A -> B\n", "cannot read the edge 'A -> B'"),
])
def test_the_parser_rejects_a_changed_format(text: str, problem: str) -> None:
    with pytest.raises(SpecFormatError, match=re.escape(problem)):
        parse_spec(text)


def test_the_zoo_lists_exactly_the_documented_entries() -> None:
    assert zoo.names() == NAMES
    assert len(zoo.names()) == 26


@pytest.mark.parametrize("name", NAMES)
def test_structure_matches_the_figure(name: str) -> None:
    want = SPEC[name]
    d = zoo.build(name)
    assert isinstance(d, cid.Diagram) and d.name == name
    assert zoo.entry(name).title == want.title
    assert set(d.decisions) == set(want.decisions)
    assert set(d.utilities) == set(want.utilities)
    assert set(d.chance_nodes) == set(want.chance)
    info = set(d.information_links)
    causal = set(d.edge_list) - info
    assert info == want.information_links, sorted(info ^ want.information_links)
    assert causal == want.causal_edges, sorted(causal ^ want.causal_edges)


@pytest.mark.parametrize("name", NAMES)
def test_agents_match_the_figure(name: str) -> None:
    want = SPEC[name]
    d = zoo.build(name)
    for node, agents in {**want.decisions, **want.utilities}.items():
        assert d.agents_of(node) == (agents or (DEFAULT_AGENT,)), node


@pytest.mark.parametrize("name", NAMES)
def test_every_claim_of_the_spec_is_encoded(name: str) -> None:
    rows = COVERAGE[name]
    bullets = SPEC[name].claims
    assert len(rows) == len(bullets), f"{name}: {len(bullets)} claim bullets in the spec"
    statements = {c.statement for c in zoo.entry(name).claims}
    for (start, covered), bullet in zip(rows, bullets, strict=True):
        assert bullet.startswith(start), (name, bullet)
        assert covered, (name, bullet)
        missing = [s for s in covered if s not in statements]
        assert not missing, f"{name}: {missing} (for the spec's {bullet!r}) are not claims"


def test_the_coverage_table_names_only_real_entries() -> None:
    assert sorted(COVERAGE) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_labels_use_the_papers_notation(name: str) -> None:
    d = zoo.build(name)
    for n in d.nodes:
        label = d[n].display_label
        if "Theta" in n:
            assert label.startswith("Θ"), (n, label)
        if re.fullmatch(r"[A-Za-z]+[0-9]+", n) and name != "fitness_tracker":
            assert "_" in label and label.endswith(re.sub(r"^[A-Za-z]+", "", n)), (n, label)
        if re.fullmatch(r"[A-Za-z]+[0-9]+_[0-9]+", n):  # B2_1 = B^1_2: self 1, time 2
            time, self_ = re.findall(r"[0-9]+", n)
            assert label.endswith(f"^{self_}_{time}"), (n, label)


@pytest.mark.parametrize("name", NAMES)
def test_each_build_is_a_new_equal_diagram(name: str) -> None:
    d = zoo.build(name)
    again = zoo.build(name)
    assert again == d and again is not d


@pytest.mark.parametrize("name", NAMES)
def test_json_round_trip(name: str) -> None:
    d = zoo.build(name)
    back = cid.Diagram.from_json(d.to_json())
    assert back == d
    assert back.to_json() == d.to_json()


def test_counterfactual_flags_follow_the_cf_suffix() -> None:
    for name in zoo.names():
        d = zoo.build(name)
        for n in d.nodes:
            assert d[n].counterfactual == n.endswith("_cf"), (name, n)
            if d[n].counterfactual:
                assert "\u0303" in d[n].display_label, (name, n)


def test_entry_records_are_complete() -> None:
    for name in zoo.names():
        e = zoo.entry(name)
        assert e.name == name
        assert e.title and e.reading and e.confidence
        sentences = [s for s in e.summary.replace("e.g.", "eg").split(". ") if s.strip()]
        assert 2 <= len(sentences) <= 4, (name, len(sentences))
        assert e.reference.paper.arxiv and e.reference.short.startswith(e.reference.paper.key)
        assert e.claims, name
        for c in e.claims:
            assert c.source, (name, c)
        assert e.focus_decision in zoo.build(name).decisions
