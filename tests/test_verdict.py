"""The own-text verdict: measures without labels (w2v.analysis.stability) and their reading
(views.verdict), on runs where it must say "yes" and runs where it must say "not yet"."""
import math
from pathlib import Path

import numpy as np
import pytest

import w2v
from test_own_text import PROSE
from views import verdict as verdict_views
from w2v.analysis import stability as st_
from w2v.model import cross_entropy, forward

ROOT = Path(__file__).resolve().parents[1]
CURATED = (ROOT / "corpus.txt").read_text(encoding="utf-8")


def judged(text, **settings):
    config = w2v.TrainConfig(**settings)
    run = w2v.train(text, config)
    other = w2v.train(text, config.__class__(**{**config.as_dict(), "seed": config.seed + 1}))
    s = st_.stability(run, other)
    return s, verdict_views.verdict(s, config.min_count, run.diverged_at is not None)


@pytest.fixture(scope="module")
def curated_default():
    return judged(CURATED)


def test_curated_corpus_default_run_says_yes(curated_default):
    s, v = curated_default
    assert v.level == verdict_views.YES and v.headline.startswith("**Yes")
    assert s.vocab_size == 123 and s.epochs == pytest.approx(15000 / 2810)
    assert s.floor < s.loss < s.chance_loss == pytest.approx(math.log(123))
    assert s.learned > 0.6 and s.agreement > 0.4
    assert (v.measures["advice"] == "").all()          # nothing to advise


def test_few_steps_say_not_yet_with_more_steps(curated_default):
    s, v = judged(CURATED, steps=500)
    assert v.level == verdict_views.NOT_YET and v.headline.startswith("**Not yet")
    by = v.measures.set_index("measure")
    assert by.loc["Epochs covered", "reading"] == verdict_views.NOT_YET
    assert "More steps" in by.loc["Epochs covered", "advice"]
    assert "“Use suggested settings” on the Corpus page" in by.loc["Epochs covered", "advice"]
    # Shown on the Corpus page, below the suggestion: the advice points up to its button.
    here = verdict_views.verdict(s, 3, suggestion_above=True).measures.set_index("measure")
    for measure in ("Epochs covered", "Loss"):
        assert "the “Use suggested settings” button above" in here.loc[measure, "advice"]
        assert "Corpus page" not in here.loc[measure, "advice"]
    # Once the sidebar holds the suggestion its button is disabled: the advice says go past it.
    for above in (True, False):
        used = verdict_views.verdict(s, 3, suggestion_above=above, suggestion_in_use=True)
        for measure in ("Epochs covered", "Loss"):
            advice = used.measures.set_index("measure").loc[measure, "advice"]
            assert "press" not in advice and advice.endswith("so go past them.")
    assert s.agreement < 0.1 and s.learned < 0.1     # neighbours at chance, loss at ln V
    assert s.floor == pytest.approx(curated_default[0].floor)   # the text's floor, not the run's


def test_tiny_text_says_not_yet_more_text():
    s, v = judged(PROSE)
    assert s.vocab_size < verdict_views.MIN_WORDS
    assert v.level == verdict_views.NOT_YET
    assert "More text" in v.measures.set_index("measure").loc["Vocabulary", "advice"]


def test_diverged_run_says_not_yet_lower_the_learning_rate():
    s, v = judged(CURATED, steps=300, lr=80.0)
    assert v.level == verdict_views.NOT_YET
    assert "Lower the learning rate" in v.measures.set_index("measure").loc["Loss", "advice"]


def test_overlap_is_one_for_the_same_vectors_and_near_chance_for_random_ones():
    rng = np.random.default_rng(0)
    W = rng.normal(size=(200, 8))
    rows = np.arange(200)
    assert st_.neighbour_overlap(W, W, rows) == 1.0
    random = np.mean([st_.neighbour_overlap(W, rng.normal(size=(200, 8)), rows)
                      for _ in range(5)])
    assert random == pytest.approx(st_.chance_overlap(200), abs=0.02)
    assert st_.frequent_rows(np.array([5, 9, 1, 9]), 2).tolist() == [1, 3]


def test_final_loss_is_the_softmax_loss_of_the_final_vectors(small_run):
    W, W_prime = small_run.W[-1], small_run.W_prime[-1]
    pairs = small_run.pairs
    direct = np.mean([cross_entropy(forward(W, W_prime, int(c))[1], int(o)) for c, o in pairs])
    assert st_.final_loss(W, W_prime, pairs, chunk=7) == pytest.approx(direct, rel=1e-5)
