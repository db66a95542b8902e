"""Curves over training steps: smoothing and thinning, shared by every page and file that draws one.

A run has up to hundreds of thousands of steps; a chart needs a few thousand points at most.
"""
import numpy as np


def moving_average(values: np.ndarray, window: int) -> np.ndarray:
    """Trailing mean over up to `window` values (shorter at the start), same length as input."""
    values = np.asarray(values, dtype=np.float64)
    if len(values) == 0:
        return values
    window = max(1, min(window, len(values)))
    c = np.concatenate([[0.0], np.cumsum(values)])
    idx = np.arange(1, len(values) + 1)
    lo = np.maximum(0, idx - window)
    return (c[idx] - c[lo]) / (idx - lo)


def even_indices(n: int, max_points: int | None) -> np.ndarray:
    """At most about `max_points` of the indices 0..n-1, evenly spaced, first and last included."""
    if max_points is None or n <= max_points:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, max(2, max_points)).round().astype(np.int64))


def with_step(steps: np.ndarray, values: list[np.ndarray], step: int,
              at_step: list[float]) -> tuple[np.ndarray, list[np.ndarray]]:
    """Curves sampled at `steps`, with the point (`step`, at_step[i]) added to curve i when
    `step` is not one of `steps` (kept sorted by step): a thinned curve passes through the
    exact value at a chosen step."""
    steps = np.asarray(steps)
    k = int(np.searchsorted(steps, step))
    if k < len(steps) and int(steps[k]) == int(step):
        return steps, [np.asarray(v) for v in values]
    return (np.insert(steps, k, step),
            [np.insert(np.asarray(v, dtype=np.float64), k, x) for v, x in zip(values, at_step)])
