"""Model: the skip-gram network with this run's shapes, its parameters, and its scale."""
import streamlit as st

from app import classroom, derived, jobs
from app.state import current_config, current_corpus, current_text
from charts import lesson as charts
from views import model as model_views
from w2v import TrainConfig, cost

st.title("Model")
config = current_config()
corpus = current_corpus()
V, d = len(corpus.vocab), config.dim
st.markdown(
    f"The whole model is two matrices. The center word picks its row of **W** (its "
    f"{d}-number embedding); multiplying by **W′** gives one score per vocabulary word, and "
    f"softmax turns the {V} scores into probabilities. The loss is how surprised the model is "
    f"by the true context word; training nudges W and W′ to make it smaller.")
if config.objective == "negative":
    st.info(f"This run trains with negative sampling: the model and its parameters are the same, "
            f"but a training step scores only the true context and k = {config.negatives} noise "
            f"words instead of all {V:,} (see *Cost of one step* below and Step internals). The "
            "diagram shows the full softmax the model can still compute.",
            icon=":material/casino:")

st.subheader("Forward pass")
st.graphviz_chart(model_views.architecture_dot(V, d), width="stretch")

left, right = st.columns([2, 3], gap="large")
with left:
    st.subheader("Parameters")
    st.caption(f"V = {V} words in the vocabulary, d = {d} dimensions (sidebar).")
    st.table(model_views.parameter_frame(V, d))
with right:
    st.subheader("Scale")
    st.caption("Parameter counts on a log axis. Our toy model is small on purpose: every number "
               "in it can be looked at. GPT-4's size is an outside estimate.")
    classroom.altair_chart(charts.scale_chart(model_views.scale_frame(V, d)), width="stretch")


st.subheader("Cost of one step")
k = config.negatives
# Only what changes a step's time keys the cache (not steps, seed's recording or the map axes).
timed = TrainConfig(dim=d, window=config.window, min_count=config.min_count, negatives=k,
                    lr=config.lr, lr_schedule=config.lr_schedule, steps=cost.TIMED_STEPS)
seconds = derived.seconds_per_step(timed, jobs.text_sha(current_text()), corpus)
st.markdown(
    f"Full softmax scores every word of the vocabulary at each step: V·d = {V:,}·{d} "
    f"multiply-adds for the scores, and as many again for W′'s gradient. Negative sampling "
    f"scores only the true context and k = {k} noise words: (k+1)·d = {(k + 1) * d:,}, "
    f"{V / (k + 1):,.0f}× fewer, whatever the size of the vocabulary. That is how word2vec "
    "trains on millions of words; the price is a different loss (k + 1 yes/no guesses "
    "instead of one choice among V words).")
st.table(model_views.cost_frame(V, d, k, config.objective, seconds))
st.caption(f"Measured now on this text with this run's settings: the compiled engine's best of "
           f"three runs of up to {cost.TIMED_STEPS:,} steps (no recording, about "
           f"{cost.TIMED_SECONDS:g} s each), on a server shared with "
           "other work, so the times vary a little. Fixed costs (reading a pair, updating v_c) "
           "keep small steps from getting faster in proportion.")
