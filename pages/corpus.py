"""Corpus: the sentences, what stopword removal and min_count keep, and how often words occur."""
import streamlit as st

from app import classroom, corpus_source, suggestion, verdict, welcome
from app.state import current_config, current_corpus
from charts import lesson as charts
from views import corpus as corpus_views
from views.text import md_escape
from w2v import budget
from w2v.corpus import drop_report
from w2v.pairs import generate_pairs

welcome.show()   # a first visit starts here: what this is, the order, three things to try
st.title("Corpus")
st.markdown(
    "Word2Vec learns only from which words appear near each other. Here is the text it reads: "
    "common *stopwords* (the, of, is …) are removed first, then words seen fewer than "
    "`min_count` times leave the vocabulary. What is left becomes the training pairs.")

config = current_config()
corpus = current_corpus()
n_pairs = len(generate_pairs(corpus.cleaned, corpus.w2i, config.window))
stats = corpus_views.corpus_stats(corpus, n_pairs, config)

cols = st.columns(5)
cols[0].metric("Sentences", f"{stats.sentences:,}")
cols[1].metric("After stopword removal", f"{stats.kept_sentences:,}",
               help="Sentences left with two or more content words (a pair needs two).")
cols[2].metric("Vocabulary (V)", f"{stats.vocab_size:,}",
               help=f"Content words seen at least min_count = {config.min_count} times.")
cols[3].metric("Training pairs", f"{stats.pairs:,}",
               help=f"(center, context) pairs with window = {config.window}.")
cols[4].metric("Epochs covered", f"{stats.epochs:,.1f}",
               help=corpus_views.epochs_help(stats, config))

own = corpus_source.own_text()
if own is not None:
    st.caption(f"Source: {md_escape(own.name.removeprefix('The '))} ({own.nbytes / 1024:,.0f} KB), private "
               "to this session — a shared link opens the curated corpus.")
    suggestion.render(own.text, config)
verdict_slot = st.container()   # filled last: the verdict waits for two runs, the page need not
try:
    plan = budget.plan(len(corpus.vocab), config)
except budget.RunTooLarge as e:
    plan = None
    st.error(md_escape(str(e)))
if plan is not None and plan.note:
    st.info(plan.note, icon=":material/memory:")

st.subheader("What was dropped, and why")
report = drop_report(corpus)
total_words = report.total_tokens

dropped = st.columns(4)
dropped[0].metric("Words that train", f"{report.kept_tokens:,}",
                  help=f"{corpus_views.share(report.kept_tokens, total_words)} of all "
                       f"{total_words:,} words in the text: vocabulary words in sentences that "
                       "give pairs.")
dropped[1].metric("Stopwords", f"{report.stopwords.tokens:,}",
                  help=f"{corpus_views.share(report.stopwords.tokens, total_words)} of the "
                       f"words; {report.stopwords.distinct:,} different ones. Too common to say "
                       "anything about a neighbour.")
dropped[2].metric(f"Rare (< {config.min_count})", f"{report.rare.tokens:,}",
                  help=f"{report.rare.distinct:,} different words seen fewer than min_count = "
                       f"{config.min_count} times: too few examples to learn a vector.")
dropped[3].metric("Sentences with no pair", f"{report.no_pair_sentences:,}",
                  help=f"A pair needs two vocabulary words in one sentence. "
                       f"{report.short_sentences.distinct:,} sentences were left with fewer "
                       f"than two content words after removing stopwords "
                       f"({report.short_sentences.tokens:,} content words went with them); "
                       f"{report.lone_word.distinct:,} more kept fewer than two vocabulary "
                       f"words once the rare words left ({report.lone_word.tokens:,} vocabulary "
                       f"words went with them).")
examples = {
    "stopwords": ("Most frequent stopwords", report.stopwords.examples),
    "rare": (f"Most frequent rare words (seen < {config.min_count} times)",
             report.rare.examples),
    "short": ("Sentences with fewer than two content words", report.short_sentences.examples),
    "lone": ("Sentences with fewer than two vocabulary words (the rest too rare)",
             report.lone_word.examples),
}
for label, items in examples.values():
    if items:
        st.caption(label)
        st.text(("  ·  " if label.startswith("Most") else "\n").join(items))

freq = corpus_views.frequency_frame(corpus)
left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader("Most frequent content words")
    st.caption(f"The 40 most frequent words after stopword removal. Grey bars fall below "
               f"min_count = {config.min_count} and are left out of the vocabulary.")
    classroom.altair_chart(charts.frequency_chart(freq, config.min_count), width="stretch")
with right:
    st.subheader("Vocabulary")
    st.caption(f"{len(corpus.vocab):,} words in alphabetical order; the index is the word's "
               "row in W and in W′.")
    st.dataframe(corpus_views.vocab_frame(corpus), hide_index=True, width="stretch", height=520)

st.subheader("Sentence browser")
st.caption("Each sentence as written and as the model sees it. Struck-through grey words are "
           "stopwords; struck-through orange italic words are too rare for the vocabulary.")
st.html(charts.legend_html([("kept word", corpus_views.VOCAB), ("stopword", corpus_views.STOPWORD),
                            (f"rare (< {config.min_count})", corpus_views.RARE)]))
per_page = 10
n_pages = max(1, -(-len(corpus.raw) // per_page))
page = st.number_input(f"Page (of {n_pages:,}, {per_page} sentences each)", 1, n_pages, 1,
                       key="corpus_page")
start = (page - 1) * per_page
for i in range(start, min(start + per_page, len(corpus.raw))):
    tokens = corpus_views.annotate_sentence(corpus, i)
    kept = [w for w, kind in tokens if kind == corpus_views.VOCAB]
    st.html(f'<div style="color:#57606a;font-size:0.8rem">#{i + 1}</div>'
            + charts.tokens_html(tokens))
    st.text("→ " + (" ".join(kept) if kept else "(nothing left to learn from)"))

verdict.show(verdict_slot, suggestion_above=True)   # own text only: do the vectors mean anything?
