"""A negative-sampling run through the app: every page draws, Step internals shows the k noise
words the run drew, and the pages whose maths is the full softmax's say so."""
import io
import json

import numpy as np
import pyarrow as pa
import pytest

import w2v
import w2v.forces
from conftest import ROYAL_TEXT, SETS, royal_app

NEGATIVE = {"steps": 900, "dense_steps": 50, "record_interval": 10, "objective": "negative",
            "negatives": 4, "sample": 0.01, "lr_schedule": "linear"}
PAGES = ["pages/corpus.py", "pages/training_pairs.py", "pages/model.py", "pages/loss_curve.py",
         "pages/embeddings.py", "pages/step_internals.py", "pages/similarity.py",
         "pages/analogies.py", "pages/experiments.py", "pages/model_vs_corpus.py",
         "pages/quiz.py"]


@pytest.fixture
def app(tmp_path, monkeypatch):
    at = royal_app(tmp_path, monkeypatch, 90)
    at.query_params.update({k: str(v) for k, v in NEGATIVE.items()})
    return at.run()


def _open(at, page):
    at.switch_page(page).run()
    for _ in range(30):            # the run may still be training: the page reruns when done
        if at.exception or not any("Training" in s.value for s in at.get("status")):
            break
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def text_of(at) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "subheader", "header")
             for e in at.get(kind) if isinstance(getattr(e, "value", None), str)]
    return " ".join(parts)


def test_every_page_draws_a_negative_sampling_run(app):
    for page in PAGES:
        at = _open(app, page)
        assert at.title, page


def test_corpus_page_counts_epochs_of_the_subsampled_run(app):
    """With subsampling an epoch is the thinned text's pairs: Epochs covered divides by the
    run's own first epoch (where its second begins), not by all the pairs."""
    at = _open(app, "pages/corpus.py")
    run = w2v.train(ROYAL_TEXT, w2v.TrainConfig(**NEGATIVE))
    first = int(run.epoch_starts[1]) - 1
    assert first < len(run.pairs)
    epochs = next(m for m in at.metric if m.label == "Epochs covered")
    assert epochs.value == f"{NEGATIVE['steps'] / first:,.1f}" != f"{NEGATIVE['steps'] / len(run.pairs):,.1f}"
    assert f"÷ {first:,} pairs, the actual length of this run's first epoch" in epochs.proto.help
    assert f"fewer than all {len(run.pairs):,} pairs" in epochs.proto.help


def test_step_internals_shows_the_k_noise_words_the_run_drew(app):
    at = _open(app, "pages/step_internals.py")
    run = w2v.train(ROYAL_TEXT, w2v.TrainConfig(**NEGATIVE))
    step = at.select_slider(key="step_internals_step").value
    state = run.step_state(step)
    scored = next(d.value for d in at.dataframe if "target" in d.value.columns)
    assert scored["target"].tolist() == [1, 0, 0, 0, 0]             # the context, k = 4 noise
    assert scored["word"].tolist()[1:] == [run.vocab[k] for k in run.negatives_at(step)]
    assert scored["word"].iloc[0] == state.context_word
    np.testing.assert_allclose(scored["sigma"].iloc[1:], state.negative_scores, rtol=1e-5)
    labels = [m.label for m in at.metric]
    assert "σ(u_o·v_c), the context" in labels and "Rank of the context" not in labels
    text = text_of(at)
    assert "negative sampling" in text and "noise word" in text
    # The map: one arrow per noise word besides attractive, repulsive and the move.
    spec = next(json.loads(c.proto.spec) for c in at.get("vega_lite_chart")
                if "Forces on v_c" in c.proto.spec)
    shafts = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "rule")
    assert shafts["encoding"]["color"]["scale"]["domain"] == list(w2v.forces.NEGATIVE_ARROWS)
    assert "noise word" in [t.get("title") for t in shafts["encoding"]["tooltip"]]
    # η of the step comes from the linear schedule.
    assert f"η = {state.lr:.4g}" in " ".join(c.value for c in at.caption)


def test_model_page_states_both_costs_with_measured_times(app):
    at = _open(app, "pages/model.py")
    table = next(t.value for t in at.table if "multiply-adds" in t.value.columns)
    V, d = len(w2v.load_corpus(ROYAL_TEXT, 3).vocab), 8
    assert table["multiply-adds"].tolist() == [V * d, (4 + 1) * d]
    assert table.index.tolist() == ["full softmax", "negative sampling  ← this run"]
    assert (table["measured µs a step"] > 0).all()


@pytest.mark.parametrize("page", ["pages/model_vs_corpus.py", "pages/quiz.py"])
def test_softmax_pages_say_what_they_mean_for_negative_sampling(app, page):
    at = _open(app, page)
    notice = " ".join(i.value for i in at.info)
    assert "negative sampling" in notice and "softmax" in notice


def test_quiz_leaves_out_the_softmax_loss_questions_for_negative_sampling(text):
    from w2v import quiz
    negative = w2v.train(text, w2v.TrainConfig(**NEGATIVE))
    softmax = w2v.train(text, w2v.TrainConfig(**{**NEGATIVE, "objective": "softmax"}))
    ids = {q.qid for q in quiz.make_quiz(negative, SETS)}
    assert ids and not ids & quiz.make.SOFTMAX_ONLY
    assert {q.qid for q in quiz.make_quiz(softmax, SETS)} & quiz.make.SOFTMAX_ONLY


def test_loss_curve_draws_the_untrained_level_of_negative_sampling(app):
    at = _open(app, "pages/loss_curve.py")
    k = NEGATIVE["negatives"]
    assert [m.value for m in at.metric if m.label == "Untrained, (k+1)·ln 2"] == [
        f"{(k + 1) * np.log(2):.3f}"]
    assert not [m for m in at.metric if "ln V" in m.label]
    chart = at.get("vega_lite_chart")[0].proto
    tables = [pa.ipc.open_stream(io.BytesIO(d.data.data)).read_all().to_pandas()
              for d in chart.datasets]
    labels = [v for t in tables if "label" in t.columns for v in t["label"]]
    assert f"untrained: (k+1)·ln 2 = {(k + 1) * np.log(2):.2f}" in labels
    assert not [v for v in labels if "random guessing" in v]
    assert "softmax's ln V and best possible loss do not apply" in text_of(at)
