"""The shared sidebar: every training setting, each bound to a URL query parameter of its name.

The widgets live in the entry file, so their values persist across pages. A copied link reopens
the same experiment (`?dim=16&lr=0.05&window=2&steps=5000&pca=global_pca`). Streamlit's own
binding silently drops out-of-range values and truncates fractions, so on a session's first run,
before any widget is bound, we read the URL ourselves, say in the sidebar what we corrected,
write the corrected values into the address bar (dropping those equal to the default) and rerun
once: the widgets then take their values from the corrected URL, so the value used, the note
and the address bar agree, and no widget key is also set through session state.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner import get_script_run_ctx

from w2v import TrainConfig
from w2v.config import PCA_METHODS

from . import classroom

DEFAULTS = TrainConfig()


@dataclass(frozen=True)
class Setting:
    name: str
    label: str
    kind: type            # int, float or str
    lo: float | None = None
    hi: float | None = None
    help: str = ""
    advanced: bool = False

    @property
    def default(self):
        return getattr(DEFAULTS, self.name)


SETTINGS = [
    Setting("dim", "Embedding dimension (dim)", int, 1, 64,
            "Length of each word vector: the number of columns of W and rows of W′."),
    Setting("lr", "Learning rate (lr)", float, 0.0001, 100.0,
            "Size of each SGD step. Around 0.1 learns steadily; try 50 to watch training diverge."),
    Setting("window", "Context window (window)", int, 1, 10,
            "How many in-vocabulary words on each side of the center count as its context."),
    Setting("steps", "Training steps (steps)", int, 100, 200_000,
            "SGD steps; each step uses one (center, context) pair."),
    Setting("pca", "2-D map axes (pca)", str,
            help="final_pca fits the map's axes on the last snapshot; global_pca on all "
                 "snapshots together."),
    Setting("min_count", "Minimum count (min_count)", int, 1, 20,
            "Words seen fewer times than this leave the vocabulary.", advanced=True),
    Setting("seed", "Random seed (seed)", int, 0, 2**31 - 1,
            "One seed fixes the initial weights and the order of the pairs.", advanced=True),
    Setting("dense_steps", "Record every step up to (dense_steps)", int, 0, 5000,
            "Weights are recorded after every step up to here ...", advanced=True),
    Setting("record_interval", "... then every n-th step (record_interval)", int, 1, 1000,
            "... and after every n-th step from then on (and always after the last).",
            advanced=True),
]
BY_NAME = {s.name: s for s in SETTINGS}
NOTES_KEY = "_w2v_url_notes"
CHECKED_KEY = "_w2v_url_checked"


def parse_url_value(setting: Setting, raw) -> tuple[object | None, str | None]:
    """(value to put in session state or None to leave it to the binding, note or None)."""
    if isinstance(raw, list):
        raw = raw[-1] if raw else ""
    raw = str(raw).strip()
    name = setting.name
    if setting.kind is str:
        if raw not in PCA_METHODS:
            return None, (f"`{name}` in the link is not one of {', '.join(PCA_METHODS)}; "
                          f"using {setting.default}.")
        return None, None
    try:
        value = float(raw)
    except ValueError:
        return None, f"`{name}` in the link is not a number; using {setting.default}."
    if not math.isfinite(value):
        return None, f"`{name}` in the link is not a finite number; using {setting.default}."
    note = None
    if setting.kind is int and not value.is_integer():
        value = float(round(value))
        note = f"`{name}` in the link was rounded to {int(value)}."
    clamped = min(max(value, setting.lo), setting.hi)
    if clamped != value:
        shown = int(clamped) if setting.kind is int else clamped
        note = (f"`{name}` in the link is outside {fmt(setting.lo)}–{fmt(setting.hi)}; "
                f"clamped to {shown}.")
    if note is None:
        return None, None
    return (int(clamped) if setting.kind is int else float(clamped)), note


def fmt(x) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def link_value(setting: Setting, raw) -> tuple[object, str | None]:
    """(the value a link's raw text stands for: clamped, rounded or the default; note or None)."""
    value, note = parse_url_value(setting, raw)
    if value is not None:
        return value, note
    if note is not None:          # unusable: the default
        return setting.default, note
    if isinstance(raw, list):
        raw = raw[-1] if raw else ""
    raw = str(raw).strip()
    if setting.kind is str:
        return raw, None
    number = float(raw)           # parse_url_value checked it is finite and in range
    return (int(number) if setting.kind is int else number), None


def url_text(setting: Setting, value) -> str:
    """A value as the address bar holds it (5 not 5.0, as Streamlit's binding writes it)."""
    if setting.kind is str:
        return str(value)
    if setting.kind is int or float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def url_corrections(params) -> tuple[list[str], dict[str, str | None]]:
    """Notes about the link's settings, and the parameters to rewrite: name → the corrected
    text, or None to drop it (unusable, or corrected to the default)."""
    notes, fixes = [], {}
    for s in SETTINGS:
        if s.name not in params:
            continue
        raws = params.get_all(s.name) if hasattr(params, "get_all") else params[s.name]
        raws = list(raws) if isinstance(raws, (list, tuple)) else [raws]
        value, note = link_value(s, raws)
        if note:
            notes.append(note)
        wanted = None if value == s.default else url_text(s, value)
        if raws != ([] if wanted is None else [wanted]):
            fixes[s.name] = wanted
    return notes, fixes


def apply_url(params) -> tuple[list[str], bool]:
    """Write the link's corrected settings into `params` (st.query_params, before any widget
    has bound its parameter, i.e. on a session's first run) → (notes for the reader, whether
    the URL changed: the widgets then need a rerun to seed from it)."""
    notes, fixes = url_corrections(params)
    for name, text in fixes.items():
        try:
            if text is None:
                del params[name]
            else:
                params[name] = text
        except StreamlitAPIException:   # already bound to a widget: correct it by its key
            st.session_state[name] = link_value(BY_NAME[name], params.get_all(name))[0]
    return notes, bool(fixes)


def reset_to_defaults() -> None:
    for s in SETTINGS:
        st.session_state[s.name] = s.default
    st.session_state.pop(NOTES_KEY, None)


def _widget(s: Setting):
    common = dict(key=s.name, help=s.help, bind="query-params")
    if s.kind is str:
        return st.radio(s.label, PCA_METHODS, index=PCA_METHODS.index(s.default),
                        horizontal=True, **common)
    if s.name in ("dim", "window"):
        return st.slider(s.label, int(s.lo), int(s.hi), s.default, **common)
    if s.kind is float:
        return st.number_input(s.label, float(s.lo), float(s.hi), float(s.default), step=0.01,
                               format="%g", **common)
    step = {"steps": 1000, "seed": 1, "dense_steps": 50, "record_interval": 5}.get(s.name, 1)
    return st.number_input(s.label, int(s.lo), int(s.hi), s.default, step=step, **common)


def drawn_this_run(ctx) -> bool:
    """Whether render() ran in the script run `ctx` is executing (not in an earlier one)."""
    return getattr(ctx, "_w2v_sidebar_run", None) is ctx.cursors


def render() -> TrainConfig:
    """Draw the sidebar settings (call once per run, from the entry file) → the configuration."""
    ctx = get_script_run_ctx()
    if ctx is not None:
        ctx._w2v_sidebar_run = ctx.cursors   # a fresh dict every script run: marks this run
    if not st.session_state.get(CHECKED_KEY):
        st.session_state[CHECKED_KEY] = True
        notes, corrected = apply_url(st.query_params)
        if notes:
            st.session_state[NOTES_KEY] = {"notes": notes}
        if corrected:
            # The widgets seed from the URL the run started with: start again from the
            # corrected one (once: CHECKED_KEY is set).
            st.rerun()
    room = classroom.current()   # ?classroom=1: only the settings in show= are widgets
    classroom.keep_in_url(room)
    from . import corpus_source   # the corpus source (own text): ui/corpus_source.py
    if room.shows(classroom.SOURCE):   # in a classroom only if show= names it
        corpus_source.render()
    with st.sidebar:
        st.header("Settings")
        for s in SETTINGS:
            if not s.advanced and room.shows(s.name):
                _widget(s)
        if any(s.advanced and room.shows(s.name) for s in SETTINGS):
            with st.expander("Advanced"):
                for s in SETTINGS:
                    if s.advanced and room.shows(s.name):
                        _widget(s)
        if not room.on:
            st.button("Reset to defaults", on_click=reset_to_defaults, width="stretch")
        elif room.show:
            st.button("Reset to the class settings", on_click=classroom.reset, args=(room,),
                      width="stretch")
        config = config_from_state()
        if not room.on:
            classroom.share_control(config)
        notes = st.session_state.get(NOTES_KEY)
        if notes:
            # Notes about the link stay until the settings change.
            shown_for = notes.setdefault("config", config)
            if shown_for != config:
                del st.session_state[NOTES_KEY]
            else:
                for note in notes["notes"]:
                    st.info(note)
        if room.on:
            classroom.fixed_caption(room, config)
        else:
            st.caption("The address bar holds these settings: copy the link to share this "
                       "experiment.")
    return config


def config_from_state() -> TrainConfig:
    """The configuration the session's widgets (or their defaults) describe."""
    values = {s.name: st.session_state.get(s.name, s.default) for s in SETTINGS}
    for s in SETTINGS:
        if s.kind is int:
            values[s.name] = int(values[s.name])
        elif s.kind is float:
            values[s.name] = float(values[s.name])
    return TrainConfig(**values)
