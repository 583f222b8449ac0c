"""Indented JSON text of a report's incentive lists, as :func:`json.dumps` writes it.

Python's encoder is written in Python when it indents; a report of a long MDP has millions
of small records, so they are written here directly (strings escaped once each by the C
escaper, flat records in one step).
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

__all__ = ["dumps_value"]


class _Escaped(dict[str, str]):
    """Each string's JSON text, escaped on first use."""

    def __missing__(self, key: str) -> str:
        text: str = encode_basestring(key)
        self[key] = text
        return text


def dumps_value(value: Any, indent: int, depth: int) -> str:
    """``value`` (str, or lists and dicts of them) as ``json.dumps(..., indent=indent,
    ensure_ascii=False)`` writes it nested ``depth`` levels deep."""
    return _dumps(value, indent, depth, _Escaped())


def _dumps(value: Any, indent: int, depth: int, esc: _Escaped) -> str:
    if isinstance(value, str):
        return esc[value]
    if isinstance(value, list):
        if not value:
            return "[]"
        inner = "\n" + " " * (indent * (depth + 1))
        close = "\n" + " " * (indent * depth) + "]"
        if all(type(v) is str for v in value):
            return "[" + inner + ("," + inner).join([esc[v] for v in value]) + close
        if all(type(v) is dict and v for v in value):  # records: one step each
            inner2 = "\n" + " " * (indent * (depth + 2))
            sep2, open2 = "," + inner2, "{" + inner2
            close2 = "\n" + " " * (indent * (depth + 1)) + "}"
            return "[" + inner + ("," + inner).join([
                open2 + sep2.join([esc[k] + ": " + (esc[v] if type(v) is str
                                                    else _dumps(v, indent, depth + 2, esc))
                                   for k, v in rec.items()]) + close2
                for rec in value]) + close
        return "[" + inner + ("," + inner).join(
            [_dumps(v, indent, depth + 1, esc) for v in value]) + close
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = "\n" + " " * (indent * (depth + 1))
        close = "\n" + " " * (indent * depth) + "}"
        return "{" + inner + ("," + inner).join(
            [esc[k] + ": " + (esc[v] if type(v) is str else _dumps(v, indent, depth + 1, esc))
             for k, v in value.items()]) + close
    return json.dumps(value, ensure_ascii=False)
