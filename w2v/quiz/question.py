"""A question, its evidence and the scoring of answers: what every generator returns.

Prompts, options and explanations are plain text that may contain corpus words: a page must
render them safely (escaped, or as text), never as raw Markdown or HTML.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

CONCEPTS, READING, PREDICTING = "Concepts", "Reading the charts", "Predicting"
TIERS = (CONCEPTS, READING, PREDICTING)
CHOICE, NUMBER = "choice", "number"
YES, NO = "Yes", "No"


@dataclass(frozen=True)
class Evidence:
    """What settles a question, for the page to show once the student has answered.

    kind "metric": `value` (with `label`); "table": `rows` (list of dicts, column order kept);
    "line": `rows` with x/y columns named in `x`, `y`, and optional `series`.
    """
    kind: str
    label: str
    value: str = ""
    rows: tuple = ()
    x: str = ""
    y: str = ""
    series: str = ""
    note: str = ""


@dataclass(frozen=True)
class Question:
    qid: str
    tier: str
    prompt: str
    kind: str                          # CHOICE or NUMBER
    answer: str | float
    explanation: str
    options: tuple[str, ...] = ()
    tolerance: float = 0.0             # NUMBER: |given − answer| ≤ tolerance counts as right
    evidence: Evidence | None = None
    decimals: int = 0                  # NUMBER: how the answer is shown / typed

    def is_correct(self, given) -> bool:
        if given is None:
            return False
        if self.kind == NUMBER:
            try:
                value = float(given)
            except (TypeError, ValueError):
                return False
            return math.isfinite(value) and abs(value - float(self.answer)) <= self.tolerance + 1e-9
        return given == self.answer

    def shown_answer(self) -> str:
        if self.kind == NUMBER:
            return f"{float(self.answer):,.{self.decimals}f}"
        return str(self.answer)


@dataclass(frozen=True)
class Score:
    correct: int
    answered: int
    total: int
    results: dict = field(default_factory=dict)   # qid → True / False / None (unanswered)


def score(questions: list[Question], answers: dict) -> Score:
    """Right answers among `answers` (qid → the student's value; missing or None = unanswered)."""
    results = {}
    for q in questions:
        given = answers.get(q.qid)
        results[q.qid] = None if given is None else q.is_correct(given)
    return Score(sum(r is True for r in results.values()),
                 sum(r is not None for r in results.values()), len(questions), results)
