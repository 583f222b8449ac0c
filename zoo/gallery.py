"""Render the zoo: every entry as DOT, SVG and PNG, and the Markdown gallery ``docs/zoo.md``.

:func:`render_zoo` writes each entry's drawing, with and without the incentive overlay of its
focus decision, into a folder (the CLI's ``cid zoo render``). :func:`gallery_markdown` is the
text of the gallery page: for each entry the picture, the summary, the incentive table of
:func:`cid.analyze` and the paper's claims with the engine's verdicts, then the comparisons
the papers invite. :func:`write_gallery` writes the page and the committed copies of the
drawings (DOT and SVG) under ``docs/``; a test checks they match what the code renders.
:func:`entry_explorer` is an entry's interactive explorer (:func:`cid.explore`), which the
gallery links for every entry: :func:`write_explorers` writes them as self-contained pages
under ``docs/_static/explorer/``, drawn from the committed plain SVGs so that a page is a
function of files the drift tests already check.

Regenerate the committed gallery with ``python -m zoo.gallery docs`` (needs Graphviz for the
SVGs; the DOT files and the page are written without it).

>>> from zoo.gallery import entry_dot
>>> entry_dot("mdp").splitlines()[0]
'digraph mdp {'
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from cid.errors import CIDWarning, DiagramError, SaveError
from cid.files import write_atomic
from zoo.claims import ClaimVerdict

if TYPE_CHECKING:
    from cid.drawing import Rendering
    from cid.explorer import Explorer

__all__ = [
    "EXPLORER_DIR",
    "FORMATS",
    "entry_dot",
    "entry_explorer",
    "entry_rendering",
    "gallery_markdown",
    "main",
    "render_zoo",
    "write_explorers",
    "write_gallery",
]

FORMATS = ("svg", "png", "pdf", "dot")
"""Output formats :func:`render_zoo` understands (``dot`` needs no Graphviz)."""

_PICTURES = ("svg", "png", "pdf")

EXPLORER_DIR = "_static/explorer"
"""Where, under the docs folder, the gallery's explorer pages live (``NAME.html``)."""


def entry_rendering(name: str, *, incentives: bool = False) -> Rendering:
    """The :class:`cid.Rendering` of entry ``name``, plain or with its incentive overlay.

    The overlay marks the incentives of the entry's focus decision and adds a legend.
    """
    import zoo
    from cid.drawing import render

    e = zoo.entry(name)
    d = e.build()
    if not incentives:
        return render(d)
    return render(d, incentives=True, decision=e.focus_decision, legend=True)


def entry_dot(name: str, *, incentives: bool = False) -> str:
    """The DOT source of entry ``name`` (deterministic; no Graphviz needed)."""
    return str(entry_rendering(name, incentives=incentives).dot)


def entry_explorer(name: str, *, svg: str | None = None) -> Explorer:
    """The interactive explorer of entry ``name``, opened on its focus decision.

    ``svg`` is its plain drawing (``cid.render(zoo.build(name)).svg()``) when already made;
    by default it is drawn with Graphviz when the page is first asked for.
    """
    import cid
    import zoo

    e = zoo.entry(name)
    return cid.explore(e.build(), decision=e.focus_decision, svg=svg)


def write_explorers(docs_dir: str | Path) -> list[Path]:
    """Write every entry's explorer page to ``docs_dir/_static/explorer/NAME.html``, from the
    plain drawing ``docs_dir/zoo/NAME.svg`` (entries without one are skipped)."""
    import zoo

    docs = Path(docs_dir)
    out = docs / EXPLORER_DIR
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in zoo.names():
        svg = docs / "zoo" / f"{name}.svg"
        if svg.is_file():
            page = entry_explorer(name, svg=svg.read_text(encoding="utf-8"))
            written.append(page.save(out / f"{name}.html"))
    return written


def _stem(name: str, incentives: bool) -> str:
    return f"{name}-incentives" if incentives else name


def render_zoo(
    out_dir: str | Path,
    names: Iterable[str] | None = None,
    formats: Sequence[str] = ("svg", "png"),
    incentives: bool = True,
) -> list[Path]:
    """Write zoo entries' drawings into ``out_dir`` (created if needed).

    Every entry gets ``<name>.dot`` and one file per picture format; with ``incentives``
    also ``<name>-incentives.dot`` and pictures with the incentive overlay of its focus
    decision. Without the Graphviz ``dot`` program only the DOT files are written, and a
    :class:`cid.CIDWarning` says which formats were skipped.

    Parameters
    ----------
    out_dir : str or Path
    names : iterable of str, optional
        Entries to render (default: all, in :func:`zoo.names` order).
    formats : sequence of str
        Among ``"svg"``, ``"png"``, ``"pdf"``, ``"dot"``; DOT is always written.
    incentives : bool
        Also draw each entry with its incentive overlay.

    Returns
    -------
    list of Path
        The files written, in order.

    Raises
    ------
    NodeNotFoundError
        An unknown entry name (nothing is written).
    DiagramError
        An unknown format.
    """
    import cid
    import zoo

    if isinstance(formats, str):
        formats = (formats,)
    formats = tuple(f.lower().lstrip(".") for f in formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise DiagramError(f"unknown format {', '.join(map(repr, unknown))}; use "
                           f"{', '.join(FORMATS)}", code="cid_invalid_argument")
    chosen = list(names) if names is not None else zoo.names()
    for n in chosen:
        zoo.entry(n)  # fail on an unknown name before writing anything
    pictures = [f for f in _PICTURES if f in formats]
    if pictures and not cid.graphviz_available():
        warnings.warn(
            f"Graphviz 'dot' is not installed: wrote only the .dot files, skipped "
            f"{', '.join(pictures)} (install Graphviz, e.g. apt-get install graphviz)",
            CIDWarning, stacklevel=2,
        )
        pictures = []
    out = Path(out_dir)
    if out.is_symlink() and not out.exists():
        raise SaveError(f"cannot write into {out}: it is a symbolic link to nothing")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SaveError(f"cannot write into {out}: {err.strerror or err}") from None
    with _staging(out) as stage:
        staged: list[str] = []
        for n in chosen:
            for overlay in (False, True) if incentives else (False,):
                rendering = entry_rendering(n, incentives=overlay)
                stem = _stem(n, overlay)
                rendering.save(stage / f"{stem}.dot")
                staged.append(f"{stem}.dot")
                for fmt in pictures:
                    rendering.save(stage / f"{stem}.{fmt}")
                    staged.append(f"{stem}.{fmt}")
        for file in staged:  # every drawing made: now move them in (a link is replaced, never
            os.replace(stage / file, out / file)  # followed to a file outside the folder)
    return [out / file for file in staged]


@contextmanager
def _staging(out: Path) -> Iterator[Path]:
    """A temporary folder inside ``out``, removed afterwards whatever happens: the gallery is
    drawn there first, so a failure half-way leaves ``out`` as it was."""
    stage = Path(tempfile.mkdtemp(dir=out, prefix=".staging-"))
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


# ------------------------------------------------------------------ the Markdown gallery
def _md(text: str) -> str:
    """Prose for Markdown: a ``*`` (as in ``Θ^R_*``) must not start emphasis."""
    return text.replace("*", "\\*")


def _cell(text: str) -> str:
    return _md(text).replace("|", "\\|").replace("\n", " ")


def _verdict_rows(verdicts: Iterable[tuple[str, ClaimVerdict]] | Iterable[ClaimVerdict],
                  *, entries: bool = False) -> list[str]:
    rows = ["| entry | claim | source | engine |" if entries else "| claim | source | engine |",
            "|---|---|---|---|" if entries else "|---|---|---|"]
    for item in verdicts:
        where, v = item if isinstance(item, tuple) else ("", item)
        mark = "✓" if v.ok else "✗ **disagrees**"
        first = f"| `{where}` " if entries else ""
        rows.append(f"{first}| {_cell(v.claim.statement)} | {_cell(v.claim.source)} | {mark} "
                    f"({_cell(v.reason)}) |")
    return rows


def _entry_section(name: str, image_dir: str) -> list[str]:
    import cid
    import zoo

    e = zoo.entry(name)
    d = e.build()
    params = ", ".join(f"{k}={v!r}" for k, v in e.params.items())
    lines = [
        f"## {name}",
        "",
        f"**{_md(e.title)}**",
        "",
        f"![{_md(e.title)}]({image_dir}/{name}-incentives.svg)",
        "",
        _md(e.summary),
        "",
        f"- **Source:** {_md(str(e.reference))}",
        *(f"- **Also:** {_md(str(r))}" for r in e.also),
        f"- **Structure confidence:** {e.confidence}. {_md(e.reading)}",
        f"- **Build:** `zoo.build({name!r}{', ' + params if params else ''})`: "
        f"{len(d)} nodes, decisions {', '.join(d.decisions)}"
        + (f"; agents {', '.join(d.agents)}" if len(d.agents) > 1 else ""),
        *([f"- **Horizon:** any `horizon >= {e.min_horizon}`; the claims below are for the "
           f"default, `zoo.entry({name!r}).claims_for(horizon=m)` gives them for horizon m "
           "(checked by the tests up to 10)"] if e.min_horizon is not None else []),
        f"- **Drawn:** incentives of `{e.focus_decision}`; plain drawing "
        f"[{name}.svg]({image_dir}/{name}.svg)",
        f'- **Explore:** <a href="{EXPLORER_DIR}/{name}.html">interactive explorer</a>: click '
        "a node for its incentives and their witness paths, switch decision and kinds",
        "",
        "**Incentives** (`cid.analyze`):",
        "",
        cid.analyze(d).table(format="markdown").strip(),
        "",
        "**The paper's claims**, checked by the incentive engine:",
        "",
        *_verdict_rows(e.verdicts(d)),
        "",
    ]
    return lines


def _comparison_section() -> list[str]:
    from zoo.comparisons import COMPARISONS

    lines = ["## Comparisons the papers invite", ""]
    for c in COMPARISONS:
        lines += [f"### {_md(c.title)}", "", _md(c.text), ""]
        how = "nodes matched by name"
        if c.matched:
            pairs = ", ".join(f"{a}/{b}" for a, b in c.matched)
            how += f" and the corresponding pairs {pairs}"
        lines += [f"`{c.left}` ({c.left_decision}) against `{c.right}` ({c.right_decision}), "
                  f"{how}:", ""]
        lines += ["| incentive | only in " + f"`{c.left}`" + " | only in " + f"`{c.right}` |",
                  "|---|---|---|"]
        for ch in c.changes():
            if ch.only_left or ch.only_right:
                lines.append(f"| {ch.kind} | {', '.join(ch.only_left) or '-'} | "
                             f"{', '.join(ch.only_right) or '-'} |")
        if c.matched:
            lines += ["", "The corresponding nodes, with every incentive on them over all of "
                      "the agent's decisions:", "",
                      f"| `{c.left}` | incentives | `{c.right}` | incentives |",
                      "|---|---|---|---|"]
            for chan in c.channels():
                lines.append(f"| {chan.left} | {', '.join(chan.on_left) or '-'} | {chan.right} "
                             f"| {', '.join(chan.on_right) or '-'} |")
        left, right = c.verdicts()
        sides = [(c.left, v) for v in left] + [(c.right, v) for v in right]
        lines += ["", f"Claims ({_md(c.source)}):", "", *_verdict_rows(sides, entries=True), ""]
    return lines


def gallery_markdown(*, image_dir: str = "zoo") -> str:
    """The text of the gallery page (``docs/zoo.md``); images are linked under ``image_dir``."""
    import zoo
    from zoo.summary import summary_line

    lines = [
        "# The zoo: AI-safety frameworks as causal influence diagrams",
        "",
        "<!-- Generated by `python -m zoo.gallery docs`: do not edit by hand. -->",
        "",
        "Every framework diagram of Everitt, Kumar, Krakovna, Legg (2019), *Modeling AGI Safety "
        "Frameworks with Causal Influence Diagrams* (EKKL19), the reward-tampering diagrams of "
        "Everitt, Hutter, Kumar, Krakovna (2021), *Reward Tampering Problems and Solutions* "
        "(RT), and the worked examples of Everitt et al. (2021), *Agent Incentives: A Causal "
        "Perspective* (AI:ACP). Each entry is built with the public DSL (`zoo.build(name)`), "
        "drawn with the incentives of the decision the paper discusses, analysed with "
        "`cid.analyze`, and checked against the statements the paper makes about it.",
        "",
        "Where a figure could not be read exactly, the entry follows the paper's prose and "
        "says so under *Structure confidence*. A claim written `X ∈ ICI(D) only via V` means "
        "that X has the incentive and loses it once the edges out of V are cut: the paper's "
        "reading that the only reason to influence X is through V (for example, to make X "
        "informative for the later decisions V). A claim `ICI(D) = {...}` states the whole "
        "set, as the paper does. The time-indexed entries generate their claims for the "
        "horizon they are built with, so the statements hold at every horizon. EKKL19's "
        "text was not available when the zoo was written: its section numbers are marked "
        "*section not verified* rather than guessed.",
        "",
        "```python",
        ">>> import cid, zoo",
        ">>> d = zoo.build(\"modifiable_reward_function\")",
        ">>> \"ThetaR2\" in cid.instrumental_control_incentives(d, \"A1\")",
        "True",
        ">>> zoo.entry(\"modifiable_reward_function\").claims[0].check(d)",
        "True",
        "",
        "```",
        "",
        "The two twin-network entries are built with `cid.twin_network`, which copies the "
        "nodes an intervention can change into a counterfactual world (flagged "
        "`counterfactual`, labelled with a tilde) and shares the rest. The counterfactual "
        "oracle, for instance, is the self-fulfilling-prophecy diagram with the answer "
        "intervened on and the reward reading the counterfactual state:",
        "",
        "```python",
        ">>> twin = cid.twin_network(zoo.build(\"self_fulfilling_prophecy\"), intervened=[\"A\"])",
        ">>> twin.parents(\"S_cf\"), twin[\"S_cf\"].counterfactual",
        "(('Q', 'A_cf'), True)",
        ">>> oracle = twin.without_edge(\"S\", \"R\").with_edge(\"S_cf\", \"R\")",
        ">>> \"S\" in cid.instrumental_control_incentives(twin, \"A\")",
        "True",
        ">>> \"S\" in cid.instrumental_control_incentives(oracle, \"A\")",
        "False",
        "",
        "```",
        "",
        "## Summary",
        "",
        "One line per entry: the focus decision, the nodes it has an instrumental control "
        "incentive (ICI) on, a response incentive (RI) on, value of information (VoI) on, and "
        "how many of the paper's claims the engine confirms.",
        "",
        "```text",
        *(summary_line(n) for n in zoo.names()),
        "```",
        "",
        "## Entries",
        "",
        *(f"- [{n}](#{n}): {_md(zoo.entry(n).title)}" for n in zoo.names()),
        "",
    ]
    for n in zoo.names():
        lines += _entry_section(n, image_dir)
    lines += _comparison_section()
    return "\n".join(lines).rstrip() + "\n"


def write_gallery(docs_dir: str | Path, *, pictures: bool = True) -> list[Path]:
    """Write ``docs_dir/zoo.md``, the drawings under ``docs_dir/zoo/`` (DOT and SVG) and the
    explorer pages (see :func:`write_explorers`).

    SVGs are written only when Graphviz is available and ``pictures`` is true; the DOT files
    (what the drift test compares) and the page always are; the explorer pages are written
    from the SVGs there are.
    """
    import cid

    docs = Path(docs_dir)
    image_dir = docs / "zoo"
    formats = ("svg",) if pictures and cid.graphviz_available() else ()
    written = render_zoo(image_dir, formats=formats, incentives=True)
    page = write_atomic(docs / "zoo.md", gallery_markdown(image_dir="zoo"))
    return [*written, page, *write_explorers(docs)]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m zoo.gallery DOCS_DIR [--no-pictures]``: regenerate the committed gallery."""
    parser = argparse.ArgumentParser(prog="python -m zoo.gallery", description=main.__doc__)
    parser.add_argument("docs_dir", help="the docs folder (writes zoo.md and zoo/)")
    parser.add_argument("--no-pictures", action="store_true", help="write only DOT and Markdown")
    args = parser.parse_args(argv)
    written = write_gallery(args.docs_dir, pictures=not args.no_pictures)
    print(f"wrote {len(written)} files into {args.docs_dir}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
