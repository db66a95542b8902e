"""The quiz: answers computed from the run, deterministic per run, scoring."""
import math

import numpy as np
import pytest

import w2v
from w2v import quiz
from w2v.analysis import similarity
from w2v.pairs import generate_pairs


@pytest.fixture(scope="module")
def questions(small_run, sets):
    return {q.qid: q for q in quiz.make_quiz(small_run, sets)}


def test_about_fifteen_questions_in_three_tiers(questions):
    qs = list(questions.values())
    assert 13 <= len(qs) <= 16
    assert {q.tier for q in qs} == set(quiz.TIERS)
    assert [quiz.TIERS.index(q.tier) for q in qs] == sorted(quiz.TIERS.index(q.tier) for q in qs)
    for q in qs:
        assert q.explanation and q.evidence is not None
        if q.kind == quiz.CHOICE:
            assert q.answer in q.options and len(set(q.options)) == len(q.options) >= 2


def test_answers_come_from_the_run(questions, small_run):
    run = small_run
    V, d = len(run.vocab), run.config.dim
    assert questions["parameters"].answer == 2 * V * d
    assert questions["uniform_loss"].answer == pytest.approx(math.log(V))
    q = questions["nearest"]
    word = q.evidence.label.split("“")[1].split("”")[0]
    assert q.answer == similarity.nearest(run.W[-1], run.vocab, word, 1)[0][0]
    q = questions["sentence_pairs"]
    sentence = q.prompt.split("“")[1].split("”")[0].split()
    assert q.answer == len(generate_pairs([sentence], run.corpus.w2i, run.config.window))
    assert len(q.evidence.rows) == q.answer
    q = questions["end_loss"]
    assert q.answer == pytest.approx(float(np.mean(run.losses[-1000:])))
    assert questions["rows_updated"].answer.startswith("Every row")


def test_step_questions_match_the_step(questions, small_run):
    q = questions["step_own"]
    step = int(q.prompt.split("Step ")[1].split(" ")[0].replace(",", ""))
    state = small_run.step_state(step)
    before, after = q.evidence.rows[0]["P before the step"], q.evidence.rows[0]["P after the step"]
    assert before == pytest.approx(state.context_prob)
    assert q.answer == ("It goes up" if after > before else "It goes down")


def test_deterministic_per_seed(small_run, sets, text):
    again = quiz.make_quiz(small_run, sets)
    assert again == quiz.make_quiz(small_run, sets)
    other = w2v.train(text, w2v.TrainConfig(steps=400, dense_steps=50, record_interval=25, seed=7))
    assert [q.prompt for q in quiz.make_quiz(other, sets)] != [q.prompt for q in again]


def test_score(questions):
    qs = list(questions.values())
    right = {q.qid: q.answer for q in qs}
    assert quiz.score(qs, right).correct == len(qs)
    s = quiz.score(qs, {"parameters": -1, "uniform_loss": round(questions["uniform_loss"].answer, 2)})
    assert (s.correct, s.answered, s.total) == (1, 2, len(qs))
    assert s.results["parameters"] is False and s.results["nearest"] is None
    q = questions["end_loss"]
    assert q.is_correct(q.answer + 0.19) and not q.is_correct(q.answer + 0.25)
    assert not q.is_correct("abc") and not q.is_correct(float("nan"))


def test_works_without_groups_and_on_a_tiny_run(small_run, text):
    qs = quiz.make_quiz(small_run, {"groups": {}, "analogies": []})
    assert len(qs) >= 12 and "group" not in {q.qid for q in qs}
    tiny = w2v.train(text, w2v.TrainConfig(steps=5, dense_steps=5))
    assert quiz.make_quiz(tiny, None)                     # no crash on a 5-step run


def test_md_escape_makes_text_literal():
    from views.text import md_escape
    nasty = "$x^2$ :red[a] **b** [l](http://e) <b>h</b> _i_ `c` # h"
    escaped = md_escape(nasty)
    assert all(escaped[escaped.index(ch) - 1] == "\\" for ch in "$:*[<_`#")
    assert md_escape("king queen") == "king queen"


def test_where_the_center_word_turns_in_one_step(questions, small_run):
    q = questions["step_move"]
    step = int(q.prompt.split()[1].replace(",", ""))
    state = small_run.step_state(step)
    v_c, v_o = (np.asarray(state.W[i], np.float64) for i in (state.center, state.context))
    after = v_c @ v_o / (np.linalg.norm(v_c) * np.linalg.norm(v_o))
    assert (q.answer == quiz.CLOSER) == (after > state.cosine_center_context)
    assert q.evidence.rows[1]["cosine"] == pytest.approx(after, abs=1e-4)
