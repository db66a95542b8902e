"""The Analogies page's tables: accuracy over training, the per-analogy grid, convergence."""
from __future__ import annotations

import pandas as pd

from w2v.analysis import over_training, word_sets
from w2v.run import Run

from .groups import group_of

# over_training.analogies_over_training: (step, word_sets.analogy_results) per milestone
Milestones = list[tuple[int, list[dict]]]


def analogy_accuracy_frame(milestones: Milestones) -> pd.DataFrame:
    """step, accuracy, correct, total (steps with no answer: NaN)."""
    rows = [{"step": step, "accuracy": word_sets.top1_accuracy(results),
             "correct": sum(r["correct"] for r in results), "total": len(results)}
            for step, results in milestones]
    return pd.DataFrame(rows, columns=["step", "accuracy", "correct", "total"])


def analogy_grid_frame(milestones: Milestones) -> pd.DataFrame:
    """One row per (analogy, milestone): the top answer then and whether it was right."""
    rows = []
    for step, results in milestones:
        for r in results:
            a, b, c, d = r["analogy"]
            rows.append({"analogy": f"{a} : {b} :: {c} : {d}", "step": step,
                         "answer": r["answer"], "correct": "right" if r["correct"] else "wrong"})
    return pd.DataFrame(rows, columns=["analogy", "step", "answer", "correct"])


def convergence_frame(run: Run, groups: dict,
                      min_cosine: float = over_training.CONVERGED_COSINE) -> pd.DataFrame:
    """word, group, converged_at (over_training.convergence_steps), frequency."""
    vocab = run.vocab
    return pd.DataFrame({"word": vocab, "group": group_of(vocab, groups),
                         "converged_at": over_training.convergence_steps(run.steps, run.W,
                                                                         min_cosine),
                         "frequency": [run.corpus.counts[w] for w in vocab]})
