"""A quiz generated from a finished run: concepts, reading the charts, predicting.

Every answer is computed from the run and its corpus, and every question carries the evidence
(a number, a table or a short curve) that settles it, so a page can ask first and reveal after.
The choice of words, sentences and steps is drawn from a generator seeded by the run's seed:
every student who opens the same link gets the same quiz.

Prompts, options and explanations are plain text that may contain corpus words: a page must
render them safely (escaped, or as text), never as raw Markdown or HTML.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .analysis import distribution, kl, similarity, word_sets
from .curves import moving_average
from .model import cosine, softmax
from .pairs import generate_pairs
from .run import Run

CONCEPTS, READING, PREDICTING = "Concepts", "Reading the charts", "Predicting"
TIERS = (CONCEPTS, READING, PREDICTING)
CHOICE, NUMBER = "choice", "number"
YES, NO = "Yes", "No"
QUIZ_SALT = 7_919          # keeps the quiz's draws apart from the training's (same seed)


@dataclass(frozen=True)
class Evidence:
    """What settles a question, for the page to show once the student has answered.

    kind "metric": `value` (with `label`); "table": `rows` (list of dicts, column order kept);
    "line": `rows` with x/y columns named in `x`, `y`, and optional `series`.
    """
    kind: str
    label: str
    value: str = ""
    rows: tuple = ()
    x: str = ""
    y: str = ""
    series: str = ""
    note: str = ""


@dataclass(frozen=True)
class Question:
    qid: str
    tier: str
    prompt: str
    kind: str                          # CHOICE or NUMBER
    answer: str | float
    explanation: str
    options: tuple[str, ...] = ()
    tolerance: float = 0.0             # NUMBER: |given − answer| ≤ tolerance counts as right
    evidence: Evidence | None = None
    decimals: int = 0                  # NUMBER: how the answer is shown / typed

    def is_correct(self, given) -> bool:
        if given is None:
            return False
        if self.kind == NUMBER:
            try:
                value = float(given)
            except (TypeError, ValueError):
                return False
            return math.isfinite(value) and abs(value - float(self.answer)) <= self.tolerance + 1e-9
        return given == self.answer

    def shown_answer(self) -> str:
        if self.kind == NUMBER:
            return f"{float(self.answer):,.{self.decimals}f}"
        return str(self.answer)


@dataclass(frozen=True)
class Score:
    correct: int
    answered: int
    total: int
    results: dict = field(default_factory=dict)   # qid → True / False / None (unanswered)


def score(questions: list[Question], answers: dict) -> Score:
    """Right answers among `answers` (qid → the student's value; missing or None = unanswered)."""
    results = {}
    for q in questions:
        given = answers.get(q.qid)
        results[q.qid] = None if given is None else q.is_correct(given)
    return Score(sum(r is True for r in results.values()),
                 sum(r is not None for r in results.values()), len(questions), results)


# -- helpers ---------------------------------------------------------------------------------
def quiz_rng(run: Run) -> np.random.Generator:
    return np.random.default_rng([int(run.config.seed), QUIZ_SALT])


def _focus_words(run: Run, sets: dict | None) -> list[str]:
    """Words worth asking about: grouped words in the vocabulary, else the frequent ones."""
    grouped = [w for ws in word_sets.usable_groups((sets or {}).get("groups", {}),
                                                  run.vocab).values() for w in ws]
    if len(grouped) >= 2:
        return list(dict.fromkeys(grouped))
    by_count = sorted(run.vocab, key=lambda w: (-run.corpus.counts[w], w))
    return by_count[:max(2, min(20, len(by_count)))]


def _pick(rng: np.random.Generator, items: list, avoid=()) -> object:
    left = [x for x in items if x not in set(avoid)] or list(items)
    return left[int(rng.integers(len(left)))]


def _choice_options(rng, answer: str, pool: list[str], n: int = 4) -> tuple[str, ...]:
    """The answer and up to n−1 distractors from pool, in a seeded order."""
    pool = [w for w in dict.fromkeys(pool) if w != answer]
    k = min(n - 1, len(pool))
    picked = [pool[i] for i in rng.choice(len(pool), size=k, replace=False)] if k else []
    options = picked + [answer]
    return tuple(options[i] for i in rng.permutation(len(options)))


def _final(run: Run):
    return run.W[-1], run.W_prime[-1]


def _nearest_rows(W, vocab, word, k=5):
    return tuple({"rank": i + 1, "word": w, "cosine": round(s, 3)}
                 for i, (w, s) in enumerate(similarity.nearest(W, vocab, word, k)))


def _mean(values) -> float:
    values = np.asarray(values, dtype=np.float64)
    return float(values.mean()) if len(values) else float("nan")


# -- concepts --------------------------------------------------------------------------------
def _q_parameters(run: Run, rng) -> Question:
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


def _q_uniform(run: Run, rng) -> Question:
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


def _q_sentence_pairs(run: Run, rng) -> Question | None:
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


def _q_rows_updated(run: Run, rng) -> Question | None:
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


def _q_floor(run: Run, rng) -> Question:
    floor = distribution.corpus_floor(distribution.sparse_pair_counts(run.pairs, len(run.vocab)))
    no = "No: a center word has several different contexts, so some loss always remains"
    yes = "Yes, with enough training steps"
    lnv = "No: the loss can never fall below ln V"
    last = _mean(run.losses[-1000:])
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


# -- reading the charts ----------------------------------------------------------------------
def _q_nearest(run: Run, rng, word: str) -> Question | None:
    W, _ = _final(run)
    near = similarity.nearest(W, run.vocab, word, k=len(run.vocab))
    if len(near) < 2:
        return None
    answer = near[0][0]
    far_half = [w for w, _ in near[len(near) // 2:]]
    options = _choice_options(rng, answer, far_half)
    return Question(
        "nearest", READING,
        f"On the Embeddings page at the end of training: which word's vector points most "
        f"nearly the same way as the vector of “{word}” (highest cosine similarity)?",
        CHOICE, answer,
        f"The nearest word to “{word}” after step {run.steps_done:,} is “{answer}” "
        f"(cosine {near[0][1]:.2f}). Words that share contexts get pushed towards the same "
        "output vectors and so end up pointing alike.",
        options=options,
        evidence=Evidence("table", f"Nearest to “{word}” at the end",
                          rows=_nearest_rows(W, run.vocab, word)))


def _q_group(run: Run, rng, sets, avoid) -> Question | None:
    groups = word_sets.usable_groups((sets or {}).get("groups", {}), run.vocab)
    if not groups:
        return None
    candidates = [(name, w) for name, ws in groups.items() for w in ws]
    name, word = _pick(rng, candidates, avoid=[c for c in candidates if c[1] in avoid])
    W, _ = _final(run)
    top = similarity.nearest(W, run.vocab, word, k=1)[0][0]
    ok = top in groups[name]
    rows = tuple({**r, "in its group": r["word"] in groups[name]}
                 for r in _nearest_rows(W, run.vocab, word, 3))
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


def _q_start_loss(run: Run, rng) -> Question | None:
    if run.steps_done < 10:
        return None
    V, n = len(run.vocab), min(100, run.steps_done)
    start = _mean(run.losses[:n])
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


def _q_end_loss(run: Run, rng) -> Question | None:
    n = min(1000, run.steps_done)
    if n < 10:
        return None
    end = _mean(run.losses[-n:])
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


def _q_top_context(run: Run, rng, word: str) -> Question | None:
    vocab = run.vocab
    c = vocab.index(word)
    W, Wp = _final(run)
    probs = softmax(np.asarray(W[c], np.float64) @ np.asarray(Wp, np.float64).T)
    order = np.argsort(-probs, kind="stable")
    answer = vocab[order[0]]
    emp = distribution.empirical_row(distribution.sparse_pair_counts(run.pairs, len(vocab)), c)
    options = _choice_options(rng, answer, [vocab[j] for j in order[1:8]])
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


# -- predicting ------------------------------------------------------------------------------
def _q_loss_later(run: Run, rng) -> Question | None:
    gap, width = 1000, 200
    if run.steps_done < gap + width + 1:
        gap = run.steps_done // 3
        width = max(1, min(width, gap))
        if gap < 20:
            return None
    candidates = [n for n in (250, 500, 1000, 2000, 3000, 5000, 8000, 10000, 15000, 20000)
                  if width <= n <= run.steps_done - gap] or [width]
    n = int(_pick(rng, candidates))
    before, after = _mean(run.losses[n - width:n]), _mean(run.losses[n + gap - width:n + gap])
    lower = after < before
    x = np.arange(max(1, n - width), n + gap + 1)
    avg = moving_average(run.losses, width)[x - 1]
    thin = slice(None, None, max(1, len(x) // 300))
    return Question(
        "loss_later", PREDICTING,
        f"The average loss of the {width} steps up to step {n:,} is {before:.3f}. Will the "
        f"average of the {width} steps up to step {n + gap:,} be lower?",
        CHOICE, YES if lower else NO,
        f"It is {after:.3f}: {'lower' if lower else 'not lower'} ({after - before:+.3f}). "
        + ("Early in training, most steps still improve the model for the whole corpus."
           if lower else "Once the model is close to the corpus's own probabilities, the "
           "average only wanders around its floor: single pairs pull it back and forth."),
        options=(YES, NO),
        evidence=Evidence("line", f"Average of the last {width} losses, steps {x[0]:,}–{x[-1]:,}",
                          rows=tuple({"step": int(s), "average loss": float(a)}
                                     for s, a in zip(x[thin], avg[thin])),
                          x="step", y="average loss",
                          note=f"step {n:,}: {before:.3f} → step {n + gap:,}: {after:.3f}"))


def _step_effect(run: Run, step: int):
    state = run.step_state(step)
    W_after, Wp_after = state.W, state.W_prime
    after = softmax(np.asarray(W_after[state.center], np.float64)
                    @ np.asarray(Wp_after, np.float64).T)
    return state, np.asarray(state.probabilities, np.float64), after


def _direction(before: float, after: float) -> str:
    if abs(after - before) <= 1e-12 * max(1.0, abs(before)):
        return "It stays the same"
    return "It goes up" if after > before else "It goes down"


DIRECTIONS = ("It goes up", "It goes down", "It stays the same")


def _q_step_pair(run: Run, rng) -> list[Question]:
    if run.steps_done < 2:
        return []
    step = int(rng.integers(1, run.steps_done + 1))
    state, before, after = _step_effect(run, step)
    c, o, vocab = state.center, state.context, run.vocab
    cw, ow = vocab[c], vocab[o]
    others = [j for j in np.argsort(-before, kind="stable") if j != o]
    w = int(others[0])
    ww = vocab[w]
    rows = tuple({"context word": vocab[j], "role": role,
                  "P before the step": float(before[j]), "P after the step": float(after[j])}
                 for j, role in ((o, "true context"), (w, "other word")))
    ev = Evidence("table", f"Step {step:,}: center “{cw}”, context “{ow}”", rows=rows,
                  note=f"learning rate {run.config.lr:g}")
    own = _direction(before[o], after[o])
    other = _direction(before[w], after[w])
    return [
        Question(
            "step_own", PREDICTING,
            f"Step {step:,} trains on the pair (center “{cw}”, context “{ow}”); before it the "
            f"model gives P(“{ow}” | “{cw}”) = {before[o]:.4f}. What happens to that "
            "probability after this one SGD step?",
            CHOICE, own,
            f"It goes from {before[o]:.4f} to {after[o]:.4f}. The step moves the center vector "
            "towards the context's output vector and the context's output vector towards the "
            "center, which raises its score"
            + (" – unless the learning rate is so large that the step overshoots."
               if own != DIRECTIONS[0] else "."),
            options=DIRECTIONS, evidence=ev),
        Question(
            "step_other", PREDICTING,
            f"Same step {step:,}. Before it, “{ww}” is the model's most probable context of "
            f"“{cw}” other than “{ow}”, with P = {before[w]:.4f}. After the step, its "
            "probability …",
            CHOICE, other,
            f"It goes from {before[w]:.4f} to {after[w]:.4f}. The full softmax pushes every "
            "word other than the true context away from the center, in proportion to its "
            "probability, and probabilities must still sum to 1.",
            options=DIRECTIONS, evidence=ev),
    ]


RANK_BINS = (("1st: the model's top guess", 1, 1), ("2nd or 3rd", 2, 3),
             ("4th to 10th", 4, 10), ("Below 10th", 11, 10**9))


def _q_final_rank(run: Run, rng) -> Question | None:
    V = len(run.vocab)
    counts = distribution.sparse_pair_counts(run.pairs, V)
    frame = distribution.corpus_pairs(counts, run.vocab, limit=10)
    if frame.empty:
        return None
    row = frame.iloc[int(rng.integers(len(frame)))]
    c, o = int(row["center"]), int(row["context"])
    W, Wp = _final(run)
    log_q_c = kl.log_model_matrix(W[c:c + 1], Wp)[0]        # one row, never V×V
    rank = int(kl.ranks_of(log_q_c, np.int64(o)))
    counts_c = distribution.count_row(counts, c)
    emp_rank = int((counts_c > counts_c[o]).sum()) + 1
    answer = next(label for label, lo, hi in RANK_BINS if lo <= rank <= hi)
    cw, ow = run.vocab[c], run.vocab[o]
    return Question(
        "final_rank", PREDICTING,
        f"In the corpus, “{ow}” is a context of “{cw}” in {int(row['count'])} of its "
        f"{int(counts_c.sum())} pairs (rank {emp_rank} among its contexts). Among all {V} "
        f"words, where will the trained model rank “{ow}” as a context of “{cw}” at the end?",
        CHOICE, answer,
        f"At step {run.steps_done:,} the model ranks it {rank} (P = {np.exp(log_q_c[o]):.3f}; "
        f"corpus P = {row['empirical_p']:.3f}). A well-trained model copies the corpus's "
        "ranking; a short run or a small dimension d may not yet.",
        options=tuple(label for label, _, _ in RANK_BINS),
        evidence=Evidence("table", f"“{cw}” → “{ow}” at the end", rows=(
            {"": "rank", "corpus": emp_rank, "model": rank},
            {"": "probability", "corpus": round(float(row["empirical_p"]), 4),
             "model": round(float(np.exp(log_q_c[o])), 4)})))


def _q_neighbour_stays(run: Run, rng, word: str) -> Question | None:
    if len(run.steps) < 3 or len(run.vocab) < 3:
        return None
    target = max(1, run.steps_done // 10)
    i = int(np.searchsorted(run.steps, target))
    i = min(max(i, 1), len(run.steps) - 2)
    step = int(run.steps[i])
    early = similarity.nearest(run.W[i], run.vocab, word, k=1)[0][0]
    late = similarity.nearest(run.W[-1], run.vocab, word, k=1)[0][0]
    stays = early == late
    return Question(
        "neighbour_stays", PREDICTING,
        f"After step {step:,} the nearest neighbour of “{word}” is “{early}”. Will it still be "
        f"its nearest neighbour after the last step ({run.steps_done:,})?",
        CHOICE, YES if stays else NO,
        f"At the end the nearest neighbour is “{late}”. "
        + ("Early neighbours often reflect the random start; training keeps moving words until "
           "words with similar contexts point alike." if not stays else
           "This word found its place early; later steps mostly lengthen its vector rather "
           "than turn it."),
        options=(YES, NO),
        evidence=Evidence("table", f"Nearest to “{word}”", rows=tuple(
            {"after step": s, **r} for s, W in ((step, run.W[i]), (run.steps_done, run.W[-1]))
            for r in _nearest_rows(W, run.vocab, word, 3))))


CLOSER, APART = "Towards it: their cosine goes up", "Away from it: their cosine goes down"


def _q_step_move(run: Run, rng) -> Question | None:
    """Where the center word moves in one step, measured against the context's own W row."""
    if run.steps_done < 2:
        return None
    step = int(rng.integers(1, run.steps_done + 1))
    state = run.step_state(step)
    c, o, vocab = state.center, state.context, run.vocab
    if c == o:
        return None
    before = state.cosine_center_context
    after = cosine(state.W[c], state.W[o])
    cw, ow = vocab[c], vocab[o]
    return Question(
        "step_move", PREDICTING,
        f"Step {step:,} trains on (center “{cw}”, context “{ow}”). Does the vector of “{cw}” "
        f"(its row of W) turn towards the vector of “{ow}” (its row of W) or away from it? "
        f"Before the step their cosine is {before:.3f}.",
        CHOICE, CLOSER if after > before else APART,
        f"After the step the cosine is {after:.3f}. The step moves v_c by "
        f"η·(u_o − Σ P(w|c)·u_w): towards the context's output vector u_o (a row of W′), not "
        f"towards its own embedding v_o. Words end up near each other (on the map, too) because they "
        f"share contexts, which pull them towards the same output vectors; Step internals → "
        f"Forces on the map draws this step's arrows.",
        options=(CLOSER, APART),
        evidence=Evidence("table", f"Step {step:,}: cos(v_“{cw}”, v_“{ow}”)", rows=(
            {"": "before the step", "cosine": round(before, 4)},
            {"": "after the step", "cosine": round(after, 4)})))


def make_quiz(run: Run, sets: dict | None = None) -> list[Question]:
    """About 15 questions in the order of TIERS; the same run always gives the same quiz."""
    rng = quiz_rng(run)
    words = _focus_words(run, sets)
    w1 = _pick(rng, words)
    w2 = _pick(rng, words, avoid=[w1])
    w3 = _pick(rng, run.vocab if len(words) < 3 else words, avoid=[w1, w2])
    questions = [
        _q_parameters(run, rng), _q_uniform(run, rng), _q_sentence_pairs(run, rng),
        _q_rows_updated(run, rng), _q_floor(run, rng),
        _q_start_loss(run, rng), _q_end_loss(run, rng), _q_nearest(run, rng, w1),
        _q_group(run, rng, sets, avoid=[w1]), _q_top_context(run, rng, w2),
        _q_loss_later(run, rng), *_q_step_pair(run, rng), _q_final_rank(run, rng),
        _q_neighbour_stays(run, rng, w3), _q_step_move(run, rng),
    ]
    return [q for q in questions if q is not None]
