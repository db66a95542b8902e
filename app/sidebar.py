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

import streamlit as st
from streamlit.errors import StreamlitAPIException

from w2v import TrainConfig
from w2v.settings import BY_NAME, SETTINGS, Setting, config_from, link_value, url_corrections

from . import classroom, corpus_source

NOTES_KEY = "_w2v_url_notes"
CHECKED_KEY = "_w2v_url_checked"


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


def _unused(s: Setting) -> bool:
    """k means nothing to a full-softmax run: its widget is greyed out (its value kept)."""
    default = st.query_params.get("objective", BY_NAME["objective"].default)  # a class link's
    objective = st.session_state.get("objective", default)
    return s.name == "negatives" and objective != "negative"


def _widget(s: Setting):
    common = dict(key=s.name, help=s.help, bind="query-params", disabled=_unused(s))
    if s.kind is str:
        return st.radio(s.label, s.choices, index=s.choices.index(s.default),
                        horizontal=True, **common)
    if s.slider:
        return st.slider(s.label, int(s.lo), int(s.hi), s.default, **common)
    if s.kind is float:
        return st.number_input(s.label, float(s.lo), float(s.hi), float(s.default),
                               step=float(s.step), format="%g", **common)
    return st.number_input(s.label, int(s.lo), int(s.hi), s.default, step=int(s.step), **common)


def render() -> TrainConfig:
    """Draw the sidebar settings (call once per run, from the entry file) → the configuration."""
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
    return config_from({s.name: st.session_state[s.name] for s in SETTINGS
                        if s.name in st.session_state})
