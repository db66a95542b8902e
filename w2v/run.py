"""A finished training run and the views a page or an output file asks of it.

Stored: every step's pair and loss, and W, W′ after each recorded step (arrays, read-only).
Derived when asked: a step's forward pass, gradients and forces, replayed exactly from the
recording just before it by the same compiled engine that trained the run. A negative-sampling
step's noise words are not stored either: they are a pure function of (seed, step).
"""
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from .config import TrainConfig
from .corpus import Corpus
from .engine import Engine
from .model import cosine, cross_entropy, forward, gradients
from .negative import negative_gradients, negative_loss, scores, used
from .subsample import first_epoch_pairs, keep_probability, pair_count, token_stream


def vocab_counts(corpus: Corpus) -> np.ndarray:
    """Each vocabulary word's count in the cleaned text, in vocabulary order."""
    return np.array([corpus.counts[w] for w in corpus.vocab], dtype=np.int64)


def first_epoch_length(corpus: Corpus, config: TrainConfig, n_pairs: int | None = None) -> int:
    """Steps in the first epoch of the run `config` trains on `corpus`, known without training:
    all the window pairs (`n_pairs` when the caller has counted them), or with subsampling the
    pairs of the run's own first thinned text (training.step_pairs draws the same, so a run's
    second epoch begins one step later)."""
    if config.sample <= 0 and n_pairs is not None:
        return n_pairs
    ids, sentence = token_stream(corpus.cleaned, corpus.w2i)
    if config.sample <= 0:
        return pair_count(sentence, config.window)
    keep = keep_probability(vocab_counts(corpus), config.sample)
    return first_epoch_pairs(ids, sentence, keep, config.window, config.seed)


@dataclass(frozen=True)
class StepState:
    """Everything the seed's steps/{N}.json holds for one step (arrays indexed like the vocab).

    Forward-pass quantities use the weights the step started from; W and W_prime are the
    weights after its update. In both objectives grad_v_c = repulsive_force − attractive_force.

    Full softmax: attractive_force = u_o, repulsive_force = Σ_w P(w|c)·u_w.
    Negative sampling: loss is −log σ(u_o·v_c) − Σ_k log σ(−u_k·v_c); attractive_force =
    (1 − σ_o)·u_o from the true context, repulsive_forces[j] = σ_j·u_j from the j-th noise word
    (a zero row for a draw of the context itself, skipped as word2vec.c does) and
    repulsive_force their sum. logits, probabilities, context_rank and context_prob are then
    the full softmax over the same scores W′·v_c, which this objective does not train directly.
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
    objective: str = "softmax"
    lr: float | None = None                         # this step's learning rate (lr_schedule)
    negatives: np.ndarray = field(default_factory=lambda: np.empty(0, np.int32))  # (k,) drawn
    negative_scores: np.ndarray = field(default_factory=lambda: np.empty(0))     # (k,) σ(u_k·v_c)
    repulsive_forces: np.ndarray | None = None      # (k, d) σ_k·u_k; None for full softmax
    context_score: float | None = None              # σ(u_o·v_c); None for full softmax


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
    epoch_starts: np.ndarray | None = None  # first step of each epoch if subsampling varies them

    @property
    def vocab(self) -> list[str]:
        return self.corpus.vocab

    @property
    def steps_done(self) -> int:
        return len(self.losses)

    @cached_property
    def epoch_length(self) -> int:
        """Steps per epoch: all the pairs, or with subsampling the first epoch's thinned pairs
        (counted again for a run that ended inside its first epoch)."""
        if self.epoch_starts is None:
            return len(self.pairs)
        if len(self.epoch_starts) > 1:
            return int(self.epoch_starts[1] - self.epoch_starts[0])
        return first_epoch_length(self.corpus, self.config)

    @cached_property
    def engine(self) -> Engine:
        return Engine.for_run(self.config, vocab_counts(self.corpus))

    def negatives_at(self, step: int) -> np.ndarray:
        """The noise words drawn at `step` (empty for a full-softmax run)."""
        return self.engine.negatives(step)

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
        W, W_prime = self.W[i].copy(), self.W_prime[i].copy()
        self.engine.run(W, W_prime, self.centers, self.contexts, int(self.steps[i]), step)
        return W, W_prime

    def step_state(self, step: int) -> StepState:
        """The full state of one training step (step ≥ 1)."""
        if not 1 <= step <= self.steps_done:
            raise ValueError(f"step {step} is outside 1..{self.steps_done}")
        W, W_prime = self.weights_after(step - 1)
        c, o = int(self.centers[step - 1]), int(self.contexts[step - 1])
        hidden, logits, probs = forward(W, W_prime, c)
        W_after, Wp_after = self.weights_after(step)
        # Rank 1 = the model's top guess; ties count in the context's favour.
        rank = int((probs > probs[o]).sum()) + 1
        common = dict(step=step, center=c, context=o,
                      center_word=self.vocab[c], context_word=self.vocab[o],
                      W=W_after, W_prime=Wp_after, hidden=hidden.copy(), logits=logits,
                      probabilities=probs, cosine_center_context=cosine(W[c], W[o]),
                      context_rank=rank, context_prob=float(probs[o]),
                      objective=self.config.objective, lr=float(self.engine.lr_at(step)))
        if self.config.objective == "negative":
            return self._negative_state(step, W_prime, hidden, common)
        grad_v_c, grad_W_prime = gradients(W_prime, hidden, probs, o)
        return StepState(loss=cross_entropy(logits, o), grad_v_c=grad_v_c,
                         grad_u_o=grad_W_prime[o], attractive_force=W_prime[o].copy(),
                         repulsive_force=probs @ W_prime, **common)

    def _negative_state(self, step, W_prime, hidden, common) -> StepState:
        o, negatives = common["context"], self.negatives_at(step)
        sigma_o, sigma_k = scores(W_prime, hidden, o, negatives)
        grad_v_c, _, grad_rows = negative_gradients(W_prime, hidden, o, negatives)
        weight_k = (sigma_k * used(o, negatives)).astype(np.float32)
        repulsive_forces = weight_k[:, None] * W_prime[negatives]
        return StepState(loss=negative_loss(W_prime, hidden, o, negatives), grad_v_c=grad_v_c,
                         grad_u_o=grad_rows[0],
                         attractive_force=np.float32(1.0 - sigma_o) * W_prime[o],
                         repulsive_force=repulsive_forces.sum(axis=0), negatives=negatives,
                         negative_scores=sigma_k, repulsive_forces=repulsive_forces,
                         context_score=sigma_o, **common)

    def epoch_of(self, step: int) -> int:
        """1-based epoch a step belongs to (every epoch uses each pair once)."""
        if self.epoch_starts is not None:
            return int(np.searchsorted(self.epoch_starts, step, side="right"))
        return (step - 1) // self.epoch_length + 1
