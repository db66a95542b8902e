"""Questions on reading the charts: neighbours, groups, the loss at the start and the end, the
model's most probable context. Answers are read off the run's final (or first) steps."""
from __future__ import annotations

import math

import numpy as np

from ..analysis import distribution, similarity, word_sets
from ..model import softmax
from ..run import Run
from .draw import choice_options, final_weights, mean, nearest_rows, pick
from .question import CHOICE, NO, NUMBER, READING, YES, Evidence, Question


def nearest(run: Run, rng, word: str) -> Question | None:
    W, _ = final_weights(run)
    near = similarity.nearest(W, run.vocab, word, k=len(run.vocab))
    if len(near) < 2:
        return None
    answer = near[0][0]
    far_half = [w for w, _ in near[len(near) // 2:]]
    options = choice_options(rng, answer, far_half)
    return Question(
        "nearest", READING,
        f"On the Similarity page (Nearest neighbours, at the end of training): which word's "
        f"vector points most nearly the same way as the vector of “{word}” (highest cosine "
        f"similarity)?",
        CHOICE, answer,
        f"The nearest word to “{word}” after step {run.steps_done:,} is “{answer}” "
        f"(cosine {near[0][1]:.2f}). Words that share contexts get pushed towards the same "
        "output vectors and so end up pointing alike.",
        options=options,
        evidence=Evidence("table", f"Nearest to “{word}” at the end",
                          rows=nearest_rows(W, run.vocab, word)))


def group(run: Run, rng, sets, avoid) -> Question | None:
    groups = word_sets.usable_groups((sets or {}).get("groups", {}), run.vocab)
    if not groups:
        return None
    candidates = [(name, w) for name, ws in groups.items() for w in ws]
    name, word = pick(rng, candidates, avoid=[c for c in candidates if c[1] in avoid])
    W, _ = final_weights(run)
    top = similarity.nearest(W, run.vocab, word, k=1)[0][0]
    ok = top in groups[name]
    rows = tuple({**r, "in its group": r["word"] in groups[name]}
                 for r in nearest_rows(W, run.vocab, word, 3))
    return Question(
        "group", READING,
        f"“{word}” belongs to the group “{name}” ({', '.join(groups[name])}). At the end of "
        f"training, is its nearest neighbour another word of that group?",
        CHOICE, YES if ok else NO,
        f"Its nearest neighbour is “{top}”, which is {'' if ok else 'not '}in the group. "
        + ("Words of a group share contexts in the corpus, so training pulls them together."
           if ok else "A small corpus or a short run does not always separate the groups; "
           "frequent shared context words can pull unrelated words together."),
        options=(YES, NO),
        evidence=Evidence("table", f"Nearest to “{word}” at the end", rows=rows))


def start_loss(run: Run, rng) -> Question | None:
    if run.steps_done < 10:
        return None
    V, n = len(run.vocab), min(100, run.steps_done)
    start = mean(run.losses[:n])
    options = {"about 0": 0.0, f"about ln V = {math.log(V):.2f}": math.log(V),
               f"about V = {V}": float(V), f"about 1/V = {1 / V:.3f}": 1 / V}
    answer = min(options, key=lambda k: abs(options[k] - start))
    return Question(
        "start_loss", READING,
        f"On the Loss curve page: the average loss of the first {n} steps is closest to …",
        CHOICE, answer,
        f"The mean of the first {n} losses is {start:.2f}. Small random initial weights give "
        "almost equal scores to every word, so the model starts as a uniform guesser, whose "
        f"loss is ln V = {math.log(V):.2f}.",
        options=tuple(options),
        evidence=Evidence("metric", f"Mean loss, first {n} steps", f"{start:.3f}",
                          note=f"ln V = {math.log(V):.3f}"))


def end_loss(run: Run, rng) -> Question | None:
    n = min(1000, run.steps_done)
    if n < 10:
        return None
    end = mean(run.losses[-n:])
    return Question(
        "end_loss", READING,
        f"On the Loss curve page: what is the mean loss of the last {n:,} steps? "
        "(within ±0.2 counts as right)",
        NUMBER, end,
        f"The mean of the last {n:,} losses is {end:.2f}, compared with ln V = "
        f"{math.log(len(run.vocab)):.2f} at the start. Single steps stay noisy because each "
        "center has several possible contexts.",
        tolerance=0.2, decimals=2,
        evidence=Evidence("metric", f"Mean loss, last {n:,} steps", f"{end:.3f}"))


def top_context(run: Run, rng, word: str) -> Question | None:
    vocab = run.vocab
    c = vocab.index(word)
    W, Wp = final_weights(run)
    probs = softmax(np.asarray(W[c], np.float64) @ np.asarray(Wp, np.float64).T)
    order = np.argsort(-probs, kind="stable")
    answer = vocab[order[0]]
    emp = distribution.empirical_row(distribution.sparse_pair_counts(run.pairs, len(vocab)), c)
    options = choice_options(rng, answer, [vocab[j] for j in order[1:8]])
    rows = tuple({"context word": vocab[j], "model P": round(float(probs[j]), 4),
                  "corpus P": round(float(emp[j]), 4)} for j in order[:5])
    return Question(
        "top_context", READING,
        f"On the Model vs corpus page at the last step: which context word does the model "
        f"find most probable for the center word “{word}”?",
        CHOICE, answer,
        f"The model gives “{answer}” probability {probs[order[0]]:.3f} as a context of "
        f"“{word}”; the corpus's own frequency is {emp[order[0]]:.3f}. Training pushes the "
        "model's probabilities towards the corpus's.",
        options=options,
        evidence=Evidence("table", f"Most probable contexts of “{word}” at the end", rows=rows))
