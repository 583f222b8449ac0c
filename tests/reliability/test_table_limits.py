"""One size guard for every table of a model, checked before anything is allocated."""

from __future__ import annotations

import pytest

import cid
from cid.quant.limits import DEFAULT_MAX_TABLE_ENTRIES, check_table_size
from tests.support.cid_process import ROOT


def _many_parents(k: int) -> cid.Diagram:
    parents = [f"X{i}" for i in range(k)]
    return cid.Diagram.from_edges([f"{p} -> U" for p in parents] + ["D -> U"],
                                  decisions=["D"], utilities=["U"])


@pytest.mark.parametrize("k", [31, 70])
@pytest.mark.parametrize("utility", [lambda **kw: 1.0, 1.0], ids=["function", "constant"])
def test_a_utility_over_too_many_parents_is_refused_before_allocation(k: int,
                                                                      utility: object) -> None:
    d = _many_parents(k)
    cpds: dict[str, object] = {p: [0.5, 0.5] for p in d.chance_nodes}
    with pytest.raises(cid.SolveLimitError, match=r"entries .* CID_MAX_TABLE_ENTRIES"):
        cid.Model(d, {**cpds, "U": utility}, {"D": [0, 1]})


def test_a_chance_node_over_too_many_parents_is_refused() -> None:
    parents = [f"X{i}" for i in range(30)]
    d = cid.Diagram.from_edges([f"{p} -> Y" for p in parents] + ["Y -> D -> U", "Y -> U"],
                               decisions=["D"], utilities=["U"])
    cpds: dict[str, object] = {p: [0.5, 0.5] for p in parents}
    with pytest.raises(cid.SolveLimitError, match="Y: a table over its 30 parents"):
        cid.Model(d, {**cpds, "Y": lambda **kw: {0: 1.0}, "U": lambda **kw: 0.0},
                  {"D": [0, 1], "Y": [0, 1]})


def test_the_limit_is_computed_exactly_and_can_be_raised(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    assert check_table_size("U", ["A"], [range(DEFAULT_MAX_TABLE_ENTRIES)]) == \
        DEFAULT_MAX_TABLE_ENTRIES
    with pytest.raises(cid.SolveLimitError):
        check_table_size("U", ["A", "B"], [range(DEFAULT_MAX_TABLE_ENTRIES), range(2)])
    monkeypatch.setenv("CID_MAX_TABLE_ENTRIES", str(4 * DEFAULT_MAX_TABLE_ENTRIES))
    assert check_table_size("U", ["A", "B"], [range(DEFAULT_MAX_TABLE_ENTRIES), range(2)]) == \
        2 * DEFAULT_MAX_TABLE_ENTRIES
    monkeypatch.setenv("CID_MAX_TABLE_ENTRIES", "lots")
    with pytest.raises(cid.SolveLimitError, match="CID_MAX_TABLE_ENTRIES"):
        check_table_size("U", [], [])


def test_the_refusal_needs_little_memory_and_no_time() -> None:
    """In a child under a 2 GiB address-space limit: a clear error, not a MemoryError (31
    chance parents and the decision: 2^32 entries)."""
    import subprocess
    import sys

    code = ("import resource; resource.setrlimit(resource.RLIMIT_AS, (2**31, 2**31)); "
            "import cid\n"
            "ps = [f'X{i}' for i in range(31)]\n"
            "d = cid.Diagram.from_edges([f'{p} -> U' for p in ps] + ['D -> U'], "
            "decisions=['D'], utilities=['U'])\n"
            "try:\n"
            "    cid.Model(d, {**{p: [0.5, 0.5] for p in ps}, 'U': lambda **kw: 1.0}, "
            "{'D': [0, 1]})\n"
            "except cid.SolveLimitError as err:\n"
            "    print('refused:', err)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("refused: U: a table over its 32 parents has 4,294,967,296")


def test_a_long_perfect_recall_pomdp_is_refused_before_its_rules_are_allocated() -> None:
    """The 30-step POMDP with memory used to raise numpy's MemoryError (8 GiB) after 10 s."""
    from benchmarks.solve import pomdp

    model = pomdp(30, 2, 2, 2, memory=True)
    with pytest.raises(cid.SolveLimitError, match="needs a table of"):
        cid.solve(model)
