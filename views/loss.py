"""The Loss curve page: where the loss started, where it ended, and chance (ln V)."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from w2v import curves

MAX_LOSS_POINTS = 3_000      # loss dots drawn, evenly spaced steps (more made Vega slow to draw)
LOSS_BUCKETS = 400           # slices of the min–max band and points of the average line
MAX_EPOCH_RULES = 40

@dataclass(frozen=True)
class LossSummary:
    first_mean: float    # mean loss of the first `first` steps
    last_mean: float     # mean loss of the last `last` steps
    chance: float        # ln V: the loss of a uniform guess over the vocabulary
    first: int
    last: int


def shown(x: float) -> str:
    """A loss as a metric shows it: three decimals, or scientific once it has blown up."""
    return f"{x:.3f}" if abs(x) < 1e4 else f"{x:.2e}"


def loss_summary(losses: np.ndarray, vocab_size: int, first: int = 100,
                 last: int = 1000) -> LossSummary:
    losses = np.asarray(losses)
    f, l_ = min(first, len(losses)), min(last, len(losses))
    nan = float("nan")
    return LossSummary(float(losses[:f].mean()) if f else nan,
                       float(losses[-l_:].mean()) if l_ else nan,
                       math.log(vocab_size), f, l_)


def loss_frame(losses: np.ndarray, average_window: int = 200,
               max_points: int = MAX_LOSS_POINTS) -> pd.DataFrame:
    """step, loss, moving average; thinned to about max_points evenly spaced rows (the last
    step always kept) for the dot cloud. The average is computed over every step first."""
    losses = np.asarray(losses, dtype=np.float64)
    frame = pd.DataFrame({"step": np.arange(1, len(losses) + 1), "loss": losses,
                          "average": curves.moving_average(losses, average_window)})
    if len(frame) > max_points:   # a fixed stride: the dots sit exactly evenly apart
        stride = int(np.ceil(len(frame) / max_points))
        keep = np.unique(np.r_[np.arange(0, len(frame), stride), len(frame) - 1])
        frame = frame.iloc[keep].reset_index(drop=True)
    return frame


def loss_band_frame(losses: np.ndarray, average_window: int = 200,
                    buckets: int = LOSS_BUCKETS) -> pd.DataFrame:
    """The run cut into at most `buckets` slices of consecutive steps, one row per slice:
    first and last step, the slice's lowest and highest loss (so every step's loss lies inside
    the band), and the moving average at the slice's last step (the line and its tooltips).
    `step` is the slice's last step (the final row ends on the run's last step)."""
    losses = np.asarray(losses, dtype=np.float64)
    n = len(losses)
    columns = ["step", "first", "low", "high", "average"]
    if n == 0:
        return pd.DataFrame({c: [] for c in columns})
    size = int(np.ceil(n / max(1, buckets)))
    starts = np.arange(0, n, size)
    ends = np.minimum(starts + size, n) - 1
    average = curves.moving_average(losses, average_window)
    return pd.DataFrame({
        "step": ends + 1, "first": starts + 1,
        "low": np.fmin.reduceat(losses, starts),       # fmin/fmax: a NaN does not hide the rest
        "high": np.fmax.reduceat(losses, starts),
        "average": average[ends]})


def epoch_boundaries(steps_done: int, epoch_length: int, epoch_starts=None) -> list[int]:
    """The last step of every epoch that has a next one within the run: k·epoch_length, or,
    when subsampling made the epochs uneven, the step before each epoch_starts entry."""
    if epoch_starts is not None:
        return [int(s) - 1 for s in epoch_starts[1:] if int(s) - 1 < steps_done]
    return list(range(epoch_length, steps_done, epoch_length)) if epoch_length > 0 else []


def epoch_frame(steps_done: int, epoch_length: int, max_rules: int = MAX_EPOCH_RULES,
                epoch_starts=None) -> pd.DataFrame:
    """Steps where a new epoch starts (see epoch_boundaries), at most max_rules of them."""
    bounds = epoch_boundaries(steps_done, epoch_length, epoch_starts)
    labels = [f"epoch {k + 2} starts" for k in range(len(bounds))]
    if len(bounds) > max_rules:
        every = int(np.ceil(len(bounds) / max_rules))
        bounds, labels = bounds[every - 1::every], labels[every - 1::every]
    return pd.DataFrame({"step": bounds, "epoch": labels})
