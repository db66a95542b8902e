"""Analogies: vector arithmetic on the trained embeddings, and when words settle."""
import streamlit as st

from app import classroom
from app.state import corpus_sets, current_run
from charts import analysis as ac
from views import analogies as analogies_views, sentences, similarity as similarity_views
from views import words as word_views
from w2v.analysis import over_training, similarity, word_sets

st.title("Analogies")
st.markdown(
    "If the vectors capture relations, the step from *king* to *queen* should resemble the "
    "step from *man* to *woman*: then W[queen] − W[king] + W[man] lands near W[woman]. Ask any "
    "such question of the current run below, see how often the corpus's own analogies come out "
    "right as training goes on, and when each word stops moving.")

run = current_run()
sets = corpus_sets()
groups = sets.get("groups") or {}
vocab = run.vocab
W_final = run.W[-1]

# A diverged run is announced at the top of every page (app.state.current_run).

# -- solver ------------------------------------------------------------------------------------
st.subheader("Solve a : b :: c : ?")
st.caption("Read \"a is to b as c is to ?\". The answer is the word whose vector is nearest, by "
           "cosine, to W[b] − W[a] + W[c]; the three question words themselves are left out. "
           "On a corpus this small, expect some misses: the point is to see when it works.")
usable = word_sets.usable_analogies(sets.get("analogies") or [], vocab)
default = usable[0][:3] if usable else vocab[:3]
if len(vocab) < 4:
    st.info("The vocabulary needs at least four words for an analogy.")
else:
    cols = st.columns(3)
    a = cols[0].selectbox("a", vocab, index=vocab.index(default[0]), key="ana_a")
    b = cols[1].selectbox("b", vocab, index=vocab.index(default[1]), key="ana_b")
    c = cols[2].selectbox("c", vocab, index=vocab.index(default[2]), key="ana_c")
    answers = similarity.solve_analogy(W_final, vocab, a, b, c, k=5)
    st.dataframe(similarity_views.neighbours_frame(answers).rename(columns={"word": "answer"}),
                 hide_index=True, width="content")

# -- the shipped analogies over training -------------------------------------------------------
st.subheader("The corpus's analogies over training")
if not usable:
    st.info("The corpus's sets list no analogy whose four words are all in the vocabulary, so "
            "there is nothing to score (try a lower min_count).")
else:
    st.caption(f"Top-1 accuracy on the {len(usable)} analogies shipped with the "
               "corpus, at milestone steps: an analogy counts only if the expected word is the "
               "very first answer. The grid shows each analogy's top answer at each step.")
    milestones = over_training.analogies_over_training(run, usable,
                                                       over_training.milestones(run))
    left, right = st.columns([2, 3])
    with left:
        classroom.altair_chart(ac.analogy_accuracy_chart(analogies_views.analogy_accuracy_frame(milestones)),
                        width="stretch")
    with right:
        classroom.altair_chart(ac.analogy_grid_chart(analogies_views.analogy_grid_frame(milestones)),
                        width="stretch")

# -- convergence -------------------------------------------------------------------------------
st.subheader("When does each word settle?")
frame = analogies_views.convergence_frame(run, groups)
st.caption(f"A word has settled from the step after which its W row keeps pointing within about "
           f"18° of where it ends (cosine ≥ {over_training.CONVERGED_COSINE:.2f} to its final row). "
           + sentences.settling(frame))
m1, m2 = st.columns(2)
m1.metric("Median settling step", f"{int(frame['converged_at'].median()):,}")
m2.metric("Last word to settle", f"step {int(frame['converged_at'].max()):,}",
          help="Hover the highest dots in the chart to see which words they are.")
shown = word_views.spread_words(vocab, run.corpus.counts)
if shown is not None:        # keep the last word to settle on the chart (see its metric)
    shown = sorted(set(shown) | {int(frame["converged_at"].to_numpy().argmax())})
classroom.altair_chart(ac.convergence_chart(similarity_views.shown_rows(frame, shown), int(run.steps[-1]),
                                     vocab, groups), width="stretch")
if shown is not None:
    st.caption(word_views.cap_note(len(shown), len(vocab), "spread evenly from the most to the least "
                                                      "frequent") +
               " The median and the last settling step above are over every word; the "
               "last word to settle is on the chart.")
