"""The Model vs corpus page's tables: the KL curve, thinned to a drawable number of steps."""
from __future__ import annotations

import numpy as np
import pandas as pd

MAX_LINE_STEPS = 500    # steps drawn per line over training: thousands made Vega slow to draw


def thin_steps(frame: pd.DataFrame, keep=(), max_steps: int = MAX_LINE_STEPS) -> pd.DataFrame:
    """The rows of at most about `max_steps` distinct steps, evenly spaced over the step axis
    (the recorded step nearest to each of max_steps equally spaced targets), plus the first,
    the last and every step in `keep` that the frame has. Unchanged when it has few steps."""
    steps = np.unique(frame["step"].to_numpy())
    if len(steps) <= max_steps:
        return frame
    targets = np.linspace(steps[0], steps[-1], max_steps)
    right = np.clip(np.searchsorted(steps, targets), 1, len(steps) - 1)
    nearest = np.where(targets - steps[right - 1] <= steps[right] - targets, right - 1, right)
    kept = np.intersect1d(steps, np.asarray(list(keep), dtype=steps.dtype))
    chosen = np.union1d(np.union1d(steps[nearest], kept), [steps[0], steps[-1]])
    return frame[frame["step"].isin(chosen)].reset_index(drop=True)


def kl_frame(steps, weighted, per_word, word: str) -> pd.DataFrame:
    """Long table step, series, KL for the KL chart."""
    return pd.concat([
        pd.DataFrame({"step": steps, "series": "average over centers (weighted)",
                      "KL": weighted}),
        pd.DataFrame({"step": steps, "series": f"center: {word}", "KL": per_word}),
    ], ignore_index=True)


def drawn_note(drawn: pd.DataFrame, total: int) -> str:
    """' Lines drawn through n of the m steps …' when the lines were thinned, else ''."""
    shown = drawn["step"].nunique()
    return ("" if shown == total else
            f" Lines drawn through {shown:,} of the {total:,} recorded steps, evenly spaced (the "
            "chosen step included).")
