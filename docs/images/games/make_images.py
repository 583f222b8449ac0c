"""Make the pictures of docs/games.md: ``python docs/images/games/make_images.py``.

Each relevance graph is written as ``NAME.dot`` (the DOT source, checked for drift by
``tests/games/test_docs_images.py``) and ``NAME.svg`` (needs ``dot``). A node is a decision,
filled with its agent's colour and labelled with its name and agent; an arrow ``D -> D'`` says that
``D`` relies on ``D'`` (:func:`cid.games.relevance_graph`); decisions that rely on each other
(a strongly connected component with more than one decision) are boxed together, since they
must be solved together.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))  # cid and zoo from the source tree

import graphviz  # noqa: E402

import cid  # noqa: E402
from cid import games  # noqa: E402

COLOURS = ("#dbe9f6", "#fde2c8", "#d9f0d3", "#ead7f0")


def relevance_picture(d: cid.Diagram) -> graphviz.Digraph:
    """The relevance graph of ``d``, its components in topological order, left to right."""
    graph = games.relevance_graph(d)
    colour = {agent: COLOURS[i % len(COLOURS)] for i, agent in enumerate(d.agents)}
    dot = graphviz.Digraph(d.name, graph_attr={"rankdir": "LR", "fontname": "Helvetica",
                                               "fontsize": "11"},
                           node_attr={"shape": "box", "style": "filled", "fontname": "Helvetica",
                                      "fontsize": "12"},
                           edge_attr={"color": "#444444"})
    for i, component in enumerate(games.condensation(d)):
        members = sorted(component)
        target = dot if len(members) == 1 else graphviz.Digraph(
            f"cluster_{i}", graph_attr={"label": "solved together", "style": "dashed",
                                        "color": "#888888"})
        for node in members:
            agent = d.agent_of(node)
            target.node(node, f"{node}\\n(agent {agent})", fillcolor=colour[agent])
        if target is not dot:
            dot.subgraph(target)
    for a, b in sorted(graph.edges):
        dot.edge(a, b)
    return dot


def figures() -> dict[str, graphviz.Digraph]:
    """Every picture of the page, by file name (without suffix)."""
    import zoo.games
    from zoo.off_switch import off_switch_diagram

    return {
        "relevance_debate": relevance_picture(zoo.games.model("debate").diagram),
        "relevance_off_switch": relevance_picture(off_switch_diagram()),
    }


def main() -> int:
    for name, picture in figures().items():
        (HERE / f"{name}.dot").write_text(picture.source, encoding="utf-8")
        (HERE / f"{name}.svg").write_bytes(picture.pipe(format="svg"))
        print(f"wrote {name}.dot, {name}.svg")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
