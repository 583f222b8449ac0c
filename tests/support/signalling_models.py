"""Random signalling models: one decision reads another decision's action directly."""

from __future__ import annotations

import numpy as np

import cid
from cid.quant import Model


def direct_signalling(seed: int, *, sees_hidden: bool = True) -> Model:
    """D1 sees a hidden H (unless ``sees_hidden`` is false) and D2 sees D1's action itself;
    U(H, D2) rewards D2 for guessing H. D1 also has a chance child C (with a cost V(C), or no
    utility at all), so that D1's bucket in an elimination pass can hold nothing but H and D1
    while D2, which observes D1, is still to be maximised. Random extras: C reads H, D2 reads
    C, U reads D1."""
    rng = np.random.default_rng(seed)
    kh, k1 = (int(rng.integers(2, 4)) for _ in range(2))
    edges = ["D1 -> D2", "H, D2 -> U", "D1 -> C"]
    if sees_hidden:
        edges.append("H -> D1")
    for edge, p in (("H -> C", 0.5), ("C -> D2", 0.3), ("D1 -> U", 0.3), ("C -> V", 0.5)):
        if rng.random() < p:
            edges.append(edge)
    utilities = ["U", "V"] if "C -> V" in edges else ["U"]
    d = cid.Diagram.from_edges(edges, decisions=["D1", "D2"], utilities=utilities)
    card = {"H": kh, "D1": k1, "D2": 2, "C": 2}
    cpds: dict[str, object] = {
        "H": rng.dirichlet(np.ones(kh)),
        "C": rng.dirichlet(np.ones(2), size=tuple(card[p] for p in d.parents("C"))),
        "U": np.round(rng.normal(size=tuple(card[p] for p in d.parents("U"))) * 3, 1)}
    if "V" in utilities:
        cpds["V"] = np.round(rng.normal(size=2), 1)
    return Model(d, cpds, {"D1": list(range(k1)), "D2": [0, 1], "C": [0, 1]})
