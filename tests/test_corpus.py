"""The shipped curated corpus and its sets file keep the promises the lessons rely on."""
import json
import math
from pathlib import Path

import pytest

import w2v
from w2v.analysis import similarity, word_sets
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
    assert word_sets.neighbour_quality(W, vocab, SETS["groups"], k=3) >= 0.8
    assert word_sets.analogy_accuracy(W, vocab, SETS["analogies"]) >= 0.5
    assert default_run.losses[-1000:].mean() < 0.85 * math.log(len(vocab))
    assert "queen" in [w for w, _ in similarity.solve_analogy(W, vocab, "man", "king", "woman", k=1)]


# ── real prose, what is dropped, user input ───────────────────────────────────────────────
from w2v.corpus import drop_report, tokenize  # noqa: E402
from w2v.textio import read_user_text  # noqa: E402


def test_tokenize_real_prose():
    text = ("“Well,” she said — it’s a well-known fact: Ça va? Don't panic!\n"
            "In 1984 there were 42 apples… and naïve café-owners\n")
    assert tokenize(text) == [
        ["well", "she", "said", "it's", "a", "well-known", "fact"], ["ça", "va"],
        ["don't", "panic"], ["in", "1984", "there", "were", "42", "apples"],
        ["and", "naïve", "café-owners"]]
    assert tokenize("-- dash -- 'quoted' end_of_line") == [["dash", "quoted", "end", "of", "line"]]


def test_very_long_line_is_cut_into_sentences():
    sents = tokenize(" ".join(["word"] * 2500))
    assert [len(s) for s in sents] == [1000, 1000, 500]


def test_drop_report_counts_and_examples():
    text = ("The king and the queen ride.\nThe king rides.\nA king, a queen, a castle!\n"
            "Queen king castle king.\nHello.\n")
    report = drop_report(w2v.load_corpus(text, min_count=2))
    assert report.stopwords.examples == ["a", "the", "and"] and report.stopwords.tokens == 7
    assert report.short_sentences.distinct == 1 and report.short_sentences.examples == ["hello"]
    assert report.rare.examples == ["ride", "rides"] and report.rare.tokens == 2
    # "king rides": "rides" is rare, so "king" is left alone and gives no pair
    assert report.lone_word.examples == ["king rides"] and report.no_pair_sentences == 2
    assert [r.reason for r in (report.stopwords, report.rare, report.short_sentences,
                               report.lone_word)] == ["stopwords", "rare", "short_sentences",
                                                      "lone_word"]
    assert report.kept_tokens == 9           # king×4, queen×3, castle×2
    assert report.total_tokens == (report.kept_tokens + report.stopwords.tokens
                                   + report.short_sentences.tokens + report.rare.tokens
                                   + report.lone_word.tokens)


def test_a_sentence_left_with_one_vocabulary_word_gives_no_pair_and_is_counted():
    # "king ride" keeps two content words, but "ride" is rare: only "king" is left, no pair.
    text = "king queen castle.\nking queen castle.\nking ride.\nhello.\n"
    corpus = w2v.load_corpus(text, min_count=2)
    report = drop_report(corpus)
    assert report.lone_word.distinct == 1 and report.lone_word.examples == ["king ride"]
    assert report.lone_word.tokens == 1 and report.no_pair_sentences == 2
    assert report.kept_tokens == 6           # the two full sentences only
    from w2v.pairs import generate_pairs
    pairs = generate_pairs(corpus.cleaned, corpus.w2i, 3)
    assert len(pairs) == 12                  # 2 sentences × 3 words × 2 contexts: none from "king"
    assert report.total_tokens == (report.kept_tokens + report.stopwords.tokens
                                   + report.short_sentences.tokens + report.rare.tokens
                                   + report.lone_word.tokens)


@pytest.mark.parametrize("data,match", [
    (b"", "empty"), (b"  \n\n ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    (bytes(range(1, 32)) * 40 + b"abc", "binary"),
    (b"x" * (2 * 1024 * 1024 + 1), "limit is 2 MB"),
])
def test_bad_user_input_is_refused_with_a_reason(data, match):
    with pytest.raises(w2v.CorpusError, match=match):
        read_user_text(data, "The file")


def test_non_utf8_is_replaced_and_said():
    user = read_user_text("Le café est très bon. ".encode("latin-1") * 5, "The file")
    assert "\ufffd" in user.text and "not valid UTF-8" in user.notes[0]
    assert read_user_text("Ça va très bien.").notes == []
