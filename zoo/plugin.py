"""The zoo as a plugin of the ``cid`` command.

``cid`` does not import :mod:`zoo`: the command finds it through the entry point group
``cid.zoo`` (declared in ``pyproject.toml``), which names :data:`PLUGIN`. A package that ships
another collection of diagrams can declare its own provider with the same methods.

>>> PLUGIN.build("mdp", horizon=5).decisions
('A1', 'A2', 'A3', 'A4')
>>> "wireheading" in PLUGIN.names()
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cid.model import Diagram
    from cid.quant import Model
    from zoo.entry import Entry

__all__ = ["PLUGIN", "ZooPlugin"]


class ZooPlugin:
    """What the ``cid zoo`` commands and ``zoo:NAME`` targets ask of the zoo."""

    name = "zoo"

    def names(self) -> list[str]:
        """The entry names, sorted."""
        import zoo

        return zoo.names()

    def entry(self, name: str) -> Entry:
        """The entry ``name`` (an unknown name raises with close matches)."""
        import zoo

        return zoo.entry(name)

    def build(self, name: str, **params: Any) -> Diagram:
        """The diagram of entry ``name`` with ``params``."""
        import zoo

        return zoo.build(name, **params)

    def render(self, out: str | Path, *, names: Iterable[str] | None, formats: Sequence[str],
               incentives: bool) -> list[Path]:
        """Write the entries' drawings into ``out``; return the files written."""
        from zoo.gallery import render_zoo

        return render_zoo(out, names=names, formats=formats, incentives=incentives)

    def game_names(self) -> list[str]:
        """The numeric games (models with numbers), sorted."""
        from zoo import games

        return games.names()

    def game(self, name: str) -> Model:
        """The model of numeric game ``name``."""
        from zoo import games

        return games.model(name)

    def summary_line(self, name: str) -> str:
        """One line of incentives for entry ``name``."""
        from zoo.summary import summary_line

        return summary_line(name)


PLUGIN = ZooPlugin()
"""The provider the ``cid.zoo`` entry point names."""
