"""Widget callbacks of the pages, all in one module on purpose.

A widget keeps its callback (and its format function) in the session's widget state until
the session ends. A function defined inside a page script carries that script's globals with
it (the run, its projection, the page's tables), so one callback would keep a whole run alive
per open tab, outside the job registry's bounds. Functions here carry only this module's
globals; what they need comes in through `args`.
"""
from __future__ import annotations

import streamlit as st

from views import step as step_views


def remember(widget: str, kept: str) -> None:
    """Copy a widget's value to a key no widget owns, so the choice outlives the page."""
    st.session_state[kept] = st.session_state[widget]


def move_step(widget: str, kept: str, steps: list[int], direction: int) -> None:
    """◀ / ▶: the recorded step just before or after the chosen one (none past either end)."""
    before, after = step_views.neighbour_steps(steps, st.session_state[widget])
    target = before if direction < 0 else after
    if target is not None:
        st.session_state[widget] = target
        st.session_state[kept] = target


def commit_answer(answers_key: str, quiz_id: str, qid: str, widget: str) -> None:
    """Keep a quiz answer once given; an empty one raises a warning flag instead."""
    value = st.session_state.get(widget)
    if value is None:
        st.session_state[f"_quiz_warn_{qid}"] = True
    else:
        st.session_state[answers_key].setdefault(quiz_id, {})[qid] = value
        st.session_state.pop(f"_quiz_warn_{qid}", None)


def restart_quiz(answers_key: str, quiz_id: str) -> None:
    st.session_state[answers_key][quiz_id] = {}
