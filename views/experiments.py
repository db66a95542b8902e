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


def loss_domain(frame: pd.DataFrame, chance: float | None) -> tuple[float, float]:
    """The loss axis: the runs that trained (and the chance line), padded; a diverged curve
    shoots up by many orders of magnitude and must not squash the others."""
    trained = frame.loc[frame["status"] == "trained", "loss"]
    known = [float(trained.max())] if len(trained) else []
    known += [chance] if chance is not None else []
    lowest = [float(trained.min())] if len(trained) else []
    top = max(known) if known else 1.0
    bottom = min(lowest + known) if known else 0.0
    pad = max(0.05, 0.08 * (top - bottom))
    return max(0.0, bottom - pad), top + pad


def clip_curves(frame: pd.DataFrame, domain: tuple[float, float],
                param: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(curves, exits): each diverged curve cut where it leaves the top of the axis for good
    (its last point set on the edge), and one row per cut curve saying where: step, loss (the edge),
    label ("lr = 2: diverged at step 515") and label_y, a row of its own below the edge so
    that labels of curves that leave close together do not print over each other."""
    lo, hi = domain
    row = 0.075 * (hi - lo)
    kept, exits = [], []
    for value, curve in frame.groupby("value", sort=False):
        if (curve["status"] == "trained").all():
            kept.append(curve)
            continue
        # Where it leaves for good: after its last point inside the axis (an early wobble
        # above the top, near ln V, is not the divergence).
        inside = np.nonzero(((curve["loss"] <= hi) & np.isfinite(curve["loss"])).to_numpy())[0]
        stop = min(int(inside[-1]) + 1, len(curve) - 1) if len(inside) else 0
        curve = curve.iloc[:stop + 1].copy()
        curve.iloc[-1, curve.columns.get_loc("loss")] = min(float(curve["loss"].iloc[-1]), hi)
        if not np.isfinite(curve["loss"].iloc[-1]):
            curve.iloc[-1, curve.columns.get_loc("loss")] = hi
        kept.append(curve)
        last = curve.iloc[-1]
        exits.append({"value": value, "step": last["step"], "loss": last["loss"],
                      "status": last["status"], "label": f"{param} = {value}: {last['status']}"})
    exits = pd.DataFrame(exits, columns=["value", "step", "loss", "status", "label"])
    exits = exits.sort_values("step", kind="stable").reset_index(drop=True)
    exits["label_y"] = hi - row * (np.arange(len(exits)) + 1)
    curves = pd.concat(kept, ignore_index=True) if kept else frame.iloc[:0]
    return curves, exits


def run_ends(frame: pd.DataFrame) -> pd.DataFrame:
    """The last point of every trained curve, when the runs end at different steps (a steps
    sweep): a shorter run of the same seed lies on the longer one, so its end is marked."""
    ends = frame[frame["status"] == "trained"].groupby("value", sort=False).tail(1)
    if ends["step"].nunique() < 2:
        return ends.iloc[:0].assign(label=[])
    return ends.assign(label=[f"{v} ends" for v in ends["value"]])


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
