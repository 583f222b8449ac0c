"""The explorer in a real browser: headless Chromium driven by Playwright.

Every zoo entry's page is loaded from ``file://``; clicking each node must list exactly the
incentives :func:`cid.analyze` finds for the chosen decision and highlight the witness path of
the active one; no console error, and no request may leave the page. Screenshots are saved
and compared structurally (bounding boxes and counts, not pixels).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, example, given, settings

import cid
import zoo
from cid.explorer import is_trivial
from tests.explorer.helpers import Robustness, Verdict, fake_svg
from tests.support.strategies import diagrams

KINDS = [k.value for k in cid.IncentiveKind]
TIMEOUT_MS = 10_000
VIEWPORT = {"width": 1200, "height": 800}

STATE = """root => ({
  items: [...root.querySelectorAll('li.cidx-incentive')].map(li => li.dataset.kind),
  witness: [...root.querySelectorAll('.cidx-witness')].map(g => g.dataset.cidEdge).sort(),
  active: root.dataset.active, node: root.dataset.node, decision: root.dataset.decision,
})"""


SWEEP = """root => {
  const click = el => el.dispatchEvent(new MouseEvent('click', {bubbles: true}));
  const lit = () => [...root.querySelectorAll('.cidx-witness')].map(g => g.dataset.cidEdge).sort();
  const out = {};
  for (const g of root.querySelectorAll('[data-cid-node]')) {
    click(g);
    const kinds = [...root.querySelectorAll('li.cidx-incentive')].map(li => li.dataset.kind);
    const first = {active: root.dataset.active, witness: lit()};
    const witnesses = kinds.map(k => {
      click(root.querySelector(`li.cidx-incentive[data-kind="${k}"]`));
      return lit();
    });
    out[g.dataset.cidNode] = {kinds, first, witnesses};
  }
  return out;
}"""


class Session:
    """A page with its console errors and every request it made recorded."""

    def __init__(self, browser: Any, url: str, **context: Any) -> None:
        self.url = url
        self.context = browser.new_context(viewport=VIEWPORT, **context)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error"
                     else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.context.route("**/*", self._route)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        if route.request.url == self.url:
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def open(self, url: str | None = None) -> Any:
        """Load the page (``url``, or the session's), recording afresh."""
        if url is not None:
            self.url = url
            self.errors.clear()
            self.requests.clear()
            self.dialogs.clear()
        self.page.goto(self.url)
        self.page.wait_for_selector('[data-cid-ready="1"]', state="attached")
        return self.page.locator(".cidx")

    def state(self) -> dict[str, Any]:
        return self.page.locator(".cidx").evaluate(STATE)  # type: ignore[no-any-return]

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Path:
    folder = tmp_path_factory.mktemp("explorer")
    for name in zoo.names():
        cid.explore(zoo.build(name), decision=zoo.entry(name).focus_decision).save(
            folder / f"{name}.html")
    return folder


@pytest.fixture(scope="module")
def zoo_session(browser: Any, pages: Path) -> Iterator[Session]:
    """One page, reused for every zoo entry (each test loads its entry afresh)."""
    s = Session(browser, (pages / "mdp.html").as_uri())
    yield s
    s.close()


@pytest.fixture()
def session(browser: Any) -> Iterator[list[Session]]:
    opened: list[Session] = []
    yield opened
    for s in opened:
        s.close()


def open_session(browser: Any, sessions: list[Session], path: Path, **context: Any) -> Session:
    s = Session(browser, path.resolve().as_uri(), **context)
    sessions.append(s)
    return s


def expected(report: cid.Report, decision: str, node: str) -> tuple[list[str], list[str]]:
    """The kinds ``node`` has for ``decision``, and the drawn edges of the first's witness."""
    r = report[decision]
    kinds = [k for k in KINDS if node in r.nodes(k)]
    if not kinds:
        return [], []
    w = r.witness(kinds[0], node)
    assert w is not None
    return kinds, sorted(f"{a}->{b}" for a, b in w.edges)


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])  # type: ignore[return-value]


def inside(inner: dict[str, float], outer: dict[str, float], slack: float = 1.0) -> bool:
    return (inner["x"] >= outer["x"] - slack and inner["y"] >= outer["y"] - slack
            and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack
            and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + slack)


def choose_decision(s: Session, d: cid.Diagram, decision: str) -> None:
    agent = d.agent_of(decision)
    deciding = {d.agent_of(x) for x in d.decisions}  # agents without decisions are not offered
    if len(deciding) > 1 and s.state()["decision"] != decision:
        s.page.select_option(".cidx-agent select", agent)
    s.page.select_option(".cidx-decision select", decision)
    assert s.state()["decision"] == decision


def drawn_witness(d: cid.Diagram, report: cid.Report, decision: str, kind: str,
                  node: str) -> list[str]:
    w = report[decision].witness(kind, node)
    assert w is not None
    drawn = set(d.edge_list)
    return sorted(f"{a}->{b}" for a, b in w.edges if (a, b) in drawn)


def sweep_every_node(s: Session, d: cid.Diagram, report: cid.Report, decision: str) -> None:
    """Click every node, and every incentive listed for it, in the page (one round trip)."""
    seen = s.page.locator(".cidx").evaluate(SWEEP)
    assert sorted(seen) == sorted(d.nodes)
    for node, got in seen.items():
        kinds = [k for k in KINDS if node in report[decision].nodes(k)]
        assert got["kinds"] == kinds, (decision, node)
        assert got["first"]["active"] == (kinds[0] if kinds else "")
        assert got["first"]["witness"] == (
            drawn_witness(d, report, decision, kinds[0], node) if kinds else [])
        assert got["witnesses"] == [drawn_witness(d, report, decision, k, node)
                                    for k in kinds], (decision, node)


def click_some_nodes(s: Session, d: cid.Diagram, report: cid.Report, decision: str) -> None:
    """Real mouse clicks on a few nodes: one of each kind of incentive, and one without."""
    drawn = {f"{a}->{b}" for a, b in d.edge_list}
    r = report[decision]
    picks = [r.nodes(k)[-1] for k in KINDS if r.nodes(k)]
    picks += [n for n in d.nodes if not any(n in r.nodes(k) for k in KINDS)][:1]
    for node in dict.fromkeys(picks):
        s.page.click(f'[data-cid-node="{node}"]')
        got = s.state()
        kinds, witness = expected(report, decision, node)
        assert got["node"] == node and got["items"] == kinds, (decision, node)
        assert got["active"] == (kinds[0] if kinds else "")
        assert got["witness"] == [e for e in witness if e in drawn], (decision, node)
        if len(kinds) > 1:  # pick the last incentive: its witness is highlighted instead
            s.page.click(f'li.cidx-incentive[data-kind="{kinds[-1]}"]')
            w = report[decision].witness(kinds[-1], node)
            assert w is not None
            after = s.state()
            assert after["active"] == kinds[-1]
            assert after["witness"] == sorted(f"{a}->{b}" for a, b in w.edges
                                              if f"{a}->{b}" in drawn)


@pytest.mark.parametrize("name", zoo.names())
def test_zoo_page_lists_what_analyze_finds(name: str, pages: Path,
                                           zoo_session: Session) -> None:
    d = zoo.build(name)
    report = cid.analyze(d)
    s = zoo_session
    s.open((pages / f"{name}.html").resolve().as_uri())
    assert s.state()["decision"] == zoo.entry(name).focus_decision
    for decision in d.decisions:
        choose_decision(s, d, decision)
        sweep_every_node(s, d, report, decision)
    choose_decision(s, d, zoo.entry(name).focus_decision)
    click_some_nodes(s, d, report, zoo.entry(name).focus_decision)
    s.page.keyboard.press("Escape")
    assert s.state()["node"] == ""
    assert s.errors == [] and s.requests == [] and s.dialogs == []


def badge_pairs(s: Session) -> list[tuple[str, str]]:
    return sorted((a, b) for a, b in s.page.locator(".cidx").evaluate("""root =>
        [...root.querySelectorAll('[data-cid-node]')].flatMap(g => {
          const box = g.getBBox();
          return [...root.querySelectorAll('.cidx-badge')].filter(b => {
            const r = b.getBBox();
            return Math.abs(r.y - (box.y + box.height + 1)) < 0.5
              && r.x >= box.x - 40 && r.x + r.width <= box.x + box.width + 40;
          }).map(b => [g.dataset.cidNode, b.dataset.kind]);
        })"""))


@pytest.mark.parametrize("name", ["mdp", "direct_reward_learning",
                                  "counterfactual_reward_function"])
def test_screenshots_compare_structurally(name: str, pages: Path, browser: Any,
                                          session: list[Session],
                                          tmp_path_factory: pytest.TempPathFactory) -> None:
    d = zoo.build(name)
    decision = zoo.entry(name).focus_decision
    r = cid.analyze(d)[decision]
    s = open_session(browser, session, pages / f"{name}.html")
    root = s.open()
    shots = tmp_path_factory.mktemp("screenshots")
    overview = shots / f"{name}-overview.png"
    s.page.screenshot(path=str(overview))
    assert png_size(overview) == (VIEWPORT["width"], VIEWPORT["height"])
    figure = s.page.locator(".cidx-figure svg").bounding_box()
    panel = s.page.locator(".cidx-panel").bounding_box()
    assert figure is not None and panel is not None
    assert figure["x"] + figure["width"] <= panel["x"] or figure["y"] + figure["height"] <= \
        panel["y"], "the panel overlaps the drawing"
    for node in d.nodes:
        box = s.page.locator(f'[data-cid-node="{node}"]').bounding_box()
        assert box is not None and inside(box, figure), node
    for badge in s.page.locator(".cidx-badge").all():
        box = badge.bounding_box()
        assert box is not None and inside(box, figure), "a badge is cut off"
    # one badge per non-trivial incentive of the decision, under its node
    marked = sorted((n, k) for k in KINDS for n in r.nodes(k)
                    if not is_trivial(d, cid.IncentiveKind(k), decision, n))
    assert badge_pairs(s) == marked
    # the node with the longest instrumental-control witness, selected
    ici = r.nodes("ICI")
    node = max(ici, key=lambda n: len(r.witness("ICI", n).path))  # type: ignore[union-attr]
    s.page.click(f'[data-cid-node="{node}"]')
    s.page.click('li.cidx-incentive[data-kind="instrumental_control_incentive"]')
    selected = shots / f"{name}-{node}.png"
    s.page.screenshot(path=str(selected))
    assert png_size(selected) == png_size(overview)
    w = r.witness("ICI", node)
    assert w is not None
    assert root.locator(".cidx-witness").count() == len(w.edges)
    assert root.locator("[data-cid-node].cidx-onpath").count() == len(set(w.path))
    assert root.locator("[data-cid-node].cidx-dim").count() == len(d) - len(set(w.path))
    assert root.locator("[data-cid-edge].cidx-dim").count() == len(d.edge_list) - len(w.edges)
    # toggling a kind off removes its badges and only those
    before = badge_pairs(s)
    s.page.click('.cidx-toggle[data-kind="value_of_information"] input')
    assert badge_pairs(s) == [p for p in before if p[1] != "value_of_information"]
    assert s.errors == [] and s.requests == []


def test_switching_agent_offers_only_that_agents_decisions(pages: Path, browser: Any,
                                                          session: list[Session]) -> None:
    d = zoo.build("ti_considering_current_rf")
    assert len(d.agents) == 2
    s = open_session(browser, session, pages / "ti_considering_current_rf.html")
    s.open()
    for agent in d.agents:
        s.page.select_option(".cidx-agent select", agent)
        options = s.page.locator(".cidx-decision option").evaluate_all(
            "os => os.map(o => o.value)")
        assert options == list(d.decisions_of(agent))
        assert s.state()["decision"] == d.decisions_of(agent)[0]
    assert s.errors == []


def test_robustness_verdicts_are_shown_with_their_hinges(tmp_path: Path, browser: Any,
                                                        session: list[Session]) -> None:
    d = zoo.build("mdp")
    report = Robustness((Verdict("VoC", "S2", "A1", True, False, (("A1", "S2"), ("S1", "S3")),
                                 ("-edge A1 -> S2 removes it",)),
                         Verdict("ICI", "S2", "A1", True, True),
                         Verdict("RI", "S2", "A1", False, False, (("S2", "A1"),))))
    cid.explore(d, robustness=report).save(tmp_path / "mdp.html")
    s = open_session(browser, session, tmp_path / "mdp.html")
    s.open()
    s.page.click('[data-cid-node="S2"]')
    voc = s.page.locator('li.cidx-incentive[data-kind="value_of_control"] .cidx-verdict')
    assert "cidx-fragile" in (voc.get_attribute("class") or "")
    assert " ".join(voc.inner_text().split()) == (
        "Fragile: present now, but a single edit flips it. Hinges on A1 → S2, S1 → S3 "
        "(not drawn) (removing it flips the verdict). -edge A1 -> S2 removes it")
    ici = s.page.locator('li.cidx-incentive[data-kind="instrumental_control_incentive"]')
    assert ici.locator(".cidx-robust").inner_text().startswith("Robust: present")
    absent = s.page.locator('.cidx-absent[data-kind="response_incentive"]')
    assert " ".join(absent.inner_text().split()) == (
        "No RI. Fragile: absent now, but a single edit flips it. Hinges on S2 → A1 (not drawn) "
        "(removing it flips the verdict).")
    assert s.page.locator(".cidx-hinge").evaluate_all("gs => gs.map(g => g.dataset.cidEdge)") \
        == ["A1->S2"]
    assert s.errors == []


def test_hostile_labels_are_shown_as_text(tmp_path: Path, browser: Any,
                                          session: list[Session]) -> None:
    d = cid.Diagram("<img src=x onerror=alert(1)>")
    d = d.chance("S", label="<script>alert(1)</script>").decision(
        "D", parents=["S"], agent="</script><b>&amp;</b>")
    d = d.utility("U", parents=["D", "S"], label="100 % & _\nnext")
    cid.explore(d, svg=fake_svg(d)).save(tmp_path / "x.html")
    s = open_session(browser, session, tmp_path / "x.html")
    s.open()
    s.page.click('[data-cid-node="S"]')
    assert s.page.locator(".cidx-panel h3").inner_text() == "S (<script>alert(1)</script>)"
    assert s.page.locator(".cidx-title").inner_text() == "<img src=x onerror=alert(1)>"
    assert s.page.evaluate("document.querySelectorAll('img, b, .cidx-panel script').length") == 0
    s.page.click('[data-cid-node="U"]')
    assert s.page.locator(".cidx-about").inner_text() == "utility node of </script><b>&amp;</b>"
    assert s.dialogs == [] and s.errors == [] and s.requests == []


def test_the_request_watch_sees_a_request(tmp_path: Path, browser: Any,
                                          session: list[Session]) -> None:
    page = tmp_path / "leaky.html"
    page.write_text('<!DOCTYPE html><img src="http://127.0.0.1:9/x.png">', encoding="utf-8")
    s = open_session(browser, session, page)
    s.page.goto(s.url)
    assert s.requests == ["http://127.0.0.1:9/x.png"]


def test_without_scripts_the_drawing_and_table_remain(pages: Path, browser: Any,
                                                     session: list[Session]) -> None:
    s = open_session(browser, session, pages / "mdp.html", java_script_enabled=False)
    s.page.goto(s.url)
    assert s.page.locator(".cidx-figure svg [data-cid-node]").count() == len(zoo.build("mdp"))
    fallback = s.page.locator(".cidx-fallback")
    assert fallback.is_visible() and "A1" in fallback.inner_text()
    assert s.page.locator("li.cidx-incentive").count() == 0


def test_two_fragments_on_one_page_work_independently(tmp_path: Path, browser: Any,
                                                      session: list[Session]) -> None:
    a, b = cid.explore(zoo.build("mdp")), cid.explore(zoo.build("cirl"))
    page = tmp_path / "two.html"
    page.write_text(f"<!DOCTYPE html><meta charset='utf-8'>{a.fragment()}{b.fragment()}",
                    encoding="utf-8")
    s = open_session(browser, session, page)
    s.page.goto(s.url)
    roots = s.page.locator('.cidx[data-cid-ready="1"]')
    assert roots.count() == 2
    roots.nth(0).locator('[data-cid-node="S2"]').click()
    assert roots.nth(0).get_attribute("data-node") == "S2"
    assert roots.nth(1).get_attribute("data-node") == ""
    assert s.errors == []


# no shrinking: each example loads a page, so a failure is reported as found (bounded time)
@settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(diagrams(max_nodes=7))
@example(d=cid.Diagram.from_edges(  # an agent that owns a utility but makes no decision
    ["S -> D -> E -> U", "S -> V"], decisions={"a": ["D", "E"]},
    utilities={"a": ["U"], "b": ["V"]}))
def test_random_diagrams_list_what_analyze_finds(zoo_session: Session,
                                                 tmp_path_factory: pytest.TempPathFactory,
                                                 d: cid.Diagram) -> None:
    path = tmp_path_factory.mktemp("random") / "page.html"
    cid.explore(d, svg=fake_svg(d)).save(path)
    s = zoo_session
    s.open(path.resolve().as_uri())
    report = cid.analyze(d)
    for decision in d.decisions:
        choose_decision(s, d, decision)
        sweep_every_node(s, d, report, decision)
    assert s.errors == [] and s.requests == [] and s.dialogs == []


def test_the_keyboard_reaches_nodes_and_incentives(pages: Path, browser: Any,
                                                   session: list[Session]) -> None:
    d = zoo.build("wireheading")
    r = cid.analyze(d)["A1"]
    s = open_session(browser, session, pages / "wireheading.html")
    root = s.open()
    node = s.page.locator('[data-cid-node="ThetaR2"]')
    assert node.get_attribute("role") == "button" and node.get_attribute("tabindex") == "0"
    node.focus()
    s.page.keyboard.press("Enter")
    kinds = [k for k in KINDS if "ThetaR2" in r.nodes(k)]
    assert s.state()["items"] == kinds and len(kinds) > 1
    s.page.locator("li.cidx-incentive").first.focus()
    s.page.keyboard.press("Tab")  # the next incentive of the list
    s.page.keyboard.press("Enter")
    assert s.state()["active"] == kinds[1]
    assert s.page.evaluate("document.activeElement.dataset.kind") == kinds[1]
    s.page.keyboard.press("Escape")
    assert root.get_attribute("data-node") == ""
    assert s.errors == []
