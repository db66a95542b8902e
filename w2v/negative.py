"""Negative sampling, word2vec's cheap stand-in for the full softmax: the readable NumPy maths.

Instead of normalising over all V words, each step scores the true context o and k noise words
drawn from the unigram distribution raised to the 3/4 power, and asks a logistic question of
each: "is this a real context of c?" (yes for o, no for the noise words):

    L = −log σ(u_o·v_c) − Σ_k log σ(−u_k·v_c)

With σ_o = σ(u_o·v_c) and σ_k = σ(u_k·v_c):

    ∂L/∂v_c = Σ_k σ_k·u_k − (1 − σ_o)·u_o      (repulsive minus attractive force)
    ∂L/∂u_o = −(1 − σ_o)·v_c,   ∂L/∂u_k = σ_k·v_c

so one step touches k + 1 rows of W′ and one row of W: (k+1)·d work instead of V·d.
A noise word that happens to be the true context is skipped, as word2vec.c does.

The noise words of a step are a pure function of (seed, step): a counter-based hash turns
(seed, (step − 1)·k + j) into a uniform number u, and an alias table (Walker/Vose) turns u into
a word in constant time: slot i = ⌊u·V⌋ holds word i with probability prob[i] and word alias[i]
otherwise, so every draw reads one slot however large V is (word2vec.c's unigram table does the
same with 10^8 slots). Nothing needs storing: a replay draws the same words.
"""
import numpy as np

NOISE_POWER = 0.75
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31, _S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)


def noise_distribution(counts: np.ndarray) -> np.ndarray:
    """P_noise(w) ∝ count(w)^0.75: frequent words are drawn less often than their share."""
    weights = np.asarray(counts, dtype=np.float64) ** NOISE_POWER
    return weights / weights.sum()


def alias_table(p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(prob, alias) of Vose's alias method for the distribution p: slot i gives word i with
    probability prob[i], else word alias[i]; each slot carries 1/V of the mass."""
    V = len(p)
    prob, alias = np.asarray(p, dtype=np.float64) * V, np.arange(V, dtype=np.int64)
    small = [i for i in range(V) if prob[i] < 1.0]
    large = [i for i in range(V) if prob[i] >= 1.0]
    while small and large:
        s, l = small.pop(), large[-1]
        alias[s] = l                          # slot s: word s, topped up with word l
        prob[l] -= 1.0 - prob[s]
        if prob[l] < 1.0:
            small.append(large.pop())
    prob[small + large] = 1.0                 # leftovers are full slots (rounding only)
    return prob, alias


def noise_table(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The alias table of the noise distribution: what every draw of a run reads."""
    return alias_table(noise_distribution(counts))


def pick(prob, alias, u):
    """The word of uniform number u: slot ⌊u·V⌋, its own word or its alias (arrays or scalars)."""
    x = u * len(prob)
    slot = np.floor(x).astype(np.int64)            # numpy's floor of a float has astype too
    return np.where(x - slot < prob[slot], slot, alias[slot])


def uniform(seed, counter):  # pragma: no mutate block (numba compiles it for the engine)
    """A uniform number in [0, 1) from (seed, counter): splitmix64's mixing of seed + counter·φ.

    Written for uint64 NumPy arrays and, unchanged, for the compiled engine's scalars.
    """
    x = np.uint64(seed) + np.uint64(counter) * _GOLDEN
    x = (x ^ (x >> _S30)) * _M1
    x = (x ^ (x >> _S27)) * _M2
    x = x ^ (x >> _S31)
    return (x >> _S11) * (1.0 / 9007199254740992.0)     # the top 53 bits / 2**53


def draw_negatives(table, seed: int, step: int, k: int) -> np.ndarray:
    """The k noise words of `step` (1-based), drawn from the noise distribution's alias table."""
    prob, alias = table
    counters = np.arange((step - 1) * k, step * k, dtype=np.uint64)
    return pick(prob, alias, uniform(seed, counters)).astype(np.int32)


def sigmoid(x):
    with np.errstate(over="ignore"):            # exp(−x) = inf for x ≪ 0 gives σ = 0, as it should
        return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64)))


def log_sigmoid(x):
    """log σ(x), stable for large |x|."""
    x = np.asarray(x, dtype=np.float64)
    return -(np.maximum(-x, 0.0) + np.log1p(np.exp(-np.abs(x))))


def scores(W_prime, hidden, context, negatives):
    """σ_o = σ(u_o·v_c) and σ_k = σ(u_k·v_c) for each drawn noise word."""
    return float(sigmoid(W_prime[context] @ hidden)), sigmoid(W_prime[negatives] @ hidden)


def used(context, negatives) -> np.ndarray:
    """Which draws count: a noise word equal to the true context is skipped (word2vec.c)."""
    return np.asarray(negatives) != context


def negative_loss(W_prime, hidden, context, negatives) -> float:
    """L = −log σ(u_o·v_c) − Σ_k log σ(−u_k·v_c) over the draws that count."""
    keep = used(context, negatives)
    return float(-log_sigmoid(W_prime[context] @ hidden)
                 - log_sigmoid(-(W_prime[negatives[keep]] @ hidden)).sum())


def negative_gradients(W_prime, hidden, context, negatives):
    """∂L/∂v_c, and ∂L/∂W′ as (rows, row gradients): row o first, then the k draws.

    Rows may repeat (a word drawn twice); their gradients add up (np.add.at).
    """
    sigma_o, sigma_k = scores(W_prime, hidden, context, negatives)
    sigma_k = sigma_k * used(context, negatives)
    coef = np.concatenate([[sigma_o - 1.0], sigma_k]).astype(np.float32)   # ∂L/∂(u·v_c)
    rows = np.concatenate([[context], negatives]).astype(np.int64)
    grad_v_c = coef @ W_prime[rows]
    return grad_v_c, rows, np.outer(coef, hidden)


def negative_step(W, W_prime, center, context, negatives, lr) -> float:
    """One negative-sampling SGD step in place (gradients at the weights before it); the loss."""
    hidden = W[center].copy()
    loss = negative_loss(W_prime, hidden, context, negatives)
    grad_v_c, rows, grad_rows = negative_gradients(W_prime, hidden, context, negatives)
    np.add.at(W_prime, rows, -np.float32(lr) * grad_rows)
    W[center] -= np.float32(lr) * grad_v_c
    return loss
