"""A finished training run and the views a page or an output file asks of it.

Stored: every step's pair and loss, and W, W′ after each recorded step (arrays, read-only).
Derived when asked: a step's forward pass, gradients and forces, replayed exactly from the
recording just before it.
"""
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .config import TrainConfig
from .corpus import Corpus
from .model import cosine, cross_entropy, forward, gradients, sgd_step


def replay(W, W_prime, centers, contexts, start: int, stop: int, lr: float):
    """Weights after step `stop`, given the weights after step `start`, by re-running the steps."""
    W, W_prime = W.copy(), W_prime.copy()
    for step in range(start + 1, stop + 1):
        sgd_step(W, W_prime, centers[step - 1], contexts[step - 1], lr)
    return W, W_prime


@dataclass(frozen=True)
class StepState:
    """Everything the seed's steps/{N}.json holds for one step (arrays indexed like the vocab).

    Forward-pass quantities use the weights the step started from; W and W_prime are the
    weights after its update.
    """
    step: int
    center: int
    context: int
    center_word: str
    context_word: str
    loss: float
    W: np.ndarray
    W_prime: np.ndarray
    hidden: np.ndarray
    logits: np.ndarray
    probabilities: np.ndarray
    grad_v_c: np.ndarray
    grad_u_o: np.ndarray
    attractive_force: np.ndarray
    repulsive_force: np.ndarray
    cosine_center_context: float
    context_rank: int
    context_prob: float


@dataclass(frozen=True, eq=False)
class Run:
    config: TrainConfig
    corpus: Corpus
    pairs: np.ndarray        # (P, 2) every window pair, reading order
    centers: np.ndarray      # (steps_done,) center index used at step s is centers[s-1]
    contexts: np.ndarray     # (steps_done,)
    losses: np.ndarray       # (steps_done,) loss of every step
    steps: np.ndarray        # (R,) the recorded step numbers, starting at 0
    W: np.ndarray            # (R, V, d) W after each recorded step
    W_prime: np.ndarray      # (R, V, d) W′ after each recorded step
    diverged_at: int | None = None  # first step whose loss was not finite
    record_note: str | None = None  # how the record schedule was adapted to the memory budget

    @property
    def vocab(self) -> list[str]:
        return self.corpus.vocab

    @property
    def steps_done(self) -> int:
        return len(self.losses)

    @property
    def epoch_length(self) -> int:
        return len(self.pairs)

    @cached_property
    def _index(self) -> dict[int, int]:
        return {int(s): i for i, s in enumerate(self.steps)}

    def index_of(self, step: int) -> int:
        """Position of a recorded step in the recorded arrays (KeyError if not recorded)."""
        return self._index[step]

    def weights_after(self, step: int) -> tuple[np.ndarray, np.ndarray]:
        """W and W′ after `step` (0 = initial), replayed from the nearest earlier recording."""
        if not 0 <= step <= self.steps_done:
            raise ValueError(f"step {step} is outside 0..{self.steps_done}")
        if step in self._index:
            i = self._index[step]
            return self.W[i], self.W_prime[i]
        i = int(np.searchsorted(self.steps, step, side="right")) - 1
        return replay(self.W[i], self.W_prime[i], self.centers, self.contexts,
                      int(self.steps[i]), step, self.config.lr)

    def step_state(self, step: int) -> StepState:
        """The full state of one training step (step ≥ 1)."""
        if not 1 <= step <= self.steps_done:
            raise ValueError(f"step {step} is outside 1..{self.steps_done}")
        W, W_prime = self.weights_after(step - 1)
        c, o = int(self.centers[step - 1]), int(self.contexts[step - 1])
        hidden, logits, probs = forward(W, W_prime, c)
        grad_v_c, grad_W_prime = gradients(W_prime, hidden, probs, o)
        W_after, Wp_after = self.weights_after(step)
        # Rank 1 = the model's top guess; ties count in the context's favour.
        rank = int((probs > probs[o]).sum()) + 1
        return StepState(
            step=step, center=c, context=o,
            center_word=self.vocab[c], context_word=self.vocab[o],
            loss=cross_entropy(logits, o), W=W_after, W_prime=Wp_after,
            hidden=hidden.copy(), logits=logits, probabilities=probs,
            grad_v_c=grad_v_c, grad_u_o=grad_W_prime[o],
            attractive_force=W_prime[o].copy(), repulsive_force=probs @ W_prime,
            cosine_center_context=cosine(W[c], W[o]), context_rank=rank,
            context_prob=float(probs[o]))

    def epoch_of(self, step: int) -> int:
        """1-based epoch a step belongs to (every epoch uses each pair once)."""
        return (step - 1) // self.epoch_length + 1
