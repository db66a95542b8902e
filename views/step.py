"""Tables the Embeddings and Step internals pages draw: pure pandas/NumPy, no Streamlit.

Every function takes a finished `Run` (or one `StepState`) and returns a small DataFrame or
dict; words stay data (never formatted into markup) so a page can show them safely.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from w2v.forces import NOISE, StepForces
from w2v.run import Run, StepState

# Roles a word can play in a step's charts (the order is the legend's).
CONTEXT, CENTER, TOP, OTHER = "true context", "center", "top guess", "other"
NOISE_WORD = "noise word"          # negative sampling: one of the step's k sampled words


def forward_steps(run: Run) -> list[int]:
    """Recorded steps that have a forward pass (step 0 is the initial weights: none)."""
    return [int(s) for s in run.steps if s >= 1]


def neighbour_steps(steps: list[int], step: int) -> tuple[int | None, int | None]:
    """The recorded steps just before and just after `step` (None at either end)."""
    arr = np.asarray(steps)
    i = int(np.searchsorted(arr, step, side="left"))
    prev = int(arr[i - 1]) if i > 0 else None
    j = int(np.searchsorted(arr, step, side="right"))
    nxt = int(arr[j]) if j < len(arr) else None
    return prev, nxt


def nearest_step(steps: list[int], step: int) -> int:
    """The recorded step closest to `step` (ties go to the earlier one)."""
    arr = np.asarray(steps)
    return int(arr[np.argmin(np.abs(arr - step))])


def snap_step(steps: list[int], remembered) -> int:
    """A remembered choice (any value, or None) moved onto these recorded steps; the first
    step when there is nothing usable to snap."""
    try:
        return nearest_step(steps, int(remembered))
    except (TypeError, ValueError):
        return steps[0]


def frame_pair(run: Run, step: int) -> dict:
    """The pair and loss of one step, or Nones for step 0 (the initial weights)."""
    if step < 1:
        return {"step": 0, "center": None, "context": None, "loss": None}
    c, o = int(run.centers[step - 1]), int(run.contexts[step - 1])
    return {"step": int(step), "center": run.vocab[c], "context": run.vocab[o],
            "loss": float(run.losses[step - 1])}


def probability_table(state: StepState, vocab: list[str], top_k: int = 5,
                      limit: int | None = None) -> pd.DataFrame:
    """One row per word, sorted by probability (descending): word, probability, logit, rank, role.

    role: the true context, else one of the model's top_k guesses, else other; the center
    word is marked too (the softmax does score it). `limit`: keep only the `limit` most
    probable words plus the true context and the center (None: every word).
    """
    probs = np.asarray(state.probabilities, dtype=float)
    order = np.argsort(-probs, kind="stable")
    rank = np.empty(len(probs), dtype=int)
    rank[order] = np.arange(1, len(probs) + 1)
    roles = np.full(len(probs), OTHER, dtype=object)
    roles[rank <= top_k] = TOP
    roles[state.center] = CENTER
    roles[state.context] = CONTEXT
    if limit is not None and limit < len(probs):
        order = order[(rank[order] <= limit) | (order == state.center)
                      | (order == state.context)]
    df = pd.DataFrame({"word": [vocab[i] for i in order], "probability": probs[order],
                       "logit": np.asarray(state.logits, dtype=float)[order],
                       "rank": rank[order], "role": roles[order]})
    return df


def vector_table(values: np.ndarray, name: str = "value") -> pd.DataFrame:
    """A d-vector as rows (dim, value), dims numbered from 0."""
    values = np.asarray(values, dtype=float)
    return pd.DataFrame({"dim": np.arange(len(values)), name: values})


def force_terms(state: StepState) -> tuple[str, str]:
    """Names of the two terms of ∂L/∂v_c for this step's objective."""
    if state.objective == "negative":
        return "−(1−σ_o)·u_o", "Σ σ_k·u_k"
    return "−u_o", "Σ P·u_w"


def forces_table(state: StepState) -> pd.DataFrame:
    """Long table (dim, force, value) of the attractive pull −u_o and the repulsive push Σ P·u_w
    (negative sampling: −(1−σ_o)·u_o and Σ σ_k·u_k over the k noise words)."""
    a = -np.asarray(state.attractive_force, dtype=float)
    r = np.asarray(state.repulsive_force, dtype=float)
    d = len(a)
    pull, push = force_terms(state)
    return pd.DataFrame({
        "dim": np.concatenate([np.arange(d), np.arange(d)]),
        "force": [f"attractive  {pull}"] * d + [f"repulsive  {push}"] * d,
        "value": np.concatenate([a, r]),
    })


def negative_sampling_table(state: StepState, vocab: list[str]) -> pd.DataFrame:
    """The k + 1 words a negative-sampling step scores, one row per draw (slot: "o  word" for
    the context, "j  word" for the j-th draw, as a word may be drawn twice): the true context (target 1) and the k
    noise words (target 0), each with its score u·v_c, sigma σ(score), the weight of its force on v_c
    (1 − σ for the context, σ for a noise word) and its term of the loss.

    A draw of the context itself is skipped by the update (as word2vec.c does): weight 0."""
    o = state.context
    sig_o = float(state.context_score)
    score = np.asarray(state.logits, dtype=float)          # u_w·v_c for every word w
    rows = [{"slot": f"o  {vocab[o]}", "word": vocab[o], "role": CONTEXT, "target": 1,
             "score": score[o], "sigma": sig_o, "weight": 1 - sig_o,
             "loss_term": -float(np.log(sig_o))}]
    for j, (k, sig) in enumerate(zip(state.negatives.tolist(),
                                     np.asarray(state.negative_scores, float)), start=1):
        skipped = k == o
        rows.append({"slot": f"{j}  {vocab[k]}", "word": vocab[k], "role": NOISE_WORD, "target": 0,
                     "score": score[k], "sigma": float(sig),
                     "weight": 0.0 if skipped else float(sig),
                     "loss_term": 0.0 if skipped else -float(np.log1p(-sig))})
    return pd.DataFrame(rows)


def identity_table(state: StepState) -> tuple[pd.DataFrame, float]:
    """∂L/∂v_c = −u_o + Σ_w P(w|c)·u_w, dimension by dimension, with the step's own numbers.

    (Negative sampling: −(1−σ_o)·u_o + Σ_k σ_k·u_k, the columns named by force_terms.)
    Returns the table (dim, −u_o, Σ P·u_w, sum, grad_v_c, difference) and the largest
    absolute difference between the sum and the gradient the training used.
    """
    minus_uo = -np.asarray(state.attractive_force, dtype=float)
    push = np.asarray(state.repulsive_force, dtype=float)
    total = minus_uo + push
    grad = np.asarray(state.grad_v_c, dtype=float)
    diff = total - grad
    pull_name, push_name = force_terms(state)
    df = pd.DataFrame({"dim": np.arange(len(grad)), pull_name: minus_uo, push_name: push,
                       "sum": total, "grad_v_c": grad, "difference": diff})
    return df, float(np.max(np.abs(diff))) if len(diff) else 0.0


def heatmap_table(matrix: np.ndarray, vocab: list[str], center: int, context: int,
                  rows: list[int] | None = None) -> pd.DataFrame:
    """Long table (word, row, dim, value, role) of a V×d matrix for a rect heatmap.

    `row` keeps the vocabulary order for sorting the y axis; role marks the center's and the
    context's rows so a chart can outline them. `rows`: the vocabulary indices to include
    (None: every row); the center's and the context's rows are always included.
    """
    matrix = np.asarray(matrix, dtype=float)
    V, d = matrix.shape
    roles = np.full(V, OTHER, dtype=object)
    roles[center] = CENTER
    roles[context] = CONTEXT if context != center else CENTER
    index = (np.arange(V) if rows is None
             else np.asarray(sorted(set(rows) | {int(center), int(context)}), dtype=np.int64))
    n = len(index)
    return pd.DataFrame({
        "word": np.repeat(np.asarray(vocab, dtype=object)[index], d),
        "row": np.repeat(index, d),
        "dim": np.tile(np.arange(d), n),
        "value": matrix[index].reshape(-1),
        "role": np.repeat(roles[index], d),
    })


def step_summary(state: StepState, vocab_size: int) -> dict:
    """The headline numbers of a step, plus the loss a uniform guess would have (log V)."""
    return {
        "step": state.step, "center": state.center_word, "context": state.context_word,
        "loss": float(state.loss), "uniform_loss": float(np.log(vocab_size)),
        "rank": int(state.context_rank), "probability": float(state.context_prob),
        "uniform_probability": 1.0 / vocab_size,
        "cosine": float(state.cosine_center_context),
        "grad_norm": float(np.linalg.norm(state.grad_v_c)),
    }


def force_map_points(positions: np.ndarray, state: StepState, vocab: list[str],
                     top_k: int = 5, rows: list[int] | None = None) -> pd.DataFrame:
    """Every word on the map at the start of a step: word, x, y, role, label, probability.

    `positions` is (V, 2) (see `w2v.forces.positions_before`). label is the word for the center,
    the true context and the model's top_k guesses (for negative sampling: the noise words, the
    only others the step scored), empty otherwise. `rows`: the vocabulary
    indices to include (None: every word); the labelled words are always included.
    """
    probs = np.asarray(state.probabilities, dtype=float)
    order = np.argsort(-probs, kind="stable")
    roles = np.full(len(probs), OTHER, dtype=object)
    if state.objective == "negative":     # the words this step scored: the noise words
        roles[state.negatives] = NOISE_WORD
    else:
        roles[order[:top_k]] = TOP
    roles[state.center] = CENTER
    roles[state.context] = CONTEXT
    words = np.asarray(vocab, dtype=object)
    xy = np.asarray(positions, dtype=float)
    frame = pd.DataFrame({"word": words, "x": xy[:, 0], "y": xy[:, 1], "role": roles,
                          "label": np.where(roles == OTHER, "", words), "probability": probs})
    if rows is None:
        return frame
    keep = sorted(set(rows) | {int(i) for i in np.flatnonzero(roles != OTHER)})
    return frame.iloc[keep].reset_index(drop=True)


def force_arrows_table(forces: StepForces, scale: float = 1.0,
                       words: list[str] | None = None) -> pd.DataFrame:
    """One row per arrow from v_c's map position: arrow, word (the noise word of a NOISE arrow,
    else empty), x, y, x2, y2 (tip, drawn ×scale), and the unscaled dx, dy and length in map
    units. A negative-sampling step adds one NOISE row per noise word (`words`: the vocab)."""
    x, y = (float(v) for v in forces.start)

    def row(name, vec, word=""):
        dx, dy = (float(v) for v in vec)
        return {"arrow": name, "word": word, "x": x, "y": y, "x2": x + scale * dx,
                "y2": y + scale * dy, "dx": dx, "dy": dy, "length": float(np.hypot(dx, dy)),
                "scale": scale}

    rows = [row(name, vec) for name, vec in forces.arrows().items()]
    rows += [row(NOISE, vec, words[k] if words else str(k))
             for k, vec in zip(forces.negatives.tolist(), forces.noise)]
    return pd.DataFrame(rows)
