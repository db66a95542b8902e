"""Hyperparameter sweeps: the seed's "Experiments to try", and any one-knob sweep of your own.

A sweep changes one setting of a base TrainConfig (the sidebar's) over a few values and keeps
everything else, so the run whose value equals the base is the very same run (same cache key)
the other pages show. This module only builds configurations and summarises finished runs;
training goes through the app's job registry like every other run.

No Streamlit here: pure functions, testable without a server.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Callable

import numpy as np

from .analysis import word_sets
from .budget import estimate_run_bytes
from .config import TrainConfig
from .run import Run
from .curves import even_indices, moving_average

FINAL_LOSS_STEPS = 1000      # final loss = mean of the last this-many steps (or all, if fewer)
SMOOTH_WINDOW = 200          # trailing moving average for the overlaid curves
CURVE_POINTS = 400           # points per smoothed curve sent to the browser
MAX_VALUES = 6               # values in one sweep
NEIGHBOUR_K = 3              # "neighbour quality": a same-group word among the top 3

# The settings a sweep may vary, with the type a value is parsed as.
SWEEPABLE: dict[str, type] = {"dim": int, "lr": float, "window": int, "steps": int,
                              "min_count": int, "seed": int}


# Settings only a preset sweeps (not offered to a custom sweep: their values are words).
PRESET_ONLY: dict[str, type] = {"objective": str}


@dataclass(frozen=True)
class Sweep:
    param: str
    values: tuple
    title: str
    lesson: str          # what the seed says to look for
    explanation: str = ""        # more to read before comparing (markdown), or nothing
    loss_comparable: bool = True  # whether the runs' losses are on one scale

    @property
    def label(self) -> str:
        return f"{self.param} " + " / ".join(format_value(self.param, v) for v in self.values)


PRESETS: dict[str, Sweep] = {
    "dim": Sweep("dim", (4, 8, 16), "Embedding dimension",
                 "Fewer dimensions mean less capacity: 4 numbers per word may not be enough to "
                 "keep every topic apart, while 16 usually separates them better."),
    "lr": Sweep("lr", (0.01, 0.1, 0.5), "Learning rate",
                "Too small and the model barely learns in the steps it has; too large and the "
                "steps overshoot (the loss may even stop being a number). 0.1 suits this corpus."),
    "window": Sweep("window", (2, 3, 5), "Context window",
                    "A wider window counts words further apart as context: neighbours become "
                    "more about topic, a narrow window more about word type."),
    "steps": Sweep("steps", (5000, 15000, 25000), "Training steps",
                   "The loss falls fast at first and then flattens: compare how much the extra "
                   "10,000 steps still buy."),
    "objective": Sweep(
        "objective", ("softmax", "negative"), "Objective",
        "Full softmax against negative sampling on the same pairs in the same order: compare "
        "neighbour quality, analogies and time, not the losses.",
        explanation=(
            "Both runs train the same two matrices W and W′ from the same initial weights on "
            "the same (center, context) pairs in the same order; only the loss differs. Full "
            "softmax minimises −log P(o | c), one choice among all V words: it starts near "
            "log V and cannot fall below what the corpus itself leaves uncertain. Negative "
            "sampling minimises −log σ(u_o·v_c) − Σ_k log σ(−u_k·v_c), k + 1 yes/no guesses "
            "against noise words drawn at random: it starts near (k+1)·log 2 and depends on "
            "which noise words each step drew. The two numbers measure different things, so "
            "**their losses are not on one scale**: a lower loss in one run does not make it "
            "the better model. What is comparable is what the vectors are for: **neighbour "
            "quality** and **analogy accuracy** (the same test on each run's W) and the "
            "**training time** (seconds). On a small vocabulary a softmax step is cheap; the "
            "saving of negative sampling, (k+1)·d instead of V·d a step, grows with V."),
        loss_comparable=False),
}


def format_value(param: str, value) -> str:
    if PRESET_ONLY.get(param) is str:
        return str(value)
    if SWEEPABLE.get(param) is float:
        return f"{value:g}"
    return f"{int(value):,}" if param == "steps" else str(int(value))


def parse_values(param: str, text: str) -> list:
    """'2, 4, 8' → [2, 4, 8] for `param`: ValueError naming the first value that is not one.

    Duplicates are dropped (first kept), order is kept; at most MAX_VALUES values.
    """
    if param not in SWEEPABLE:
        raise ValueError(f"{param!r} cannot be swept; choose one of {', '.join(SWEEPABLE)}")
    kind = SWEEPABLE[param]
    values = []
    for raw in text.replace(";", ",").replace(" ", ",").split(","):
        raw = raw.strip().replace("_", "")
        if not raw:
            continue
        try:
            number = float(raw)
        except ValueError:
            raise ValueError(f"{raw!r} is not a number") from None
        if not math.isfinite(number):
            raise ValueError(f"{raw!r} is not a finite number")
        if kind is int:
            if not number.is_integer():
                raise ValueError(f"{param} takes whole numbers ({raw!r} is not one)")
            number = int(number)
        if number not in values:
            values.append(number)
    if not values:
        raise ValueError("give at least one value, separated by commas")
    if len(values) > MAX_VALUES:
        raise ValueError(f"at most {MAX_VALUES} values in one sweep (got {len(values)})")
    return values


def sweep_configs(base: TrainConfig, param: str, values) -> list[TrainConfig]:
    """One configuration per value: `base` with only `param` changed (ValueError if invalid)."""
    kinds = {**SWEEPABLE, **PRESET_ONLY}
    if param not in kinds:
        raise ValueError(f"{param!r} cannot be swept; choose one of {', '.join(SWEEPABLE)}")
    kind = kinds[param]
    configs = []
    for v in values:
        config = replace(base, **{param: kind(v)})   # TrainConfig validates in __post_init__
        if config not in configs:
            configs.append(config)
    return configs


def sweep_bytes(configs: list[TrainConfig], vocab_size: Callable[[int], int]) -> int:
    """Bytes the sweep's finished runs will hold (W and W′ recordings, as budget.plan adapts
    them); `vocab_size(min_count)` gives the corpus's vocabulary under a min_count."""

    return sum(estimate_run_bytes(c, vocab_size(c.min_count)) for c in configs)


def too_big(total: int, registry_bytes: int) -> str | None:
    """Why a sweep cannot be kept by the shared registry (more than half its budget), or None.

    The registry keeps finished runs for everyone within `registry_bytes`; a sweep larger than
    half of it would push its own first runs out, and the page would train them again."""
    if total <= registry_bytes // 2:
        return None
    mb = 1024 * 1024
    return (f"This sweep would keep about {total / mb:,.0f} MB of training state; the server "
            f"keeps {registry_bytes / mb:,.0f} MB of runs for everybody, so it allows "
            f"{registry_bytes // 2 / mb:,.0f} MB for one sweep. Use fewer values, fewer "
            f"steps, a smaller dim, or a larger record_interval.")


def final_loss(losses: np.ndarray, last: int = FINAL_LOSS_STEPS) -> float | None:
    """Mean loss of the last `last` steps (fewer if the run is shorter); None for no steps."""
    losses = np.asarray(losses, dtype=np.float64)
    if len(losses) == 0:
        return None
    return float(losses[-last:].mean())


def summarise(run: Run, sets: dict | None = None, param: str | None = None) -> dict:
    """One results row: the swept value, final loss, neighbour quality, analogy accuracy.

    A diverged run is summarised from its last finite weights; `diverged_at` says where it
    stopped (None when it trained to the end).
    """
    row = {}
    if param is not None:
        row["param"] = param
        row["value"] = getattr(run.config, param)
    row.update({
        "final_loss": final_loss(run.losses),
        **word_sets.scores(run.W[-1], run.vocab, sets, k=NEIGHBOUR_K),
        "chance_loss": chance_loss(run),
        "steps_done": run.steps_done,
        "pairs": len(run.pairs),
        "diverged_at": run.diverged_at,
        "status": status(run.diverged_at),
    })
    return row


def chance_loss(run: Run) -> float:
    """The loss of an untrained model (every score 0): log V for full softmax, (k+1)·log 2 for
    negative sampling (σ(0) = ½ for the context and each of the k noise words)."""
    if run.config.objective == "negative":
        return (run.config.negatives + 1) * math.log(2)
    return math.log(len(run.vocab))


def status(diverged_at: int | None) -> str:
    return "trained" if diverged_at is None else f"diverged at step {diverged_at:,}"


def smoothed_loss(losses: np.ndarray, window: int = SMOOTH_WINDOW,
                  max_points: int = CURVE_POINTS) -> tuple[np.ndarray, np.ndarray]:
    """(steps, trailing moving average of the loss), thinned to at most max_points points.

    The last step is always kept, so a curve ends where its run ended (or diverged).
    """
    losses = np.asarray(losses, dtype=np.float64)
    n = len(losses)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    average = moving_average(losses, window)
    steps = np.arange(1, n + 1)
    if n > max_points:
        keep = even_indices(n, max_points)
        steps, average = steps[keep], average[keep]
    return steps, average


def job_row(job, sets: dict | None, param: str) -> dict:
    """The results row of a finished app.jobs.Job: summarise() of its run, or why it failed.

    A failed job (e.g. settings the server refuses) still gives a row, so a sweep's table
    always has one row per value.
    """
    if job.error is not None or job.run is None:
        reason = str(job.error) if job.error is not None else "no result"
        return {"param": param, "value": getattr(job.config, param), "final_loss": None,
                "neighbour_quality": None, "analogy_accuracy": None, "chance_loss": None,
                "steps_done": 0, "pairs": None, "diverged_at": None,
                "status": f"failed: {reason}",
                "seconds": job.seconds}
    row = summarise(job.run, sets, param)
    row["seconds"] = job.seconds
    return row
