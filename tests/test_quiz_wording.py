"""Every word and number of the quiz of a small hand-built run, as a student reads them.

The run is built here, not trained: 4 words, d = 2, 60 steps with every step recorded, weights
and losses from a fixed formula. So the quiz's text (prompts, options, explanations, evidence)
depends on the quiz code alone, not on the training engine, and any change to what it states
shows up as a difference against tests/data/quiz_by_hand.json. That file is written by
`PYTHONPATH=. python tests/test_quiz_wording.py --write` after a deliberate change of wording; review its diff.
Its answers are checked on their own below and in test_quiz_recomputed.py.
"""
import dataclasses
import json
import math
import sys
from pathlib import Path

import numpy as np
import pytest

import w2v
from w2v import quiz
from w2v.pairs import generate_pairs
from w2v.run import Run
from w2v.training import pair_order

EXPECTED = Path(__file__).parent / "data" / "quiz_by_hand.json"
TEXT = "king queen castle\nqueen castle crown\nking crown queen\ncastle king crown\n"
SETS = {"groups": {"royals": ["king", "queen"], "things": ["castle", "crown", "moat"]},
        "analogies": []}
STEPS = 60


def hand_run() -> Run:
    config = w2v.TrainConfig(steps=STEPS, dim=2, window=1, dense_steps=STEPS,
                             record_interval=1, seed=3)
    corpus = w2v.load_corpus(TEXT)
    pairs = generate_pairs(corpus.cleaned, corpus.w2i, config.window)
    order = pair_order(len(pairs), STEPS, config.seed)
    s = np.arange(STEPS + 1)[:, None, None]
    word = np.arange(4)[None, :, None]
    axis = np.arange(2)[None, None, :]
    W = np.cos(0.7 * word + 1.3 * axis + 0.05 * s) * (0.2 + 0.01 * s)
    W_prime = np.sin(1.1 * word - 0.4 * axis + 0.03 * s) * 0.5
    losses = 1.4 - 0.008 * np.arange(STEPS) + 0.05 * np.sin(np.arange(STEPS))
    return Run(config, corpus, pairs, pairs[order, 0], pairs[order, 1],
               losses.astype(np.float32), np.arange(STEPS + 1), W.astype(np.float32),
               W_prime.astype(np.float32))


def as_data(questions) -> list:
    return json.loads(json.dumps([dataclasses.asdict(q) for q in questions]))


def same(got, want, path="quiz"):
    """Equal, floats to 1e-9 relative (sums may round differently elsewhere)."""
    if isinstance(want, float) and isinstance(got, (int, float)):
        assert got == pytest.approx(want, rel=1e-9, abs=1e-12), path
    elif isinstance(want, dict):
        assert isinstance(got, dict) and list(got) == list(want), path
        for k in want:
            same(got[k], want[k], f"{path}.{k}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), path
        for i, (g, w) in enumerate(zip(got, want)):
            same(g, w, f"{path}[{i}]")
    else:
        assert got == want, path


@pytest.fixture(scope="module")
def questions():
    return quiz.make_quiz(hand_run(), SETS)


def test_the_quiz_states_what_it_stated(questions):
    same(as_data(questions), json.loads(EXPECTED.read_text(encoding="utf-8")))


def test_hand_run_answers(questions):
    qs = {q.qid: q for q in questions}
    assert qs["parameters"].answer == 2 * 4 * 2
    assert qs["uniform_loss"].answer == math.log(4)
    assert qs["rows_updated"].evidence.rows[0]["rows changed"] == 4    # every row of W′ moved
    losses = hand_run().losses
    assert qs["end_loss"].answer == pytest.approx(losses.astype(np.float64).mean())
    assert qs["start_loss"].answer == "about ln V = 1.39"               # first 60: ≈ 1.17


if __name__ == "__main__":
    if "--write" not in sys.argv:
        sys.exit("PYTHONPATH=. python tests/test_quiz_wording.py --write   (rewrites " f"{EXPECTED.name})")
    EXPECTED.write_text(json.dumps(as_data(quiz.make_quiz(hand_run(), SETS)), indent=1,
                                   ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {EXPECTED}")
