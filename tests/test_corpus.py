"""The shipped curated corpus and its sets file keep the promises the lessons rely on."""
import json
import math
from pathlib import Path

import pytest

import w2v
from w2v import analyses
from w2v.pairs import generate_pairs

ROOT = Path(__file__).resolve().parents[1]
TEXT = (ROOT / "corpus.txt").read_text(encoding="utf-8")
SETS = json.loads((ROOT / "corpus_sets.json").read_text(encoding="utf-8"))


def test_corpus_size_vocabulary_and_pairs():
    corpus = w2v.load_corpus(TEXT)
    assert 500 <= len(corpus.raw) <= 700
    assert 80 <= len(corpus.vocab) <= 150
    assert len(generate_pairs(corpus.cleaned, corpus.w2i, window=3)) >= 1500
    # The seed's plain lowercase split gives the same sentences on the curated text.
    lines = [l.strip() for l in TEXT.splitlines() if l.strip() and not l.strip().startswith("#")]
    assert corpus.raw == [l.lower().split() for l in lines]


def test_sets_use_only_vocabulary_words():
    vocab = set(w2v.load_corpus(TEXT).vocab)
    grouped = [w for words in SETS["groups"].values() for w in words]
    assert len(grouped) >= 40 and len(SETS["analogies"]) >= 20
    assert set(grouped) <= vocab
    assert all(len(q) == 4 and set(q) <= vocab for q in SETS["analogies"])


@pytest.fixture(scope="module")
def default_run():
    return w2v.train(TEXT, w2v.TrainConfig())


def test_default_run_clusters_groups_and_solves_analogies(default_run):
    W, vocab = default_run.W[-1], default_run.vocab
    assert analyses.neighbour_quality(W, vocab, SETS["groups"], k=3) >= 0.8
    assert analyses.analogy_accuracy(W, vocab, SETS["analogies"]) >= 0.5
    assert default_run.losses[-1000:].mean() < 0.85 * math.log(len(vocab))
    assert "queen" in [w for w, _ in analyses.solve_analogy(W, vocab, "man", "king", "woman", k=1)]
