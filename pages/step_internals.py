"""Step internals: every number of one recorded training step, forward pass to SGD update."""
import math

import streamlit as st

from app import callbacks, classroom
from app.state import current_projection, current_run
from charts import step as charts
from charts import style
from views import step as step_views
from views.text import md_escape, thousands, times
from views.words import MAX_WORDS_SHOWN, cap_note, top_words
from w2v import forces as forces_maths

SLIDER = "step_internals_step"          # the select slider (a widget key)
KEPT = "_step_internals_kept"           # the last choice; no widget owns it, so it survives pages
ARROW_SCALE = "step_internals_arrow_scale"
ARROW_SCALES = (1, 5, 20)               # one step's move is small: draw the arrows longer
MATRIX_TAB = "step_internals_matrix"    # the W / W′ tabs of the update section

st.title("Step internals")
st.caption("One training step, every number: the model sees a (center, context) pair, scores "
           "the words it compares (every word for full softmax; the context and k noise words "
           "for negative sampling), measures its surprise (the loss) and nudges two sets of "
           "vectors. Pick any recorded step.")

run = current_run()
steps = step_views.forward_steps(run)

if run.diverged_at is not None:   # the notice at the top says where and what to do
    st.caption("With too large a learning rate each step overshoots: the vectors grow until "
               "their scores overflow.")
if not steps:
    st.info("This run has no training step to show yet (it stopped before step 1).")
    st.stop()

# Keep the choice across page visits and new runs: the widget's own state is dropped when the
# page is left, so seed it from KEPT (snapped onto the current run's recorded steps).
if st.session_state.get(SLIDER) not in steps:
    st.session_state[SLIDER] = step_views.snap_step(steps, st.session_state.get(KEPT))

step = st.select_slider(
    "Recorded step", options=steps, key=SLIDER, on_change=callbacks.remember,
    args=(SLIDER, KEPT), format_func=thousands,
    help="Steps are recorded one by one up to dense_steps, then every record_interval-th. "
         "Step 0 is the initial weights and has no forward pass, so the list starts at 1.")
left, right, _ = st.columns([1, 1, 4])
left.button("◀ Previous step", on_click=callbacks.move_step, args=(SLIDER, KEPT, steps, -1),
            disabled=step == steps[0], help="The recorded step just before.", width="stretch")
right.button("Next step ▶", on_click=callbacks.move_step, args=(SLIDER, KEPT, steps, 1),
             disabled=step == steps[-1], help="The recorded step just after.", width="stretch")
st.session_state[KEPT] = step

state = run.step_state(step)
s = step_views.step_summary(state, len(run.vocab))
negative = state.objective == "negative"     # negative sampling: k noise words, not all V
k = run.config.negatives

schedule = (f" (lr {run.config.lr:g} decaying linearly)" if run.config.lr_schedule == "linear"
            else "")
st.caption(f"Step {step:,} of {run.steps_done:,} · epoch {run.epoch_of(step)} · "
           f"vocabulary V = {len(run.vocab)}, dimension d = {run.config.dim}, "
           f"learning rate η = {state.lr:.4g}{schedule}"
           + (f" · negative sampling, k = {k} noise words a step" if negative else ""))
if negative:
    st.info(f"This run trains with **negative sampling**: instead of a softmax over all "
            f"{len(run.vocab):,} words, each step scores the true context and {k} noise words "
            "drawn at random (from word counts^0.75), and learns to tell them apart: σ(score) "
            "towards 1 for the context, towards 0 for the noise. Only those k + 1 output "
            "vectors and the center's input vector change.", icon=":material/casino:")
m = st.columns(3)
m[0].metric("Center word c", md_escape(s["center"]), border=True,
            help="The input word of this step.")
m[1].metric("Context word o", md_escape(s["context"]), border=True,
            help="The word that really appeared in the window: the answer to predict.")
if negative:
    at_zero = (k + 1) * math.log(2)   # every score 0: σ = ½ for all k + 1
    m[2].metric("Loss", f"{s['loss']:.3f}", delta=f"{s['loss'] - at_zero:+.3f} vs (k+1)·log 2",
                delta_color="inverse", border=True,
                help="−log σ(u_o·v_c) − Σ_k log σ(−u_k·v_c). With every score 0 (an untrained "
                     f"model) it is (k+1)·log 2 = {at_zero:.3f}. Not comparable with a softmax "
                     "loss: it measures k + 1 yes/no guesses, not one choice among V words.")
else:
    m[2].metric("Loss", f"{s['loss']:.3f}",
                delta=f"{s['loss'] - s['uniform_loss']:+.3f} vs log V", delta_color="inverse", border=True,
                help="−log P(o | c). A uniform guess over V words would give log V = "
                     f"{s['uniform_loss']:.3f}; below that the model does better than guessing.")
m = st.columns(3)
if negative:
    scored = step_views.negative_sampling_table(state, run.vocab)
    m[0].metric("σ(u_o·v_c), the context", f"{state.context_score:.4f}", border=True,
                help="How sure the model is that the true context is a real neighbour "
                     "(training pushes it towards 1).")
    m[1].metric("Mean σ of the noise words", f"{scored['sigma'].iloc[1:].mean():.4f}",
                border=True, help="How much the model mistakes the noise words for neighbours "
                                  "(training pushes them towards 0).")
else:
    m[0].metric("Rank of the context", f"{s['rank']} of {len(run.vocab)}", border=True,
                help="Where the true context word stands among the model's guesses "
                     "(1 = top guess).")
    m[1].metric("P(o | c)", f"{s['probability']:.4f}", border=True,
                delta=f"{s['probability'] / s['uniform_probability']:.1f}× uniform",
                delta_color="off",
                help="The probability the model gave the right answer before this step's "
                     f"update; a uniform guess gives 1/V = {s['uniform_probability']:.4f}.")
m[2].metric("cos(v_c, v_o)", f"{s['cosine']:.3f}", border=True,
            help="Cosine similarity of the center's and the context's input vectors (rows of W) "
                 "before the update: 1 = same direction, 0 = unrelated, −1 = opposite.")

# -- Forward pass ----------------------------------------------------------------------------
st.header("1 · Forward pass", divider="gray")
V = len(run.vocab)
capped = V > MAX_WORDS_SHOWN
frequent = top_words(run.vocab, run.corpus.counts)   # heatmap rows and map dots (None: all)
if negative:
    st.markdown(f"The center's row of W is the hidden vector. Negative sampling scores only "
                f"k + 1 = {k + 1} output vectors against it: the true context's u_o and those of "
                f"{k} **noise words** drawn for this step (frequent words more often, by "
                "count^0.75). σ turns each score into a yes/no guess, *is this a real neighbour?*: the loss "
                f"wants yes for the context and no for each noise word. The other {V - k - 1:,} "
                "words are not looked at, which is why a step costs (k+1)·d, not V·d.")
    st.latex(r"h = v_c = W_{c,:} \qquad \sigma(x) = \frac{1}{1 + e^{-x}} \qquad "
             r"L = -\log \sigma(u_o^{\top} v_c) - \sum_{k=1}^{K} \log \sigma(-u_k^{\top} v_c)")
    st.subheader(f"The true context and the {k} noise words")
    st.caption("σ(score) of each scored word: the context's bar should rise towards 1, the "
               "noise words' fall towards 0; the dashed line is σ(0) = ½. A noise word may be "
               "drawn twice; a draw of the context itself is skipped (weight 0), as word2vec "
               "does.")
    n1, n2 = st.columns([3, 2])
    with n1:
        classroom.altair_chart(charts.sigma_chart(scored), width="stretch")
    with n2:
        st.dataframe(scored.drop(columns=["slot"]), hide_index=True, width="stretch",
                     column_config={
                         "score": st.column_config.NumberColumn("u·v_c", format="%.3f"),
                         "sigma": st.column_config.NumberColumn("σ(u·v_c)", format="%.4f"),
                         "weight": st.column_config.NumberColumn(
                             "force weight", format="%.4f",
                             help="1 − σ for the context's pull, σ for a noise word's push"),
                         "loss_term": st.column_config.NumberColumn("loss term", format="%.4f")})
    st.caption(f"Loss = sum of the loss terms = {scored['loss_term'].sum():.4f} "
               f"(the run recorded {state.loss:.4f}).")
    st.subheader("Hidden vector v_c")
    classroom.altair_chart(charts.vector_chart(step_views.vector_table(state.hidden, "v_c"),
                                               "v_c", "value", style.PURPLE, height=220),
                           width="stretch")
else:
    st.markdown("The center's row of W is the hidden vector. Its dot product with every output "
                "vector u_w (the rows of W′) is a score, the *logit*; softmax turns the scores "
                "into probabilities that sum to 1. The loss is the surprise at the true context.")
    st.latex(r"h = v_c = W_{c,:} \qquad z_w = u_w^{\top} v_c \qquad "
             r"P(w \mid c) = \frac{e^{z_w}}{\sum_{w'} e^{z_{w'}}} \qquad L = -\log P(o \mid c)")
    probs = step_views.probability_table(state, run.vocab,
                                         limit=MAX_WORDS_SHOWN if capped else None)
    bars_note = (" " + cap_note(len(probs), V, f"the {MAX_WORDS_SHOWN} most probable, plus the "
                                               "true context and the center") if capped else "")
    st.subheader("Probabilities over the vocabulary")
    st.caption("Sorted from the model's favourite guess down; the true context is red, the center "
               "purple, the other top-5 guesses blue. The dashed line is 1/V, a uniform guess."
               + bars_note)
    classroom.altair_chart(charts.probability_chart(probs, len(run.vocab)), width="stretch")

    c1, c2 = st.columns([3, 2])
    with c1:
        st.subheader("Logits")
        classroom.altair_chart(charts.logit_chart(probs), width="stretch")
        if capped:
            st.caption("The same words as the probabilities above.")
    with c2:
        st.subheader("Hidden vector v_c")
        classroom.altair_chart(charts.vector_chart(step_views.vector_table(state.hidden, "v_c"),
                                                   "v_c", "value", style.PURPLE, height=220),
                               width="stretch")

# -- Backward pass ---------------------------------------------------------------------------
st.header("2 · Backward pass: gradients and forces", divider="gray")
if negative:
    st.markdown("The gradient of the loss says how to change each vector to make the loss "
                "smaller. For the center vector it is again the sum of two forces: an "
                "**attractive** pull towards the true context's output vector, weighted by how "
                "unsure the model still is (1 − σ_o), and a **repulsive** push away from each "
                f"of the {k} noise words' output vectors, weighted by how much it mistook them "
                "for neighbours (σ_k). No other word pushes.")
    st.latex(r"\frac{\partial L}{\partial v_c} = -\big(1 - \sigma(u_o^{\top} v_c)\big)\, u_o "
             r"+ \sum_{k=1}^{K} \sigma(u_k^{\top} v_c)\, u_k")
    st.latex(r"\frac{\partial L}{\partial u_o} = \big(\sigma(u_o^{\top} v_c) - 1\big)\, v_c "
             r"\qquad \frac{\partial L}{\partial u_k} = \sigma(u_k^{\top} v_c)\, v_c "
             r"\qquad \frac{\partial L}{\partial u_w} = 0 \;\text{for every other word}")
else:
    st.markdown("The gradient of the loss says how to change each vector to make the loss "
                "smaller. For the center vector it is the sum of two forces: an **attractive** "
                "pull towards the true context's output vector and a **repulsive** push away "
                "from the probability-weighted average of all output vectors.")
    # The trailing thin space keeps the last subscript inside the box: a formula wider than its
    # box scrolls, and a scrolling region must be reachable by keyboard.
    st.latex(r"\frac{\partial L}{\partial v_c} = -u_o + \sum_{w} P(w \mid c)\, u_w\,")
    st.latex(r"\frac{\partial L}{\partial u_o} = \big(P(o \mid c) - 1\big)\, v_c \qquad "
             r"\frac{\partial L}{\partial u_w} = P(w \mid c)\, v_c \;\; (w \ne o)")
b1, b2 = st.columns(2)
with b1:
    st.subheader("∂L/∂v_c (grad_v_c)")
    classroom.altair_chart(charts.vector_chart(step_views.vector_table(state.grad_v_c, "grad_v_c"),
                                        "grad_v_c", "gradient", style.ORANGE), width="stretch")
with b2:
    st.subheader("∂L/∂u_o (grad_u_o)")
    classroom.altair_chart(charts.vector_chart(step_views.vector_table(state.grad_u_o, "grad_u_o"),
                                        "grad_u_o", "gradient", style.GREEN), width="stretch")

st.subheader("Attractive vs repulsive force")
classroom.altair_chart(charts.forces_chart(step_views.forces_table(state)), width="stretch")
identity, max_diff = step_views.identity_table(state)
st.caption("The identity with this step's numbers: adding the two terms gives the gradient the "
           f"training used. Largest difference over the {len(identity)} dimensions: "
           f"{max_diff:.2e} (float rounding).")
st.dataframe(identity, hide_index=True, width="stretch",
             column_config={**{c: st.column_config.NumberColumn(format="%.6f")
                               for c in identity.columns if c not in ("dim", "difference")},
                            "difference": st.column_config.NumberColumn(format="%.1e")})

# -- Forces on the map -----------------------------------------------------------------------
st.header("3 · Forces on the map", divider="gray")
if negative:
    st.markdown("The same forces, drawn on the Embeddings map. From the center word's dot (its "
                "position before this step) the **red** arrow is the attractive push "
                "η·(1−σ_o)·u_o, each **light blue** arrow the push −η·σ_k·u_k away from one "
                f"noise word (the {k} of them are labelled on the map), the **blue** arrow their "
                "sum, and the **black** arrow where v_c actually moved: red + blue. The u "
                "vectors are rows of W′, a different space than the map's W, so an arrow shows "
                "a push *in the direction of* a u vector, not the place of any word.")
else:
    st.markdown("The same two forces, drawn on the Embeddings map. From the center word's dot "
                "(its position before this step) the **red** arrow is the attractive push "
                "η·u_o, the **blue** arrow the repulsive push −η·Σ P(w|c)·u_w, and the "
                "**black** arrow where v_c actually moved: the sum of the other two. The u "
                "vectors are rows of W′, a different space than the map's W, so the red arrow "
                "shows the push on v_c *in the direction of* u_o, not the place of any word "
                "(the context's own dot is its v_o).")
projection = current_projection()
forces = forces_maths.step_forces(run, projection, step)
points = step_views.force_map_points(forces_maths.positions_before(run, projection, step), state,
                                run.vocab, rows=frequent)
domain = forces_maths.map_domain(projection.coords)
f1, f2 = st.columns([3, 1])
with f1:
    scale = st.radio("Arrow length", ARROW_SCALES, index=1, key=ARROW_SCALE, horizontal=True,
                     format_func=times,
                     help="One step moves v_c only a little (η times the gradient), so the "
                          "arrows can be drawn longer. All arrows get the same factor.")
    arrows = step_views.force_arrows_table(forces, scale, run.vocab)
    classroom.altair_chart(charts.force_map_chart(points, arrows, domain, scale), width="stretch")
center, context = md_escape(s["center"]), md_escape(s["context"])
with f2:
    if negative:
        st.metric("σ(u_o·v_c)", f"{state.context_score:.4f}", border=True,
                  help="The model's yes for the true context, before the update.")
        st.metric("Pull weight 1 − σ_o", f"{1 - state.context_score:.4f}", border=True,
                  help="How strongly the context pulls: a sure yes hardly pulls at all.")
        st.markdown(f"This step pulls **{center}** along the output vector of **{context}** "
                    f"(red) and pushes it away from the {k} noise words' output vectors (light "
                    "blue, summed in blue); the black arrow is red + blue. A noise word the "
                    "model already rejects (σ near 0) hardly pushes; a context it already "
                    "accepts (σ near 1) hardly pulls.")
    else:
        st.metric("Rank of the true context", f"{forces.context_rank} of {len(run.vocab)}",
                  border=True, help="1 = the model's top guess, before this step's update.")
        st.metric("P(o | c)", f"{forces.context_prob:.4f}", border=True,
                  help="The probability the model gave the true context before the update.")
        st.markdown(f"This step pulls **{center}** along the output vector of **{context}** "
                    "(red) and pushes it away from the words the model expected instead (blue); "
                    "the black arrow is their sum. The closer P(o | c) gets to 1, the more the "
                    f"blue push cancels the red pull (here P = {forces.context_prob:.3f}, rank "
                    f"{forces.context_rank}), so a pair the model has learned hardly moves v_c.")
leaves = "" if forces_maths.inside(domain, arrows["x2"], arrows["y2"]) else \
    " At this length an arrow leaves the map: pick a shorter one."
st.caption(
    f"Axes: the Embeddings page's `{projection.method}` map with the same fixed range. Other "
    "words do not move in W during a step, so their dots are those of this frame. Projection "
    "is linear for directions, so on the map too red + blue = black: largest difference "
    f"{forces.map_sum_error:.1e} map units ({forces.sum_error:.1e} over the "
    f"{len(forces.move_d)} dimensions), float rounding." + leaves
    + ("" if frequent is None else " " + cap_note(
        len(points), V, f"the {MAX_WORDS_SHOWN} most frequent, plus the labelled ones")))

# -- Update ----------------------------------------------------------------------------------
st.header("4 · SGD update: the weights after this step", divider="gray")
st.markdown("Each vector moves a small step (the learning rate η) against its gradient. Only "
            "the center's row of W changes; " + (
                f"in W′ only the true context's row and the {k} noise words' rows change (all "
                f"the other {V - k - 1:,} rows stay as they were)." if negative else
                "every row of W′ changes a little, the true context's the most.")
            + " Outlined rows: center (purple) and context (red).")
st.latex(r"v_c \leftarrow v_c - \eta\,\frac{\partial L}{\partial v_c} \qquad "
         r"u_w \leftarrow u_w - \eta\,\frac{\partial L}{\partial u_w}")
if frequent is not None:
    st.caption(cap_note(len(set(frequent) | {state.center, state.context}), V,
                        f"the {MAX_WORDS_SHOWN} most frequent, plus the center and the context") +
               " Rows stay in vocabulary order.")
# Lazy tabs: only the open tab's heatmap is built and sent (opening the other reruns the page).
tab_w, tab_wp = st.tabs(["W (input vectors v)", "W′ (output vectors u)"], key=MATRIX_TAB,
                        on_change="rerun")
for tab, matrix, name in ((tab_w, state.W, "W"), (tab_wp, state.W_prime, "W′")):
    if tab.open is not False:
        with tab:
            classroom.altair_chart(charts.heatmap_chart(
                step_views.heatmap_table(matrix, run.vocab, state.center, state.context, frequent),
                name), width="stretch")
