"""The :class:`Equilibrium` record: a policy profile with each agent's expected utility.

Examples
--------
>>> import cid
>>> from cid.games import pure_nash_equilibria
>>> d = cid.Diagram.from_edges(["D1 -> U1", "D2 -> U1", "D1 -> U2", "D2 -> U2"],
...                            decisions={"a": ["D1"], "b": ["D2"]},
...                            utilities={"a": ["U1"], "b": ["U2"]})
>>> m = cid.Model(d, cpds={"U1": lambda D1, D2: float(D1 == D2),
...                        "U2": lambda D1, D2: float(D1 == D2)},
...               domains={"D1": ["x", "y"], "D2": ["x", "y"]})
>>> eq = pure_nash_equilibria(m)[0]
>>> print(eq)
pure Nash equilibrium (best-response check): a 1, b 1
  D1 = 'x'
  D2 = 'x'
>>> eq.profile
{'D1': 'x', 'D2': 'x'}
"""

from __future__ import annotations

import html
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from cid.quant.policy import DecisionRule

__all__ = ["Equilibrium"]


def _number(x: float) -> str:
    return f"{x:.6g}"


def _rule_text(rule: DecisionRule) -> str:
    """``"'x'"`` for a rule that ignores its observations, else ``"S=0 → 'x'; S=1 → 'y'"``."""
    rows = rule.as_dict()
    shown = {cfg: (repr(a) if not isinstance(a, dict) else
                   "{" + ", ".join(f"{k!r}: {_number(p)}" for k, p in a.items()) + "}")
             for cfg, a in rows.items()}
    if len(set(shown.values())) == 1:
        return next(iter(shown.values()))
    return "; ".join(", ".join(f"{p}={v!r}" for p, v in zip(rule.parents, cfg, strict=True))
                     + f" → {act}" for cfg, act in shown.items())


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """An equilibrium of a multi-agent influence diagram.

    Attributes
    ----------
    policy : dict of str to DecisionRule
        A rule for every decision, over all of the decision's observations.
    expected_utility : dict of str to float
        Each agent's expected utility under :attr:`policy`.
    pure : bool
        Whether every rule is deterministic.
    kind : str
        ``"Nash"`` or ``"subgame perfect"``.
    method : str
        How it was found: ``"best-response check"``, ``"backward induction"``, or the Gambit
        solver's name (``"gambit lcp"``, ...).
    """

    policy: dict[str, DecisionRule]
    expected_utility: dict[str, float]
    pure: bool
    kind: str = "Nash"
    method: str = "best-response check"
    agents: dict[str, str] = field(default_factory=dict)

    @property
    def profile(self) -> dict[str, Hashable | dict[Any, Any]]:
        """Each decision's action (or ``{action: probability}``) when its rule ignores what it
        sees, else the rule as ``{observed values: action}``."""
        out: dict[str, Hashable | dict[Any, Any]] = {}
        for D, rule in self.policy.items():
            rows = rule.as_dict()
            values = list(rows.values())
            same = all(v == values[0] for v in values)
            out[D] = values[0] if same else rows
        return out

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready description (rules as lists of ``{observation, action}`` rows)."""
        def rows(rule: DecisionRule) -> list[dict[str, Any]]:
            return [{"observed": dict(zip(rule.parents, map(_plain, cfg), strict=True)),
                     "action": ({str(_plain(k)): p for k, p in a.items()} if isinstance(a, dict)
                                else _plain(a))}
                    for cfg, a in rule.as_dict().items()]
        return {"kind": self.kind, "pure": self.pure, "method": self.method,
                "expected_utility": dict(self.expected_utility),
                "policy": {D: rows(r) for D, r in self.policy.items()}}

    def _title(self) -> str:
        pure = "pure" if self.pure else "mixed"
        return f"{pure} {self.kind} equilibrium ({self.method})"

    def _utilities(self) -> str:
        return ", ".join(f"{a} {_number(v)}" for a, v in self.expected_utility.items())

    def __str__(self) -> str:
        lines = [f"{self._title()}: {self._utilities()}"]
        lines += [f"  {D} = {_rule_text(rule)}" for D, rule in self.policy.items()]
        return "\n".join(lines)

    def __repr__(self) -> str:
        acts = ", ".join(f"{D}={_rule_text(r)}" for D, r in self.policy.items())
        return f"<Equilibrium {'pure' if self.pure else 'mixed'} {self.kind}: {acts}>"

    def _repr_markdown_(self) -> str:
        try:
            lines = [f"**{self._title()}** — expected utility: {self._utilities()}", "",
                     "| decision | agent | rule |", "|---|---|---|"]
            lines += [f"| {D} | {self.agents.get(D, '')} | {_rule_text(r).replace('|', '/')} |"
                      for D, r in self.policy.items()]
            return "\n".join(lines)
        except Exception:  # noqa: BLE001 - a display hook never raises
            return html.escape(repr(self))

    def _repr_html_(self) -> str:
        try:
            e = html.escape
            rows = "".join(f"<tr><td>{e(D)}</td><td>{e(self.agents.get(D, ''))}</td>"
                           f"<td>{e(_rule_text(r))}</td></tr>" for D, r in self.policy.items())
            return (f"<p><b>{e(self._title())}</b> — expected utility: "
                    f"{e(self._utilities())}</p><table><tr><th>decision</th><th>agent</th>"
                    f"<th>rule</th></tr>{rows}</table>")
        except Exception:  # noqa: BLE001 - a display hook never raises
            return f"<pre>{html.escape(repr(self))}</pre>"


def _plain(v: object) -> Any:
    return v if isinstance(v, (str, int, float, bool)) or v is None else str(v)
