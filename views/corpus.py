"""The Corpus page's tables: counts, the vocabulary and each token's kind in a sentence."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from w2v.config import TrainConfig
from w2v.corpus import STOPWORDS, Corpus
from w2v.run import first_epoch_length

# A token's kind in a sentence, as the pages colour it.
STOPWORD, RARE, VOCAB = "stopword", "rare", "vocab"


@dataclass(frozen=True)
class CorpusStats:
    sentences: int          # every sentence read
    kept_sentences: int     # sentences with two or more content words
    vocab_size: int
    pairs: int
    epoch_pairs: int        # pairs in the run's first epoch: fewer than `pairs` with subsampling
    epochs: float           # how many such epochs the run's steps cover


def corpus_stats(corpus: Corpus, n_pairs: int, config: TrainConfig) -> CorpusStats:
    """The page's counts; epochs against the run's real first epoch (w2v.training), which
    subsampling (config.sample > 0) makes shorter than all `n_pairs`."""
    epoch = first_epoch_length(corpus, config, n_pairs)
    return CorpusStats(len(corpus.raw), len(corpus.cleaned), len(corpus.vocab), n_pairs,
                       epoch, config.steps / epoch if epoch else 0.0)


def epochs_help(stats: CorpusStats, config: TrainConfig) -> str:
    """What "Epochs covered" divides by, in words."""
    if config.sample <= 0:
        return (f"{config.steps:,} steps ÷ {stats.pairs:,} pairs: how many times training "
                "goes through every pair.")
    return (f"{config.steps:,} steps ÷ {stats.epoch_pairs:,} pairs, the actual length of this "
            f"run's first epoch. Subsampling (sample = {config.sample:g}) drops frequent words "
            f"afresh before each epoch, so an epoch has fewer than all {stats.pairs:,} pairs "
            "and each one a slightly different number.")


def word_frequencies(corpus: Corpus) -> list[tuple[str, int, bool]]:
    """(word, count, in vocabulary) for every content word, most frequent first, ties A→Z."""
    known = set(corpus.vocab)
    return sorted(((w, c, w in known) for w, c in corpus.counts.items()),
                  key=lambda t: (-t[1], t[0]))


def token_kind(word: str, vocab: set[str]) -> str:
    if word in STOPWORDS:
        return STOPWORD
    return VOCAB if word in vocab else RARE


def annotate_sentence(corpus: Corpus, index: int) -> list[tuple[str, str]]:
    """Each token of raw sentence `index` with its kind: stopword, rare (out of vocabulary), vocab."""
    vocab = set(corpus.vocab)
    return [(w, token_kind(w, vocab)) for w in corpus.raw[index]]


def showcase_sentence(corpus: Corpus) -> int:
    """The first raw sentence with the most vocabulary words: the window has the most to show."""
    vocab = set(corpus.vocab)   # vocabulary words are never stopwords
    kept = [sum(w in vocab for w in sentence) for sentence in corpus.raw]
    return kept.index(max(kept)) if kept else 0


def sentence_labels(corpus: Corpus) -> list[str]:
    """One label per raw sentence, as the sentence picker lists them ("#3: the king rules")."""
    return [f"#{i + 1}: {' '.join(sentence)}" for i, sentence in enumerate(corpus.raw)]


def share(n: int, total: int) -> str:
    """n as a whole percentage of total ("0%" of nothing)."""
    return f"{n / total:.0%}" if total else "0%"


def frequency_frame(corpus) -> pd.DataFrame:
    rows = word_frequencies(corpus)
    return pd.DataFrame(rows, columns=["word", "count", "in_vocab"])


def vocab_frame(corpus) -> pd.DataFrame:
    """The vocabulary in index order with counts."""
    return pd.DataFrame({"index": range(len(corpus.vocab)), "word": corpus.vocab,
                         "count": [corpus.counts[w] for w in corpus.vocab]})
