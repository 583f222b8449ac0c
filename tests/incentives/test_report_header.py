"""The report's header counts the diagram's agents, deciding or not."""

from __future__ import annotations

import cid


def test_header_counts_every_agent_of_the_diagram() -> None:
    d = cid.Diagram.from_edges(["D -> U", "D -> V"], decisions={"robot": ["D"]},
                               utilities={"human": ["U"], "robot": ["V"]})
    report = cid.analyze(d)
    assert d.agents == ("human", "robot")
    assert str(report).splitlines()[0] == "incentives of 'diagram': 1 decision, 2 agents"
    assert report.agents == ("robot",)  # the deciding agents
