"""The compiled training loop: both objectives' steps in numba, recording as it goes.

model.sgd_step (full softmax) and negative.negative_step (negative sampling) are the readable
NumPy reference of one step; the kernels below are the same maths written as loops so numba
can compile them (tests hold them to the reference). A kernel runs steps start+1 … stop in
place on W and W′, writes each step's loss, and copies W and W′ into the recording arrays at
the scheduled steps, so recording costs memcopies inside the loop and no Python per step.

`cache=True` keeps the compiled code in __pycache__ beside this file, so only the very first
process pays the compilation; `nogil=True` lets two runs in two threads train at once.
"""
from dataclasses import dataclass

import numba
import numpy as np

from .config import TrainConfig
from .model import sgd_step
from .negative import draw_negatives, negative_step, noise_table, uniform

LR_FLOOR = 1e-4             # word2vec.c's floor of the linearly decayed lr, as a fraction of lr


def learning_rate(lr: float, linear: bool, step: int,
                  total: int) -> float:  # pragma: no mutate block (numba compiles it)
    """lr of `step` (1-based): constant, or word2vec's linear decay over the run to LR_FLOOR·lr."""
    if not linear:
        return lr
    return lr * max(LR_FLOOR, 1.0 - (step - 1) / total)


_jit = numba.njit(cache=True, nogil=True)
# The kernels may reorder float sums (SIMD dot products), never assume finite values: the
# divergence check must still see inf and NaN.
_kernel = numba.njit(cache=True, nogil=True, fastmath={"reassoc", "contract"})
_learning_rate = _jit(learning_rate)
_uniform = _jit(uniform)


@_jit
def _record(step, W, W_prime, record_at, W_rec, Wp_rec, n_rec):
    """Copy the weights if `step` is the next scheduled recording; the new recording count."""
    if n_rec < len(record_at) and record_at[n_rec] == step:
        W_rec[n_rec] = W
        Wp_rec[n_rec] = W_prime
        return n_rec + 1
    return n_rec


@_kernel
def _softmax_steps(W, W_prime, centers, contexts, start, stop, lr, linear, total,
                   losses, record_at, W_rec, Wp_rec, n_rec):
    """Full-softmax steps (model.sgd_step); returns (first non-finite step or 0, recordings)."""
    V, d = W_prime.shape
    hidden = np.empty(d, np.float32)
    grad_v_c = np.empty(d, np.float32)
    e = np.empty(V, np.float64)
    for step in range(start + 1, stop + 1):
        c, o = centers[step - 1], contexts[step - 1]
        eta = np.float32(_learning_rate(lr, linear, step, total))
        hidden[:] = W[c]
        top = -np.inf
        for w in range(V):                          # logits W′·v_c
            s = np.float32(0.0)
            for i in range(d):
                s += W_prime[w, i] * hidden[i]
            e[w] = s
            top = max(top, s)
        logit_o, z = e[o], 0.0
        for w in range(V):                          # softmax, shifted by the top logit
            e[w] = np.exp(e[w] - top)
            z += e[w]
        loss = np.log(z) + top - logit_o            # −log P(o | c)
        if not np.isfinite(loss):
            return step, n_rec
        losses[step - start - 1] = loss
        grad_v_c[:] = 0.0
        for w in range(V):                          # e_w = P(w|c) − [w = o]
            g = np.float32(e[w] / z - (1.0 if w == o else 0.0))
            for i in range(d):
                grad_v_c[i] += g * W_prime[w, i]
                W_prime[w, i] -= eta * (g * hidden[i])
        for i in range(d):
            W[c, i] -= eta * grad_v_c[i]
        n_rec = _record(step, W, W_prime, record_at, W_rec, Wp_rec, n_rec)
    return 0, n_rec


@_jit
def _logistic(x):
    """(σ(x), log σ(x)) from one exponential, stable for large |x|."""
    e = np.exp(-abs(x))
    sigma = 1.0 / (1.0 + e) if x >= 0 else e / (1.0 + e)
    return sigma, -(max(-x, 0.0) + np.log1p(e))


@_kernel
def _negative_steps(W, W_prime, centers, contexts, start, stop, lr, linear, total,
                    seed, k, prob, alias, losses, record_at, W_rec, Wp_rec, n_rec):
    """Negative-sampling steps (negative.negative_step); returns like _softmax_steps."""
    V, d = W_prime.shape
    hidden = np.empty(d, np.float32)
    grad_v_c = np.empty(d, np.float32)
    rows = np.empty(k + 1, np.int64)
    coef = np.empty(k + 1, np.float32)              # ∂L/∂(u_row·v_c)
    for step in range(start + 1, stop + 1):
        c, o = centers[step - 1], contexts[step - 1]
        eta = np.float32(_learning_rate(lr, linear, step, total))
        hidden[:] = W[c]
        rows[0] = o
        for j in range(k):                          # the step's noise words (negative.pick)
            x = _uniform(seed, (step - 1) * k + j) * V
            slot = np.int64(np.floor(x))
            rows[j + 1] = slot if x - slot < prob[slot] else alias[slot]
        loss = 0.0
        for r in range(k + 1):                      # scores at the weights before the step
            if r > 0 and rows[r] == o:              # a draw of the true context is skipped
                coef[r] = 0.0
                continue
            u_row = W_prime[rows[r]]
            s = np.float32(0.0)
            for i in range(d):
                s += u_row[i] * hidden[i]
            if r == 0:                              # label 1: −log σ(s), ∂/∂s = σ(s) − 1
                sigma, log_sigma = _logistic(np.float64(s))
                coef[r] = np.float32(sigma - 1.0)
            else:                                   # label 0: −log σ(−s), ∂/∂s = σ(s)
                sigma_neg, log_sigma = _logistic(-np.float64(s))
                coef[r] = np.float32(1.0 - sigma_neg)
            loss -= log_sigma
        if not np.isfinite(loss):
            return step, n_rec
        losses[step - start - 1] = loss
        grad_v_c[:] = 0.0
        for r in range(k + 1):                      # all gradients before any update
            u_row = W_prime[rows[r]]
            for i in range(d):
                grad_v_c[i] += coef[r] * u_row[i]
        for r in range(k + 1):
            u_row = W_prime[rows[r]]
            for i in range(d):
                u_row[i] -= eta * (coef[r] * hidden[i])
        v_c = W[c]
        for i in range(d):
            v_c[i] -= eta * grad_v_c[i]
        n_rec = _record(step, W, W_prime, record_at, W_rec, Wp_rec, n_rec)
    return 0, n_rec


_NO_RECORDING = np.empty(0, np.int64)


@dataclass(frozen=True, eq=False)
class Engine:
    """What a run's steps need besides the pairs: objective, lr schedule, noise words."""
    objective: str
    lr: float
    linear: bool
    total: int                  # steps of the run (the linear schedule decays over them)
    seed: int
    k: int
    table: tuple                # (prob, alias): the noise distribution's alias table

    @classmethod
    def for_run(cls, config: TrainConfig, counts: np.ndarray) -> "Engine":
        """`counts`: each vocabulary word's count, in vocabulary order."""
        return cls(config.objective, float(config.lr), config.lr_schedule == "linear",
                   int(config.steps), int(config.seed), int(config.negatives), noise_table(counts))

    def lr_at(self, step: int) -> np.float32:
        return np.float32(learning_rate(self.lr, self.linear, step, self.total))

    def negatives(self, step: int) -> np.ndarray:
        """The k noise words drawn at `step` (empty for full softmax)."""
        if self.objective != "negative":
            return np.empty(0, np.int32)
        return draw_negatives(self.table, self.seed, step, self.k)

    def run(self, W, W_prime, centers, contexts, start: int, stop: int, losses=None,
            record_at=None, W_rec=None, Wp_rec=None, n_rec: int = 0):
        """Steps start+1 … stop in place, compiled; returns (diverged step or None, recordings).

        `losses` (stop − start,) receives each step's loss; with `record_at` (recorded step
        numbers), W and W′ are copied into W_rec[n_rec], Wp_rec[n_rec], … as those steps pass.
        """
        if losses is None:
            losses = np.empty(stop - start, np.float32)
        if record_at is None:
            # Empty, C-contiguous like real recordings: one compiled signature serves both.
            W_rec = Wp_rec = np.empty((0,) + W.shape, np.float32)
            record_at = _NO_RECORDING
        common = (W, W_prime, centers, contexts, start, stop, self.lr, self.linear, self.total)
        if self.objective == "negative":
            diverged, n_rec = _negative_steps(*common, self.seed, self.k, *self.table, losses,
                                              record_at, W_rec, Wp_rec, n_rec)
        else:
            diverged, n_rec = _softmax_steps(*common, losses, record_at, W_rec, Wp_rec, n_rec)
        return (int(diverged) or None), int(n_rec)

    def reference_run(self, W, W_prime, centers, contexts, start: int, stop: int) -> np.ndarray:
        """The same steps with the readable NumPy maths (no divergence check); their losses."""
        losses = np.empty(stop - start, np.float64)
        for step in range(start + 1, stop + 1):
            c, o = int(centers[step - 1]), int(contexts[step - 1])
            if self.objective == "negative":
                loss = negative_step(W, W_prime, c, o, self.negatives(step), self.lr_at(step))
            else:
                loss = sgd_step(W, W_prime, c, o, self.lr_at(step))
            losses[step - start - 1] = loss
        return losses
