"""Training pairs: how a sliding window turns a sentence into (center, context) pairs."""
import streamlit as st

from app.state import current_config, current_corpus
from charts import lesson as charts
from views import corpus as corpus_views, pairs as pair_views
from views.text import md_escape
from w2v.pairs import generate_pairs

st.title("Training pairs")
st.markdown(
    "Skip-gram learns by predicting a word's neighbours. Pick a sentence and click a word to "
    "make it the **center**: every kept word within `window` positions on either side is a "
    "**context** word, and each (center, context) pair is one training example. Stopwords and "
    "rare words are removed *before* the window is placed, so they never count.")

config = current_config()
corpus = current_corpus()
total = len(generate_pairs(corpus.cleaned, corpus.w2i, config.window))

c1, c2, c3 = st.columns(3)
c1.metric("Window", config.window, help="Set in the sidebar.")
c2.metric("Pairs in the whole corpus", f"{total:,}")
c3.metric("Vocabulary (V)", f"{len(corpus.vocab):,}")

labels = corpus_views.sentence_labels(corpus)
index = st.selectbox(
    "Sentence", range(len(labels)), index=corpus_views.showcase_sentence(corpus),
    format_func=labels.__getitem__, key="pairs_sentence")

tokens = corpus_views.annotate_sentence(corpus, index)
choices = [k for k, (_, kind) in enumerate(tokens) if kind == corpus_views.VOCAB]
roles, _ = pair_views.center_view(corpus, index, None, config.window)
if len(choices) < 2 or all(r == pair_views.FILTERED for r in roles):
    st.html(charts.tokens_html([(w, pair_views.FILTERED) for w, _ in tokens]))
    st.info("This sentence keeps fewer than two vocabulary words, so it gives no pairs. "
            "Pick another sentence or lower min_count in the sidebar.")
    st.stop()

# Pill labels are Markdown: escaped, although words hold only letters, digits, inner
# apostrophes and hyphens (see w2v.corpus).
words = {k: md_escape(tokens[k][0]) for k in choices}
center = st.pills("Click a word to make it the center", choices, selection_mode="single",
                  default=choices[0], format_func=words.__getitem__,
                  key=f"pairs_center_{index}")
if center is None:
    center = choices[0]
roles, pairs = pair_views.center_view(corpus, index, center, config.window)

st.html(charts.tokens_html([(w, role) for (w, _), role in zip(tokens, roles)]))
st.html(charts.legend_html([("center", pair_views.CENTER), ("context (inside the window)",
                                                       pair_views.CONTEXT),
                            ("kept, outside the window", pair_views.OUTSIDE),
                            ("filtered out (stopword or rare)", pair_views.FILTERED)]))

left, right = st.columns(2, gap="large")
with left:
    st.subheader(f"Pairs from this center ({len(pairs)})")
    st.markdown(pair_views.pair_list(pairs))
with right:
    everything = pair_views.sentence_pairs(corpus, index, config.window)
    st.subheader(f"All pairs from this sentence ({len(everything)})")
    st.caption("Every kept word takes its turn as the center.")
    st.markdown(pair_views.pair_list(everything))
