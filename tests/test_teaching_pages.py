"""The Model vs corpus and Quiz pages, run through the entry point on a tiny corpus."""
import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import w2v
from conftest import ROYAL_TEXT, SETS
from w2v.model import initial_weights
from views import model_vs_corpus as model_vs_corpus_views

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")
SMALL = {"steps": 600, "dense_steps": 50, "record_interval": 10}


def _started(tmp_path, monkeypatch, settings=SMALL):
    """The app on the tiny corpus and its sets, with `settings` in the sidebar, run once."""
    corpus, sets = tmp_path / "corpus.txt", tmp_path / "corpus_sets.json"
    corpus.write_text(ROYAL_TEXT, encoding="utf-8")
    sets.write_text(json.dumps(SETS), encoding="utf-8")
    monkeypatch.setenv("W2V_CORPUS", str(corpus))
    monkeypatch.setenv("W2V_CORPUS_SETS", str(sets))
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in settings.items():
        at.session_state[name] = value
    at.run()
    return at


@pytest.fixture
def app(tmp_path, monkeypatch):
    return _started(tmp_path, monkeypatch)


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
    # Step 0 is the initial weights: KL(P̂(·|c) ‖ softmax(W′·v_c)) recomputed here in float64
    # from the pairs' counts, for "cat" and averaged with π(c); the floor H from the same counts.
    run = w2v.train(ROYAL_TEXT, w2v.TrainConfig(**SMALL))
    W, W_prime = (np.asarray(a, np.float64) for a in initial_weights(len(run.vocab), 8, 42))
    counts = np.zeros((len(run.vocab),) * 2)
    np.add.at(counts, (run.pairs[:, 0], run.pairs[:, 1]), 1)
    p = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    scores = W @ W_prime.T
    log_q = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
    with np.errstate(divide="ignore", invalid="ignore"):
        kl = np.where(p > 0, p * (np.log(p) - log_q), 0.0).sum(axis=1)
        entropy = -np.where(p > 0, p * np.log(p), 0.0).sum(axis=1)
    pi = counts.sum(axis=1) / counts.sum()
    assert [m.value for m in at.metric[:4]] == [
        f"{kl[run.vocab.index('cat')]:.3f}", f"{pi @ kl:.3f}", f"{pi @ entropy:.3f}",
        f"{pi @ entropy + pi @ kl:.3f}"]


def test_model_vs_corpus_curve_is_computed_at_the_drawn_steps_only(tmp_path, monkeypatch):
    """The KL curve is computed only at the steps its lines draw (here 20, patched); a chosen
    step between them still gets its exact values, on the lines and in the metrics."""
    import io

    import pyarrow as pa

    monkeypatch.setattr(model_vs_corpus_views, "MAX_LINE_STEPS", 20)
    at = _started(tmp_path, monkeypatch, {**SMALL, "steps": 610})   # a run no test cached
    at = _open(at, "pages/model_vs_corpus.py")
    assert not at.info                        # every center averaged: nothing to warn about
    steps = at.select_slider(key="mvc_step").options
    from w2v.curves import even_indices
    computed = set(even_indices(len(steps), 20).tolist())
    chosen = steps[next(i for i in range(len(steps) // 2, len(steps)) if i not in computed)]
    at.select_slider(key="mvc_step").set_value(chosen).run()
    assert not at.exception
    spec = at.get("vega_lite_chart")[1]
    (data,) = [pa.ipc.open_stream(io.BytesIO(d.data.data)).read_all().to_pandas()
               for d in spec.proto.datasets if d.name and "KL" in
               pa.ipc.open_stream(io.BytesIO(d.data.data)).read_all().column_names]
    assert data["step"].nunique() <= 21 and len(steps) > 21
    at_step = data[data["step"] == int(chosen)].set_index("series")["KL"]
    assert at_step.filter(like="center:").iloc[0] == pytest.approx(float(at.metric[0].value),
                                                                    abs=5e-4)
    assert at_step.filter(like="average").iloc[0] == pytest.approx(float(at.metric[1].value),
                                                                    abs=5e-4)
    assert any("Lines drawn through" in c.value and f"of the {len(steps):,} recorded" in c.value
               for c in at.caption)
    # the tracked pairs too: computed at the drawn steps only, the chosen one included
    tracks = [f for f in (pa.ipc.open_stream(io.BytesIO(d.data.data)).read_all().to_pandas()
                          for d in at.get("vega_lite_chart")[2].proto.datasets)
              if "rank" in f.columns][0]
    assert tracks["step"].nunique() <= 21 and int(chosen) in set(tracks["step"])
    table = at.dataframe[0].value
    assert len(table) == 3 and (table[f"rank after step {int(chosen):,}"] >= 1).all()


def test_model_vs_corpus_charts_are_valid_vega_lite(small_run):
    """The page's charts skip schema validation per rerun; here their specs are validated."""
    import jsonschema
    import pandas as pd

    from charts import teaching as tc
    from w2v.analysis import distribution, kl, pair_probs

    run = small_run
    counts = distribution.sparse_pair_counts(run.pairs, len(run.vocab))
    row = kl.model_matrix(run.W[-1][:1], run.W_prime[-1])[0]
    frame = pair_probs.comparison(distribution.empirical_row(counts, 0), row, run.vocab, 5)
    curve = kl.kl_curve(run.W, run.W_prime, run.steps, run.pairs)
    kl_frame = model_vs_corpus_views.kl_frame(curve.steps, curve.weighted, curve.per_center[:, 0], run.vocab[0])
    tracks = pair_probs.pair_tracks(run.W, run.W_prime, run.steps, [(0, 1)], run.vocab)
    targets = pd.DataFrame({"pair": [pair_probs.pair_label(run.vocab, 0, 1)], "corpus P": [0.1]})
    step = int(run.steps[-1])
    charts = [tc.comparison_chart(frame, run.vocab[0]), tc.kl_chart(kl_frame, step),
              *tc.track_charts(tracks, targets, step)]
    for chart in charts:
        assert chart.to_dict() == chart.to_dict(validate=True)
    assert np.isfinite(curve.weighted).all()
    # line points hover with their own (rounded) data row, no "(index)" or index columns
    kl_spec, prob_spec = charts[1].to_dict(), charts[2].to_dict()
    assert kl_spec["layer"][0]["mark"]["tooltip"] == {"content": "data"}
    kl_rows = kl_spec["datasets"][kl_spec["layer"][0]["data"]["name"]]
    assert list(kl_rows[0]) == ["step", "series", "KL"]
    assert kl_rows[1]["KL"] == pytest.approx(kl_frame["KL"][1], abs=5e-5)
    prob_rows = prob_spec["datasets"][prob_spec["layer"][0]["data"]["name"]]
    assert list(prob_rows[0]) == ["step", "pair", "probability", "rank"]
    assert prob_rows[-1]["rank"] == tracks["rank"].iloc[-1]
    broken = tc.kl_chart(kl_frame, step)
    broken.layer[0].encoding.y.type = "not-a-type"
    with pytest.raises(jsonschema.ValidationError):
        broken.to_dict(validate=True)


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
