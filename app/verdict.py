"""The own-text verdict on the Corpus and Embeddings pages: do these vectors mean anything yet?

It compares the run with a second run of seed + 1, trained through the same job registry as
every run (app.state), so a rerun or another page finds both cached. Measures:
w2v.analysis.stability; words: views.verdict. Only for own text: the curated corpus has its
topic groups and analogies to be judged by.
"""
from __future__ import annotations

import streamlit as st

from views import verdict as verdict_views
from w2v.analysis.stability import Stability, stability

from . import suggestion
from .corpus_source import own_text
from .state import current_config, current_text, registry, wait_with_progress

BOXES = {verdict_views.YES: st.success, verdict_views.PARTLY: st.info,
         verdict_views.NOT_YET: st.warning}


def other_seed(config):
    """The same settings with the next seed (wrapping at the setting's top)."""
    return config.__class__(**{**config.as_dict(), "seed": (config.seed + 1) % 2**31})


@st.cache_resource(show_spinner=False, max_entries=16)
def _measures(key: str, other_key: str, _run, _other) -> Stability:
    return stability(_run, _other)


def show(where, suggestion_above: bool = False) -> None:
    """Draw the verdict into `where` (a container) for own text; nothing for the curated corpus.

    Waits for both runs with a progress bar inside `where`, so a page can reserve the place at
    its top and call this last. `suggestion_above`: the page draws the suggested settings and
    their button above `where` (the Corpus page), so the advice points there.
    """
    if own_text() is None:
        return
    config, text = current_config(), current_text()
    jobs = [registry().get(config, text), registry().get(other_seed(config), text)]
    with where:
        st.subheader("Do these vectors mean anything yet?")
        if not all(job.finished for job in jobs):
            wait_with_progress([(jobs[0], "this run: "),
                                (jobs[1], "a second run with seed + 1, to compare: ")])
        run, other = (job.run for job in jobs)
        if run is None or other is None:
            st.caption("No verdict: the run could not train (the message above says why).")
            return
        measures = _measures(repr(jobs[0].key), repr(jobs[1].key), run, other)
        verdict = verdict_views.verdict(measures, config.min_count, run.diverged_at is not None,
                                        suggestion_above, suggestion.in_use(text, config))
        BOXES[verdict.level](verdict.headline)
        with st.expander("How this is judged, and what would help"):
            st.caption("Measures that need no topic groups or analogies, so they judge any "
                       "text. The verdict is the weakest reading.")
            st.table(verdict.measures.set_index("measure"))   # wraps the long cells
