"""Questions on the ideas: parameters, the uniform guesser, pairs of a sentence, one step's
reach, the loss floor. Each generator takes the run and the quiz's generator."""
from __future__ import annotations

import math

import numpy as np

from ..analysis import distribution
from ..pairs import generate_pairs
from ..run import Run
from .draw import mean
from .question import CHOICE, CONCEPTS, NUMBER, Evidence, Question


def parameters(run: Run, rng) -> Question:
    V, d = len(run.vocab), run.config.dim
    return Question(
        "parameters", CONCEPTS,
        f"This run's vocabulary has V = {V} words and the vectors have d = {d} dimensions. "
        "How many numbers (parameters) does the model learn in total?",
        NUMBER, 2 * V * d,
        f"W holds one d-vector per word (V × d = {V * d:,}) and W′ another (d × V = {V * d:,}); "
        f"together 2·V·d = {2 * V * d:,}. Nothing else is learned: no biases, no hidden layer "
        "weights beyond these two matrices.",
        evidence=Evidence("metric", "Parameters: 2 · V · d", f"{2 * V * d:,}",
                          note=f"2 × {V} × {d}"))


def uniform_loss(run: Run, rng) -> Question:
    V = len(run.vocab)
    return Question(
        "uniform_loss", CONCEPTS,
        f"A model that knows nothing gives each of the V = {V} words the same probability 1/V. "
        "What is the loss −ln p(context) of one step for such a model? (natural log, two "
        "decimals)",
        NUMBER, math.log(V),
        f"p = 1/{V} for every word, so the loss is −ln(1/{V}) = ln {V} ≈ {math.log(V):.2f}, "
        "whatever the context word is. It is the red line on the Loss curve page.",
        tolerance=0.01, decimals=2,
        evidence=Evidence("metric", "ln V", f"{math.log(V):.3f}", note=f"V = {V}"))


def sentence_pairs(run: Run, rng) -> Question | None:
    w2i, window = run.corpus.w2i, run.config.window
    known = set(run.vocab)      # once: Corpus.in_vocab builds it per sentence (slow for a book)
    sentences = [s for s in ([w for w in s if w in known] for s in run.corpus.cleaned)
                 if len(s) >= 3]
    if not sentences:
        return None
    # Prefer sentences where the window is clamped somewhere (longer than 2·window + 1 or not).
    sentence = sentences[int(rng.integers(len(sentences)))]
    pairs = generate_pairs([sentence], w2i, window)
    vocab = run.vocab
    n, P = len(sentence), len(pairs)
    return Question(
        "sentence_pairs", CONCEPTS,
        f"After stopwords and rare words are removed, a sentence of the corpus reads "
        f"“{' '.join(sentence)}” ({n} words). With the current window = {window}, how many "
        "(center, context) training pairs does it give?",
        NUMBER, P,
        f"Each word is the center once and pairs with every word at most {window} positions "
        "away on either side, clamped at the sentence's ends. Adding up, word by word: "
        + " + ".join(str(len(range(max(0, i - window), min(n, i + window + 1))) - 1)
                     for i in range(n)) + f" = {P}.",
        evidence=Evidence("table", "The pairs", rows=tuple(
            {"center": vocab[c], "context": vocab[o]} for c, o in pairs.tolist()),
            note=f"{P} pairs"))


def rows_updated(run: Run, rng) -> Question | None:
    if run.steps_done < 1:
        return None
    V = len(run.vocab)
    W0, Wp0 = run.weights_after(0)
    W1, Wp1 = run.weights_after(1)
    rows_wp = int((np.abs(Wp1 - Wp0).sum(axis=1) > 0).sum())
    rows_w = int((np.abs(W1 - W0).sum(axis=1) > 0).sum())
    every = f"Every row: all {V}"
    options = ("Only the context word's row", "The context word's row and the center word's row",
               every, "None: only W changes")
    return Question(
        "rows_updated", CONCEPTS,
        "One training step uses one (center, context) pair. How many rows of the output "
        "matrix W′ does that step change?",
        CHOICE, every,
        "With a full softmax the loss depends on every word's score, so every row of W′ gets a "
        "gradient: the true context's row is pulled towards the center vector, every other row "
        "is pushed away in proportion to its probability. In W only the center's row changes.",
        options=options,
        evidence=Evidence("table", "What step 1 of this run changed", rows=(
            {"matrix": "W′ (output vectors)", "rows changed": rows_wp, "of": V},
            {"matrix": "W (center vectors)", "rows changed": rows_w, "of": V})))


def floor(run: Run, rng) -> Question:
    floor = distribution.corpus_floor(distribution.sparse_pair_counts(run.pairs, len(run.vocab)))
    no = "No: a center word has several different contexts, so some loss always remains"
    yes = "Yes, with enough training steps"
    lnv = "No: the loss can never fall below ln V"
    last = mean(run.losses[-1000:])
    return Question(
        "floor", CONCEPTS,
        "Could the average loss over this corpus's pairs reach 0 with enough training?",
        CHOICE, no,
        "A loss of 0 means probability 1 for the true context, but the same center appears "
        "with different contexts, and one probability distribution cannot give all of them 1. "
        "The best the model can do is copy the corpus's own P(context | center); its average "
        f"loss is then the corpus's conditional entropy, {floor:.2f} here (see the Model vs "
        "corpus page).",
        options=(yes, no, lnv),
        evidence=Evidence("table", "The floor and this run", rows=(
            {"quantity": "lowest possible average loss (conditional entropy)",
             "value": round(floor, 3)},
            {"quantity": f"mean loss of the last {min(1000, run.steps_done):,} steps",
             "value": round(last, 3)})))
