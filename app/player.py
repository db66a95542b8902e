"""The animated embedding scatter: every recorded step as a frame, played in the browser.

The frames travel once, inside a self-contained HTML/SVG/JS document shown with `st.iframe`
(Streamlit 1.67's replacement for the deprecated `components.v1.html`). The coordinates, most of
the document, are quantised to 16 bits over the map's fixed axes and sent as base64 (2.7 bytes a
coordinate instead of about 6.5 as JSON text, and no float formatting: see encode_frames); the
rest is JSON.
Play, pause, the scrubber and the speed are all client-side, so playing costs no rerun.

Safety: words come from users' text. They only ever reach the page as JSON data (with <, >
and & escaped as \\u003c \\u003e \\u0026, so no "</script>" can close the data block), and the
script writes them with createTextNode/textContent. The document itself is the constant
player.html beside this file (markup, style and script; the data goes into its one slot).

Test hooks: the Play button is `#play` (text and aria-label "Play"/"Pause"); every drawn
frame sets `document.body.dataset.frame` (the frame index), increments
`document.body.dataset.drawn` and sets `dataset.hiddenLabels` (labels left out so that none
prints over another). A screen reader hears the frame in the `role="status"` region once it
stops changing; groups differ by shape (charts.style.SHAPES) as well as colour.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import json
from pathlib import Path

import numpy as np
import streamlit as st

from charts.style import PALETTE, SHAPES, UNGROUPED
from w2v.forces import map_domain
from w2v.projection import Projection
from w2v.run import Run
from views.groups import word_groups
from views.words import MAX_WORDS_SHOWN, top_words

from . import classroom

SPEEDS = (5, 10, 20, 30, 60)   # frames per second offered by the speed selector
DEFAULT_SPEED = 30
HEIGHT = 680                   # iframe height in CSS pixels (the map is at most 560 px tall)
PRESENTER_HEIGHT = 760         # the presenter layout's larger controls, status and legend
_DECIMALS = 3
_LEVELS = 65535                # uint16: a coordinate is lo + q·step, q in 0..65535


DEFAULT_TOP_N = MAX_WORDS_SHOWN   # words on the map when the vocabulary is larger


def shown_words(run: Run, top_n: int | None = DEFAULT_TOP_N,
                extra: list[str] | tuple[str, ...] = ()) -> list[int] | None:
    """Vocabulary indices on the map: the top_n most frequent words plus `extra` (ascending),
    or None (every word) when that is the whole vocabulary anyway."""
    return top_words(run.vocab, run.corpus.counts, top_n, extra)


def player_payload(run: Run, projection: Projection, groups: dict[str, list[str]] | None = None,
                   speed: int = DEFAULT_SPEED, words: list[int] | None = None) -> dict:
    """Everything the player draws, as plain JSON-able Python.

    frames: xy holds every frame's [x0, y0, x1, y1, ...] encoded by encode_frames (decode_frames
    reads it back; the template's script does the same); center,
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
    domain = map_domain(coords, decimals=_DECIMALS)
    names, of_word = word_groups(vocab, groups or {})
    return {
        "words": vocab,
        "pair": pair,
        "group": of_word,
        "groups": names,
        "colors": [PALETTE[i % len(PALETTE)] for i in range(len(names))],
        "shapes": [SHAPES[i % len(SHAPES)] for i in range(len(names))],
        "count": [int(run.corpus.counts[w]) for w in vocab],   # label priority on the map
        "ungrouped": UNGROUPED,
        "steps": steps,
        "xy": encode_frames(coords, domain),
        "center": centers,
        "context": contexts,
        "loss": losses,
        "domain": domain,
        "variance": [round(float(v), 4) for v in projection.variance_explained],
        "method": projection.method,
        "diverged_at": run.diverged_at,
        "start": R - 1,
        "speeds": list(SPEEDS),
        "speed": speed if speed in SPEEDS else DEFAULT_SPEED,
    }


def encode_frames(coords: np.ndarray, domain: dict[str, list[float]]) -> dict:
    """Coordinates (R, V, 2) → {"q": base64 of little-endian uint16, "lo": [x, y], "step": [x, y]}.

    Each coordinate becomes lo + q·step with q in 0..65535 over the map's fixed axes (which span
    every frame): 1/65535 of the axis, far below a pixel, for two bytes instead of JSON text.
    """
    lo = np.array([domain["x"][0], domain["y"][0]])
    step = (np.array([domain["x"][1], domain["y"][1]]) - lo) / _LEVELS
    q = np.clip(np.rint((coords - lo) / step), 0, _LEVELS).astype("<u2")
    return {"q": base64.b64encode(q.tobytes()).decode("ascii"),
            "lo": lo.tolist(), "step": step.tolist()}


def decode_frames(payload: dict) -> np.ndarray:
    """The frames as the player reads them: (frames, 2·words) floats, [x0, y0, x1, y1, ...]."""
    xy = payload["xy"]
    q = np.frombuffer(base64.b64decode(xy["q"]), dtype="<u2").reshape(len(payload["steps"]), -1)
    return np.tile(xy["lo"], q.shape[1] // 2) + q * np.tile(xy["step"], q.shape[1] // 2)


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


@functools.cache
def _template() -> str:
    """player.html beside this file: the document's markup, style and script, with one slot."""
    return (Path(__file__).parent / "player.html").read_text(encoding="utf-8")


def player_html(payload: dict, presenter: bool = False) -> str:
    """The self-contained player document (constant template + escaped JSON data); `presenter`
    enlarges its text and controls for a projector (classroom links)."""
    return (_template().replace("__W2V_PLAYER_LAYOUT__", "presenter" if presenter else "normal")
            .replace("__W2V_PLAYER_DATA__", safe_json(payload)))


def render_player(run: Run, projection: Projection, groups: dict | None = None,
                  words: list[int] | None = None) -> int:
    """Show the player (only the vocabulary indices `words`, if given); returns the size of the
    document sent, in bytes."""
    groups = groups or {}
    presenter = classroom.current().on
    html = _cached_html(fingerprint(run, projection, groups, words), presenter, run, projection,
                        groups, words)
    st.iframe(html, height=PRESENTER_HEIGHT if presenter else HEIGHT,
              alt="Animated 2-D map of the word embeddings during training")
    return len(html.encode())


@st.cache_data(max_entries=8, show_spinner=False)
def _cached_html(key: str, presenter: bool, _run: Run, _projection: Projection, _groups: dict,
                 _words: list[int] | None = None) -> str:
    """The player document; only `key` (the fingerprint) and the layout are hashed."""
    return player_html(player_payload(_run, _projection, _groups, words=_words), presenter)
