"""Convert a quantitative model to and from pgmpy's ``DiscreteBayesianNetwork``.

pgmpy is an optional dependency (``pip install 'cid-incentives[pgmpy]'``); it is imported
only when these functions run. A CID with a policy is a Bayesian network: every decision
becomes a variable whose CPD is its rule (or a uniform placeholder, ``placeholders=True``),
and every utility node a variable over the numbers it takes.

Table layouts differ: a cid CPD table has the parents first and the node last
(``table[pa_1, ..., pa_k, x]``); a pgmpy ``TabularCPD`` has the node first and the parents
(its *evidence*) flattened in order, ``values[x, flat(pa_1, ..., pa_k)]``. The converters
move the axis; state names carry the domains both ways.

Examples
--------
>>> import cid
>>> from cid.interop.pgmpy import from_pgmpy, to_pgmpy
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> m = cid.Model(d, cpds={"S": [0.3, 0.7], "U": lambda S, D: float(S == D)},
...               domains={"D": [0, 1]})
>>> bn = to_pgmpy(m, cid.solve(m).policy)
>>> sorted(bn.nodes()), bn.get_cpds("U").state_names["U"]
(['D', 'S', 'U'], [0.0, 1.0])
>>> back = from_pgmpy(bn, decisions=["D"], utilities=["U"])
>>> cid.solve(back).meu
1.0
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from cid.core.builder import DiagramBuilder
from cid.errors import DiagramError, ModelIncompleteError, OptionalDependencyError
from cid.quant.counterfactual import bayes_net
from cid.quant.model import Model
from cid.quant.policy import DecisionRule, make_policy

if TYPE_CHECKING:  # pragma: no cover
    from pgmpy.models import DiscreteBayesianNetwork

__all__ = ["from_pgmpy", "to_pgmpy"]

_HINT = "pip install 'cid-incentives[pgmpy]'"


def _pgmpy() -> tuple[Any, Any]:
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            from pgmpy.factors.discrete import TabularCPD
            from pgmpy.models import DiscreteBayesianNetwork
    except ImportError as err:
        raise OptionalDependencyError(
            f"converting to or from pgmpy needs pgmpy, which is not installed: {_HINT}"
        ) from err
    return DiscreteBayesianNetwork, TabularCPD


def to_pgmpy(model: Model, policy: Mapping[str, object] | None = None, *,
             placeholders: bool = False) -> DiscreteBayesianNetwork:
    """The model, with decisions following ``policy``, as a pgmpy ``DiscreteBayesianNetwork``.

    Parameters
    ----------
    model : Model
        A complete model.
    policy : mapping, optional
        Rules for the decisions (anything :func:`cid.quant.make_policy` accepts); needed for
        every decision unless ``placeholders``.
    placeholders : bool
        Give each decision without a rule in ``policy`` a *uniform placeholder*: the CPD that
        picks every action with the same probability whatever the decision observes (so the
        network is complete, e.g. to look at it or to fill the rules in with pgmpy).

    Returns
    -------
    pgmpy.models.DiscreteBayesianNetwork
        One ``TabularCPD`` per node, with the domains as state names; utility nodes are
        variables over the numbers they take.

    Raises
    ------
    OptionalDependencyError
        pgmpy is not installed.
    ModelIncompleteError
        The model is incomplete or a decision has no rule (and not ``placeholders``).

    Examples
    --------
    >>> import cid
    >>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
    >>> m = cid.Model(d, cpds={"S": [0.3, 0.7], "U": lambda S, D: float(S == D)},
    ...               domains={"D": [0, 1]})
    >>> to_pgmpy(m, placeholders=True).get_cpds("D").values.tolist()
    [[0.5, 0.5], [0.5, 0.5]]
    """
    network_cls, cpd_cls = _pgmpy()
    if not isinstance(model, Model):
        raise DiagramError(f"to_pgmpy needs a cid.Model, got {type(model).__name__}",
                           code="cid_invalid_argument")
    rules = make_policy(model, policy)
    if placeholders:
        d0 = model.diagram
        for D in d0.decisions:
            if D not in rules:
                pa = d0.parents(D)
                rules[D] = DecisionRule.uniform(D, pa, [model.domain(p) for p in pa],
                                                model.domain(D))
    elif any(D not in rules for D in model.diagram.decisions):
        missing = [D for D in model.diagram.decisions if D not in rules]
        raise ModelIncompleteError(
            f"to_pgmpy: no rule for decision{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)}: give a policy (e.g. cid.solve(model).policy), or "
            "placeholders=True for uniform placeholder CPDs")
    bn = bayes_net(model, rules)
    d = bn.diagram
    net = network_cls()
    net.add_nodes_from(d.nodes)
    net.add_edges_from(d.edge_list)
    cpds = []
    for n in d.topological_order:
        cpd = bn._cpds[n]
        card = len(cpd.domain)
        values = np.moveaxis(cpd.table, -1, 0).reshape(card, -1)
        names = {n: list(cpd.domain.values)}
        names.update({p: list(dom.values)
                      for p, dom in zip(cpd.parents, cpd.parent_domains, strict=True)})
        cpds.append(cpd_cls(n, card, values, evidence=list(cpd.parents) or None,
                            evidence_card=[len(dom) for dom in cpd.parent_domains] or None,
                            state_names=names))
    net.add_cpds(*cpds)
    net.check_model()
    return net


def from_pgmpy(network: DiscreteBayesianNetwork, *, decisions: Iterable[str] = (),
               utilities: Iterable[str] = (), name: str = "pgmpy") -> Model:
    """A :class:`~cid.quant.Model` from a pgmpy Bayesian network.

    Parameters
    ----------
    network : pgmpy.models.DiscreteBayesianNetwork
        Every node needs a ``TabularCPD``.
    decisions : iterable of str
        Nodes to read as decisions: their CPDs are dropped (a policy is solved for), their
        state names become their domains.
    utilities : iterable of str
        Nodes to read as utility nodes: their state names must be numbers; the utility is
        the expected state given the parents.
    name : str
        The diagram's name.

    Returns
    -------
    Model

    Raises
    ------
    OptionalDependencyError
        pgmpy is not installed.
    DiagramError
        A node name is not an identifier, or a decision/utility is not in the network.
    ModelIncompleteError
        A node has no CPD, or a utility's states are not numbers.
    """
    network_cls, _ = _pgmpy()
    if not isinstance(network, network_cls):
        raise DiagramError(f"from_pgmpy needs a pgmpy DiscreteBayesianNetwork, got "
                           f"{type(network).__name__} {network!r:.40}",
                           code="cid_invalid_argument")
    decisions, utilities = set(decisions), set(utilities)
    nodes = list(network.nodes())
    unknown = sorted((decisions | utilities) - set(nodes))
    if unknown:
        raise DiagramError(f"from_pgmpy: {', '.join(unknown)} not in the network",
                           code="cid_unknown_node")
    tables: dict[str, Any] = {}
    missing = []
    for n in nodes:
        cpd = network.get_cpds(n)
        if cpd is None:
            missing.append(n)
        else:
            tables[n] = cpd
    if missing:
        raise ModelIncompleteError(f"from_pgmpy: no TabularCPD for {', '.join(sorted(missing))}")
    b = DiagramBuilder(name)
    order = _topological(network)
    for n in order:
        parents = list(tables[n].variables[1:])
        if n in decisions:
            b.decision(n, parents)
        elif n in utilities:
            b.utility(n, parents)
        else:
            b.chance(n, parents)
    d = b.build()
    cpds: dict[str, object] = {}
    domains: dict[str, list[object]] = {}
    bad = [f"{n}: a utility's states must be numbers, got {list(tables[n].state_names[n])}"
           for n in order if n in utilities and not all(
               isinstance(v, numbers.Real) for v in tables[n].state_names[n])]
    if bad:
        raise ModelIncompleteError("from_pgmpy: " + "; ".join(bad))
    for n in order:
        cpd = tables[n]
        domains[n] = list(cpd.state_names[n])
        if n in decisions:
            continue
        cpds[n] = np.moveaxis(np.asarray(cpd.values, dtype=float), 0, -1)
    return Model(d, cpds, domains, name=name)


def _topological(network: Any) -> list[str]:
    import networkx as nx

    g: nx.DiGraph[str] = nx.DiGraph(list(network.edges()))
    g.add_nodes_from(network.nodes())
    return list(nx.lexicographical_topological_sort(g, key=str))
