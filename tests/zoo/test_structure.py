"""Every zoo entry builds, validates, round-trips, and matches the papers' figures node by node.

The expected structure lives in ``figures.json``, extracted once from the project's
node-by-node description of the figures (zoo-figures.md), so these tests compare the code with
the document's data rather than with itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import cid
import zoo
from cid.model import DEFAULT_AGENT

FIGURES = json.loads((Path(__file__).with_name("figures.json")).read_text(encoding="utf-8"))
EXPECTED: dict[str, dict] = FIGURES["entries"]


def test_the_zoo_lists_exactly_the_documented_entries() -> None:
    assert zoo.names() == sorted(EXPECTED)
    assert len(zoo.names()) == 26


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_structure_matches_the_figure(name: str) -> None:
    want = EXPECTED[name]
    d = zoo.build(name)
    assert isinstance(d, cid.Diagram) and d.name == name
    assert set(d.decisions) == set(want["decisions"])
    assert set(d.utilities) == set(want["utilities"])
    assert set(d.chance_nodes) == set(want["chance"])
    info = {f"{u} -> {v}" for u, v in d.information_links}
    causal = {f"{u} -> {v}" for u, v in d.edge_list} - info
    assert info == set(want["information_links"]), sorted(info ^ set(want["information_links"]))
    assert causal == set(want["causal_edges"]), sorted(causal ^ set(want["causal_edges"]))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_agents_match_the_figure(name: str) -> None:
    want = EXPECTED[name]
    d = zoo.build(name)
    for node, agents in {**want["decisions"], **want["utilities"]}.items():
        assert d.agents_of(node) == (tuple(agents) or (DEFAULT_AGENT,)), node


@pytest.mark.parametrize("name", sorted(EXPECTED))
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


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_build_is_a_new_equal_diagram(name: str) -> None:
    d = zoo.build(name)
    again = zoo.build(name)
    assert again == d and again is not d


@pytest.mark.parametrize("name", sorted(EXPECTED))
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
