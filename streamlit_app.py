"""w2v-lab: watch a tiny Word2Vec skip-gram learn. Entry point: page frame, sidebar, navigation.

Every page runs through this file (a fresh server's first direct link too: app/routing.py).
"""
import streamlit as st

st.set_page_config(page_title="w2v-lab", page_icon=":material/hub:", layout="wide")

PAGES = [
    st.Page("pages/corpus.py", title="Corpus", icon=":material/article:"),
    st.Page("pages/training_pairs.py", title="Training pairs", icon=":material/view_week:"),
    st.Page("pages/model.py", title="Model", icon=":material/account_tree:"),
    st.Page("pages/loss_curve.py", title="Loss curve", icon=":material/show_chart:"),
    st.Page("pages/embeddings.py", title="Embeddings", icon=":material/scatter_plot:"),
    st.Page("pages/step_internals.py", title="Step internals", icon=":material/biotech:"),
    st.Page("pages/similarity.py", title="Similarity", icon=":material/grid_on:"),
    st.Page("pages/analogies.py", title="Analogies", icon=":material/functions:"),
    st.Page("pages/experiments.py", title="Experiments", icon=":material/science:"),
    st.Page("pages/model_vs_corpus.py", title="Model vs corpus", icon=":material/compare:"),
    st.Page("pages/quiz.py", title="Quiz", icon=":material/quiz:"),
]

# Navigation first, before the imports below load the library and torch (seconds on a cold
# server): the sidebar shows these pages from the very first moment.
page = st.navigation(PAGES)

# One order for the whole program: `app` first loads w2v whole (and torch with it), then the glue.
from app import classroom, process, sidebar, state, welcome  # noqa: E402

# Once per process: one thread for torch and BLAS, malloc arenas bounded (app/process.py says why).
process.setup()
state.begin_run()
classroom.apply_layout()   # ?classroom=1: presenter layout (larger type)
sidebar.render()
welcome.note_page(default=page.title == PAGES[0].title)   # the welcome: app/welcome.py
page.run()
