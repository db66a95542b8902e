"""Questions that ask for a prediction first: the loss later on, one step's effect on
probabilities and vectors, the final rank of a pair, whether a neighbour stays."""
from __future__ import annotations

import numpy as np

from ..analysis import distribution, kl, similarity
from ..curves import moving_average
from ..model import cosine, softmax
from ..run import Run
from .draw import final_weights, mean, nearest_rows, pick
from .question import CHOICE, NO, PREDICTING, YES, Evidence, Question


def loss_later(run: Run, rng) -> Question | None:
    gap, width = 1000, 200
    if run.steps_done < gap + width + 1:
        gap = run.steps_done // 3
        if gap < 20:
            return None
        width = min(width, gap)
    # Every candidate is above width (≤ 200), so a whole window of losses ends at it.
    candidates = [n for n in (250, 500, 1000, 2000, 3000, 5000, 8000, 10000, 15000, 20000)
                  if n <= run.steps_done - gap] or [width]
    n = int(pick(rng, candidates))
    before, after = mean(run.losses[n - width:n]), mean(run.losses[n + gap - width:n + gap])
    lower = after < before
    floor = distribution.corpus_floor(distribution.sparse_pair_counts(run.pairs, len(run.vocab)))
    x = np.arange(max(1, n - width), n + gap + 1)
    avg = moving_average(run.losses, width)[x - 1]
    thin = slice(None, None, max(1, len(x) // 300))
    return Question(
        "loss_later", PREDICTING,
        f"The average loss of the {width} steps up to step {n:,} is {before:.3f}. Will the "
        f"average of the {width} steps up to step {n + gap:,} be lower?",
        CHOICE, YES if lower else NO,
        f"It is {after:.3f}: {'lower' if lower else 'not lower'} ({after - before:+.3f}). "
        + loss_gap_note(after, floor, run.config.objective),
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


def step_pair(run: Run, rng) -> list[Question]:
    if run.steps_done < 2:
        return []
    step = int(rng.integers(1, run.steps_done + 1))
    state, before, after = _step_effect(run, step)
    c, o, vocab = state.center, state.context, run.vocab
    cw, ow = vocab[c], vocab[o]
    # The most probable word other than the true context (the first of equals).
    w = int(np.argmax(np.where(np.arange(len(before)) == o, -np.inf, before)))
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


def final_rank(run: Run, rng) -> Question | None:
    V = len(run.vocab)
    counts = distribution.sparse_pair_counts(run.pairs, V)
    frame = distribution.corpus_pairs(counts, run.vocab, limit=10)
    if frame.empty:
        return None
    row = frame.iloc[int(rng.integers(len(frame)))]
    c, o = int(row["center"]), int(row["context"])
    W, Wp = final_weights(run)
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


def loss_gap_note(average: float, floor: float, objective: str) -> str:
    """Single pairs pull the average back and forth; how far it still is from the best
    possible loss says whether there was much left to gain (the full softmax's floor only)."""
    note = "Single pairs pull the average back and forth."
    if objective != "softmax":
        return note
    return (note + f" The average is {average - floor:.2f} above the best possible loss, "
            f"H = {floor:.2f} (Model vs corpus).")


def neighbour_stays(run: Run, rng, word: str) -> Question | None:
    if len(run.steps) < 3 or len(run.vocab) < 3:
        return None
    target = max(1, run.steps_done // 10)
    i = int(np.searchsorted(run.steps, target))
    i = min(max(i, 1), len(run.steps) - 2)
    step = int(run.steps[i])
    early = similarity.nearest(run.W[i], run.vocab, word, k=1)[0][0]
    late = similarity.nearest(run.W[-1], run.vocab, word, k=1)[0][0]
    stays = early == late
    v = run.vocab.index(word)
    turned = cosine(run.W[i][v], run.W[-1][v])
    return Question(
        "neighbour_stays", PREDICTING,
        f"After step {step:,} the nearest neighbour of “{word}” is “{early}”. Will it still be "
        f"its nearest neighbour after the last step ({run.steps_done:,})?",
        CHOICE, YES if stays else NO,
        f"At the end the nearest neighbour is “{late}”. "
        + ("Early neighbours often reflect the random start; training keeps moving words until "
           "words with similar contexts point alike." if not stays else
           "This word found its neighbour early.")
        + f" Its own vector after step {step:,} and at the end have cosine {turned:.2f}.",
        options=(YES, NO),
        evidence=Evidence("table", f"Nearest to “{word}”", rows=tuple(
            {"after step": s, **r} for s, W in ((step, run.W[i]), (run.steps_done, run.W[-1]))
            for r in nearest_rows(W, run.vocab, word, 3))))


CLOSER, APART = "Towards it: their cosine goes up", "Away from it: their cosine goes down"


def step_move(run: Run, rng) -> Question | None:
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
    if after == before:     # the step left v_c where it was (its gradient vanished): no move
        return None
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
