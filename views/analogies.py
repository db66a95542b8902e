"""The Analogies page's tables: accuracy over training, the per-analogy grid, convergence."""
from __future__ import annotations

import pandas as pd

from .groups import NO_GROUP, group_of


def analogy_accuracy_frame(evolution: dict) -> pd.DataFrame:
    """reports.analogy_evolution → step, accuracy, correct, total (steps with no answer: NaN)."""
    rows = []
    for m in evolution["milestones"]:
        results = m["results"]
        rows.append({"step": m["step"], "accuracy": m["accuracy"],
                     "correct": sum(r["correct"] for r in results), "total": len(results)})
    return pd.DataFrame(rows, columns=["step", "accuracy", "correct", "total"])


def analogy_grid_frame(evolution: dict) -> pd.DataFrame:
    """One row per (analogy, milestone): the top answer then and whether it was right."""
    rows = []
    for m in evolution["milestones"]:
        for r in m["results"]:
            a, b, c, d = r["analogy"]
            rows.append({"analogy": f"{a} : {b} :: {c} : {d}", "step": m["step"],
                         "answer": r["answer"], "correct": "right" if r["correct"] else "wrong"})
    return pd.DataFrame(rows, columns=["analogy", "step", "answer", "correct"])


def convergence_frame(convergence: dict, vocab: list[str], groups: dict) -> pd.DataFrame:
    """reports.word_convergence → word, group, converged_at, frequency."""
    frame = pd.DataFrame(convergence["words"], columns=["word", "converged_at", "frequency"])
    by_word = dict(zip(vocab, group_of(vocab, groups)))
    frame.insert(1, "group", [by_word.get(w, NO_GROUP) for w in frame["word"]])
    return frame
