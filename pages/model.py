"""Model: the skip-gram network with this run's shapes, its parameters, and its scale."""
import streamlit as st

from app import classroom
from app.state import current_config, current_corpus
from charts import lesson as charts
from views import model as model_views

st.title("Model")
config = current_config()
corpus = current_corpus()
V, d = len(corpus.vocab), config.dim
st.markdown(
    f"The whole model is two matrices. The center word picks its row of **W** (its "
    f"{d}-number embedding); multiplying by **W′** gives one score per vocabulary word, and "
    f"softmax turns the {V} scores into probabilities. The loss is how surprised the model is "
    f"by the true context word; training nudges W and W′ to make it smaller.")

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
