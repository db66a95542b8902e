"""Chart and table builders of the app, checked through their Vega-Lite specs."""
import json

import altair as alt
import numpy as np
import pytest

import w2v
from ui import charts
from w2v import views

alt.data_transformers.disable_max_rows()


@pytest.fixture(scope="module")
def run(text):
    return w2v.train(text, w2v.TrainConfig(steps=600, dense_steps=50, record_interval=25))


def data_of(spec: dict) -> list:
    return [row for values in spec.get("datasets", {}).values() for row in values]


def test_loss_chart_layers_and_figures(run):
    frame = charts.loss_frame(run.losses, 200)
    assert list(frame.columns) == ["step", "loss", "average"] and len(frame) == 600
    assert frame["average"].iloc[0] == pytest.approx(run.losses[0])
    assert frame["average"].iloc[-1] == pytest.approx(run.losses[-200:].mean(), rel=1e-5)
    epochs = charts.epoch_frame(run.steps_done, run.epoch_length)
    assert list(epochs["step"]) == list(range(run.epoch_length, 600, run.epoch_length))
    chance = np.log(len(run.vocab))
    spec = charts.loss_chart(frame, chance, epochs).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["rule", "circle", "line", "rule", "text"]
    text = json.dumps(spec)
    assert "random guessing" in text and "tooltip" in text and "symlog" not in text


def test_loss_frame_thins_points_but_keeps_the_last():
    losses = np.linspace(5, 1, 50_001)
    frame = charts.loss_frame(losses, 200, max_points=20_000)
    assert len(frame) <= 20_001 and frame["step"].iloc[-1] == 50_001
    assert len(charts.epoch_frame(50_000, 10)) <= charts.MAX_EPOCH_RULES


def test_diverged_losses_use_symlog():
    frame = charts.loss_frame(np.array([2.0, 3.0, 1e30]), 2)
    spec = charts.loss_chart(frame, 2.8, charts.epoch_frame(3, 86)).to_dict()
    assert "symlog" in json.dumps(spec)


def test_scale_chart_is_log_and_highlights_this_model(run):
    V, d = len(run.vocab), run.config.dim
    frame = charts.scale_frame(V, d)
    assert frame.loc[0, "parameters"] == 2 * V * d and frame["this"].sum() == 1
    spec = charts.scale_chart(frame).to_dict()
    text = json.dumps(spec)
    assert '"type": "log"' in text and "GPT-3" in text
    table = charts.parameter_frame(V, d)
    assert list(table["parameters"]) == [f"{V * d:,}", f"{V * d:,}", f"{2 * V * d:,}"]


def test_frequency_chart_marks_vocabulary(run):
    freq = charts.frequency_frame(run.corpus)
    assert freq["count"].is_monotonic_decreasing
    assert set(freq.loc[freq["in_vocab"], "word"]) == set(run.vocab)
    rows = data_of(charts.frequency_chart(freq, 3, top=10).to_dict())
    assert len(rows) == 10 and {"word", "count", "status"} <= set(rows[0])
    vocab = charts.vocab_frame(run.corpus)
    assert list(vocab["word"]) == run.vocab


def test_tokens_html_escapes_words():
    out = charts.tokens_html([("<script>alert(1)</script>", views.VOCAB), ("a&b", views.CENTER)])
    assert "<script>" not in out and "&lt;script&gt;" in out and "a&amp;b" in out


def test_center_view_window_and_filtering(run):
    corpus = run.corpus
    # "the king rules the kingdom with the queen": only king and queen are in the vocabulary
    i = next(k for k, s in enumerate(corpus.raw) if s[:3] == ["the", "king", "rules"])
    tokens = views.annotate_sentence(corpus, i)
    assert tokens[0] == ("the", views.STOPWORD) and tokens[2][1] == views.RARE
    roles, pairs = views.center_view(corpus, i, 1, window=1)
    assert roles[1] == views.CENTER and roles[-1] == views.CONTEXT   # rare words don't count
    assert roles[0] == views.FILTERED and pairs == [("king", "queen")]
    assert views.center_view(corpus, i, 0, window=1)[1] == []        # a stopword is no center
    # the pairs of every sentence add up to the corpus's pairs
    total = sum(len(views.sentence_pairs(corpus, k, 2)) for k in range(len(corpus.raw)))
    assert total == len(w2v.pairs.generate_pairs(corpus.cleaned, corpus.w2i, 2))


def test_showcase_sentence_has_the_most_vocabulary_words(run):
    corpus = run.corpus
    kept = [sum(kind == views.VOCAB for _, kind in views.annotate_sentence(corpus, k))
            for k in range(len(corpus.raw))]
    i = views.showcase_sentence(corpus)
    assert kept[i] == max(kept) and kept.index(max(kept)) == i
    assert max(kept) > 2 * 1 + 1     # long enough that window 1 leaves some kept words outside


def test_loss_summary_and_moving_average():
    s = views.loss_summary(np.arange(2000, dtype=float), 96)
    assert s.first_mean == pytest.approx(49.5) and s.last_mean == pytest.approx(1499.5)
    assert s.chance == pytest.approx(np.log(96))
    assert np.allclose(views.moving_average(np.array([1.0, 3.0, 5.0]), 2), [1, 2, 4])
