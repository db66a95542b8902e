"""What pages derive from a finished run and share between sessions (st.cache_resource).

Keyed by the job's key (settings and the text's hash) and bounded by max_entries; the run
itself is passed with a leading underscore, so it is never hashed. Kept out of the page
scripts: a cached function defined in a page would hold that page's globals (see
app/callbacks.py).
"""
from __future__ import annotations

import json

import streamlit as st

from views import model_vs_corpus as model_vs_corpus_views
from views.words import MAX_WORDS_SHOWN
from w2v import TrainConfig, cost, quiz
from w2v.analysis import model_vs_corpus

KL_STEPS = 100          # a large vocabulary: the KL curve at this many recorded steps at most
LISTED_PAIRS = 1_000    # a large vocabulary: the pairs offered for tracking


@st.cache_resource(show_spinner="Writing the quiz…", max_entries=8)
def quiz_of(key, sets_json: str, _run):
    return quiz.make_quiz(_run, json.loads(sets_json))


@st.cache_resource(show_spinner="Comparing the model with the corpus at every recorded step…",
                   max_entries=8)
def model_vs_corpus_of(key, _run):
    """Pair counts, listed pairs and the KL curve of one run (read-only, shared). The curve is
    computed only at the steps its lines can draw (views.model_vs_corpus.MAX_LINE_STEPS); the
    page adds the exact values at the chosen step."""
    return model_vs_corpus.model_vs_corpus_bundle(_run, MAX_WORDS_SHOWN, KL_STEPS, LISTED_PAIRS,
                                                  line_steps=model_vs_corpus_views.MAX_LINE_STEPS)


@st.cache_resource(show_spinner="Timing the engine on this run's settings…", max_entries=16)
def seconds_per_step(config: TrainConfig, text_sha: str, _corpus) -> dict[str, float]:
    """Both objectives' measured time per step on this text (the other settings as the run's)."""
    return {objective: cost.seconds_per_step(TrainConfig(**{**config.as_dict(),
                                                            "objective": objective}), _corpus)
            for objective in ("softmax", "negative")}
