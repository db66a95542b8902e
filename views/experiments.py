"""The Experiments page's tables: the sweep's loss curves, results and final maps."""
from __future__ import annotations

import numpy as np
import pandas as pd

from w2v.experiments import format_value

from .groups import group_of


def sweep_loss_frame(curves: list[tuple[str, np.ndarray, np.ndarray, str]]) -> pd.DataFrame:
    """(value label, steps, smoothed loss, status) per run → one long table."""
    parts = [pd.DataFrame({"value": label, "step": steps, "loss": loss, "status": status})
             for label, steps, loss, status in curves]
    if not parts:
        return pd.DataFrame(columns=["value", "step", "loss", "status"])
    return pd.concat(parts, ignore_index=True)


def results_frame(rows: list[dict], param: str, for_display: bool = True) -> pd.DataFrame:
    """Summary rows (w2v.experiments.job_row) → the results table, one row per run.

    For display, a diverged run's final loss (the mean of its last finite, astronomically
    large losses) is left blank: its status says what happened. The CSV keeps the number.
    """
    def loss(r):
        if for_display and r.get("diverged_at") is not None:
            return None
        return r.get("final_loss")
    # Runs of both objectives: each loss on its own scale, beside its untrained value.
    own_scale = param == "objective"

    return pd.DataFrame([{
        param: format_value(param, r["value"]) if for_display else r["value"],
        "final loss": loss(r),
        **({"untrained loss": r.get("chance_loss")} if own_scale else {}),
        "neighbour quality": r.get("neighbour_quality"),
        "analogy accuracy": r.get("analogy_accuracy"),
        "steps trained": r.get("steps_done"),
        "diverged at": r.get("diverged_at"),
        "status": r.get("status"),
        "seconds": r.get("seconds"),
    } for r in rows], columns=[param, "final loss", *(["untrained loss"] if own_scale else []),
                               "neighbour quality", "analogy accuracy", "steps trained",
                               "diverged at", "status", "seconds"])


def scatter_frame(coords: np.ndarray, vocab: list[str], groups: dict) -> pd.DataFrame:
    """A run's final 2-D positions: word, x, y, group."""
    return pd.DataFrame({"word": vocab, "x": coords[:, 0].astype(float),
                         "y": coords[:, 1].astype(float), "group": group_of(vocab, groups)})
