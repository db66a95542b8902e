"""The SkipGram network and the maths of one training step.

`SkipGram` is the seed's PyTorch module: it defines the two weight matrices and their
initialisation. Training itself runs the same forward pass and its hand-derived gradients in
NumPy (no autograd), because one tiny step at a time is dominated by framework overhead;
tests check these gradients against autograd on the module.

Shapes: W is V×d (row c is the center vector v_c), W_prime is V×d like nn.Linear(d, V).weight
(row w is the output vector u_w), logits = W_prime @ v_c.
"""
import numpy as np
import torch
from torch import nn


class SkipGram(nn.Module):
    def __init__(self, V: int, d: int, generator: torch.Generator | None = None):
        super().__init__()
        self.V, self.d = V, d
        self.W = nn.Embedding(V, d)
        self.W_prime = nn.Linear(d, V, bias=False)
        # A local generator keeps two runs in one process from sharing random state.
        nn.init.uniform_(self.W.weight, -0.5, 0.5, generator=generator)
        nn.init.uniform_(self.W_prime.weight, -0.5, 0.5, generator=generator)

    def forward(self, center_idx: torch.Tensor):
        v_c = self.W(center_idx)
        return v_c.squeeze(0), self.W_prime(v_c).squeeze(0)


def initial_weights(V: int, d: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The module's initial W and W_prime as float32 arrays, reproducible from the seed."""
    model = SkipGram(V, d, torch.Generator().manual_seed(seed))
    return (model.W.weight.detach().numpy().copy(),
            model.W_prime.weight.detach().numpy().copy())


def softmax(logits: np.ndarray) -> np.ndarray:
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def forward(W, W_prime, center):
    """hidden v_c, logits W'·v_c and probabilities P(w | center)."""
    hidden = W[center]
    logits = W_prime @ hidden
    return hidden, logits, softmax(logits)


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    """cos of the angle between two vectors, in float64 (float32 norms can overflow)."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-12))


def cross_entropy(logits: np.ndarray, context: int) -> float:
    """L = −log softmax(logits)[context], computed stably as logsumexp − logit."""
    top = logits.max()
    return float(top + np.log(np.exp(logits - top).sum()) - logits[context])


def gradients(W_prime, hidden, probs, context):
    """∂L/∂v_c and ∂L/∂W′ for one pair.

    With e = P − onehot(context) (∂L/∂logits):  ∂L/∂v_c = W′ᵀe = Σ P(w|c)·u_w − u_o
    (repulsive minus attractive force), and ∂L/∂W′ = e ⊗ v_c, so the row of the true
    context gets (P(o|c) − 1)·v_c and every other row P(w|c)·v_c.
    """
    e = probs.copy()
    e[context] -= 1.0
    return W_prime.T @ e, np.outer(e, hidden)


def sgd_step(W, W_prime, center, context, lr) -> float:
    """One forward pass, loss, backward pass and in-place SGD update; returns the loss."""
    hidden = W[center].copy()
    logits = W_prime @ hidden
    loss = cross_entropy(logits, context)
    grad_v_c, grad_W_prime = gradients(W_prime, hidden, softmax(logits), context)
    W_prime -= lr * grad_W_prime
    W[center] -= lr * grad_v_c
    return loss
