"""The animated embedding scatter: every recorded step as a frame, played in the browser.

The frames travel once, as compact JSON inside a self-contained HTML/SVG/JS document shown
with `st.iframe` (Streamlit 1.67's replacement for the deprecated `components.v1.html`).
Play, pause, the scrubber and the speed are all client-side, so playing costs no rerun.

Safety: words come from users' text. They only ever reach the page as JSON data (with <, >
and & escaped as \\u003c \\u003e \\u0026, so no "</script>" can close the data block), and the
script writes them with createTextNode/textContent. The HTML template itself is a constant.

Test hooks: the Play button is `#play` (text and aria-label "Play"/"Pause"); every drawn
frame sets `document.body.dataset.frame` (the frame index) and increments
`document.body.dataset.drawn`.
"""
from __future__ import annotations

import hashlib
import json

import numpy as np
import streamlit as st

from charts.style import PALETTE, UNGROUPED, word_groups
from w2v.forces import map_domain
from w2v.projection import Projection
from w2v.run import Run
from views.words import MAX_WORDS_SHOWN, top_words

SPEEDS = (5, 10, 20, 30, 60)   # frames per second offered by the speed selector
DEFAULT_SPEED = 30
HEIGHT = 680                   # iframe height in CSS pixels (the map is at most 560 px tall)
_DECIMALS = 3


DEFAULT_TOP_N = MAX_WORDS_SHOWN   # words on the map when the vocabulary is larger


def shown_words(run: Run, top_n: int | None = DEFAULT_TOP_N,
                extra: list[str] | tuple[str, ...] = ()) -> list[int] | None:
    """Vocabulary indices on the map: the top_n most frequent words plus `extra` (ascending),
    or None (every word) when that is the whole vocabulary anyway."""
    return top_words(run.vocab, run.corpus.counts, top_n, extra)


def player_payload(run: Run, projection: Projection, groups: dict[str, list[str]] | None = None,
                   speed: int = DEFAULT_SPEED, words: list[int] | None = None) -> dict:
    """Everything the player draws, as plain JSON-able Python.

    frames: xy[f] is [x0, y0, x1, y1, ...] for frame f (rounded to 3 decimals); center,
    context (indices into `words`, −1 for step 0 which has no pair, or for a word not on the
    map), pair ("center → context", None for step 0) and loss (None for step 0) describe the
    step that produced the frame. The domain spans every frame, so axes are fixed.
    `words`: vocabulary indices to draw (None: all); a large vocabulary sends only these.
    """
    coords = np.asarray(projection.coords, dtype=np.float64)
    vocab = list(run.vocab)
    if words is not None:
        coords = coords[:, np.asarray(words, dtype=np.int64), :]
        vocab = [run.vocab[i] for i in words]
    at = {v: k for k, v in enumerate(words)} if words is not None else None
    R, V, _ = coords.shape
    steps = [int(s) for s in run.steps[:R]]
    centers, contexts, losses, pair = [], [], [], []
    for s in steps:
        if s >= 1:
            c, o = int(run.centers[s - 1]), int(run.contexts[s - 1])
            pair.append(f"{run.vocab[c]} \u2192 {run.vocab[o]}")
            if at is not None:
                c, o = at.get(c, -1), at.get(o, -1)
            centers.append(c)
            contexts.append(o)
            losses.append(round(float(run.losses[s - 1]), 4))
        else:
            centers.append(-1)
            contexts.append(-1)
            pair.append(None)
            losses.append(None)
    finite = np.isfinite(coords)
    if not finite.all():  # never expected (divergence stops recording), but keep JSON valid
        coords = np.where(finite, coords, 0.0)
    rounded = np.round(coords, _DECIMALS)
    names, of_word = word_groups(vocab, groups or {})
    return {
        "words": vocab,
        "pair": pair,
        "group": of_word,
        "groups": names,
        "colors": [PALETTE[i % len(PALETTE)] for i in range(len(names))],
        "ungrouped": UNGROUPED,
        "steps": steps,
        "xy": rounded.reshape(R, V * 2).tolist(),
        "center": centers,
        "context": contexts,
        "loss": losses,
        "domain": map_domain(rounded, decimals=_DECIMALS),
        "variance": [round(float(v), 4) for v in projection.variance_explained],
        "method": projection.method,
        "diverged_at": run.diverged_at,
        "start": R - 1,
        "speeds": list(SPEEDS),
        "speed": speed if speed in SPEEDS else DEFAULT_SPEED,
    }


def safe_json(obj) -> str:
    """JSON that can sit inside a <script> element: no <, > or & survives unescaped."""
    text = json.dumps(obj, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def fingerprint(run: Run, projection: Projection, groups: dict | None,
                words: list[int] | None = None) -> str:
    """A digest of everything the payload depends on (a cache key that never hashes objects)."""
    h = hashlib.sha256()
    for arr in (projection.coords, run.centers, run.contexts, run.losses, run.steps):
        h.update(np.ascontiguousarray(arr).tobytes())
    h.update("\n".join(run.vocab).encode())
    h.update(json.dumps([projection.method, run.diverged_at, groups or {}, words],
                        sort_keys=True, default=str).encode())
    return h.hexdigest()


def player_html(payload: dict) -> str:
    """The self-contained player document (constant template + escaped JSON data)."""
    return _TEMPLATE.replace("__W2V_PLAYER_DATA__", safe_json(payload))


def render_player(run: Run, projection: Projection, groups: dict | None = None,
                  words: list[int] | None = None) -> int:
    """Show the player (only the vocabulary indices `words`, if given); returns the size of the
    document sent, in bytes."""
    groups = groups or {}
    html = _cached_html(fingerprint(run, projection, groups, words), run, projection, groups,
                        words)
    st.iframe(html, height=HEIGHT, alt="Animated 2-D map of the word embeddings during training")
    return len(html.encode())


@st.cache_data(max_entries=8, show_spinner=False)
def _cached_html(key: str, _run: Run, _projection: Projection, _groups: dict,
                 _words: list[int] | None = None) -> str:
    """The player document; only `key` (the fingerprint) is hashed, the rest rides along."""
    return player_html(player_payload(_run, _projection, _groups, words=_words))


_TEMPLATE = r"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<style>
  :root { --fg:#262730; --muted:#6b6f7b; --line:#d9dbe2; --accent:#ff4b4b; }
  html, body { margin:0; padding:0; font-family: "Source Sans Pro", "Source Sans 3", system-ui, sans-serif;
               color: var(--fg); background: #fff; }
  #wrap { padding: 4px 6px 0 2px; }
  #controls { display:flex; align-items:center; gap:10px; flex-wrap:wrap; margin-bottom:6px; }
  button { font: inherit; font-size:15px; padding:4px 14px; border:1px solid #c4c6cf; border-radius:8px;
           background:#fff; color:var(--fg); cursor:pointer; min-width:74px; }
  button:hover { border-color: var(--accent); color: var(--accent); }
  button.small { min-width: 0; padding: 4px 9px; }
  #scrub { flex: 1 1 260px; accent-color: var(--accent); }
  select { font: inherit; font-size: 14px; padding: 3px 4px; border-radius:6px; border:1px solid #c4c6cf; }
  #status { display:flex; gap:18px; flex-wrap:wrap; font-size:15px; margin: 2px 0 4px 0; min-height: 22px; }
  #status b { font-weight: 600; }
  .muted { color: var(--muted); }
  svg { width:100%; height:auto; max-height:560px; display:block; }
  svg text { font-size: 12px; fill: #31333f; paint-order: stroke; stroke: #fff; stroke-width: 3px;
             stroke-linejoin: round; pointer-events: none; }
  svg text.hot { font-weight: 700; font-size: 14px; }
  svg .axis { stroke: var(--line); stroke-width: 1; }
  svg .tick { font-size: 11px; fill: var(--muted); stroke: none; }
  svg circle { stroke: #fff; stroke-width: 1; }
  svg circle.hot { stroke: #111; stroke-width: 2.2; }
  #pairline { stroke: #111; stroke-width: 1.6; stroke-dasharray: 5 4; }
  #legend { display:flex; flex-wrap:wrap; gap:4px 14px; font-size:14px; margin: 2px 0 0 2px; }
  #legend span.sw { display:inline-block; width:11px; height:11px; border-radius:50%; margin-right:5px;
                    vertical-align: -1px; }
</style></head>
<body>
<script type="application/json" id="w2v-data">__W2V_PLAYER_DATA__</script>
<div id="wrap">
  <div id="controls">
    <button id="play" type="button" aria-label="Play">Play</button>
    <button id="prev" class="small" type="button" aria-label="Previous frame" title="Previous frame">&#9664;</button>
    <button id="next" class="small" type="button" aria-label="Next frame" title="Next frame">&#9654;</button>
    <input id="scrub" type="range" min="0" value="0" step="1" aria-label="Frame">
    <label class="muted" for="speed">speed</label>
    <select id="speed" aria-label="Speed"></select>
  </div>
  <div id="status" aria-live="off">
    <span>step <b id="s-step"></b> <span class="muted" id="s-frame"></span></span>
    <span id="s-pair-wrap">pair <b id="s-pair"></b></span>
    <span>loss <b id="s-loss"></b></span>
  </div>
  <svg id="plot" viewBox="0 0 900 540" role="img" aria-label="Word embeddings in two dimensions"></svg>
  <div id="legend"></div>
</div>
<script>
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("w2v-data").textContent);
  var NS = "http://www.w3.org/2000/svg";
  var W = 900, H = 540, M = {l: 46, r: 16, t: 10, b: 34};
  var V = D.words.length, R = D.steps.length;
  var x0 = D.domain.x[0], x1 = D.domain.x[1], y0 = D.domain.y[0], y1 = D.domain.y[1];
  function sx(v) { return M.l + (v - x0) / (x1 - x0) * (W - M.l - M.r); }
  function sy(v) { return H - M.b - (v - y0) / (y1 - y0) * (H - M.t - M.b); }
  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function text(node, s) { node.textContent = s; return node; }
  var svg = document.getElementById("plot");

  // Axes: fixed over all frames, so every movement on screen is a real change of the embeddings.
  var ax = el("g", {}, svg);
  el("line", {x1: M.l, x2: W - M.r, y1: H - M.b, y2: H - M.b, "class": "axis"}, ax);
  el("line", {x1: M.l, x2: M.l, y1: M.t, y2: H - M.b, "class": "axis"}, ax);
  if (x0 < 0 && x1 > 0) el("line", {x1: sx(0), x2: sx(0), y1: M.t, y2: H - M.b, "class": "axis", "stroke-dasharray": "2 4"}, ax);
  if (y0 < 0 && y1 > 0) el("line", {x1: M.l, x2: W - M.r, y1: sy(0), y2: sy(0), "class": "axis", "stroke-dasharray": "2 4"}, ax);
  function ticks(lo, hi) {
    var span = hi - lo, raw = span / 6, p = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 5, 10].map(function (m) { return m * p; }).find(function (s) { return s >= raw; });
    var out = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(+v.toFixed(6));
    return out;
  }
  ticks(x0, x1).forEach(function (v) {
    text(el("text", {x: sx(v), y: H - M.b + 16, "text-anchor": "middle", "class": "tick"}, ax), String(v));
  });
  ticks(y0, y1).forEach(function (v) {
    text(el("text", {x: M.l - 6, y: sy(v) + 4, "text-anchor": "end", "class": "tick"}, ax), String(v));
  });
  var pc = D.variance.map(function (v) { return (100 * v).toFixed(1) + "%"; });
  text(el("text", {x: W - M.r, y: H - 4, "text-anchor": "end", "class": "tick"}, ax), "PC1 (" + pc[0] + " of variance)");
  text(el("text", {x: 12, y: M.t + 4, "text-anchor": "start", "class": "tick",
                   transform: "rotate(90 12 " + (M.t + 4) + ")"}, ax), "PC2 (" + pc[1] + ")");

  var pairLine = el("line", {id: "pairline", visibility: "hidden"}, svg);
  var dots = [], labels = [];
  var gDots = el("g", {}, svg), gLabels = el("g", {}, svg);
  for (var i = 0; i < V; i++) {
    var g = D.group[i];
    dots.push(el("circle", {r: 4.5, fill: g >= 0 ? D.colors[g] : D.ungrouped}, gDots));
    var t = el("text", {dx: 6, dy: 4}, gLabels);
    t.appendChild(document.createTextNode(D.words[i]));
    labels.push(t);
  }

  // Legend (group names are data too: textContent only).
  var legend = document.getElementById("legend");
  function legendItem(name, color) {
    var item = document.createElement("span");
    var sw = document.createElement("span");
    sw.className = "sw"; sw.style.background = color;
    item.appendChild(sw); item.appendChild(document.createTextNode(name));
    legend.appendChild(item);
  }
  D.groups.forEach(function (name, k) { legendItem(name, D.colors[k]); });
  if (D.group.some(function (g) { return g < 0; })) legendItem("in no group", D.ungrouped);

  var playBtn = document.getElementById("play"), scrub = document.getElementById("scrub");
  var speedSel = document.getElementById("speed");
  var sStep = document.getElementById("s-step"), sFrame = document.getElementById("s-frame");
  var sPair = document.getElementById("s-pair"), sLoss = document.getElementById("s-loss");
  scrub.max = String(R - 1);
  D.speeds.forEach(function (f) {
    var o = document.createElement("option");
    o.value = String(f); o.textContent = f + " frames/s";
    if (f === D.speed) o.selected = true;
    speedSel.appendChild(o);
  });

  var frame = -1, hot = [], drawn = 0;
  function draw(f) {
    f = Math.max(0, Math.min(R - 1, f | 0));
    frame = f;
    var xy = D.xy[f];
    for (var i = 0; i < V; i++) {
      var px = sx(xy[2 * i]).toFixed(1), py = sy(xy[2 * i + 1]).toFixed(1);
      dots[i].setAttribute("cx", px); dots[i].setAttribute("cy", py);
      labels[i].setAttribute("x", px); labels[i].setAttribute("y", py);
    }
    hot.forEach(function (i) { dots[i].classList.remove("hot"); labels[i].classList.remove("hot"); });
    hot = [];
    var c = D.center[f], o = D.context[f];
    if (D.loss[f] !== null) {
      hot = [c, o].filter(function (i) { return i >= 0; });
      hot.forEach(function (i) { dots[i].classList.add("hot"); labels[i].classList.add("hot"); });
      if (c >= 0 && o >= 0) {
        pairLine.setAttribute("x1", sx(xy[2 * c])); pairLine.setAttribute("y1", sy(xy[2 * c + 1]));
        pairLine.setAttribute("x2", sx(xy[2 * o])); pairLine.setAttribute("y2", sy(xy[2 * o + 1]));
        pairLine.setAttribute("visibility", "visible");
      } else {
        pairLine.setAttribute("visibility", "hidden");   // a word of the pair is not on the map
      }
      sPair.textContent = D.pair[f];
      sLoss.textContent = D.loss[f].toFixed(3);
    } else {
      pairLine.setAttribute("visibility", "hidden");
      sPair.textContent = "none (initial weights)";
      sLoss.textContent = "\u2013";
    }
    sStep.textContent = String(D.steps[f]);
    sFrame.textContent = "(frame " + (f + 1) + " of " + R + ")";
    scrub.value = String(f);
    drawn += 1;
    document.body.dataset.frame = String(f);
    document.body.dataset.drawn = String(drawn);
  }

  var playing = false, last = 0, acc = 0;
  function setPlaying(on) {
    playing = on;
    var label = on ? "Pause" : "Play";
    playBtn.textContent = label;
    playBtn.setAttribute("aria-label", label);
    document.body.dataset.playing = on ? "1" : "0";
    if (on) { last = performance.now(); acc = 0; requestAnimationFrame(tick); }
  }
  function tick(now) {
    if (!playing) return;
    var interval = 1000 / (+speedSel.value || D.speed);
    acc += Math.min(now - last, 250);
    last = now;
    if (acc >= interval) {
      var n = Math.floor(acc / interval);
      acc -= n * interval;
      var f = Math.min(R - 1, frame + n);
      draw(f);
      if (f >= R - 1) { setPlaying(false); return; }
    }
    requestAnimationFrame(tick);
  }
  playBtn.addEventListener("click", function () {
    if (playing) { setPlaying(false); return; }
    if (frame >= R - 1) draw(0);
    setPlaying(true);
  });
  scrub.addEventListener("input", function () { draw(+scrub.value); });
  document.getElementById("prev").addEventListener("click", function () { setPlaying(false); draw(frame - 1); });
  document.getElementById("next").addEventListener("click", function () { setPlaying(false); draw(frame + 1); });
  document.addEventListener("keydown", function (e) {
    if (e.target === speedSel) return;
    if (e.key === "ArrowLeft") { setPlaying(false); draw(frame - 1); e.preventDefault(); }
    else if (e.key === "ArrowRight") { setPlaying(false); draw(frame + 1); e.preventDefault(); }
  });

  document.body.dataset.frames = String(R);
  setPlaying(false);
  draw(D.start);
})();
</script>
</body></html>
"""
