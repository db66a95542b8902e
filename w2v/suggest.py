"""Settings for a text, each with the reason for it: the chapter after the seed's defaults.

A small text (the curated corpus, a few pages) keeps the seed's model: full softmax is exact,
and with a few hundred words cheap. A large one gets what word2vec does there: negative
sampling (k + 1 scores a step instead of V), subsampling of frequent words, a learning rate
decaying linearly over the run, more dimensions, a wider window, and enough epochs to learn,
as many as fit a time target and the per-run memory budget (see budget.py).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from . import budget as _budget
from .config import TrainConfig
from .corpus import load_corpus
from .subsample import token_stream, window_pairs

SOFTMAX_MAX_VOCAB = 1000      # up to here a softmax step (V·d) costs a few µs: stay exact
TARGET_SECONDS = 10.0         # training time the suggested epochs aim at on this machine
MAX_EPOCHS = 20


@dataclass(frozen=True)
class Suggestion:
    config: TrainConfig
    reasons: dict[str, str]     # setting name → one line saying why
    vocab_size: int             # at the suggested min_count
    pairs_per_epoch: int        # window pairs at the suggested window (before subsampling)
    epochs: float               # steps / pairs_per_epoch
    seconds: float              # estimated training time (budget.step_seconds)

    def lines(self) -> list[str]:
        """One line per setting: `name = value  # reason`."""
        return [f"{name} = {getattr(self.config, name)!r}  # {why}"
                for name, why in self.reasons.items()]


def _min_count(tokens: int) -> int:
    return 2 if tokens < 5_000 else 3 if tokens < 100_000 else 5


def _dim(V: int) -> int:
    return 8 if V < 200 else 16 if V < SOFTMAX_MAX_VOCAB else 50


def _epochs(pairs: int, V: int, config: TrainConfig, limit: int) -> int:
    """As many epochs as fit TARGET_SECONDS and the memory budget, at least 1."""
    per_epoch = pairs * _budget.step_seconds(V, config)
    epochs = max(1, min(MAX_EPOCHS, int(TARGET_SECONDS / per_epoch)))
    while epochs > 1:
        try:
            _budget.plan(V, config.__class__(**{**config.as_dict(), "steps": epochs * pairs}),
                         limit)
            return epochs
        except _budget.RunTooLarge:
            epochs -= 1
    return 1


def about(seconds: float) -> str:
    """An estimated duration in words: a compiled step takes microseconds, so a small text's
    whole run is often under a second (not "0 s")."""
    return "under a second" if seconds < 1 else f"about {seconds:,.0f} s"


def suggest(text: str, budget: int = _budget.RUN_BUDGET) -> Suggestion:
    """Proposed TrainConfig for `text` with reasons; raises CorpusError like train()."""
    tokens = sum(len(s) for s in load_corpus(text, 1).cleaned)
    min_count = _min_count(tokens)
    corpus = load_corpus(text, min_count)
    V = len(corpus.vocab)
    small = V <= SOFTMAX_MAX_VOCAB
    window = 3 if small else 5
    pairs = len(window_pairs(*token_stream(corpus.cleaned, corpus.w2i), window))
    if small:
        base = TrainConfig(dim=_dim(V), min_count=min_count, window=window)
    else:
        # word2vec's skip-gram settings: k = 5, t = 1e-3, lr 0.025 decaying linearly.
        base = TrainConfig(dim=_dim(V), min_count=min_count, window=window, lr=0.025,
                           objective="negative", negatives=5, sample=1e-3,
                           lr_schedule="linear")
    epochs = _epochs(pairs, V, base, budget)
    steps = max(1, epochs * pairs)
    # Subsampling thins each epoch, so the same steps cover more (thinner) epochs.
    config = base.__class__(**{**base.as_dict(), "steps": steps})
    seconds = steps * _budget.step_seconds(V, config)
    reasons = {
        "objective": (f"{V:,} words: full softmax is exact and cheap (V·d = {V * config.dim:,} "
                      f"a step)" if small else
                      f"{V:,} words: negative sampling scores k + 1 = {config.negatives + 1} "
                      f"words a step instead of all {V:,}"),
        "steps": (f"{epochs} epoch(s) over the {pairs:,} window pairs, {about(seconds)} "
                  f"here, within the {budget // _budget.MB} MB run budget"),
        "dim": (f"{config.dim} dimensions for {V:,} words" +
                ("" if small else ": room for topics yet cheap to record")),
        "min_count": (f"{tokens:,} content words: words seen fewer than {min_count} times "
                      f"have too few contexts to place"),
        "window": (f"{window} words each side" +
                   ("" if small else ", word2vec's default neighbourhood for topical similarity")),
        "sample": ("off: a small text has few occurrences to spare" if small else
                   "1e-3 (word2vec's default): frequent words are thinned each epoch, "
                   "rare words keep their contexts"),
        "lr": ("0.1, the seed's rate" if small else
               "0.025, word2vec's skip-gram rate"),
        "lr_schedule": ("constant, as the seed" if small else
                        "linear decay to 1e-4·lr: big steps early, fine adjustment at the end"),
    }
    if not small:
        reasons["negatives"] = "k = 5 noise words a step, word2vec's default for a large text"
    return Suggestion(config, reasons, V, pairs, steps / pairs, seconds)
