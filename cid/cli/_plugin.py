"""Finding the zoo: an optional plugin, declared under the entry point group ``cid.zoo``.

:mod:`cid` never imports a zoo. A package that provides one declares, in its metadata,

.. code-block:: toml

    [project.entry-points."cid.zoo"]
    zoo = "zoo.plugin:PLUGIN"

and ``cid zoo ...`` and ``zoo:NAME`` targets load it on first use (:func:`load_zoo`). This
distribution declares its own zoo that way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from cid.cli._targets import Failure

if TYPE_CHECKING:
    from cid.model import Diagram
    from cid.quant import Model

__all__ = ["GROUP", "ZooEntry", "ZooProvider", "load_zoo"]

GROUP = "cid.zoo"
"""The entry point group a zoo provider is declared under."""


class ZooVerdict(Protocol):
    """A claim's verdict: whether it holds, and a line saying so (its ``str``)."""

    @property
    def ok(self) -> bool: ...


class ZooReference(Protocol):
    """Where an entry comes from: a short form, and the full one (its ``str``)."""

    @property
    def short(self) -> str: ...


class ZooEntry(Protocol):
    """One diagram of a zoo, with its source and claims."""

    @property
    def name(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def summary(self) -> str: ...

    @property
    def confidence(self) -> str: ...

    @property
    def reference(self) -> ZooReference: ...

    @property
    def params(self) -> Mapping[str, Any]: ...

    def build(self, **params: Any) -> Diagram: ...

    def verdicts(self) -> Sequence[ZooVerdict]: ...


class ZooProvider(Protocol):
    """What the command asks of a zoo."""

    def names(self) -> list[str]: ...

    def entry(self, name: str) -> ZooEntry: ...

    def build(self, name: str, **params: Any) -> Diagram: ...

    def render(self, out: str | Path, *, names: Iterable[str] | None, formats: Sequence[str],
               incentives: bool) -> list[Path]: ...

    def summary_line(self, name: str) -> str: ...

    def game_names(self) -> list[str]: ...

    def game(self, name: str) -> Model: ...


@cache
def load_zoo() -> ZooProvider:
    """The zoo provider declared under :data:`GROUP` (the one named ``zoo`` if several).

    Raises
    ------
    Failure
        No provider is installed, or it cannot be loaded (the message says which).
    """
    found = sorted(entry_points(group=GROUP), key=lambda ep: (ep.name != "zoo", ep.name))
    if not found:
        raise Failure([f"no zoo is installed: no package declares a '{GROUP}' entry point "
                       "(reinstall cid-incentives, which ships one: pip install -e . in a "
                       "checkout)"])
    try:
        return cast(ZooProvider, found[0].load())
    except (ImportError, AttributeError) as err:
        raise Failure([f"the zoo plugin {found[0].value!r} cannot be loaded: {err}"]) from None
