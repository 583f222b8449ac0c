"""A small reader of the DOT that ``graphviz.Digraph`` writes, for assertions in tests.

It reads statements line by line (the ``graphviz`` package writes one statement per line):
node statements ``id [a=b ...]``, edge statements ``a -> b [...]``, ``subgraph`` blocks and
``rank=same`` groups. Attribute values may be bare, ``"quoted"`` or ``<html>`` (nested).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Dot", "parse_attrs", "parse_dot"]

_ID = r'(?:"(?:[^"\\]|\\.)*"|[A-Za-z_0-9.\-]+)'
_EDGE = re.compile(rf"^({_ID}) -> ({_ID})(?: \[(.*)\])?$")
_NODE = re.compile(rf"^({_ID})(?: \[(.*)\])?$")


def _unquote(token: str) -> str:
    if token.startswith('"') and token.endswith('"'):
        return token[1:-1].replace('\\"', '"')  # DOT unescapes only quotes
    return token


def parse_attrs(text: str) -> dict[str, str]:
    """``a=b c="d e" label=<<B>x</B>>`` -> dict (HTML values keep their outer ``<>``)."""
    attrs: dict[str, str] = {}
    i = 0
    while i < len(text):
        while i < len(text) and text[i] in " ,":
            i += 1
        if i >= len(text):
            break
        j = text.index("=", i)
        key = text[i:j]
        i = j + 1
        if text[i] == '"':
            j = i + 1
            while text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            attrs[key] = _unquote(text[i : j + 1])
            i = j + 1
        elif text[i] == "<":
            depth, j = 0, i
            while True:
                depth += {"<": 1, ">": -1}.get(text[j], 0)
                j += 1
                if depth == 0:
                    break
            attrs[key] = text[i:j]
            i = j
        else:
            j = i
            while j < len(text) and text[j] != " ":
                j += 1
            attrs[key] = text[i:j]
            i = j
    return attrs


@dataclass
class Dot:
    """What a DOT source declares."""

    graph: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, dict[str, str]] = field(default_factory=dict)
    node_order: list[str] = field(default_factory=list)
    edges: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    rank_groups: list[list[str]] = field(default_factory=list)
    clusters: dict[str, list[str]] = field(default_factory=dict)


def parse_dot(source: str) -> Dot:
    """Read the statements of a DOT source written by the ``graphviz`` package."""
    dot = Dot()
    stack: list[tuple[str, list[str], bool]] = []  # (subgraph name, members, rank=same)
    for raw in source.splitlines()[1:]:
        line = raw.strip()
        if not line or line == "}":
            if stack:
                name, members, same = stack.pop()
                if same:
                    dot.rank_groups.append(members)
                if name.startswith("cluster"):
                    dot.clusters[name] = members
                if stack:
                    stack[-1][1].extend(members)
            continue
        if line.startswith("subgraph ") or line == "{":
            name = line.split()[1] if line.startswith("subgraph ") else ""
            stack.append((name, [], False))
            continue
        if line == "rank=same":
            name, members, _ = stack[-1]
            stack[-1] = (name, members, True)
            continue
        if line.startswith("graph ["):
            if not stack:
                dot.graph.update(parse_attrs(line[len("graph [") : -1]))
            continue
        if line.startswith(("node [", "edge [")) or re.match(r"^[a-z]+=", line):
            continue
        m = _EDGE.match(line)
        if m:
            tail, head = _unquote(m.group(1)), _unquote(m.group(2))
            dot.edges[(tail, head)] = parse_attrs(m.group(3) or "")
            continue
        m = _NODE.match(line)
        if m:
            name = _unquote(m.group(1))
            attrs = parse_attrs(m.group(2) or "")
            if stack:
                stack[-1][1].append(name)
            if name not in dot.nodes:
                dot.nodes[name] = attrs
                dot.node_order.append(name)
            else:
                dot.nodes[name].update(attrs)
            continue
        raise AssertionError(f"unexpected DOT line: {raw!r}")
    return dot
