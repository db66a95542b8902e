"""How the vectors change over training: the same questions at milestone steps, and when
each word settles.

Weights are read at milestone steps: fixed landmarks of a default run, each snapped to the
latest recorded step at or before it, plus the run's last step.
"""
import numpy as np

from ..run import Run
from .word_sets import analogy_results
from .similarity import nearest, unit_rows

MILESTONES = (0, 100, 1000, 5000, 10000)

# A word has settled once its vector points within ~18° of where it ends (cosine ≥ 0.95).
# Direction, not length, is what neighbours, analogies and the PCA picture depend on, and
# softmax training keeps lengthening vectors long after their direction is fixed.
CONVERGED_COSINE = 0.95


def milestones(run: Run, landmarks=MILESTONES) -> list[int]:
    """Recorded steps to compare over training: landmarks inside the run, then its last step."""
    last = int(run.steps[-1])
    snapped = {int(run.steps[np.searchsorted(run.steps, s, side="right") - 1])
               for s in landmarks if s < last}
    return sorted(snapped | {last})


def W_at(run: Run, step: int) -> np.ndarray:
    """The W recorded after `step` (a recorded step)."""
    return run.W[run.index_of(step)]


def nearest_over_training(run: Run, word: str, steps: list[int],
                          k: int) -> list[tuple[int, list[tuple[str, float]]]]:
    """(step, the k nearest words with their cosines) after each of `steps`."""
    return [(s, nearest(W_at(run, s), run.vocab, word, k)) for s in steps]


def analogies_over_training(run: Run, analogies: list[list[str]],
                            steps: list[int]) -> list[tuple[int, list[dict]]]:
    """(step, analogy_results) after each of `steps`."""
    return [(s, analogy_results(W_at(run, s), run.vocab, analogies)) for s in steps]


def convergence_steps(steps: np.ndarray, W: np.ndarray,
                      min_cosine: float = CONVERGED_COSINE, chunk: int = 64) -> np.ndarray:
    """Per word, the first recorded step from which its row stays at cosine ≥ min_cosine
    to its final row (W is R×V×d over the recorded `steps`; the last step always qualifies).

    Computed `chunk` recordings at a time, so a large run (R×V×d in float64 would be hundreds
    of MB for a book-length vocabulary) needs only a few small blocks.
    """
    R, V = np.shape(W)[:2]
    final = unit_rows(W[-1])
    # Index of the last recording still away from the final direction, -1 if none.
    last_away = np.full(V, -1, dtype=np.int64)
    for lo in range(0, R, chunk):
        cos = np.einsum("rvd,vd->rv", unit_rows(W[lo:lo + chunk]), final)   # (r, V)
        away = cos < min_cosine
        hit = away.any(axis=0)
        last_in_block = lo + len(away) - 1 - np.argmax(away[::-1], axis=0)
        last_away = np.where(hit, last_in_block, last_away)
    return np.asarray(steps)[last_away + 1]
