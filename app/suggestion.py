"""The Corpus page's offer for own text: w2v.suggest's settings, each with its reason, and a
button that puts them into the sidebar (the URL follows, as for any sidebar change)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

import w2v
from w2v.suggest import about
from w2v.settings import BY_NAME, fmt

from . import jobs


@st.cache_resource(show_spinner="Looking at the text…", max_entries=8)
def _suggestion(text_sha: str, _text: str) -> w2v.Suggestion | None:
    try:
        return w2v.suggest(_text)
    except w2v.CorpusError:
        return None


def _apply(values: dict) -> None:
    """Button callback: widget keys may be set before the widgets are drawn on the rerun."""
    for name, value in values.items():
        st.session_state[name] = value


def _values(s: w2v.Suggestion) -> dict:
    """The settings the suggestion changes (those it gives a reason for)."""
    return {name: getattr(s.config, name) for name in s.reasons}


def in_use(text: str, config: w2v.TrainConfig) -> bool:
    """Does `config` hold every suggested setting for `text` already (its button disabled)?"""
    s = _suggestion(jobs.text_sha(text), text)
    return s is not None and all(getattr(config, n) == v for n, v in _values(s).items())


def _shown(name: str, value) -> str:
    return str(value) if BY_NAME[name].kind is str else fmt(value)


def render(text: str, config: w2v.TrainConfig) -> None:
    """The suggestion block for `text` (the session's own text) against the current `config`."""
    s = _suggestion(jobs.text_sha(text), text)
    if s is None:
        return
    values = _values(s)
    rows = pd.DataFrame([{"setting": name, "suggested": _shown(name, v),
                          "now": _shown(name, getattr(config, name)), "why": s.reasons[name]}
                         for name, v in values.items()])
    with st.container(border=True):
        st.subheader("Suggested settings for this text")
        st.caption(f"V = {s.vocab_size:,} words and {s.pairs_per_epoch:,} window pairs an epoch "
                   f"at these settings: {s.epochs:,.1f} epochs, training {about(s.seconds)} "
                   "on an idle server (longer while others train). The seed's defaults suit "
                   "the small curated corpus; a text of your own usually needs more.")
        st.table(rows.set_index("setting"))
        same = in_use(text, config)
        st.button("Use suggested settings", on_click=_apply, args=(values,), type="primary",
                  disabled=same, key="corpus_use_suggestion",
                  help="Puts these values into the sidebar and retrains; the other settings "
                       "stay." if not same else "The sidebar already holds these settings.")
