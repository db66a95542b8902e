"""Sentences about the run on screen (views/sentences.py), each checked against the numbers of
the run it describes, and on the pages that say them."""
import time

import numpy as np
import pandas as pd
import pytest

import w2v
from conftest import ROYAL_TEXT, SETS, royal_app
from views import analogies as analogies_views, sentences, similarity as similarity_views
from w2v.analysis import distribution, word_sets



def test_two_roles_follows_the_mean_cosine():
    assert "mostly point the same way (mean cosine 0.67)" in sentences.two_roles(0.67)
    assert "partly aligned" in sentences.two_roles(0.35)
    assert "close to unrelated on average (mean cosine 0.05)" in sentences.two_roles(0.05)
    assert "opposite ways" in sentences.two_roles(-0.6)
    assert "different directions" not in sentences.two_roles(0.67)


def test_two_roles_on_a_run(small_run):
    table = similarity_views.w_vs_wprime_frame(small_run.W[-1], small_run.W_prime[-1],
                                               small_run.vocab, {})
    mean = float(table["cosine"].mean())
    assert f"mean cosine {mean:.2f}" in sentences.two_roles(mean)


def _frame(freqs, steps):
    return pd.DataFrame({"word": [f"w{i}" for i in range(len(freqs))], "frequency": freqs,
                         "converged_at": steps})


def test_settling_says_which_way_frequency_goes():
    sooner = sentences.settling(_frame([50, 40, 30, 20, 10], [100, 200, 300, 400, 500]))
    assert "frequent words do settle sooner (rank correlation -1.00)" in sooner
    later = sentences.settling(_frame([50, 40, 30, 20, 10], [500, 400, 300, 200, 100]))
    assert "settle later, not sooner (rank correlation +1.00)" in later
    assert "“w0” (50 times), settles at step 500; the median word at step 300" in later
    assert "says little" in sentences.settling(_frame([5, 4, 3, 2, 1], [300, 500, 200, 100, 400]))
    assert sentences.settling(_frame([3, 3, 3], [1, 2, 3])) == ""


def test_settling_on_a_run_names_its_most_frequent_word(small_run):
    frame = analogies_views.convergence_frame(small_run, {})
    top = frame.sort_values(["frequency", "word"], ascending=[False, True]).iloc[0]
    text = sentences.settling(frame)
    assert f"“{top['word']}” ({top['frequency']:,} times), settles at step " \
           f"{int(top['converged_at']):,}" in text
    rho = frame["frequency"].rank().corr(frame["converged_at"].rank())
    assert f"rank correlation {rho:+.2f}" in text


def test_clusters_only_with_groups_and_as_the_run_shows(small_run):
    assert sentences.clusters(None, 3) == ""
    assert "form clusters: at the last step 90%" in sentences.clusters(0.9, 3)
    assert "do not cluster yet" in sentences.clusters(0.2, 3)
    quality = word_sets.neighbour_quality(small_run.W[-1], small_run.vocab, SETS["groups"], 3)
    assert f"{quality:.0%} of the grouped words" in sentences.clusters(quality, 3)


def test_floor_note_places_the_last_loss_between_ln_v_and_the_floor(small_run):
    V = len(small_run.vocab)
    floor = distribution.corpus_floor(distribution.sparse_pair_counts(small_run.pairs, V))
    assert 0 < floor < np.log(V)
    note = sentences.floor_note(2.0, 3.0, 4.0)
    assert "H = 2.00" in note and "closed 50% of the gap from ln V = 4.00" in note
    assert sentences.floor_note(2.0, float("nan"), 4.0) == ""


# -- on the pages ------------------------------------------------------------------------------
@pytest.fixture
def app(tmp_path, monkeypatch):
    at = royal_app(tmp_path, monkeypatch, 60)
    for name, value in {"steps": 600, "dense_steps": 50, "record_interval": 10}.items():
        at.session_state[name] = value
    at.run()
    return at


def _open(at, page):
    at.switch_page(page).run()
    for _ in range(100):
        assert not at.exception, [e.value for e in at.exception]
        if len(at.get("vega_lite_chart")):
            return at
        time.sleep(0.1)
        at.run()
    raise AssertionError("the page did not finish")


def _run():
    return w2v.train(ROYAL_TEXT, w2v.TrainConfig(steps=600, dense_steps=50, record_interval=10))


def _text(at):
    return " ".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def test_pages_say_what_their_run_shows(app):
    run = _run()                       # the same settings, so the same run as the pages'
    at = _open(app, "pages/similarity.py")
    mean = float(similarity_views.w_vs_wprime_frame(run.W[-1], run.W_prime[-1], run.vocab,
                                                    {})["cosine"].mean())
    assert sentences.two_roles(mean) in _text(at)
    assert at.metric[0].value == f"{mean:.2f}"
    at = _open(at, "pages/analogies.py")
    assert sentences.settling(analogies_views.convergence_frame(run, SETS["groups"])) in _text(at)
    at = _open(at, "pages/loss_curve.py")
    floor = distribution.corpus_floor(distribution.sparse_pair_counts(run.pairs, len(run.vocab)))
    best = next(m for m in at.metric if m.label == "Best possible loss, H")
    assert best.value == f"{floor:.3f}"
    assert f"H = {floor:.2f}" in _text(at)


def test_corpus_page_counts_sentences_with_no_pair(app):
    at = app.switch_page("pages/corpus.py").run()
    corpus = w2v.load_corpus(ROYAL_TEXT)
    no_pair = sum(1 for s in corpus.raw
                  if len([w for w in s if w in corpus.w2i]) < 2)
    metric = next(m for m in at.metric if m.label == "Sentences with no pair")
    assert metric.value == f"{no_pair:,}"


def test_quiz_explanations_describe_their_run(small_run):
    from w2v.quiz import predicting
    from w2v.model import cosine
    rng = np.random.default_rng(0)
    q = predicting.loss_later(small_run, rng)
    floor = distribution.corpus_floor(distribution.sparse_pair_counts(small_run.pairs,
                                                                      len(small_run.vocab)))
    assert f"H = {floor:.2f}" in q.explanation
    assert "close to the corpus's own probabilities" not in q.explanation
    assert "H =" not in predicting.loss_gap_note(3.0, 2.0, "negative")
    word = small_run.vocab[0]
    q = predicting.neighbour_stays(small_run, rng, word)
    v = small_run.vocab.index(word)
    step = int(q.prompt.split("After step ")[1].split(" ")[0].replace(",", ""))
    turned = cosine(small_run.W[small_run.index_of(step)][v], small_run.W[-1][v])
    assert f"cosine {turned:.2f}" in q.explanation
