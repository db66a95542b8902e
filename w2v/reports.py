"""The seed's analysis files (corpus_stats.json, model_definition.json, ...) as JSON-ready values.

Each function takes a Run (and the optional sets dict, see textio.read_sets) and returns plain
dicts and lists shaped like the files; the numbers come from w2v/analysis. Weights are read at
milestone steps (analysis/over_training.milestones).
"""
import inspect

import numpy as np

from .analysis import over_training, similarity, word_sets
from .corpus import STOPWORDS
from .model import SkipGram
from .run import Run

SAMPLE_SENTENCES = 10
KEY_WORDS_WITHOUT_SETS = 10     # the most frequent words stand in for groups
NEIGHBOURS = 5

# Published parameter counts, the one list the Model page and model_definition.json share.
# word2vec-google-news is 3M words × 300 dims of W ≈ 0.9B (a "3B" often quoted is not its size);
# GPT-4's count is an outside estimate, OpenAI has not published one.
SCALE_COMPARISON = [("word2vec-google-news", 3_000_000 * 300, "3M words × 300 dims ≈ 0.9B (2013)"),
                    ("GPT-2", 117_000_000, "117M (2019)"),
                    ("GPT-3", 175_000_000_000, "175B (2020)"),
                    ("GPT-4", 1_000_000_000_000, "~1T+ (2023, an estimate)")]


def rounded(x, decimals: int = 6):
    """An array (or number) as nested lists of short Python floats, non-finite as None.

    float64 first: a float32 0.1 would otherwise print as 0.10000000149011612.
    """
    a = np.round(np.asarray(x, dtype=np.float64), decimals)
    if not np.isfinite(a).all():
        a = np.where(np.isfinite(a), a, None)
    return a.tolist()


def epochs_covered(run: Run) -> float:
    """Passes over the pairs: steps ÷ pairs, or with subsampling (uneven epochs, see
    run.epoch_starts) the epochs begun before the last one plus the share of it done,
    measured against the mean length of the whole epochs."""
    if run.epoch_starts is None:
        return run.steps_done / run.epoch_length
    starts = run.epoch_starts[run.epoch_starts <= run.steps_done]
    whole = np.diff(starts)
    typical = whole.mean() if len(whole) else run.epoch_length
    return len(starts) - 1 + (run.steps_done - starts[-1] + 1) / typical


def corpus_stats(run: Run) -> dict:
    c = run.corpus
    freq = sorted(((w, c.counts[w]) for w in c.vocab), key=lambda wc: (-wc[1], wc[0]))
    dropped = sorted(w for w in c.counts if c.counts[w] < c.min_count)
    return {
        "sentences_raw": len(c.raw),
        "sentences_cleaned": len(c.cleaned),
        "tokens_raw": sum(map(len, c.raw)),
        "tokens_cleaned": sum(map(len, c.cleaned)),
        "vocab_size": len(c.vocab),
        "min_count": c.min_count,
        "words_below_min_count": dropped,
        "pairs": run.epoch_length,
        "window": run.config.window,
        "steps_trained": run.steps_done,
        "epochs_covered": round(epochs_covered(run), 2),
        "frequency_distribution": [{"word": w, "count": n} for w, n in freq],
        "sample_sentences": [
            {"raw": " ".join(s),
             "content_words": [t for t in s if t not in STOPWORDS],
             "in_vocab": c.in_vocab(s)}
            for s in c.raw[:SAMPLE_SENTENCES]],
    }


def model_definition(run: Run) -> dict:
    V, d = run.W.shape[1:]
    layers = [
        {"name": "W (embeddings)", "type": "Embedding", "shape": [V, d], "params": V * d},
        # nn.Linear(d, V) maps d inputs to V outputs; its weight (our W_prime) is stored V×d.
        {"name": "W′ (out)", "type": "Linear", "shape": [d, V], "weight_shape": [V, d],
         "params": V * d, "bias": False},
    ]
    total = sum(layer["params"] for layer in layers)
    return {
        "architecture": ("skip-gram with full softmax" if run.config.objective == "softmax" else
                         f"skip-gram with negative sampling (k = {run.config.negatives})"),
        "vocab_size": V, "embed_dim": d,
        "layers": layers,
        "total_params": total,
        "forward_pipeline": [
            {"stage": "one-hot", "shape": [V]},
            {"stage": "embedding lookup W", "shape": [d]},
            {"stage": "W′ projection", "shape": [V]},
            {"stage": "logits", "shape": [V]},
            {"stage": "softmax", "shape": [V]},
            {"stage": "loss", "shape": [1]},
        ],
        "loss": "cross-entropy: L = -log softmax(W′ v_c)[context]",
        "optimizer": {"type": "SGD", "lr": run.config.lr, "momentum": 0, "batch_size": 1},
        "init": "uniform(-0.5, 0.5) for W and W′",
        "source": inspect.getsource(SkipGram),
        "scale_comparison": [{"model": "This model", "params": total, "label": f"{total:,}"}]
        + [{"model": m, "params": n, "label": label} for m, n, label in SCALE_COMPARISON],
    }


def similarity_matrix(run: Run) -> dict:
    return {"words": run.vocab, "matrix": rounded(similarity.cosine_matrix(run.W[-1]), 4)}


def weight_snapshots(run: Run) -> dict:
    steps = over_training.milestones(run)
    return {"steps": steps, "snapshots": [
        {"step": s, "W": rounded(over_training.W_at(run, s)),
         "W_prime": rounded(run.W_prime[run.index_of(s)])}
        for s in steps]}


def w_vs_wprime(run: Run) -> list[dict]:
    """Final W and W′ rows of each word: the same word plays two roles (center, context)."""
    cos, nW, nWp = similarity.two_roles(run.W[-1], run.W_prime[-1])
    return [{"word": w, "cosine": round(float(cos[i]), 6), "norm_W": round(float(nW[i]), 6),
             "norm_W_prime": round(float(nWp[i]), 6)} for i, w in enumerate(run.vocab)]


def neighbor_evolution(run: Run, sets: dict | None = None, k: int = NEIGHBOURS) -> dict:
    steps = over_training.milestones(run)
    words = word_sets.key_words(run.vocab, run.corpus.counts, sets, KEY_WORDS_WITHOUT_SETS)
    return {"k": k, "steps": steps, "words": {
        word: [{"step": s, "neighbors": [{"word": w, "similarity": round(sim, 4)}
                                         for w, sim in near]}
               for s, near in over_training.nearest_over_training(run, word, steps, k)]
        for word in words}}


def analogy_evolution(run: Run, sets: dict | None = None) -> dict:
    questions = word_sets.usable_analogies((sets or {}).get("analogies", []), run.vocab)
    entries = []
    steps = over_training.milestones(run)
    for s, results in over_training.analogies_over_training(run, questions, steps):
        for r in results:
            r["score"] = None if r["score"] is None else round(r["score"], 4)
        entries.append({"step": s, "accuracy": word_sets.top1_accuracy(results),
                        "results": results})
    return {"analogies": questions, "milestones": entries}


def word_convergence(run: Run, min_cosine: float = over_training.CONVERGED_COSINE) -> dict:
    settled = over_training.convergence_steps(run.steps, run.W, min_cosine)
    return {
        "criterion": "first recorded step after which the word's W row keeps "
                     "cosine >= min_cosine to its final row",
        "min_cosine": min_cosine,
        "final_step": int(run.steps[-1]),
        "words": [{"word": w, "converged_at": int(s), "frequency": run.corpus.counts[w]}
                  for w, s in zip(run.vocab, settled)],
    }
