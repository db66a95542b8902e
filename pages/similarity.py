"""Similarity: which words the trained vectors put together, and how that came about."""
import streamlit as st

from app import classroom
from app.state import corpus_sets, current_run
from charts import analysis as ac
from views import sentences, similarity as similarity_views
from views import words as word_views
from views.text import thousands
from w2v.analysis import similarity, word_sets

st.title("Similarity")
st.markdown(
    "Two words are *similar* to the model when their vectors (rows of W) point the same way: "
    "the cosine of the angle between them is near 1. Words that appear in the same contexts get "
    "pushed in the same directions, so similar words here should be words the corpus uses alike. "
    "Below: every pair at once, one word's nearest neighbours, and how those changed while the "
    "model learned.")

run = current_run()
sets = corpus_sets()
groups = sets.get("groups") or {}
vocab = run.vocab
W_final = run.W[-1]
last = int(run.steps[-1])

# A diverged run is announced at the top of every page (app.state.current_run).

# -- heatmap -----------------------------------------------------------------------------------
st.subheader("Cosine similarity of every pair of words")
grouped = [w for ws in word_sets.usable_groups(groups, vocab).values() for w in ws]
shown = None
if len(vocab) > word_views.MAX_WORDS_SHOWN:
    # V×V cells would not fit a browser (V = 5,000: 25 million); show a slice of the vocabulary.
    extra = st.multiselect("Also show (type to search)", vocab, key="sim_extra",
                           placeholder="search the vocabulary", max_selections=50)
    shown = word_views.top_words(vocab, run.corpus.counts, word_views.MAX_WORDS_SHOWN, extra, grouped)
st.caption(f"Final W (step {last:,}). Blue cells: the two words point the same way; red: opposite "
           "ways; white: unrelated. Each pair appears once (cos(a, b) = cos(b, a)), below the "
           "diagonal of 1s. "
           + ("Words are ordered by topic group (as listed in the corpus's sets), words in no "
              "group last, so a model that learned the groups shows blue triangles along the "
              "diagonal. " if grouped else "The corpus has no topic groups, so the words come "
              "in vocabulary order. ")
           + "Hover a cell for the exact value."
           + ("" if shown is None else " " + word_views.cap_note(
               len(shown), len(vocab), ("the topic groups' words, then " if grouped else "")
               + f"the most frequent up to {word_views.MAX_WORDS_SHOWN}, and the ones you searched "
                 "for")))
frame, order = similarity_views.similarity_frame(W_final, vocab, groups, shown)
classroom.altair_chart(ac.heatmap_chart(frame, order), width="content")

# -- nearest neighbours ------------------------------------------------------------------------
st.subheader("Nearest neighbours")
st.caption("Pick a word: its k most similar words by cosine, at the end of training and at any "
           "recorded step. Early on the neighbours are random; watch them become meaningful.")
default_word = grouped[0] if grouped else vocab[0]
c1, c2 = st.columns([2, 1])
word = c1.selectbox("Word", vocab, index=vocab.index(default_word), key="sim_word")
k = c2.slider("Neighbours (k)", 1, min(15, len(vocab) - 1), min(5, len(vocab) - 1),
              key="sim_k")
steps = [int(s) for s in run.steps]
default_step = max((s for s in steps if s <= 100), default=steps[0])
step = st.select_slider("Compare with the neighbours at step", options=steps,
                        value=default_step, format_func=thousands, key="sim_step")
left, right = st.columns(2)
with left:
    st.markdown(f"**At the end of training (step {last:,})**")
    st.dataframe(similarity_views.neighbours_frame(similarity.nearest(W_final, vocab, word, k)),
                 hide_index=True, width="stretch")
with right:
    st.markdown(f"**At step {step:,}**")
    st.dataframe(similarity_views.neighbours_frame(similarity.nearest(run.W[run.index_of(step)], vocab, word, k)),
                 hide_index=True, width="stretch")

# -- neighbour evolution -----------------------------------------------------------------------
st.subheader("How the neighbours of key words changed")
key_words = word_sets.key_words(vocab, run.corpus.counts, sets, similarity_views.KEY_WORDS)
st.caption("The three nearest neighbours of each key word at a few milestone steps (the "
           "grouped words, or the most frequent words when the corpus has no groups). Reading "
           "a row left to right shows a word finding its company.")
st.dataframe(similarity_views.evolution_frame(run, key_words, k=3), hide_index=True, width="stretch")

# -- W versus W′ -------------------------------------------------------------------------------
st.subheader("W versus W′: two vectors per word")
table = similarity_views.w_vs_wprime_frame(W_final, run.W_prime[-1], vocab, groups)
st.markdown(
    "Each word has two vectors: its row of **W**, used when it is the *center* word, and its "
    "row of **W′**, used when it is a *context* word to be predicted. "
    + sentences.two_roles(float(table["cosine"].mean())) + " After training, W′ is "
    "usually discarded: W alone is kept as \"the embeddings\" (W′ only served to score the "
    "predictions).")
m1, m2, m3 = st.columns(3)
m1.metric("Mean cosine(W row, W′ row)", f"{table['cosine'].mean():.2f}",
          help="Near 0 means the two vectors of a word are unrelated on average.")
m2.metric("Mean length of W rows", f"{table['norm_W'].mean():.2f}")
m3.metric("Mean length of W′ rows", f"{table['norm_W_prime'].mean():.2f}")
left, right = st.columns([3, 2])
with left:
    classroom.altair_chart(ac.w_vs_wprime_chart(similarity_views.shown_rows(table, shown), vocab, groups),
                    width="stretch")
    if shown is not None:
        st.caption(word_views.cap_note(len(shown), len(vocab), "the words of the heatmap") +
                   " The averages above and the table use every word.")
with right:
    st.dataframe(table, hide_index=True, width="stretch", height=360,
                 column_config={"cosine": st.column_config.NumberColumn(format="%.3f"),
                                "norm_W": st.column_config.NumberColumn("|W row|", format="%.3f"),
                                "norm_W_prime": st.column_config.NumberColumn(
                                    "|W′ row|", format="%.3f")})
