"""Twin networks: the factual and a counterfactual world of a diagram, side by side.

A *twin network* (Balke and Pearl 1994) answers counterfactual questions ("what would
``S`` have been, had ``A`` been set otherwise?") with one graph that holds two copies of the
model: the **factual** world, as it happened, and a **counterfactual** world in which some
nodes are intervened on. The two worlds share their exogenous noise, so a node whose
mechanism and parents are the same in both worlds takes the same value in both: it needs no
copy (Shpitser and Pearl 2007 call this merging). Only the intervened nodes and their
descendants differ, and only they get a counterfactual copy.

The AI-safety papers use twin networks to describe objectives evaluated in a hypothetical
world: the counterfactual oracle is rewarded against the world in which its answer is never
read, and the counterfactual-reward-function agent of Everitt et al. (2021, Fig. 9) is paid
with the reward function it would have had under a safe policy.

:func:`twin_network` builds the graph; the quantitative layer can then attach CPDs to it.

References
----------
A. Balke and J. Pearl, "Probabilistic evaluation of counterfactual queries", AAAI 1994.
I. Shpitser and J. Pearl, "What counterfactuals can be tested", UAI 2007.
T. Everitt, M. Hutter, R. Kumar, V. Krakovna, "Reward tampering problems and solutions in
reinforcement learning: a causal influence diagram perspective", Synthese 2021
(arXiv:1908.04734), Sec. 3.3, Fig. 9.

Examples
--------
>>> import cid
>>> d = cid.Diagram.from_edges(["Q -> S", "Q -> A -> S -> R"], decisions=["A"], utilities=["R"])
>>> twin = cid.twin_network(d, intervened=["A"])
>>> twin.parents("S_cf")
('Q', 'A_cf')
>>> twin["S_cf"].counterfactual, twin["S_cf"].display_label
(True, 'S̃')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

from cid.core.builder import DiagramBuilder
from cid.core.diagram import Diagram
from cid.core.names import did_you_mean
from cid.core.nodes import Chance, Node
from cid.core.validation import cycle_text
from cid.errors import DiagramError, NodeNotFoundError

__all__ = ["counterfactual_label", "twin_network"]

_TILDE = "\u0303"  # combining tilde


def counterfactual_label(label: str) -> str:
    """The label of a counterfactual copy: a tilde over the label's base symbol.

    The base symbol is the text before the first ``^`` or ``_`` (the label syntax of
    :mod:`cid.drawing`); a one-character base gets a combining tilde (``S_2`` → ``S̃_2``,
    ``Θ^R_2`` → ``Θ̃^R_2``), a longer base a ``~`` prefix (``Answer`` → ``~Answer``). A label
    that already carries a tilde is returned unchanged.

    >>> counterfactual_label("Θ^R_2")
    'Θ̃^R_2'
    >>> counterfactual_label("Clicks")
    '~Clicks'
    """
    if _TILDE in label or label.startswith("~"):
        return label
    cut = min((i for i in (label.find("^"), label.find("_")) if i > 0), default=len(label))
    base = label[:cut]
    if len(base) == 1:
        return base + _TILDE + label[cut:]
    return "~" + label


def twin_network(
    diagram: Diagram,
    *,
    intervened: Iterable[str] | Mapping[str, Iterable[str]],
    shared: Iterable[str] = (),
    suffix: str = "_cf",
    copy_utilities: bool = False,
    noise: bool = False,
    name: str | None = None,
) -> Diagram:
    """Build the twin network of ``diagram`` for an intervention on ``intervened``.

    The result holds every node of ``diagram`` unchanged (the factual world) plus a
    counterfactual copy ``X{suffix}`` of each node ``X`` whose value can differ in the
    counterfactual world: the intervened nodes and their descendants. Nodes that are not
    affected by the intervention are shared by both worlds (they are not copied), and a copy's
    parent is the copy of that parent when there is one, the factual parent otherwise.

    Parameters
    ----------
    diagram : Diagram
        The factual model; it is not modified.
    intervened : iterable of str, or mapping of str to iterable of str
        The nodes intervened on in the counterfactual world. A plain list means hard
        interventions ``do(X = x)``: each copy ``X{suffix}`` is a parentless chance node (a
        set value). A mapping gives each intervened node its *new* parents (a soft
        intervention, e.g. a decision replaced by a fixed safe policy that observes only some
        of the original information): ``{"A1": ["S1"]}`` makes ``A1{suffix}`` a chance node
        with parent ``S1`` (or ``S1{suffix}`` if ``S1`` is itself copied). An empty list of
        new parents is a hard intervention.
    shared : iterable of str, optional
        Affected nodes that should nevertheless *not* be copied: the counterfactual world
        uses their factual value. This is a modelling assumption (the node is taken to be
        unaffected by the intervention); intervened nodes cannot be shared.
    suffix : str, optional
        Appended to a node's name to name its copy (default ``"_cf"``).
    copy_utilities : bool, optional
        Copy affected utility nodes as well (as chance nodes: a counterfactual reward is a
        quantity nobody is paid). By default utility nodes stay in the factual world only,
        where the agent is paid; rewire them to counterfactual parents as the model needs.
    noise : bool, optional
        Draw the shared exogenous noise explicitly: for each copied node ``X`` that is not
        intervened and not a decision, a new root chance node ``U_X`` becomes a parent of both
        ``X`` and ``X{suffix}``. This is the full Balke–Pearl construction, in which
        d-separation between the two worlds is exact. The papers' figures omit the noise
        nodes (the default), which makes the graph read as if the worlds' noises were
        independent.
    name : str, optional
        The name of the new diagram (default: ``"<name>_twin"``).

    Returns
    -------
    Diagram
        A new diagram. Each copy keeps the original's ``step``, ``domain`` and
        ``description``, is flagged ``counterfactual=True``, is a chance node (nobody decides
        in the hypothetical world: a copied decision follows a fixed policy), and is labelled
        with a tilde (:func:`counterfactual_label`).

    Raises
    ------
    NodeNotFoundError
        An intervened, shared or new-parent node is not in the diagram; the message names
        the argument (``intervened=`` or ``shared=``).
    DiagramError
        No node is intervened on, a node is both intervened and shared, a copy's name is
        taken, or new parents would make a cycle.

    Notes
    -----
    Decisions downstream of the intervention are copied as chance nodes: in the
    counterfactual world they follow the agent's policy with the counterfactual inputs, but
    they are not choices of their own. Copies are added in topological order, so parents
    come first, and each copy's parents follow the original's parent order.

    References
    ----------
    Balke and Pearl (1994), "Probabilistic evaluation of counterfactual queries", AAAI.

    Examples
    --------
    A safe policy that observes only the state replaces the agent's actions in the
    counterfactual world (Everitt et al. 2021, Fig. 9):

    >>> import cid
    >>> d = cid.Diagram.from_edges(
    ...     ["S1 -> A1 -> S2 -> R2", "S1 -> S2", "Th1 -> A1", "Th1 -> Th2 -> R2", "A1 -> Th2"],
    ...     decisions=["A1"], utilities=["R2"])
    >>> twin = cid.twin_network(d, intervened={"A1": ["S1"]})
    >>> sorted(n for n in twin.nodes if twin[n].counterfactual)
    ['A1_cf', 'S2_cf', 'Th2_cf']
    >>> twin.parents("A1_cf"), twin.parents("Th2_cf")
    (('S1',), ('Th1', 'A1_cf'))
    >>> twin.kind("A1_cf"), twin.parents("R2")
    ('chance', ('S2', 'Th2'))
    """
    new_parents = _interventions(diagram, intervened, shared)
    shared_set = {shared} if isinstance(shared, str) else set(shared)
    graph = diagram.to_networkx()
    affected: set[str] = set(new_parents)
    for node in new_parents:
        affected |= nx.descendants(graph, node)
    copied = [
        n for n in diagram.topological_order
        if n in affected and n not in shared_set
        and (copy_utilities or diagram.kind(n) != "utility" or n in new_parents)
    ]
    copy_name = {n: n + suffix for n in copied}
    twin = DiagramBuilder.from_diagram(diagram, name=name or f"{diagram.name}_twin")
    for n in copied:
        if copy_name[n] in twin:
            raise DiagramError(
                f"twin_network: cannot copy {n}: a node named {copy_name[n]!r} already exists "
                "(choose another suffix)",
                code="cid_duplicate_node",
            )
    noisy = [n for n in copied if noise and n not in new_parents
             and diagram.kind(n) != "decision"]
    _add_noise(twin, diagram, noisy)
    copy_parents: dict[str, list[str]] = {}
    for n in copied:
        sources = (new_parents[n] or ()) if n in new_parents else diagram.parents(n)
        if n in noisy:
            sources = (*sources, f"U_{n}")
        copy_parents[copy_name[n]] = [copy_name.get(p, p) for p in sources]
    by_copy = {copy_name[n]: n for n in copied}
    for c in _copy_order(copy_parents):
        twin.add_node(_copy_record(diagram[by_copy[c]], c), parents=copy_parents[c])
    return twin.build()


def _interventions(diagram: Diagram, intervened: Iterable[str] | Mapping[str, Iterable[str]],
                   shared: Iterable[str]) -> dict[str, tuple[str, ...] | None]:
    """The intervened nodes and their new parents (``None``: a hard intervention), checked."""
    if isinstance(intervened, Mapping):
        new_parents: dict[str, tuple[str, ...] | None] = {}
        for node, given in intervened.items():
            new_parents[node] = (given,) if isinstance(given, str) else tuple(given)
    elif isinstance(intervened, str):
        new_parents = {intervened: None}
    else:
        new_parents = {node: None for node in intervened}
    if not new_parents:
        raise DiagramError("twin_network: give at least one node to intervene on")
    shared_set = {shared} if isinstance(shared, str) else set(shared)
    for node in new_parents:
        _require(diagram, node, "intervened=")
    for node in sorted(shared_set):
        _require(diagram, node, "shared=")
    for node, parents in new_parents.items():
        for p in parents or ():
            _require(diagram, p, f"intervened= (the new parents of {node})")
    both = sorted(shared_set & set(new_parents))
    if both:
        raise DiagramError(
            f"twin_network: {', '.join(both)} cannot be both intervened on and shared",
            code="cid_invalid_argument",
        )
    return new_parents


def _add_noise(twin: DiagramBuilder, diagram: Diagram, nodes: Iterable[str]) -> None:
    """A shared exogenous noise root ``U_X`` for each of ``nodes``, a parent of ``X``."""
    for n in nodes:
        u = f"U_{n}"
        if u in twin:
            raise DiagramError(
                f"twin_network: cannot add the noise node {u!r} of {n}: the name is taken",
                code="cid_duplicate_node",
            )
        twin.chance(u, label=f"U_{{{diagram[n].display_label}}}",
                    description=f"exogenous noise of {n}, shared by both worlds")
        twin.edge(u, n)


def _copy_order(copy_parents: Mapping[str, list[str]]) -> list[str]:
    """The copies, parents first (ties in the order given); a cycle among them is an error."""
    order = {c: i for i, c in enumerate(copy_parents)}
    deps: nx.DiGraph[str] = nx.DiGraph()
    deps.add_nodes_from(order)
    deps.add_edges_from((p, c) for c, ps in copy_parents.items() for p in ps if p in order)
    try:
        return list(nx.lexicographical_topological_sort(deps, key=order.__getitem__))
    except nx.NetworkXUnfeasible:
        cycle = [str(u) for u, _ in nx.find_cycle(deps)]
        raise DiagramError(
            f"twin_network: the new parents make a {cycle_text([*cycle, cycle[0]])} among "
            "the copies",
            code="cid_cycle",
        ) from None


def _require(diagram: Diagram, node: object, argument: str) -> None:
    """Raise a NodeNotFoundError naming ``argument`` when ``node`` is not in ``diagram``."""
    if isinstance(node, str) and node in diagram:
        return
    raise NodeNotFoundError(
        f"twin_network: unknown node {node!r} in {argument}: diagram {diagram.name!r} has no "
        f"such node{did_you_mean(node, diagram.nodes)}"
    )


def _copy_record(record: Node, name: str) -> Chance:
    description = record.description or f"counterfactual copy of {record.name}"
    if not isinstance(record, Chance):
        description += f" (a {record.kind} in the factual world)"
    return Chance(
        name,
        label=counterfactual_label(record.display_label),
        description=description,
        domain=record.domain,
        step=record.step,
        counterfactual=True,
    )
