"""Model vs corpus: the model's P(context | center) next to the corpus's own frequencies."""
import numpy as np
import pandas as pd
import streamlit as st

from ui import teaching_charts as tc
from ui.run_state import current_job, current_run
from w2v import empirical

HARDEST = 15

st.title("Model vs corpus")
st.markdown(
    "Full-softmax skip-gram has a known target: for each center word, the best it can do is "
    "copy how often each context word really appears next to it in the corpus. Grey dots are "
    "those corpus frequencies, blue dots the model's probabilities, and the KL divergence "
    "measures the gap between them in nats (0 = identical). The average loss can never go "
    "below the corpus's own uncertainty H, the floor; training closes only the KL part.")
st.latex(r"\mathbb{E}[\text{loss}] \;=\; \sum_c \pi(c)\,\Big(\underbrace{H\big(\hat P(\cdot\mid c)\big)}"
         r"_{\text{floor}} \;+\; \underbrace{\mathrm{KL}\big(\hat P(\cdot\mid c)\,\big\|\,"
         r"\mathrm{softmax}(W W'^{\top})_{c}\big)}_{\text{gap}}\Big)")


@st.cache_resource(show_spinner="Comparing the model with the corpus at every recorded step…",
                   max_entries=8)
def _analysis(key, _run):
    """Pair counts, corpus pairs and the KL curve of one run (read-only, shared)."""
    V = len(_run.vocab)
    counts = empirical.pair_counts(_run.pairs, V)
    curve = empirical.kl_curve(_run.W, _run.W_prime, _run.steps, _run.pairs)
    for a in (counts, curve.per_center, curve.weighted, curve.weights):
        a.setflags(write=False)
    return counts, empirical.corpus_pairs(counts, _run.vocab), curve


run = current_run()
counts, pairs_frame, curve = _analysis(current_job().key, run)
vocab, steps = run.vocab, [int(s) for s in run.steps]
centers = [w for w, n in zip(vocab, counts.sum(axis=1)) if n > 0]
default_center = vocab[int(np.argmax(counts.sum(axis=1)))]

left, mid, right = st.columns([2, 3, 2])
word = left.selectbox("Center word", centers, index=centers.index(default_center),
                      key="mvc_center", help="Words that are the center of at least one pair.")
step = mid.select_slider("After training step", steps, value=steps[-1], key="mvc_step",
                         help="Only recorded steps can be chosen.")
top_n = right.slider("Context words shown", 3, min(30, len(vocab)), min(10, len(vocab)),
                     key="mvc_top")

c, r = vocab.index(word), steps.index(step)
W, Wp = run.W[r], run.W_prime[r]
model_row = empirical.model_matrix(W[c:c + 1], Wp)[0]
emp_row = empirical.empirical_matrix(counts[c:c + 1])[0]

m = st.columns(4)
m[0].metric("KL, chosen center", f"{curve.per_center[r, c]:.3f}",
            help="KL(corpus ‖ model) for the chosen center word at this step, in nats.")
m[1].metric("KL, weighted average", f"{curve.weighted[r]:.3f}",
            help="Averaged over all centers, weighted by how often each word is a center.")
m[2].metric("Floor H (best possible loss)", f"{curve.floor:.3f}",
            help="The corpus's conditional entropy: the average loss of a perfect model.")
m[3].metric("Expected loss = H + KL", f"{curve.floor + curve.weighted[r]:.3f}",
            help="The average loss over every corpus pair at this step (ln V at a uniform "
                 f"start = {np.log(len(vocab)):.3f}).")

a, b = st.columns(2)
with a:
    st.subheader("Corpus vs model for one center")
    st.altair_chart(tc.comparison_chart(empirical.comparison(emp_row, model_row, vocab, top_n),
                                        word), width="stretch")
    st.caption(f"The {top_n} context words with the largest probability in either the corpus "
               "or the model; the line between the two dots is their disagreement. A grey dot "
               "at 0 is a word the model expects but the corpus never shows next "
               "to this center.")
with b:
    st.subheader("The gap over training")
    frame = tc.kl_frame(curve.steps, curve.weighted, curve.per_center[:, c], word)
    st.altair_chart(tc.kl_chart(frame, step), width="stretch")
    st.caption("Orange: the chosen center word; blue: the average over all centers, weighted by "
               "how often each is a center (this is the expected loss minus the floor). The "
               "dashed line marks the chosen step.")

st.subheader("Tracked pairs")
st.markdown("Pin a few (center → context) pairs from the corpus and follow the model's "
            "probability for them (dashed lines: the corpus's value they should approach) and "
            "their rank among all words.")
labels = list(pairs_frame["center_word"] + " → " + pairs_frame["context_word"])
by_label = dict(zip(labels, zip(pairs_frame["center"], pairs_frame["context"])))
default = [empirical.pair_label(vocab, ci, oi)
           for ci, oi in empirical.default_tracked_pairs(counts, 3)]
chosen = st.multiselect("Pairs (most frequent first)", labels, default=default,
                        max_selections=8, key="mvc_pairs")
if chosen:
    tracked = [tuple(int(x) for x in by_label[label]) for label in chosen]
    tracks = empirical.pair_tracks(run.W, run.W_prime, run.steps, tracked, vocab)
    targets = pd.DataFrame({"pair": chosen,
                            "corpus P": [empirical.empirical_matrix(counts[ci:ci + 1])[0][oi]
                                         for ci, oi in tracked]})
    prob_chart, rank_chart = tc.track_charts(tracks, targets, step)
    st.altair_chart(prob_chart, width="stretch")
    st.altair_chart(rank_chart, width="stretch")
    at_step = tracks[tracks["step"] == step].merge(targets, on="pair")
    st.dataframe(at_step[["pair", "corpus P", "probability", "rank"]].rename(
        columns={"probability": f"model P after step {step:,}",
                 "rank": f"rank after step {step:,}"}), hide_index=True, width="stretch")
else:
    st.info("Choose at least one pair to track.")

st.subheader("Hardest pairs at this step")
st.markdown("Pairs that really occur in the corpus but get the lowest probability from the "
            "model after the chosen step: the places where the model and the corpus disagree "
            "most. Rank is the context word's position among all words (1 = the top guess).")
st.dataframe(empirical.hardest_pairs(counts, W, Wp, vocab, n=HARDEST), hide_index=True,
             width="stretch", height=35 * (HARDEST + 1) + 3, column_config={
                 "corpus P": st.column_config.NumberColumn(format="%.4f"),
                 "model P": st.column_config.NumberColumn(format="%.2e"),
                 "−log model P": st.column_config.NumberColumn(format="%.2f")})
