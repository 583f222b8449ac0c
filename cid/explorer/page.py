"""Assemble the explorer's HTML: the SVG, the data as JSON, and the inlined script and style.

Everything user-controlled reaches the page escaped: :func:`script_json` writes JSON for a
``<script type="application/json">`` block with ``<``, ``>``, ``&`` and the line separators
U+2028/U+2029 as ``\\u`` escapes (so no ``</script>`` or ``<!--`` can end or bend the block),
text goes through :func:`html.escape`, and the SVG through an XML serialiser. The script
reads the data with ``JSON.parse`` and writes text into the page with ``textContent`` only.

>>> script_json({"label": "</script><b>&"})
'{"label":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
"""

from __future__ import annotations

import html
import json
from functools import cache
from importlib import resources
from typing import Any

from cid.errors import DiagramError, RenderError

__all__ = ["document", "fragment", "script_json"]

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
            "\u2029": "\\u2029"}


def script_json(data: Any) -> str:
    """``data`` as compact JSON that is safe inside an HTML ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return "".join(_ESCAPES.get(c, c) for c in text)


@cache
def _asset(name: str) -> str:
    text = resources.files("cid.explorer").joinpath("assets", name).read_text(encoding="utf-8")
    if any(bad in text.lower() for bad in ("</script", "</style", "<!--")):
        raise RenderError(f"{name} cannot be inlined in HTML (it closes its element)")
    return text


def fragment(*, uid: str, svg: str, data: dict[str, Any], fallback: str,
             note: str = "") -> str:
    """The explorer as an HTML fragment (for Jupyter, or the body of :func:`document`).

    ``uid`` names the root element (letters, digits and ``-`` only); ``svg`` is inlined as
    it is (already serialised by :func:`cid.explorer.svg.annotate_svg`); ``note`` (a line)
    and ``fallback`` (preformatted) are plain text shown until the script runs (where
    scripts are blocked, they stay).
    """
    if not uid.replace("-", "").isalnum():
        raise DiagramError(f"bad element id {uid!r}: letters, digits and '-' only",
                           code="cid_invalid_argument")
    title = html.escape(str(data.get("name", "")))
    return (
        f'<div class="cidx" id="{uid}">'
        f"<style>{_asset('explorer.css')}</style>"
        f'<div class="cidx-head"><span class="cidx-title">{title}</span>'
        '<span class="cidx-controls"></span></div>'
        f'<div class="cidx-body"><div class="cidx-figure">{svg}</div>'
        '<div class="cidx-panel" aria-live="polite">'
        f'<div class="cidx-fallback"><p>{html.escape(note)}</p>'
        f"<pre>{html.escape(fallback)}</pre></div></div></div>"
        f'<script type="application/json" class="cidx-data">{script_json(data)}</script>'
        f"<script>{_asset('explorer.js')}\ncidExplorer(document.getElementById"
        f'("{uid}"));</script></div>'
    )



def document(*, uid: str, svg: str, data: dict[str, Any], fallback: str,
             note: str = "") -> str:
    """A whole, self-contained HTML page: no request leaves it (its content security
    policy allows only inline script and style, and ``data:`` images)."""
    title = html.escape(f"{data.get('name', '')}: incentives explorer")
    policy = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
              "img-src data:")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title></head>\n<body>\n"
        f"{fragment(uid=uid, svg=svg, data=data, fallback=fallback, note=note)}\n"
        "</body></html>\n"
    )
