"""The error hierarchy: builtin bases, codes, one-line messages, pickling."""

from __future__ import annotations

import pickle

import pytest

import cid
from cid import errors


def all_error_classes() -> list[type[cid.CIDError]]:
    seen: list[type[cid.CIDError]] = []
    todo: list[type[cid.CIDError]] = [cid.CIDError]
    while todo:
        cls = todo.pop()
        seen.append(cls)
        todo.extend(cls.__subclasses__())
    return seen


def test_every_error_class_is_public_and_covered() -> None:
    names = {cls.__name__ for cls in all_error_classes() if cls.__module__ == "cid.errors"}
    assert names <= set(errors.__all__) and names <= set(cid.__all__)
    assert {"CIDTypeError", "SaveError", "SpecError", "NodeNotFoundError"} <= names


@pytest.mark.parametrize("cls", [c for c in all_error_classes() if c.__module__ == "cid.errors"],
                         ids=lambda c: c.__name__)
def test_every_error_pickles_with_its_data(cls: type[cid.CIDError]) -> None:
    if cls is cid.SpecError:
        err: cid.CIDError = cid.SpecError([("edges[0]", "edge X -> Y: unknown node 'Y'",
                                            "cid_unknown_node")], source="d.json")
    else:
        err = cls("node X: something is wrong", code="cid_custom")
    err.__notes__ = ["a note"]  # what add_note sets (Python 3.11+)
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is cls
    assert str(back) == str(err) and back.args == err.args and back.code == err.code
    assert back.__notes__ == ["a note"]
    if isinstance(err, cid.SpecError):
        assert isinstance(back, cid.SpecError)
        assert back.problems == err.problems and back.source == "d.json"


def test_builtin_bases() -> None:
    assert issubclass(cid.NodeNotFoundError, LookupError)
    assert issubclass(cid.CIDTypeError, TypeError) and issubclass(cid.CIDTypeError, ValueError)
    assert issubclass(cid.SaveError, OSError) and issubclass(cid.SpecError, ValueError)
    assert str(cid.NodeNotFoundError("unknown node 'X'")) == "unknown node 'X'"  # not quoted


def test_spec_error_message_shapes() -> None:
    one = cid.SpecError([("edges[0]", "bad edge", "cid_invalid_edge")], source="d.json")
    assert str(one) == "d.json is invalid: edges[0]: bad edge [cid_invalid_edge]"
    named = cid.SpecError([("", "cannot read d.json: gone", "cid_io")], source="d.json")
    assert str(named) == "cannot read d.json: gone [cid_io]"
    two = cid.SpecError([("a", "first", "x"), ("", "second", "y")])
    assert str(two) == "spec is invalid (2 problems):\n  a: first [x]\n  second [y]"
