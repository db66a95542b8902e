"""A first page for a newcomer: what w2v-lab is, the order of the pages, three things to try.

Drawn at the top of the default page (Corpus, what `/` opens) while a session has not yet
dismissed it or gone to another page, so a first visit starts with it and a returning reader
closes it with one click or simply moves on; never in a classroom session, whose link the
teacher has chosen. Our own constant text (no user input).
"""
from __future__ import annotations

import streamlit as st

from . import classroom

SEEN_KEY = "_w2v_welcome_seen"      # True once dismissed or another page was opened

WHAT = ("**What this is.** w2v-lab trains a small Word2Vec model (skip-gram) on a short text, "
        "right here in about a second, and lets you watch it learn: which word pairs it reads, "
        "every number of every step, and how the word vectors move until words used alike sit "
        "together.")
ORDER = ("**The order.** Follow the sidebar from the top:\n"
         "1. **Corpus**, **Training pairs**: the data it learns from;\n"
         "2. **Model**, **Loss curve**, **Embeddings**, **Step internals**: the training;\n"
         "3. **Similarity**, **Analogies**, **Experiments**: what it learned, and what "
         "changes it;\n"
         "4. **Model vs corpus**, **Quiz**: the model against the text's own counts, and a "
         "test of yourself.")
TRY = ("**Three things to try.**\n"
       "1. On **Embeddings**, press **Play** and watch the words of each topic gather.\n"
       "2. On **Experiments**, run the *Learning rate* sweep: one run crawls, one learns, one "
       "overshoots.\n"
       "3. Under **Train on** in the sidebar, pick *Your own text* and paste a few pages: this "
       "page then says whether its vectors mean anything yet.")


def note_page(default: bool) -> None:
    """The entry file calls this on every run: opening any page but the default counts as seen."""
    if not default:
        st.session_state[SEEN_KEY] = True


def _dismiss() -> None:
    st.session_state[SEEN_KEY] = True


def show() -> None:
    """The welcome box, unless this session has seen it (or is a classroom session)."""
    if st.session_state.get(SEEN_KEY) or classroom.current().on:
        return
    with st.container(border=True, key="welcome"):
        st.markdown("#### New here? Start with this")
        what, order, tries = st.columns(3, gap="medium")
        what.markdown(WHAT)
        order.markdown(ORDER)
        tries.markdown(TRY)
        st.button("Got it, hide this", on_click=_dismiss, key="welcome_dismiss",
                  icon=":material/check:")
