"""A model on a diagram that differs from its own only in the edges into decisions.

Used for the value of information (an information link added or removed) and for the
no-forgetting relaxation of the exact search. This module is internal.
"""

from __future__ import annotations

from cid.model import Diagram
from cid.quant.model import Model

__all__ = ["rewire"]


def rewire(model: Model, diagram: Diagram) -> Model:
    """The model on ``diagram`` (same nodes; only the parents of decisions differ).

    A utility node that a decision now observes becomes a variable too (its CPD puts
    probability one on its value).
    """
    cpds = dict(model._cpds)
    domains = dict(model._domains)
    for u in diagram.utilities:  # a utility node now observed becomes a variable
        if diagram.children(u) and u not in cpds:
            cpds[u] = model._utilities[u].as_cpd()
            domains[u] = cpds[u].domain
    return Model._derive(model, diagram, cpds=cpds, utilities=model._utilities,
                         domains=domains, missing=model._missing)
