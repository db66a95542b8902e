"""Chart and table builders of the app, checked through their Vega-Lite specs."""
import json

import altair as alt
import numpy as np
import pandas as pd
import pytest

import w2v
from charts import lesson as charts
from w2v import curves
from views import corpus as corpus_views, loss as loss_views, pairs as pair_views, model as model_views
from views import model_vs_corpus as model_vs_corpus_views

alt.data_transformers.disable_max_rows()


@pytest.fixture(scope="module")
def run(text):
    return w2v.train(text, w2v.TrainConfig(steps=600, dense_steps=50, record_interval=25))


def data_of(spec: dict) -> list:
    return [row for values in spec.get("datasets", {}).values() for row in values]


def test_loss_chart_layers_and_figures(run):
    frame = loss_views.loss_frame(run.losses, 200)
    assert list(frame.columns) == ["step", "loss", "average"] and len(frame) == 600
    assert frame["average"].iloc[0] == pytest.approx(run.losses[0])
    assert frame["average"].iloc[-1] == pytest.approx(run.losses[-200:].mean(), rel=1e-5)
    band = loss_views.loss_band_frame(run.losses, 200)
    epochs = loss_views.epoch_frame(run.steps_done, run.epoch_length)
    assert list(epochs["step"]) == list(range(run.epoch_length, 600, run.epoch_length))
    chance = np.log(len(run.vocab))
    spec = charts.loss_chart(frame, band, chance, epochs).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["rule", "area", "circle", "line", "circle", "rule", "text"]
    text = json.dumps(spec)
    assert "random guessing" in text and "symlog" not in text
    # tooltips: the epoch rules, the average's hover points and ln V only, never the dots
    tipped = [layer["mark"]["type"] for layer in spec["layer"] if "tooltip" in layer["encoding"]]
    assert tipped == ["rule", "circle", "rule"]
    dots, hover = spec["layer"][2], spec["layer"][4]
    assert "tooltip" not in dots["encoding"] and dots["encoding"]["y"]["field"] == "loss"
    assert len(spec["datasets"][dots["data"]["name"]]) == 600
    (param,) = spec["params"]                  # Altair lifts a layer's params to the top
    assert param["select"]["nearest"] is True and param["views"] == [hover["name"]]
    assert [t["field"] for t in hover["encoding"]["tooltip"]] == ["step", "average", "low", "high"]
    # the band and the average line share the per-slice table: at most LOSS_BUCKETS rows
    rows = spec["datasets"][spec["layer"][1]["data"]["name"]]
    assert len(rows) <= loss_views.LOSS_BUCKETS and rows[-1]["step"] == 600
    assert spec["layer"][3]["data"] == spec["layer"][1]["data"]


def test_loss_frame_thins_points_but_keeps_the_last():
    losses = np.linspace(5, 1, 50_001)
    frame = loss_views.loss_frame(losses, 200)
    assert len(frame) <= loss_views.MAX_LOSS_POINTS + 1 and frame["step"].iloc[-1] == 50_001
    gaps = np.diff(frame["step"].to_numpy()[:-1])
    assert (gaps == gaps[0]).all()                       # evenly spaced
    assert len(loss_views.epoch_frame(50_000, 10)) <= loss_views.MAX_EPOCH_RULES


def test_uneven_epochs_are_marked_where_they_start():
    # Subsampling: epochs of 90, 70 and 100 steps, the run stops inside the fourth.
    frame = loss_views.epoch_frame(300, 90, epoch_starts=np.array([1, 91, 161, 261]))
    assert frame["step"].tolist() == [90, 160, 260]
    assert frame["epoch"].tolist() == ["epoch 2 starts", "epoch 3 starts", "epoch 4 starts"]
    # Even epochs: the same rule as before, the last step of each whole epoch.
    assert loss_views.epoch_frame(300, 90)["step"].tolist() == [90, 180, 270]


def test_loss_band_covers_every_step():
    rng = np.random.default_rng(3)
    losses = rng.gamma(2.0, 1.5, 15_000)
    losses[7_777] = 40.0                                 # one spike must stay visible
    band = loss_views.loss_band_frame(losses, 200)
    assert len(band) <= loss_views.LOSS_BUCKETS
    assert band["first"].iloc[0] == 1 and band["step"].iloc[-1] == 15_000
    assert (band["first"].iloc[1:].to_numpy() == band["step"].iloc[:-1].to_numpy() + 1).all()
    for row in band.itertuples():                        # each slice: its exact min and max
        chunk = losses[row.first - 1:row.step]
        assert row.low == chunk.min() and row.high == chunk.max()
    assert band["high"].max() == 40.0 and band["low"].min() == losses.min()
    average = curves.moving_average(losses, 200)
    assert np.allclose(band["average"], average[band["step"] - 1])
    assert loss_views.loss_band_frame(np.array([]), 200).empty


def test_diverged_losses_use_symlog():
    losses = np.array([2.0, 3.0, 1e30])
    frame = loss_views.loss_frame(losses, 2)
    spec = charts.loss_chart(frame, loss_views.loss_band_frame(losses, 2), 2.8,
                             loss_views.epoch_frame(3, 86)).to_dict()
    assert "symlog" in json.dumps(spec)


def test_scale_chart_is_log_and_highlights_this_model(run):
    V, d = len(run.vocab), run.config.dim
    frame = model_views.scale_frame(V, d)
    assert frame.loc[0, "parameters"] == 2 * V * d and frame["this"].sum() == 1
    spec = charts.scale_chart(frame).to_dict()
    text = json.dumps(spec)
    assert '"type": "log"' in text and "GPT-3" in text
    table = model_views.parameter_frame(V, d)
    assert list(table["parameters"]) == [f"{V * d:,}", f"{V * d:,}", f"{2 * V * d:,}"]


def test_frequency_chart_marks_vocabulary(run):
    freq = corpus_views.frequency_frame(run.corpus)
    assert freq["count"].is_monotonic_decreasing
    assert set(freq.loc[freq["in_vocab"], "word"]) == set(run.vocab)
    rows = data_of(charts.frequency_chart(freq, 3, top=10).to_dict())
    assert len(rows) == 10 and {"word", "count", "status"} <= set(rows[0])
    vocab = corpus_views.vocab_frame(run.corpus)
    assert list(vocab["word"]) == run.vocab


def test_tokens_html_escapes_words():
    out = charts.tokens_html([("<script>alert(1)</script>", corpus_views.VOCAB), ("a&b", pair_views.CENTER)])
    assert "<script>" not in out and "&lt;script&gt;" in out and "a&amp;b" in out


def test_center_view_window_and_filtering(run):
    corpus = run.corpus
    # "the king rules the kingdom with the queen": only king and queen are in the vocabulary
    i = next(k for k, s in enumerate(corpus.raw) if s[:3] == ["the", "king", "rules"])
    tokens = corpus_views.annotate_sentence(corpus, i)
    assert tokens[0] == ("the", corpus_views.STOPWORD) and tokens[2][1] == corpus_views.RARE
    roles, pairs = pair_views.center_view(corpus, i, 1, window=1)
    assert roles[1] == pair_views.CENTER and roles[-1] == pair_views.CONTEXT   # rare words don't count
    assert roles[0] == pair_views.FILTERED and pairs == [("king", "queen")]
    assert pair_views.center_view(corpus, i, 0, window=1)[1] == []        # a stopword is no center
    # the pairs of every sentence add up to the corpus's pairs
    total = sum(len(pair_views.sentence_pairs(corpus, k, 2)) for k in range(len(corpus.raw)))
    assert total == len(w2v.pairs.generate_pairs(corpus.cleaned, corpus.w2i, 2))


def test_showcase_sentence_has_the_most_vocabulary_words(run):
    corpus = run.corpus
    kept = [sum(kind == corpus_views.VOCAB for _, kind in corpus_views.annotate_sentence(corpus, k))
            for k in range(len(corpus.raw))]
    i = corpus_views.showcase_sentence(corpus)
    assert kept[i] == max(kept) and kept.index(max(kept)) == i
    assert max(kept) > 2 * 1 + 1     # long enough that window 1 leaves some kept words outside


def test_loss_summary_and_moving_average():
    s = loss_views.loss_summary(np.arange(2000, dtype=float), 96)
    assert s.first_mean == pytest.approx(49.5) and s.last_mean == pytest.approx(1499.5)
    assert s.chance == pytest.approx(np.log(96))
    assert np.allclose(curves.moving_average(np.array([1.0, 3.0, 5.0]), 2), [1, 2, 4])


def test_thin_steps_keeps_ends_and_the_chosen_step():
    from charts import teaching as tc
    steps = np.r_[np.arange(0, 201), np.arange(210, 15_001, 10)]      # 1,681 recorded steps
    frame = pd.DataFrame({"step": np.repeat(steps, 3), "pair": np.tile(["a", "b", "c"], len(steps)),
                          "probability": np.linspace(0, 1, 3 * len(steps))})
    thin = model_vs_corpus_views.thin_steps(frame, keep=[1_230])
    drawn = thin["step"].unique()
    assert len(drawn) <= model_vs_corpus_views.MAX_LINE_STEPS + 3 and len(thin) == 3 * len(drawn)
    assert {0, 1_230, 15_000} <= set(drawn)
    assert np.diff(np.sort(drawn)).max() <= 2 * 15_000 / model_vs_corpus_views.MAX_LINE_STEPS   # evenly spread
    small = frame[frame["step"] < 100]
    assert model_vs_corpus_views.thin_steps(small, keep=[5]) is small                           # few steps: as is
    prob, rank = tc.track_charts(thin, pd.DataFrame({"pair": ["a"], "corpus P": [0.5]}), 1_230)
    rows = data_of(prob.to_dict())
    assert len({r["step"] for r in rows if "step" in r and "pair" in r}) == len(drawn)
    kl = tc.kl_chart(model_vs_corpus_views.thin_steps(model_vs_corpus_views.kl_frame(steps, steps * 0.0, steps * 1.0, "king"),
                                   keep=[1_230]), 1_230).to_dict()
    assert len([r for r in data_of(kl) if "series" in r]) == 2 * len(drawn)


def test_no_chart_builder_sets_text_below_12_px():
    """Chart text is at least 12 px (WCAG-minded projector reading); style.readable sets the
    defaults, so a builder may only raise a size, never lower it."""
    import re
    from pathlib import Path
    for path in Path(__file__).resolve().parents[1].joinpath("charts").glob("*.py"):
        for name, size in re.findall(r"(labelFontSize|titleFontSize|fontSize)=(\d+)",
                                     path.read_text()):
            assert int(size) >= 12, f"{path.name}: {name}={size}"


def test_readable_adds_text_sizes_to_the_builders_own_configuration():
    """style.readable sets the text sizes of a layout on any chart type and keeps what the
    builder configured (the Experiments maps put their legend at the bottom); the spec it
    sends unvalidated is the validated one."""
    import altair as alt
    from charts import style
    frame = pd.DataFrame({"x": [1.0, 2.0], "y": [3.0, 4.0]})
    point = alt.Chart(frame).mark_point().encode(x="x", y="y")
    for layout in ("normal", "presenter"):
        size = style.TEXT_SIZES[layout]
        for chart in (alt.Chart(frame).mark_point().encode(x="x", y="y"),
                      alt.layer(point, point).configure_legend(orient="bottom"),
                      alt.hconcat(point, point).configure_legend(orient="bottom")):
            kept = "orient" in (chart.to_dict()["config"].get("legend") or {})
            spec = style.readable(chart, layout).to_dict()
            assert spec == style.readable(chart, layout).to_dict(validate=True)
            config = spec["config"]
            assert config["axis"] == {"labelFontSize": size["label"], "titleFontSize": size["title"]}
            assert config["legend"]["labelFontSize"] == size["label"]
            assert config["title"] == {"fontSize": size["heading"]}
            assert config["text"] == {"fontSize": size["label"]}
            assert (config["legend"].get("orient") == "bottom") == kept
