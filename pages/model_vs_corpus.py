"""Model vs corpus: the model's P(context | center) next to the corpus's own frequencies."""
import numpy as np
import pandas as pd
import streamlit as st

from app import classroom, derived
from app.state import current_config, current_job, current_run
from charts import teaching as tc
from views import model_vs_corpus as model_vs_corpus_views
from w2v import curves
from w2v.analysis import distribution, kl, pair_probs

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


if current_config().objective == "negative":
    st.info("This run trains with **negative sampling**, so this page's maths is not what it "
            "minimised. Its W and W′ still define the softmax compared here, but negative "
            "sampling trains each score u_w·v_c towards PMI(c, w) − log k (Levy & Goldberg, "
            "2014), the corpus's association of the pair minus a constant, not towards "
            "log P̂(w | c). Expect a wider KL gap than a softmax run's; the floor H bounds the "
            "softmax loss only. Compare with objective = softmax in the sidebar.",
            icon=":material/casino:")


run = current_run()
data = derived.model_vs_corpus_of(current_job().key, run)
counts, pairs_frame, curve = data.counts, data.pairs, data.curve
vocab, steps = run.vocab, [int(s) for s in run.steps]
totals = distribution.center_totals(counts)
centers = [w for w, n in zip(vocab, totals) if n > 0]
default_center = vocab[int(np.argmax(totals))]

if not curve.all_centers:
    st.info(f"This vocabulary has {len(vocab):,} words, too many to compare every center at "
            f"every step quickly. The averages (KL, floor H, expected loss) are over the "
            f"{len(curve.centers):,} most frequent center words, which make up "
            f"{curve.coverage:.0%} of the pairs, and the curves are computed at "
            f"{len(curve.steps):,} of the {curve.recorded:,} recorded steps, evenly spaced. "
            "Numbers for the chosen center and step are exact.", icon=":material/speed:")

left, mid, right = st.columns([2, 3, 2])
word = left.selectbox("Center word", centers, index=centers.index(default_center),
                      key="mvc_center", help="Words that are the center of at least one pair.")
step = mid.select_slider("After training step", steps, value=steps[-1], key="mvc_step",
                         help="Only recorded steps can be chosen.")
top_n = right.slider("Context words shown", 3, min(30, len(vocab)), min(10, len(vocab)),
                     key="mvc_top")

c, r = vocab.index(word), steps.index(step)
W, Wp = run.W[r], run.W_prime[r]
model_row = kl.model_matrix(W[c:c + 1], Wp)[0]
emp_row = distribution.empirical_row(counts, c)
kl_center, kl_weighted = kl.kl_at(curve, counts, W, Wp, step, c)
averaged = ("Averaged over all centers" if curve.all_centers else
            f"Averaged over the {len(curve.centers):,} most frequent centers")

m = st.columns(4)
m[0].metric("KL, chosen center", f"{kl_center:.3f}",
            help="KL(corpus ‖ model) for the chosen center word at this step, in nats.")
m[1].metric("KL, weighted average", f"{kl_weighted:.3f}",
            help=f"{averaged}, weighted by how often each word is a center.")
m[2].metric("Floor H (best possible loss)", f"{curve.floor:.3f}",
            help="The corpus's conditional entropy: the average loss of a perfect model"
                 + ("." if curve.all_centers else f" ({averaged.lower()})."))
m[3].metric("Expected loss = H + KL", f"{curve.floor + kl_weighted:.3f}",
            help="The average loss over every corpus pair at this step (ln V at a uniform "
                 f"start = {np.log(len(vocab)):.3f})"
                 + ("." if curve.all_centers else
                    f"; here over the pairs of the {len(curve.centers):,} most frequent centers."))

a, b = st.columns(2)
with a:
    st.subheader("Corpus vs model for one center")
    classroom.altair_chart(tc.comparison_chart(pair_probs.comparison(emp_row, model_row, vocab, top_n),
                                        word), width="stretch")
    st.caption(f"The {top_n} context words with the largest probability in either the corpus "
               "or the model; the line between the two dots is their disagreement. A grey dot "
               "at 0 is a word the model expects but the corpus never shows next "
               "to this center.")
with b:
    st.subheader("The gap over training")
    series = kl.center_series(curve, counts, run.W, run.W_prime, data.rows, c)
    curve_steps, weighted = curve.steps, curve.weighted
    if curve.all_centers:       # thinned only for drawing: pass through the chosen step's values
        curve_steps, (weighted, series) = curves.with_step(
            curve.steps, [curve.weighted, series], step, [kl_weighted, kl_center])
    full = model_vs_corpus_views.kl_frame(curve_steps, weighted, series, word)
    frame = model_vs_corpus_views.thin_steps(full, keep=[step], max_steps=model_vs_corpus_views.MAX_LINE_STEPS)   # keeps the chosen step
    classroom.altair_chart(tc.kl_chart(frame, step), width="stretch")
    st.caption("Orange: the chosen center word; blue: the average over "
               + ("all centers" if curve.all_centers else
                  f"the {len(curve.centers):,} most frequent centers") +
               ", weighted by how often each is a center (this is the expected loss minus the "
               "floor). The dashed line marks the chosen step."
               + ("" if curve.all_centers else
                  f" Computed at {len(curve.steps):,} of the {curve.recorded:,} recorded steps.")
               + (model_vs_corpus_views.drawn_note(frame, curve.recorded) if curve.all_centers else
                  model_vs_corpus_views.drawn_note(frame, len(curve.steps))))

st.subheader("Tracked pairs")
st.markdown("Pin a few (center → context) pairs from the corpus and follow the model's "
            "probability for them (dashed lines: the corpus's value they should approach) and "
            "their rank among all words.")
labels = list(pairs_frame["center_word"] + " → " + pairs_frame["context_word"])
by_label = dict(zip(labels, zip(pairs_frame["center"], pairs_frame["context"])))
default = [pair_probs.pair_label(vocab, ci, oi)
           for ci, oi in distribution.default_tracked_pairs(counts, 3)]
chosen = st.multiselect("Pairs (most frequent first)", labels, default=default,
                        max_selections=8, key="mvc_pairs",
                        help=None if len(labels) >= data.distinct_pairs else
                        f"The {len(labels):,} most frequent of the corpus's "
                        f"{data.distinct_pairs:,} distinct pairs.")
if chosen:
    tracked = [tuple(int(x) for x in by_label[label]) for label in chosen]
    # Computed only at the steps the lines draw (the chosen step included).
    rows = np.searchsorted(run.steps, model_vs_corpus_views.thin_steps(pd.DataFrame({"step": steps}), keep=[step],
                                                    max_steps=model_vs_corpus_views.MAX_LINE_STEPS)["step"].to_numpy())
    drawn = pair_probs.pair_tracks(run.W[rows], run.W_prime[rows], np.asarray(run.steps)[rows],
                                  tracked, vocab)
    targets = pd.DataFrame({"pair": chosen,
                            "corpus P": [distribution.empirical_row(counts, ci)[oi]
                                         for ci, oi in tracked]})
    prob_chart, rank_chart = tc.track_charts(drawn, targets, step)
    classroom.altair_chart(prob_chart, width="stretch")
    classroom.altair_chart(rank_chart, width="stretch")
    if len(rows) < len(steps):
        st.caption(model_vs_corpus_views.drawn_note(drawn, len(steps)).strip() + " The table gives the exact values "
                   "at the chosen step.")
    at_step = drawn[drawn["step"] == step].merge(targets, on="pair")
    st.dataframe(at_step[["pair", "corpus P", "probability", "rank"]].rename(
        columns={"probability": f"model P after step {step:,}",
                 "rank": f"rank after step {step:,}"}), hide_index=True, width="stretch")
else:
    st.info("Choose at least one pair to track.")

st.subheader("Hardest pairs at this step")
st.markdown("Pairs that really occur in the corpus but get the lowest probability from the "
            "model after the chosen step: the places where the model and the corpus disagree "
            "most. Rank is the context word's position among all words (1 = the top guess).")
st.dataframe(pair_probs.hardest_pairs(counts, W, Wp, vocab, n=HARDEST), hide_index=True,
             width="stretch", height=35 * (HARDEST + 1) + 3, column_config={
                 "corpus P": st.column_config.NumberColumn(format="%.4f"),
                 "model P": st.column_config.NumberColumn(format="%.2e"),
                 "−log model P": st.column_config.NumberColumn(format="%.2f")})
