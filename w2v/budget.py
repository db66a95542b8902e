"""How much of a run to record so that it fits a memory budget: a pure policy, no Streamlit.

A run keeps W and W′ after each recorded step; the rest of any step is replayed from the
recording just before it (see run.py). Bytes grow with recordings × V × d, so a large
vocabulary (a book: V ≈ 5,000) at the default schedule (1,681 recordings) would need ~0.5 GB.
Instead of refusing it, the policy records less often:

1. the configured schedule if it fits (the curated corpus at the defaults: unchanged);
2. else the same dense start (every step up to dense_steps), then the smallest interval from
   NICE_INTERVALS (20, 25, 50, … 1,000) that fits;
3. else, at the coarsest interval, fewer dense steps (halved until 0);
4. else, for negative sampling only, with no dense start, longer nice intervals (2,000, 2,500,
   5,000, 10,000, …) as long as replaying one interval stays quick (REPLAY_SECONDS at the
   engine's estimated step time): a (k+1)·d step is so cheap that a long run may record every
   100,000th step; full softmax (V·d a step) keeps the seed's policy;
5. else refuse (RunTooLarge): even the coarsest schedule would not fit.

What is counted per run (estimated before training, from V and d only):
  recordings  2 × R × V × d × 4 bytes   (W and W′, float32)
  projection  R × V × 2 × 4 bytes       (the 2-D map every page shows, computed once per run)
  per step    steps × 12 bytes          (loss float32, center and context int32)
The window pairs (P × 8 bytes) depend on the text, not on the schedule, and are small.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MB = 1024 * 1024
RUN_BUDGET = 300 * MB                 # one run: recordings + projection + per-step arrays
NICE_INTERVALS = (20, 25, 50, 100, 200, 250, 500, 1000)
MAX_INTERVAL = NICE_INTERVALS[-1]     # the longest replay any run may be given
REPLAY_SECONDS = 0.5                  # longer intervals only while one replay stays this quick


def step_seconds(V: int, config) -> float:
    """Rough time of one step in train() (benchmarks/engine.py, on 2 shared cores, rounded up)."""
    if config.objective == "negative":
        return 4e-7 + 2e-9 * (config.negatives + 1) * config.dim
    return 2e-9 * V * (config.dim + 4)


def long_intervals(V: int, config) -> list[int]:
    """Nice intervals above MAX_INTERVAL (1, 2, 2.5, 5 × 10^n) whose replay stays quick."""
    if config.objective != "negative":
        return []
    longest = min(config.steps, REPLAY_SECONDS / step_seconds(V, config))
    out, scale = [], 1000
    while scale <= longest:
        out += [m * scale // 2 for m in (4, 5, 10, 20) if MAX_INTERVAL < m * scale // 2 <= longest]
        scale *= 10
    return out


class RunTooLarge(ValueError):
    """The run would not fit the per-run memory budget even when recorded as sparsely as allowed."""


def record_schedule(total: int, dense_steps: int, interval: int) -> np.ndarray:
    """Step 0 (the initial weights), every step up to dense_steps, every interval-th, the last."""
    dense = np.arange(0, min(dense_steps, total) + 1)
    sparse = np.arange(interval * (dense_steps // interval + 1), total + 1, interval)
    return np.union1d(np.union1d(dense, sparse), [total]).astype(np.int64)


def count_recordings(total: int, dense_steps: int, interval: int) -> int:
    """len(record_schedule(...)) without building it (plans try many schedules of long runs)."""
    dense = min(dense_steps, total) + 1                       # steps 0 … dense_steps
    sparse = max(0, total // interval - dense_steps // interval)  # multiples above dense_steps
    last_extra = total > dense_steps and total % interval != 0
    return dense + sparse + int(last_extra)


def recording_bytes(recordings: int, V: int, d: int) -> int:
    """W and W′ at every recorded step (float32)."""
    return 2 * recordings * V * d * 4


def run_bytes(recordings: int, V: int, d: int, steps: int) -> int:
    """What the budget counts for one run (see the module doc)."""
    return recording_bytes(recordings, V, d) + recordings * V * 2 * 4 + steps * 12


@dataclass(frozen=True)
class RecordPlan:
    dense_steps: int
    record_interval: int
    recordings: int
    bytes: int                 # run_bytes of this plan
    adapted: bool              # differs from what the configuration asked for
    note: str | None           # what was adapted and why, in words (None if not adapted)
    budget: int = RUN_BUDGET

    def schedule(self, total: int) -> np.ndarray:
        return record_schedule(total, self.dense_steps, self.record_interval)


def _fmt_mb(n: int) -> str:
    return f"{n / MB:,.0f} MB"


def _nth(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


def plan(V: int, config, budget: int = RUN_BUDGET) -> RecordPlan:
    """The record schedule for a run of `config` (a TrainConfig) with vocabulary size V."""
    steps, d = config.steps, config.dim
    dense0, interval0 = config.dense_steps, config.record_interval

    def make(dense: int, interval: int) -> tuple[int, int]:
        r = count_recordings(steps, dense, interval)
        return r, run_bytes(r, V, d, steps)

    r, need = make(dense0, interval0)
    if need <= budget:
        return RecordPlan(dense0, interval0, r, need, False, None, budget)
    asked = need
    candidates = [(dense0, i) for i in NICE_INTERVALS if i > interval0]
    dense = dense0             # then thin the dense start, at the longest nice interval
    while dense > 0:
        dense //= 2
        candidates.append((dense, max(interval0, MAX_INTERVAL)))
    candidates += [(0, i) for i in long_intervals(V, config) if i > interval0]
    for dense, interval in candidates:
        r, need = make(dense, interval)
        if need <= budget:
            changes = []
            if interval != interval0:
                changes.append(f"recorded every {_nth(interval)} step instead of every "
                               f"{_nth(interval0)}")
            if dense != dense0:
                changes.append(f"every step only up to step {dense:,} instead of "
                               f"{dense0:,}")
            note = (f"Vocabulary {V:,} words × dim {d}: {' and '.join(changes)} "
                    f"({r:,} recordings, about {_fmt_mb(need)}) to stay within "
                    f"{_fmt_mb(budget)} per run; the full schedule would need "
                    f"{_fmt_mb(asked)}. Steps in between are replayed exactly when you "
                    f"look at them.")
            return RecordPlan(dense, interval, r, need, True, note, budget)
    dense, interval = candidates[-1] if candidates else (0, max(interval0, MAX_INTERVAL))
    r, need = make(dense, interval)
    raise RunTooLarge(
        f"This run would need {_fmt_mb(need)} even when recording only every "
        f"{_nth(interval)} step (vocabulary {V:,} words × dim {d}, {steps:,} steps, "
        f"{r:,} recordings); the limit is {_fmt_mb(budget)} per run. Lower dim or steps, "
        f"or raise min_count to shrink the vocabulary.")


def estimate_run_bytes(config, vocab_size: int, limit: int = RUN_BUDGET) -> int:
    """Bytes of the W and W′ recordings a run with this configuration will keep (as adapted)."""
    return recording_bytes(plan(vocab_size, config, limit).recordings, vocab_size, config.dim)
