"""The Model vs corpus and Quiz pages, run through the entry point on a tiny corpus."""
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROYAL_TEXT, SETS

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")
SMALL = {"steps": 600, "dense_steps": 50, "record_interval": 10}


@pytest.fixture
def app(tmp_path, monkeypatch):
    corpus, sets = tmp_path / "corpus.txt", tmp_path / "corpus_sets.json"
    corpus.write_text(ROYAL_TEXT, encoding="utf-8")
    sets.write_text(json.dumps(SETS), encoding="utf-8")
    monkeypatch.setenv("W2V_CORPUS", str(corpus))
    monkeypatch.setenv("W2V_CORPUS_SETS", str(sets))
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in SMALL.items():
        at.session_state[name] = value
    at.run()
    return at


def _open(at, page):
    at.switch_page(page).run()
    for _ in range(30):            # the run may still be training: the page reruns when done
        if at.get("vega_lite_chart") or at.get("radio") or at.exception:
            break
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_model_vs_corpus_page(app):
    at = _open(app, "pages/model_vs_corpus.py")
    assert at.title[0].value == "Model vs corpus"
    assert len(at.get("vega_lite_chart")) == 4      # comparison, KL curve, tracked P and rank
    assert len(at.multiselect(key="mvc_pairs").value) == 3
    assert len(at.dataframe) == 2                       # tracked pairs at the step, hardest
    at.selectbox(key="mvc_center").set_value("cat").run()
    at.select_slider(key="mvc_step").set_value(0).run()
    assert not at.exception
    kl = float(at.metric[0].value)
    assert kl >= 0


def test_quiz_page_answer_reveals_evidence(app):
    at = _open(app, "pages/quiz.py")
    assert at.title[0].value == "Quiz"
    inputs = [w for w in list(at.radio) + list(at.number_input)
              if (w.key or "").startswith("quiz_input_")]
    assert 13 <= len(inputs) <= 16
    assert not at.dataframe                             # no evidence before answering
    at.number_input(key="quiz_input_parameters").set_value(2 * 17 * 8)
    at.button(key="quiz_commit_parameters").click().run()
    assert not at.exception
    assert at.metric[0].value == f"1 / {len(inputs)}"
    assert any("Right" in s.value for s in at.success)
    # An unanswered commit warns and records nothing.
    at.button(key="quiz_commit_uniform_loss").click().run()
    assert at.warning and at.metric[1].value.startswith("1 /")
    # A choice question answered wrongly shows the right answer and its evidence table.
    radio = at.radio(key="quiz_input_rows_updated")
    radio.set_value("None: only W changes")
    at.button(key="quiz_commit_rows_updated").click().run()
    assert at.error and at.dataframe
    # The answers survive leaving the page and coming back.
    at.switch_page("pages/loss_curve.py").run()
    at.switch_page("pages/quiz.py").run()
    assert at.metric[1].value.startswith("2 /")
