"""A quiz generated from a finished run: concepts, reading the charts, predicting.

Every answer is computed from the run and its corpus, and every question carries the evidence
(a number, a table or a short curve) that settles it, so a page can ask first and reveal after.
The choice of words, sentences and steps is drawn from a generator seeded by the run's seed:
every student who opens the same link gets the same quiz.

Prompts, options and explanations are plain text that may contain corpus words: a page must
render them safely (escaped, or as text), never as raw Markdown or HTML.

question    Question, Evidence, Score and score(): what every generator returns
draw        the seeded draws the generators share (words, options, evidence rows)
concepts, reading, predicting   one module per tier of questions
make        make_quiz(): every generator once, in the order of TIERS
"""
from .make import make_quiz
from .predicting import CLOSER, DIRECTIONS, RANK_BINS
from .question import (CHOICE, CONCEPTS, NO, NUMBER, PREDICTING, READING, TIERS, YES, Evidence,
                       Question, Score, score)

__all__ = ["make_quiz", "score", "Question", "Evidence", "Score", "TIERS", "CONCEPTS", "READING",
           "PREDICTING", "CHOICE", "NUMBER", "YES", "NO", "CLOSER", "DIRECTIONS", "RANK_BINS"]
