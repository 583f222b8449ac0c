/* cid incentives explorer: reads the page's JSON data, tags the drawing, answers clicks.
   Vanilla script, no dependency, no network. Text reaches the page through textContent
   only (never innerHTML), so labels and names are never interpreted as markup. */
function cidExplorer(root) {
  "use strict";
  if (!root || root.getAttribute("data-cid-ready") === "1") { return; }
  var NS = "http://www.w3.org/2000/svg";
  var data = JSON.parse(root.querySelector("script.cidx-data").textContent);
  var svg = root.querySelector(".cidx-figure svg");
  var panel = root.querySelector(".cidx-panel");
  var controls = root.querySelector(".cidx-controls");
  var kinds = data.kinds;
  var kindOf = {};
  kinds.forEach(function (k) { kindOf[k.key] = k; });
  var nodeOf = {};
  data.nodes.forEach(function (n) { nodeOf[n.name] = n; });
  var decisionOf = {};
  data.decisions.forEach(function (d) { decisionOf[d.name] = d; });
  var verdictOf = {};
  data.robustness.forEach(function (v) { verdictOf[v.decision + "|" + v.kind + "|" + v.node] = v; });
  var nodeEls = {};
  var edgeEls = {};
  svg.querySelectorAll("[data-cid-node]").forEach(function (g) {
    nodeEls[g.getAttribute("data-cid-node")] = g;
  });
  svg.querySelectorAll("[data-cid-edge]").forEach(function (g) {
    edgeEls[g.getAttribute("data-cid-edge")] = g;
  });
  var vb = (svg.getAttribute("viewBox") || "").split(/[\s,]+/).map(Number);
  if (vb.length === 4 && vb.every(isFinite)) {  /* room for the badges under the lowest row */
    var h = svg.getAttribute("height");
    if (h && parseFloat(h) > 0) {
      svg.setAttribute("height", (parseFloat(h) * (vb[3] + 14) / vb[3]).toFixed(2) +
        h.replace(/^[\d.]+/, ""));
    }
    vb[3] += 14;
    svg.setAttribute("viewBox", vb.join(" "));
  }
  var first = data.view.decision ? decisionOf[data.view.decision] : null;
  var state = {
    agent: first ? first.agent : null,
    decision: first ? first.name : null,
    kinds: {},
    trivial: false,
    node: null,
    active: null
  };
  data.view.kinds.forEach(function (k) { state.kinds[k] = true; });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function arrowText(path, edges) {
    if (path.length === 1) { return path[0]; }
    var out = [path[0]];
    for (var i = 1; i < path.length; i++) {
      out.push(edges[i - 1][1] === path[i] ? "\u2192" : "\u2190", path[i]);
    }
    return out.join(" ");
  }
  function textColour(hex) {
    var n = parseInt(hex.slice(1), 16);
    var lum = 0.299 * (n >> 16 & 255) + 0.587 * (n >> 8 & 255) + 0.114 * (n & 255);
    return lum > 150 ? "#000000" : "#ffffff";
  }
  function rows(decision, node) {
    var d = decisionOf[decision];
    var out = [];
    if (!d) { return out; }
    kinds.forEach(function (k) {
      if (!state.kinds[k.key]) { return; }
      d.incentives[k.key].forEach(function (r) {
        if (node === null || r.node === node) { out.push({kind: k, row: r}); }
      });
    });
    return out;
  }

  /* ------------------------------------------------------------------ controls */
  function select(label, options, value, onChange) {
    var wrap = el("label", "cidx-control", label + " ");
    var s = el("select");
    options.forEach(function (o) {
      var opt = el("option", null, o.text);
      opt.value = o.value;
      if (o.value === value) { opt.selected = true; }
      s.appendChild(opt);
    });
    s.addEventListener("change", function () { onChange(s.value); });
    wrap.appendChild(s);
    return wrap;
  }
  function checkbox(label, checked, colour, onChange) {
    var wrap = el("label", "cidx-control cidx-toggle");
    var c = el("input");
    c.type = "checkbox";
    c.checked = checked;
    c.addEventListener("change", function () { onChange(c.checked); });
    wrap.appendChild(c);
    if (colour) {
      var sw = el("span", "cidx-swatch");
      sw.style.background = colour;
      wrap.appendChild(sw);
    }
    wrap.appendChild(document.createTextNode(label));
    return wrap;
  }
  var controlled = null;
  function renderControls() {
    var key = JSON.stringify([state.agent, state.decision, state.kinds, state.trivial]);
    if (key === controlled) { return; }
    controlled = key;
    controls.textContent = "";
    if (!state.decision) { return; }
    var agentSel = select("Agent", data.agents.map(function (a) { return {value: a, text: a}; }),
      state.agent, function (a) {
        state.agent = a;
        var mine = data.decisions.filter(function (d) { return d.agent === a; });
        state.decision = mine[0].name;
        pickActive();
        render();
      });
    agentSel.classList.add("cidx-agent");
    if (data.agents.length < 2) { agentSel.hidden = true; }
    controls.appendChild(agentSel);
    var mine = data.decisions.filter(function (d) { return d.agent === state.agent; });
    var decSel = select("Decision", mine.map(function (d) {
      return {value: d.name, text: nodeOf[d.name].label === d.name ? d.name
        : d.name + " (" + nodeOf[d.name].label + ")"};
    }), state.decision, function (v) { state.decision = v; pickActive(); render(); });
    decSel.classList.add("cidx-decision");
    controls.appendChild(decSel);
    kinds.forEach(function (k) {
      var box = checkbox(k.label, !!state.kinds[k.key], k.color, function (on) {
        state.kinds[k.key] = on;
        pickActive();
        render();
      });
      box.setAttribute("data-kind", k.key);
      box.title = k.phrase;
      controls.appendChild(box);
    });
    var triv = checkbox("self-evident", state.trivial, null, function (on) {
      state.trivial = on;
      render();
    });
    triv.classList.add("cidx-trivial");
    triv.title = "also mark the incentives that hold by definition";
    controls.appendChild(triv);
  }

  /* ------------------------------------------------------------------ drawing */
  function shapeOf(g) {
    return g.querySelector("ellipse, polygon, path");
  }
  function clearDrawing() {
    Object.keys(nodeEls).forEach(function (n) {
      nodeEls[n].classList.remove("cidx-selected", "cidx-onpath", "cidx-dim");
    });
    svg.querySelectorAll(".cidx-badge.cidx-dim").forEach(function (b) {
      b.classList.remove("cidx-dim");
    });
    Object.keys(edgeEls).forEach(function (e) {
      edgeEls[e].classList.remove("cidx-witness", "cidx-hinge", "cidx-dim");
      edgeEls[e].style.removeProperty("--cidx-color");
    });
  }
  var frame = svg.querySelector("g.graph > polygon");  /* Graphviz's page background */
  var bounds = frame && frame.getBBox ? frame.getBBox() : null;
  function badge(layer, box, labels, node) {
    var x = box.x + box.width / 2;
    var width = labels.reduce(function (w, k) { return w + k.label.length * 6 + 8; }, -2);
    var left = x - width / 2;
    if (bounds) {  /* keep the badges inside the drawing */
      left = Math.max(bounds.x + 1, Math.min(left, bounds.x + bounds.width - width - 1));
    }
    labels.forEach(function (k) {
      var w = k.label.length * 6 + 6;
      var g = document.createElementNS(NS, "g");
      g.setAttribute("class", "cidx-badge");
      g.setAttribute("data-kind", k.key);
      g.setAttribute("data-node", node);
      var r = document.createElementNS(NS, "rect");
      r.setAttribute("x", left);
      r.setAttribute("y", box.y + box.height + 1);
      r.setAttribute("width", w);
      r.setAttribute("height", 11);
      r.setAttribute("rx", 2);
      r.setAttribute("fill", k.color);
      var t = document.createElementNS(NS, "text");
      t.setAttribute("x", left + w / 2);
      t.setAttribute("y", box.y + box.height + 10);
      t.setAttribute("text-anchor", "middle");
      t.setAttribute("fill", textColour(k.color));
      t.textContent = k.label;
      g.appendChild(r);
      g.appendChild(t);
      layer.appendChild(g);
      left += w + 2;
    });
  }
  var marked = null;
  function renderMarks() {
    /* the decision's incentive marks and badges: redrawn only when what they show changes */
    var key = JSON.stringify([state.decision, state.kinds, state.trivial]);
    if (key === marked) { return; }
    marked = key;
    var old = svg.querySelector(".cidx-badges");
    if (old) { old.parentNode.removeChild(old); }
    Object.keys(nodeEls).forEach(function (n) {
      nodeEls[n].classList.remove("cidx-marked", "cidx-current");
      nodeEls[n].style.removeProperty("--cidx-color");
    });
    var layer = document.createElementNS(NS, "g");
    layer.setAttribute("class", "cidx-badges");
    (svg.querySelector("g.graph") || svg).appendChild(layer);
    if (state.decision && nodeEls[state.decision]) {
      nodeEls[state.decision].classList.add("cidx-current");
    }
    var marks = {};
    rows(state.decision, null).forEach(function (x) {
      if (x.row.trivial && !state.trivial) { return; }
      (marks[x.row.node] = marks[x.row.node] || []).push(x.kind);
    });
    Object.keys(marks).forEach(function (n) {
      var g = nodeEls[n];
      if (!g) { return; }
      g.classList.add("cidx-marked");
      g.style.setProperty("--cidx-color", marks[n][0].color);
      var shape = shapeOf(g);
      if (shape && shape.getBBox) { badge(layer, shape.getBBox(), marks[n], n); }
    });
  }
  function renderDrawing() {
    renderMarks();
    clearDrawing();
    if (state.node && nodeEls[state.node]) { nodeEls[state.node].classList.add("cidx-selected"); }
    var act = activeRow();
    if (!act) { return; }
    var colour = act.kind.color;
    Object.keys(nodeEls).forEach(function (n) {
      if (act.row.path.indexOf(n) < 0) { nodeEls[n].classList.add("cidx-dim"); }
    });
    svg.querySelectorAll(".cidx-badge").forEach(function (b) {
      if (act.row.path.indexOf(b.getAttribute("data-node")) < 0) { b.classList.add("cidx-dim"); }
    });
    act.row.path.forEach(function (n) {
      if (nodeEls[n]) { nodeEls[n].classList.add("cidx-onpath"); }
    });
    var onPath = {};
    act.row.edges.forEach(function (e) { onPath[e[0] + "->" + e[1]] = true; });
    Object.keys(edgeEls).forEach(function (key) {
      var g = edgeEls[key];
      if (onPath[key]) {
        g.classList.add("cidx-witness");
        g.style.setProperty("--cidx-color", colour);
      } else {
        g.classList.add("cidx-dim");
      }
    });
    var v = verdictOf[state.decision + "|" + act.kind.key + "|" + act.row.node];
    if (v) {
      v.hinges.forEach(function (h) {
        var g = edgeEls[h[0] + "->" + h[1]];
        if (g) { g.classList.add("cidx-hinge"); g.classList.remove("cidx-dim"); }
      });
    }
  }

  /* ------------------------------------------------------------------ panel */
  function activeRow() {
    if (!state.active || state.active.node !== state.node) { return null; }
    var found = null;
    rows(state.decision, state.node).forEach(function (x) {
      if (x.kind.key === state.active.kind) { found = x; }
    });
    return found;
  }
  function pickActive() {
    var list = state.node === null ? [] : rows(state.decision, state.node);
    var keep = activeRow();
    state.active = keep ? state.active
      : (list.length ? {kind: list[0].kind.key, node: state.node} : null);
  }
  function verdictLine(v) {
    var box = el("div", "cidx-verdict " + (v.robust ? "cidx-robust" : "cidx-fragile"));
    var what = v.present ? "present" : "absent";
    box.appendChild(el("p", null, v.robust ? "Robust: " + what + " under every edit tried."
      : "Fragile: " + what + " now, but a single edit flips it."));
    if (v.hinges.length) {
      var p = el("p", null, "Hinges on ");
      p.appendChild(el("span", "cidx-hinges", v.hinges.map(function (h) {
        var drawn = edgeEls[h[0] + "->" + h[1]] ? "" : " (not drawn)";
        return h[0] + " \u2192 " + h[1] + drawn;
      }).join(", ")));
      p.appendChild(document.createTextNode(" (removing it flips the verdict)."));
      box.appendChild(p);
    }
    if (v.flips && v.flips.length) {
      var ul = el("ul", "cidx-flips");
      v.flips.forEach(function (f) { ul.appendChild(el("li", null, f)); });
      box.appendChild(ul);
    }
    return box;
  }
  function incentiveItem(x) {
    var li = el("li", "cidx-incentive");
    li.setAttribute("data-kind", x.kind.key);
    li.setAttribute("data-node", x.row.node);
    li.style.setProperty("--cidx-color", x.kind.color);
    li.tabIndex = 0;
    var head = el("div", "cidx-item-head");
    var k = el("span", "cidx-k", x.kind.label);
    k.style.color = textColour(x.kind.color);
    head.appendChild(k);
    head.appendChild(document.createTextNode(" " + x.kind.phrase +
      (x.row.trivial ? " (by definition)" : "")));
    li.appendChild(head);
    li.appendChild(el("div", "cidx-meaning", x.kind.meaning + "."));
    var w = el("div", "cidx-witness-text");
    w.appendChild(document.createTextNode("Witness: "));
    w.appendChild(el("span", "cidx-path", arrowText(x.row.path, x.row.edges)));
    w.appendChild(document.createTextNode(" in the " + x.row.graph +
      (x.row.given.length ? ", given " + x.row.given.join(", ") : "")));
    li.appendChild(w);
    var undrawn = x.row.edges.filter(function (e) { return !edgeEls[e[0] + "->" + e[1]]; });
    if (undrawn.length) {
      li.appendChild(el("div", "cidx-note", "Not in the drawing (added by the criterion): " +
        undrawn.map(function (e) { return e[0] + " \u2192 " + e[1]; }).join(", ")));
    }
    var v = verdictOf[state.decision + "|" + x.kind.key + "|" + x.row.node];
    if (v) { li.appendChild(verdictLine(v)); }
    if (state.active && state.active.kind === x.kind.key) { li.classList.add("cidx-active"); }
    function activate() {
      state.active = {kind: x.kind.key, node: x.row.node};
      render();
    }
    li.addEventListener("click", activate);
    li.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); activate(); }
    });
    return li;
  }
  function overview(d) {
    panel.appendChild(el("h3", "cidx-heading", "Decision " + d.name +
      (data.agents.length > 1 ? " of " + d.agent : "")));
    panel.appendChild(el("p", "cidx-guarantee", d.guarantee_text));
    panel.appendChild(el("p", "cidx-hint", "Click a node to see why it has an incentive."));
    var ul = el("ul", "cidx-summary");
    kinds.forEach(function (k) {
      if (!state.kinds[k.key]) { return; }
      var names = d.incentives[k.key].filter(function (r) { return state.trivial || !r.trivial; });
      var li = el("li", null);
      li.setAttribute("data-kind", k.key);
      var tag = el("span", "cidx-k", k.label);
      tag.style.setProperty("--cidx-color", k.color);
      tag.style.color = textColour(k.color);
      li.appendChild(tag);
      li.appendChild(document.createTextNode(" "));
      if (!names.length) { li.appendChild(document.createTextNode("none")); }
      names.forEach(function (r, i) {
        var b = el("button", "cidx-link", r.node);
        b.type = "button";
        b.addEventListener("click", function () { choose(r.node); });
        if (i) { li.appendChild(document.createTextNode(", ")); }
        li.appendChild(b);
      });
      ul.appendChild(li);
    });
    panel.appendChild(ul);
  }
  function nodeView(d) {
    var n = nodeOf[state.node];
    var head = el("h3", "cidx-heading", n.name + (n.label !== n.name ? " (" + n.label + ")" : ""));
    panel.appendChild(head);
    var about = n.kind + " node" + (n.agents.length ? " of " + n.agents.join(", ") : "") +
      (n.counterfactual ? ", counterfactual copy" : "");
    panel.appendChild(el("p", "cidx-about", about));
    if (n.description) { panel.appendChild(el("p", "cidx-description", n.description)); }
    var list = rows(d.name, n.name);
    panel.appendChild(el("p", "cidx-for", (list.length ? "Incentives" : "No incentive of the " +
      "kinds shown") + " for decision " + d.name + ":"));
    var ul = el("ul", "cidx-incentives");
    list.forEach(function (x) { ul.appendChild(incentiveItem(x)); });
    panel.appendChild(ul);
    data.robustness.forEach(function (v) {
      if (v.decision === d.name && v.node === n.name && !v.present && state.kinds[v.kind]) {
        var p = el("div", "cidx-absent");
        p.setAttribute("data-kind", v.kind);
        p.appendChild(el("span", null, "No " + kindOf[v.kind].label + ". "));
        p.appendChild(verdictLine(v));
        panel.appendChild(p);
      }
    });
    var back = el("button", "cidx-link cidx-back", "\u2190 all incentives of " + d.name);
    back.type = "button";
    back.addEventListener("click", function () { choose(null); });
    panel.appendChild(back);
  }
  function renderPanel() {
    panel.textContent = "";
    var d = decisionOf[state.decision];
    if (!d) {
      panel.appendChild(el("p", "cidx-hint", "This diagram has no decision: no incentive to " +
        "show."));
      return;
    }
    if (state.node === null) { overview(d); } else { nodeView(d); }
  }
  function focusKey() {
    var a = document.activeElement;
    if (!a || !root.contains(a) || a.hasAttribute("data-cid-node")) { return null; }
    var holder = a.closest("[data-kind]");
    if (a.closest(".cidx-agent")) { return ".cidx-agent select"; }
    if (a.closest(".cidx-decision")) { return ".cidx-decision select"; }
    if (a.closest(".cidx-trivial")) { return ".cidx-trivial input"; }
    if (holder && holder.classList.contains("cidx-toggle")) {
      return '.cidx-toggle[data-kind="' + holder.getAttribute("data-kind") + '"] input';
    }
    if (holder && holder.classList.contains("cidx-incentive")) {
      return 'li.cidx-incentive[data-kind="' + holder.getAttribute("data-kind") + '"]';
    }
    return null;
  }
  function render() {
    var key = focusKey();
    root.setAttribute("data-decision", state.decision || "");
    root.setAttribute("data-node", state.node || "");
    root.setAttribute("data-active", state.active ? state.active.kind : "");
    renderControls();
    renderDrawing();
    renderPanel();
    var again = key ? root.querySelector(key) : null;
    if (again) { again.focus(); } else if (key) { root.focus(); }
  }
  function choose(name) {
    state.node = name;
    state.active = null;
    pickActive();
    render();
  }

  Object.keys(nodeEls).forEach(function (name) {
    var g = nodeEls[name];
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.setAttribute("aria-label", name + ", " + nodeOf[name].kind + " node");
    g.addEventListener("click", function (ev) { ev.stopPropagation(); choose(name); });
    g.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); choose(name); }
    });
  });
  svg.addEventListener("click", function () { if (state.node !== null) { choose(null); } });
  root.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && state.node !== null) { choose(null); }
  });
  if (!root.hasAttribute("tabindex")) { root.setAttribute("tabindex", "-1"); }
  root.setAttribute("data-cid-ready", "1");
  render();
}
