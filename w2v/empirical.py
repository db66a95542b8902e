"""Model vs corpus: what full-softmax skip-gram is trying to learn, and how close it gets.

The training pairs define an empirical distribution P̂(context | center): of all the pairs whose
center is c, the fraction whose context is o. Averaged over the corpus, the loss of a model Q is

    E[−log Q(o|c)] = Σ_c π(c) · ( H(P̂(·|c)) + KL(P̂(·|c) ‖ Q(·|c)) )

where π(c) is how often c is a center. The entropy term does not depend on the model, so the
best possible model has Q = P̂ (KL = 0) and its average loss is the weighted conditional entropy,
not 0. The model's Q is softmax(W W′ᵀ): row c is P(· | c) after the recorded step.

Pure NumPy/pandas: arrays in, arrays or DataFrames out. Matrices are V×V, indexed like the
vocabulary, row = center, column = context. The logits are computed in float64 so that a
diverging run's huge-but-finite weights give numbers, not overflow.

A large vocabulary (an own text of book length: V ≈ 5,000) makes every V×V matrix 25 million
numbers, so what a page uses never builds one: the counts are a sparse matrix
(`sparse_pair_counts`; the functions taking `counts` accept it or a dense one), the model's
softmax is computed a few rows at a time and only where a pair occurs, and the KL curve can be
limited to the most frequent centers and to evenly spaced recorded steps (`kl_curve`).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from .curves import even_indices

CHUNK = 64     # softmax rows per block (≈ CHUNK·V floats at a time)


# -- the corpus side -------------------------------------------------------------------------
def pair_counts(pairs: np.ndarray, V: int) -> np.ndarray:
    """V×V int matrix: how many training pairs have center i and context j."""
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    counts = np.zeros((V, V), dtype=np.int64)
    np.add.at(counts, (pairs[:, 0], pairs[:, 1]), 1)
    return counts


def sparse_pair_counts(pairs: np.ndarray, V: int) -> sparse.csr_matrix:
    """pair_counts as a sparse V×V matrix (CSR, int64): only the pairs that occur are stored."""
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    counts = sparse.csr_matrix((np.ones(len(pairs), dtype=np.int64), (pairs[:, 0], pairs[:, 1])),
                               shape=(V, V))
    counts.sum_duplicates()
    return counts


def occurring(counts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(center, context, count) of every pair that occurs, sorted by center then context."""
    if sparse.issparse(counts):
        coo = sparse.coo_matrix(counts)
        order = np.lexsort((coo.col, coo.row))
        keep = coo.data[order] > 0
        return (coo.row[order][keep].astype(np.int64), coo.col[order][keep].astype(np.int64),
                coo.data[order][keep].astype(np.int64))
    counts = np.asarray(counts)
    c, o = np.nonzero(counts)
    return c.astype(np.int64), o.astype(np.int64), counts[c, o].astype(np.int64)


def center_totals(counts) -> np.ndarray:
    """How many pairs each word is the center of (float64, length V)."""
    return np.asarray(counts.sum(axis=1), dtype=np.float64).ravel()


def count_row(counts, c: int) -> np.ndarray:
    """Row c of the counts (dense, length V): how often each context follows center c."""
    if sparse.issparse(counts):
        return np.asarray(counts[[c]].toarray()[0], dtype=np.int64)
    return np.asarray(counts[c], dtype=np.int64)


def empirical_row(counts, c: int) -> np.ndarray:
    """P̂(· | c), dense, length V (all zeros for a word that is never a center)."""
    row = count_row(counts, c).astype(np.float64)
    total = row.sum()
    return row / total if total > 0 else row


def frequent_centers(counts, n: int | None = None) -> np.ndarray:
    """Centers with at least one pair, most pairs first (ties: vocabulary order); the first n."""
    totals = center_totals(counts)
    order = np.argsort(-totals, kind="stable")
    order = order[totals[order] > 0]
    return order if n is None else order[:n]


def empirical_matrix(counts: np.ndarray) -> np.ndarray:
    """P̂(context | center): each row of the count matrix divided by its sum.

    A word that is never a center (possible when min_count drops its sentence-mates) gets an
    all-zero row: it has no empirical distribution.
    """
    counts = np.asarray(counts, dtype=np.float64)
    totals = counts.sum(axis=1, keepdims=True)
    return np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)


def center_weights(counts) -> np.ndarray:
    """π(c): the fraction of all pairs whose center is c (sums to 1)."""
    totals = center_totals(counts)
    return totals / totals.sum()


def sparse_entropies(counts) -> np.ndarray:
    """H(P̂(·|c)) in nats for every center from the occurring pairs only (0 with no pairs)."""
    c, _, n = occurring(counts)
    totals = center_totals(counts)
    V = len(totals)
    if len(c) == 0:
        return np.zeros(V)
    p = n / totals[c]
    return -np.bincount(c, weights=p * np.log(p), minlength=V)


def corpus_floor(counts) -> float:
    """Σ_c π(c) H(P̂(·|c)): the lowest average loss any model can reach on these pairs."""
    return float(center_weights(counts) @ sparse_entropies(counts))


def entropy_per_center(empirical: np.ndarray) -> np.ndarray:
    """H(P̂(·|c)) in nats for every center (0 for a center with no pairs)."""
    p = np.asarray(empirical, dtype=np.float64)
    logp = np.log(p, out=np.zeros_like(p), where=p > 0)
    return -(p * logp).sum(axis=1)


# -- the model side --------------------------------------------------------------------------
def log_model_matrix(W: np.ndarray, W_prime: np.ndarray) -> np.ndarray:
    """log softmax(W W′ᵀ) row by row (V×V, float64); works on stacks (..., V, d) too.

    The scores are an einsum, not a BLAS product: with d this small it is as fast, and it
    avoids the BLAS thread start-up that made small blocks slow on a busy server.
    """
    logits = np.einsum("...id,...jd->...ij", np.asarray(W, dtype=np.float64),
                       np.asarray(W_prime, dtype=np.float64))
    top = logits.max(axis=-1, keepdims=True)
    logits -= top
    norm = np.log(np.exp(logits).sum(axis=-1, keepdims=True))
    logits -= norm
    return logits


def pair_log_probs(W: np.ndarray, W_prime: np.ndarray, centers: np.ndarray,
                   contexts: np.ndarray, chunk: int = CHUNK) -> np.ndarray:
    """log Q(contexts[i] | centers[i]) under softmax(W W′ᵀ), for pairs sorted by center.

    Only the rows of the centers that occur are computed, `chunk` rows at a time, so memory
    stays at a few chunk×V blocks whatever V (never the V×V matrix).
    """
    centers, contexts = np.asarray(centers, np.int64), np.asarray(contexts, np.int64)
    out = np.empty(len(centers), dtype=np.float64)
    if len(centers) == 0:
        return out
    rows, starts = np.unique(centers, return_index=True)
    bounds = np.append(starts, len(centers))
    Wp = np.asarray(W_prime, dtype=np.float64)
    for lo in range(0, len(rows), chunk):
        block = rows[lo:lo + chunk]
        log_q = log_model_matrix(np.asarray(W)[block], Wp)              # (b, V)
        a, b = bounds[lo], bounds[lo + len(block)]
        local = np.repeat(np.arange(len(block)), np.diff(bounds[lo:lo + len(block) + 1]))
        out[a:b] = log_q[local, contexts[a:b]]
    return out


def model_matrix(W: np.ndarray, W_prime: np.ndarray) -> np.ndarray:
    """The model's P(context | center) for every center: softmax(W W′ᵀ), rows sum to 1."""
    return np.exp(log_model_matrix(W, W_prime))


def kl_divergence(empirical: np.ndarray, log_model: np.ndarray) -> np.ndarray:
    """KL(P̂(·|c) ‖ Q(·|c)) for each row c, in nats; NaN for a row with no empirical mass.

    Terms with P̂ = 0 contribute 0; only the model's log-probabilities where P̂ > 0 are used, so a
    model probability that underflows to 0 gives a large finite number, not inf·0.
    """
    p = np.asarray(empirical, dtype=np.float64)
    logp = np.log(p, out=np.zeros_like(p), where=p > 0)
    kl = (p * (logp - np.where(p > 0, log_model, 0.0))).sum(axis=-1)
    return np.where(p.sum(axis=-1) > 0, np.maximum(kl, 0.0), np.nan)


@dataclass(frozen=True)
class KLCurve:
    steps: np.ndarray        # (S,) the recorded step numbers computed (all, or evenly spaced)
    per_center: np.ndarray   # (S, V) KL(P̂(·|c) ‖ model after the step); NaN for non-centers
                             # and for centers left out (see `centers`)
    weighted: np.ndarray     # (S,) Σ_c π(c) KL_c over `centers`: expected loss minus its floor
    floor: float             # Σ_c π(c) H(P̂(·|c)) over `centers`: the lowest average loss
    weights: np.ndarray      # (V,) π(c) over every center
    centers: np.ndarray | None = None   # the centers averaged over, most frequent first
    coverage: float = 1.0    # the share of all pairs whose center is in `centers`
    recorded: int = 0        # how many steps were recorded (S ≤ recorded)

    @property
    def all_centers(self) -> bool:
        """The averages are over every center (a small vocabulary)."""
        return self.coverage >= 1.0 - 1e-9


def even_rows(R: int, max_rows: int | None) -> np.ndarray:
    """Indices of at most max_rows of R recordings, evenly spaced, the first and last included."""
    return even_indices(R, max_rows)


@dataclass(frozen=True)
class _Rows:
    """The occurring pairs of some centers, ready for KL: center, context, P̂, Σ_o P̂ log P̂."""
    c: np.ndarray
    o: np.ndarray
    p: np.ndarray
    neg_entropy: np.ndarray     # (V,)
    has: np.ndarray             # (V,) bool: the center is included and has pairs


def _rows(counts, centers=None) -> _Rows:
    c, o, n = occurring(counts)
    totals = center_totals(counts)
    V = len(totals)
    if centers is not None:
        mask = np.zeros(V, dtype=bool)
        mask[np.asarray(centers, dtype=np.int64)] = True
        keep = mask[c]
        c, o, n = c[keep], o[keep], n[keep]
    p = n / totals[c] if len(c) else np.zeros(0)
    return _Rows(c, o, p, np.bincount(c, weights=p * np.log(p), minlength=V),
                 np.bincount(c, minlength=V) > 0)


def _kl(rows: _Rows, W, W_prime, chunk: int) -> np.ndarray:
    V = len(rows.has)
    cross = np.bincount(rows.c, weights=rows.p * pair_log_probs(W, W_prime, rows.c, rows.o,
                                                               chunk), minlength=V)
    kl = np.full(V, np.nan)
    kl[rows.has] = np.maximum(rows.neg_entropy[rows.has] - cross[rows.has], 0.0)
    return kl


def center_kl(counts, W: np.ndarray, W_prime: np.ndarray, centers=None,
              chunk: int = CHUNK) -> np.ndarray:
    """KL(P̂(·|c) ‖ softmax(W W′ᵀ)_c) per center (length V) after one step's weights.

    Only `centers` are computed (None: every center with pairs); the others are NaN.
    """
    return _kl(_rows(counts, centers), W, W_prime, chunk)


def kl_curve(W: np.ndarray, W_prime: np.ndarray, steps: np.ndarray, pairs: np.ndarray,
             chunk: int = CHUNK, centers: int | None = None,
             max_steps: int | None = None) -> KLCurve:
    """KL per center and its π-weighted average after every recorded step.

    W, W_prime are the (R, V, d) recordings. With a large vocabulary, `centers` limits the
    computation to that many most frequent centers (the averages and the floor are then over
    them, renormalised: `coverage` says what share of the pairs they hold) and `max_steps`
    to that many evenly spaced recordings. The softmax is computed `chunk` rows at a time and
    only for rows of centers, so memory stays small whatever V.
    """
    R, V, _ = np.shape(W)
    counts = sparse_pair_counts(pairs, V)
    weights = center_weights(counts)
    chosen = frequent_centers(counts, centers)
    rows = even_rows(R, max_steps)
    pairs_of = _rows(counts, chosen)
    per_center = np.empty((len(rows), V), dtype=np.float64)
    for k, r in enumerate(rows):
        per_center[k] = _kl(pairs_of, W[r], W_prime[r], chunk)
    share = weights[chosen]
    coverage = float(share.sum())
    norm = share / coverage if coverage > 0 else share
    weighted = per_center[:, chosen] @ norm
    floor = float(norm @ sparse_entropies(counts)[chosen])
    return KLCurve(np.asarray(steps)[rows], per_center, weighted, floor, weights,
                   chosen, coverage, R)


def center_curve(W: np.ndarray, W_prime: np.ndarray, counts, c: int, rows,
                 chunk: int = CHUNK) -> np.ndarray:
    """KL for one center after each recording in `rows` (its curve when the cached one left it
    out): one softmax row per step."""
    pairs_of = _rows(counts, [c])
    return np.array([_kl(pairs_of, W[r], W_prime[r], chunk)[c] for r in rows])


def kl_at(curve: KLCurve, counts, W: np.ndarray, W_prime: np.ndarray, step: int,
          center: int, chunk: int = CHUNK) -> tuple[float, float]:
    """(KL of `center`, the curve's weighted average) after recorded `step` with weights W, W′:
    read from the curve when it holds that step and center, else computed for that step
    alone (one softmax row per averaged center)."""
    k = int(np.searchsorted(curve.steps, step))
    on_curve = k < len(curve.steps) and int(curve.steps[k]) == int(step)
    if on_curve:
        per_center, weighted = curve.per_center[k], float(curve.weighted[k])
    else:
        per_center = center_kl(counts, W, W_prime, curve.centers, chunk)
        share = curve.weights[curve.centers]
        weighted = float(per_center[curve.centers] @ (share / share.sum()))
    if curve.centers is None or center in set(curve.centers.tolist()):
        return float(per_center[center]), weighted
    return float(center_kl(counts, W, W_prime, [center], chunk)[center]), weighted


def center_series(curve: KLCurve, counts, W: np.ndarray, W_prime: np.ndarray,
                  rows, center: int, chunk: int = CHUNK) -> np.ndarray:
    """The curve of one center at the curve's steps (`rows`: their recording indices)."""
    if curve.centers is None or center in set(curve.centers.tolist()):
        return curve.per_center[:, center]
    return center_curve(W, W_prime, counts, center, rows, chunk)


@dataclass(frozen=True)
class Comparison:
    """What the Model vs corpus page needs of a run, computed once (read-only, shared)."""
    counts: sparse.csr_matrix   # V×V pair counts, sparse
    pairs: pd.DataFrame         # the distinct pairs listed for tracking, most frequent first
    curve: KLCurve
    rows: np.ndarray            # recording indices of curve.steps
    distinct_pairs: int         # how many distinct pairs the corpus has


def compare(run, max_words: int, max_steps: int, max_pairs: int,
            line_steps: int | None = None) -> Comparison:
    """Counts, listed pairs and the KL curve of a run. Up to `max_words` words everything is
    exact and every center is averaged; a larger vocabulary averages over its `max_words` most
    frequent centers, computes the curve at `max_steps` evenly spaced recordings and lists
    `max_pairs` pairs. `line_steps`: a small vocabulary's curve at at most that many evenly
    spaced recordings (the first and last included) — no more than a chart's lines draw; the
    exact numbers at any other step come from `kl_at` (None: at every recording)."""
    V = len(run.vocab)
    counts = sparse_pair_counts(run.pairs, V)
    large = V > max_words
    steps_kept = max_steps if large else line_steps
    curve = kl_curve(run.W, run.W_prime, run.steps, run.pairs,
                     centers=max_words if large else None, max_steps=steps_kept)
    listed = corpus_pairs(counts, run.vocab, limit=max_pairs if large else None)
    if large:      # the default tracked pairs are always listed
        extra = [(c, o) for c, o in default_tracked_pairs(counts, 3)
                 if not ((listed["center"] == c) & (listed["context"] == o)).any()]
        if extra:
            everything = corpus_pairs(counts, run.vocab)
            wanted = everything.set_index(["center", "context"]).index.isin(extra)
            listed = pd.concat([listed, everything[wanted]], ignore_index=True)
    rows = even_rows(len(run.steps), steps_kept)
    for a in (curve.per_center, curve.weighted, curve.weights, rows):
        a.setflags(write=False)
    return Comparison(counts, listed, curve, rows, int(counts.nnz))


def with_step(steps: np.ndarray, values: list[np.ndarray], step: int,
              at_step: list[float]) -> tuple[np.ndarray, list[np.ndarray]]:
    """Curves sampled at `steps`, with the point (`step`, at_step[i]) added to curve i when
    `step` is not one of `steps` (kept sorted by step): a thinned curve passes through the
    exact value at a chosen step."""
    steps = np.asarray(steps)
    k = int(np.searchsorted(steps, step))
    if k < len(steps) and int(steps[k]) == int(step):
        return steps, [np.asarray(v) for v in values]
    return (np.insert(steps, k, step),
            [np.insert(np.asarray(v, dtype=np.float64), k, x) for v, x in zip(values, at_step)])


# -- pairs -----------------------------------------------------------------------------------
def corpus_pairs(counts, vocab: list[str], limit: int | None = None) -> pd.DataFrame:
    """Every distinct (center, context) pair that occurs, most frequent first.

    Columns: center, context (indices), center_word, context_word, count, empirical_p.
    Ties are broken by vocabulary order, so the order is deterministic. `limit`: only the
    `limit` most frequent pairs.
    """
    c, o, n = occurring(counts)
    totals = center_totals(counts)
    order = np.lexsort((o, c, -n))             # count desc, then center, then context
    if limit is not None:
        order = order[:limit]
    c, o, n = c[order], o[order], n[order]
    return pd.DataFrame({"center": c, "context": o,
                         "center_word": [vocab[i] for i in c],
                         "context_word": [vocab[j] for j in o],
                         "count": n, "empirical_p": n / totals[c]})


def default_tracked_pairs(counts, k: int = 3) -> list[tuple[int, int]]:
    """k frequent pairs with different centers: the most frequent pair of the most frequent
    centers (a sensible, deterministic start for the tracked-pairs chart)."""
    return [(int(c), int(np.argmax(count_row(counts, c)))) for c in frequent_centers(counts, k)]


def ranks_of(log_q: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Rank of column target[i] in row i (1 = most probable; ties in the target's favour)."""
    own = np.take_along_axis(log_q, np.asarray(target)[..., None], axis=-1)
    return (log_q > own).sum(axis=-1) + 1


def pair_tracks(W: np.ndarray, W_prime: np.ndarray, steps: np.ndarray,
                tracked: list[tuple[int, int]], vocab: list[str],
                chunk: int = CHUNK) -> pd.DataFrame:
    """Model P(context | center) and its rank among all V words after every recorded step.

    Long table: step, pair ("center → context"), center, context, probability, rank.
    At a recorded step s this is the probability step s+1 starts from, i.e. what
    run.step_state(s + 1) reports as context_prob when step s+1 trains that pair.
    Computed `chunk` recordings at a time (a few chunk×V blocks, whatever V).
    """
    frames = []
    R = len(steps)
    for c, o in tracked:
        prob, rank = np.empty(R), np.empty(R, dtype=np.int64)
        for lo in range(0, R, chunk):
            logits = np.einsum("rd,rvd->rv", np.asarray(W[lo:lo + chunk, c], dtype=np.float64),
                               np.asarray(W_prime[lo:lo + chunk], dtype=np.float64))
            top = logits.max(axis=1, keepdims=True)
            log_q = logits - top - np.log(np.exp(logits - top).sum(axis=1, keepdims=True))
            prob[lo:lo + chunk] = np.exp(log_q[:, o])
            rank[lo:lo + chunk] = ranks_of(log_q, np.full(len(log_q), o))
        frames.append(pd.DataFrame({
            "step": np.asarray(steps), "pair": pair_label(vocab, c, o), "center": c,
            "context": o, "probability": prob, "rank": rank}))
    if not frames:
        return pd.DataFrame(columns=["step", "pair", "center", "context", "probability", "rank"])
    return pd.concat(frames, ignore_index=True)


def pair_label(vocab: list[str], center: int, context: int) -> str:
    return f"{vocab[center]} → {vocab[context]}"


def hardest_pairs(counts, W: np.ndarray, W_prime: np.ndarray, vocab: list[str],
                  n: int = 15, chunk: int = CHUNK) -> pd.DataFrame:
    """The n pairs that occur in the corpus with the lowest model probability under (W, W′).

    Columns: center, context (words), count, empirical P, model P, rank (among V), and
    −log model P (the loss a step on this pair would have). The softmax is computed only for
    rows of centers, a few at a time; ranks only for the n pairs shown.
    """
    c, o, cnt = occurring(counts)
    log_p = pair_log_probs(W, W_prime, c, o, chunk)
    totals = center_totals(counts)
    order = np.lexsort((o, c, -cnt, log_p))[:n]   # model P ascending, then count desc
    c, o, cnt, log_p = c[order], o[order], cnt[order], log_p[order]
    log_q = log_model_matrix(np.asarray(W)[c], W_prime)          # (n, V): only these rows
    frame = pd.DataFrame({
        "center word": [vocab[i] for i in c], "context word": [vocab[j] for j in o],
        "count": cnt, "corpus P": cnt / totals[c], "model P": np.exp(log_p),
        "rank": ranks_of(log_q, o) if len(c) else np.zeros(0, dtype=np.int64),
        "−log model P": -log_p})
    return frame.reset_index(drop=True)


def comparison(empirical_row: np.ndarray, model_row: np.ndarray, vocab: list[str],
               top_n: int = 10) -> pd.DataFrame:
    """Long table for one center: the top_n context words by the larger of the two
    probabilities, with source "corpus" / "model" and the probability (order kept in `order`)."""
    emp, mod = np.asarray(empirical_row, float), np.asarray(model_row, float)
    best = np.argsort(-np.maximum(emp, mod), kind="stable")[:top_n]
    rows = []
    for order, j in enumerate(best):
        rows.append({"word": vocab[j], "order": order, "source": "corpus", "probability": emp[j]})
        rows.append({"word": vocab[j], "order": order, "source": "model", "probability": mod[j]})
    return pd.DataFrame(rows, columns=["word", "order", "source", "probability"])
