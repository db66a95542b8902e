"""The forces of one training step, drawn on the 2-D map: pure NumPy, no Streamlit.

One SGD step moves only the center's row of W:

    Δv_c = −η·∂L/∂v_c = η·u_o − η·Σ_w P(w|c)·u_w = attractive + repulsive

The map's PCA is affine, p(x) = (x − mean)·componentsᵀ, so a *difference* of positions (a
direction) projects linearly, D(δ) = δ·componentsᵀ, and the projected arrows add up exactly as
the d-dimensional ones do: D(attractive) + D(repulsive) = D(Δv_c) = p(v_c after) − p(v_c before).

The u vectors are rows of W′, which lives in a different space than W: the attractive arrow is
the push on v_c *in the direction of* u_o, not an arrow to where any word sits on the map.

Negative sampling pulls with (1 − σ_o)·u_o and pushes with σ_k·u_k from each of the k noise words
only (no other word of the vocabulary takes part), so the repulsive arrow is the sum of k small
ones, each drawn too. η is the step's own rate (StepState.lr: a linear schedule decays it).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .projection import Projection
from .run import Run

ATTRACTIVE, REPULSIVE, MOVE = "attractive  η·u_o", "repulsive  −η·Σ P·u_w", "actual move  Δv_c"
ARROWS = (ATTRACTIVE, REPULSIVE, MOVE)                     # full softmax
NEG_ATTRACTIVE, NEG_REPULSIVE = "attractive  η·(1−σ_o)·u_o", "repulsive  −η·Σ σ_k·u_k"
NOISE = "noise word  −η·σ_k·u_k"   # one arrow per noise word
NEGATIVE_ARROWS = (NEG_ATTRACTIVE, NEG_REPULSIVE, MOVE, NOISE)   # negative sampling


def arrow_names(objective: str) -> tuple[str, ...]:
    """The arrows of a step of this objective, in legend order (NOISE: one per noise word)."""
    return NEGATIVE_ARROWS if objective == "negative" else ARROWS


@dataclass(frozen=True)
class StepForces:
    """One step's push on v_c, in d dimensions and on the map (2-D arrays are map units)."""
    step: int
    center: int
    context: int
    lr: float
    start: np.ndarray          # (2,) v_c before the step, on the map
    end: np.ndarray            # (2,) v_c after the step, on the map (= start + move)
    attractive: np.ndarray     # (2,) η·D(u_o)
    repulsive: np.ndarray      # (2,) −η·D(Σ P(w|c) u_w)
    move: np.ndarray           # (2,) D(v_c after − v_c before)
    attractive_d: np.ndarray   # (d,) η·u_o
    repulsive_d: np.ndarray    # (d,) −η·Σ P(w|c) u_w
    move_d: np.ndarray         # (d,) v_c after − v_c before
    context_rank: int
    context_prob: float
    objective: str = "softmax"
    negatives: np.ndarray = field(default_factory=lambda: np.empty(0, np.int32))  # (k,) words
    noise: np.ndarray = field(default_factory=lambda: np.empty((0, 2)))  # (k, 2) −η·D(σ_k·u_k)
    noise_d: np.ndarray | None = None                                    # (k, d) −η·σ_k·u_k

    def arrows(self) -> dict[str, np.ndarray]:
        """The attractive, repulsive and actual-move 2-D arrows by name, in legend order (the
        noise words' own arrows are `noise`, in the order of `negatives`)."""
        attractive, repulsive = arrow_names(self.objective)[:2]
        return {attractive: self.attractive, repulsive: self.repulsive, MOVE: self.move}

    @property
    def sum_error(self) -> float:
        """Largest |attractive + repulsive − move| over the d dimensions (float rounding only)."""
        return float(np.max(np.abs(self.attractive_d + self.repulsive_d - self.move_d)))

    @property
    def map_sum_error(self) -> float:
        """The same on the map: largest |D(attractive) + D(repulsive) − D(move)|."""
        return float(np.max(np.abs(self.attractive + self.repulsive - self.move)))


def step_forces(run: Run, projection: Projection, step: int) -> StepForces:
    """The attractive, repulsive and actual move of v_c at `step` (1..steps_done), on the map.

    The projection must carry its PCA (`components`, `mean`; `w2v.project` sets them).
    """
    state = run.step_state(step)            # forward pass on the weights before the step
    c = state.center
    W_before = run.weights_after(step - 1)[0]
    v_before = np.asarray(W_before[c], dtype=np.float64)
    v_after = np.asarray(state.W[c], dtype=np.float64)
    lr = float(state.lr if state.lr is not None else run.config.lr)
    attractive_d = lr * np.asarray(state.attractive_force, dtype=np.float64)
    repulsive_d = -lr * np.asarray(state.repulsive_force, dtype=np.float64)
    move_d = v_after - v_before
    noise = {}
    if state.repulsive_forces is not None:          # negative sampling: one push per noise word
        noise_d = -lr * np.asarray(state.repulsive_forces, dtype=np.float64)
        noise = dict(negatives=state.negatives, noise_d=noise_d,
                     noise=np.array([projection.direction(n) for n in noise_d]).reshape(-1, 2))
    return StepForces(
        step=int(step), center=c, context=state.context, lr=lr,
        start=projection.transform(v_before), end=projection.transform(v_after),
        attractive=projection.direction(attractive_d),
        repulsive=projection.direction(repulsive_d),
        move=projection.direction(move_d),
        attractive_d=attractive_d, repulsive_d=repulsive_d, move_d=move_d,
        context_rank=int(state.context_rank), context_prob=float(state.context_prob),
        objective=state.objective, **noise)


def positions_before(run: Run, projection: Projection, step: int) -> np.ndarray:
    """(V, 2) every word's v on the map when `step` starts (only the center's row then moves)."""
    return projection.transform(run.weights_after(step - 1)[0])


def map_domain(coords: np.ndarray, frac: float = 0.06, decimals: int = 3) -> dict[str, list[float]]:
    """Fixed axes spanning every frame, padded like the Embeddings player's: {"x": [lo, hi], "y": …}."""
    c = np.asarray(coords, dtype=np.float64)
    c = np.round(np.where(np.isfinite(c), c, 0.0), decimals)

    def padded(lo: float, hi: float) -> list[float]:
        span = hi - lo
        pad = span * frac if span > 0 else 1.0
        return [round(lo - pad, decimals), round(hi + pad, decimals)]

    return {"x": padded(float(c[..., 0].min()), float(c[..., 0].max())),
            "y": padded(float(c[..., 1].min()), float(c[..., 1].max()))}


def inside(domain: dict[str, list[float]], x, y) -> bool:
    """Whether every point (x[i], y[i]) lies within the map's fixed axes."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    (x0, x1), (y0, y1) = domain["x"], domain["y"]
    return bool(np.all((x0 <= x) & (x <= x1) & (y0 <= y) & (y <= y1)))
