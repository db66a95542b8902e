"""Embeddings: every word on a 2-D map, animated over all recorded steps in the browser."""
import streamlit as st

from app import player, verdict
from app.downloads import run_downloads
from app.state import corpus_sets, current_projection, current_run
from views import sentences
from w2v.analysis import word_sets

CLUSTER_K = 3      # a group "clusters" when a word's own group is among its 3 nearest
AXES = {
    "final_pca": "the axes are fitted on the final embeddings (the last snapshot)",
    "global_pca": "the axes are fitted on every snapshot together",
}

st.title("Embeddings")
st.caption("Each dot is one word's vector v = a row of W, squeezed from d dimensions to two with "
           "PCA. Press **Play** to watch training move them.")

run = current_run()
projection = current_projection()

# A diverged run is announced at the top of every page (app.state.current_run).
if run.record_note:
    st.info(run.record_note, icon=":material/memory:")

groups = corpus_sets().get("groups") or {}
V = len(run.vocab)
words = None
if V > player.DEFAULT_TOP_N:
    # Every frame travels to the browser: a large vocabulary sends only the words asked for.
    left, right = st.columns([1, 3])
    top_n = left.number_input("Most frequent words on the map", 10, min(V, 1000),
                              player.DEFAULT_TOP_N, step=50, key="embed_top_n",
                              help=f"The vocabulary has {V:,} words; each one shown adds to the "
                                   "data sent to your browser.")
    extra = right.multiselect("Also show (type to search)", run.vocab, key="embed_extra",
                              placeholder="search the vocabulary", max_selections=50)
    words = player.shown_words(run, int(top_n), extra)
    st.caption(f"Showing {len(words) if words is not None else V:,} of {V:,} words: the "
               f"{int(top_n):,} most frequent and the ones you searched for.")
payload_bytes = player.render_player(run, projection, groups, words)
verdict.show(st.container())   # own text only: do the vectors mean anything yet?

st.markdown(
    "**What you are looking at.** At step 0 the vectors are random, so the words sit in a "
    "shapeless cloud. Every training step pulls one center word towards a word that appeared "
    "next to it (the dashed line joins that pair) and pushes it away from the words the model "
    "wrongly expected; words used in similar contexts therefore drift together."
    + sentences.clusters(word_sets.neighbour_quality(run.W[-1], run.vocab, groups, CLUSTER_K),
                         CLUSTER_K))

v1, v2 = (float(v) for v in projection.variance_explained)
cols = st.columns(4)
cols[0].metric("Variance on PC1", f"{v1:.1%}",
               help="Share of the spread of the vectors that the horizontal axis keeps.")
cols[1].metric("Variance on PC2", f"{v2:.1%}",
               help="Share of the spread that the vertical axis keeps.")
cols[2].metric("Both axes", f"{v1 + v2:.1%}",
               help="What the 2-D map shows of the d-dimensional vectors; the rest is hidden "
                    "in the other directions, so two words close on the map may still be far "
                    "apart in the model.")
cols[3].metric("Frames", f"{len(run.steps):,}",
               help="One frame per recorded step: every step up to dense_steps, then every "
                    "record_interval-th step, and the last one.")
st.caption(f"Axes: `{projection.method}` — {AXES.get(projection.method, 'fixed for all frames')}; "
           "both axes are fixed for the whole animation, so every movement is a real change. "
           "The step, its (center → context) pair and its loss are shown above the map for the "
           "frame on screen." + (" Words in no topic group are grey." if groups else ""))
st.caption(f"Player data: {payload_bytes / 1e6:.2f} MB, sent once; playing runs in your browser.")

run_downloads(run)   # "Download this run": the zip and the Embedding Projector files
