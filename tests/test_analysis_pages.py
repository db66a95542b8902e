"""Similarity, Analogies and Experiments: the pages through the entry point on a tiny corpus,
plus the sweep logic (w2v/experiments.py) and the chart builders (charts/analysis.py)."""
import json
import time

import altair as alt
import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import w2v
from conftest import ROYAL_TEXT, SETS, royal_app
from charts import analysis as ac
from w2v import experiments as ex
from w2v import reports
from w2v.analysis import over_training, word_sets
from app.jobs import JobRegistry
from views import analogies as analogies_views, experiments as experiments_views, groups as group_views, similarity as similarity_views

SMALL = {"steps": 600, "dense_steps": 50, "record_interval": 10}

alt.data_transformers.disable_max_rows()


# -- pages -------------------------------------------------------------------------------------
@pytest.fixture
def app(tmp_path, monkeypatch):
    at = royal_app(tmp_path, monkeypatch, 60)
    for name, value in SMALL.items():
        at.session_state[name] = value
    at.run()
    return at


def _settle(at, done, tries=100):
    """Rerun until `done(at)` (training runs in worker threads; the page reruns when done)."""
    for _ in range(tries):
        assert not at.exception, [e.value for e in at.exception]
        if done(at):
            return at
        time.sleep(0.1)
        at.run()
    raise AssertionError("the page did not finish")


def _open(at, page):
    at.switch_page(page).run()
    return _settle(at, lambda a: len(a.get("vega_lite_chart")) > 0)


def test_similarity_page(app):
    at = _open(app, "pages/similarity.py")
    assert at.title[0].value == "Similarity"
    assert len(at.get("vega_lite_chart")) == 2               # heatmap, W vs W′
    assert len(at.dataframe) == 4                            # final, at step, evolution, W vs W′
    at.selectbox(key="sim_word").set_value("cat").run()
    at.select_slider(key="sim_step").set_value(0).run()
    assert not at.exception
    assert at.select_slider(key="sim_step").options[-1] == "600"
    assert "cat" not in list(at.dataframe[0].value["word"])  # a word is not its own neighbour


def test_analogies_page(app):
    at = _open(app, "pages/analogies.py")
    assert at.title[0].value == "Analogies"
    assert len(at.get("vega_lite_chart")) == 3               # accuracy, grid, convergence
    assert [at.selectbox(key=k).value for k in ("ana_a", "ana_b", "ana_c")] == ["king", "queen", "man"]
    answers = at.dataframe[0].value
    assert len(answers) == 5 and not {"king", "queen", "man"} & set(answers["answer"])


def _sweep(at, param, values):
    at.radio(key="exp_choice").set_value("custom").run()
    at.selectbox(key="exp_param").set_value(param).run()
    at.text_input(key=f"exp_values_{param}").input(values).run()
    at.button(key="exp_run").click().run()
    return _settle(at, lambda a: len(a.dataframe) == 1)


def test_experiments_custom_sweep_and_divergence(app):
    at = app.switch_page("pages/experiments.py").run()
    assert at.title[0].value == "Experiments"
    assert not at.dataframe                                  # nothing until Run is pressed
    at = _sweep(at, "steps", "300, 600")
    table = at.dataframe[0].value
    assert list(table["steps"]) == ["300", "600"]
    assert list(table["status"]) == ["trained", "trained"]
    assert table["final loss"].notna().all()
    assert len(at.get("vega_lite_chart")) == 2               # curves, scatters
    assert at.get("download_button")

    at = _sweep(at, "lr", "0.1, 80")
    table = at.dataframe[0].value
    assert table["status"].iloc[0] == "trained"
    assert table["status"].iloc[1].startswith("diverged at step ")
    assert np.isnan(table["final loss"].iloc[1])             # blank: the status says why
    spec = json.dumps([c.proto.spec for c in at.get("vega_lite_chart")])
    assert "diverged at step" in spec                        # the final map's title says it
    verdict = " ".join(m.value for m in at.markdown)
    step = at.dataframe[0].value["status"].iloc[1].removeprefix("diverged at step ")
    assert f"**Holds**: *Too high a rate diverges (lr 80)*. lr 80 diverged at step {step}" \
        in verdict                                           # judged from this very run
    assert not [b for b in at.button if b.key == "exp_follow_up"]   # one diverged: no follow-up

    # The last sweep survives a visit to another page (its key holds only configs).
    at.switch_page("pages/similarity.py").run()
    at = _settle(at.switch_page("pages/experiments.py").run(), lambda a: len(a.dataframe) == 1)
    assert at.dataframe[0].value["status"].iloc[1].startswith("diverged")
    saved = at.session_state["experiments_sweep"]
    assert all(isinstance(c, w2v.TrainConfig) for c in saved["configs"])

    at = _sweep(at, "lr", "0.01, 0.1")
    assert "**Does not hold**: *Too high a rate diverges (lr 0.1)*" in \
        " ".join(m.value for m in at.markdown)
    at.button(key="exp_follow_up").click().run()           # sweep 0.1, 1, 2, 5, 50
    at = _settle(at, lambda a: len(a.dataframe) == 1 and len(a.dataframe[0].value) == 5)
    assert list(at.dataframe[0].value["lr"]) == ["0.1", "1", "2", "5", "50"]
    assert "Divergence begins between lr" in " ".join(m.value for m in at.markdown)


def test_experiments_rejects_bad_values(app):
    at = app.switch_page("pages/experiments.py").run()
    at.radio(key="exp_choice").set_value("custom").run()
    at.selectbox(key="exp_param").set_value("dim").run()
    at.text_input(key="exp_values_dim").input("2, 2.5").run()
    assert at.button(key="exp_run").disabled
    assert at.info and "whole numbers" in at.info[0].value
    assert not at.exception


# -- w2v/experiments.py ------------------------------------------------------------------------
def test_presets_are_the_seeds_experiments():
    assert {k: v.values for k, v in ex.PRESETS.items()} == {
        "dim": (4, 8, 16), "lr": (0.01, 0.1, 0.5), "window": (2, 3, 5),
        "steps": (5000, 15000, 25000), "objective": ("softmax", "negative")}
    assert [k for k, v in ex.PRESETS.items() if not v.loss_comparable] == ["objective"]


def test_objective_preset_compares_the_comparable_on_the_same_pairs(app):
    at = app.switch_page("pages/experiments.py").run()
    at.radio(key="exp_choice").set_value("objective").run()
    explanation = " ".join(m.value for m in at.markdown)
    assert "not on one scale" in explanation and "neighbour quality" in explanation
    at.button(key="exp_run").click().run()
    at = _settle(at, lambda a: len(a.dataframe) == 1)
    table = at.dataframe[0].value
    assert list(table["objective"]) == ["softmax", "negative"]
    V = len(w2v.load_corpus(ROYAL_TEXT, 3).vocab)
    np.testing.assert_allclose(table["untrained loss"], [np.log(V), 6 * np.log(2)])
    assert table["neighbour quality"].notna().all() and (table["seconds"] >= 0).all()
    # Same pairs in the same order: only the objective differs.
    runs = [w2v.train(ROYAL_TEXT, c) for c in at.session_state["experiments_sweep"]["configs"]]
    np.testing.assert_array_equal(runs[0].centers, runs[1].centers)
    np.testing.assert_array_equal(runs[0].contexts, runs[1].contexts)
    # No single "guessing" line: the two losses have different untrained values.
    curves = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert "rule" not in json.dumps(curves)


def test_sweep_configs_change_one_setting_only():
    base = w2v.TrainConfig(steps=700, dim=5, seed=3)
    configs = ex.sweep_configs(base, "lr", [0.01, 0.5, 0.01])
    assert [c.lr for c in configs] == [0.01, 0.5]             # duplicates dropped
    assert all(c.steps == 700 and c.dim == 5 and c.seed == 3 for c in configs)
    assert ex.sweep_configs(base, "dim", [5])[0] == base      # same key as the sidebar's run
    with pytest.raises(ValueError):
        ex.sweep_configs(base, "window", [0])
    with pytest.raises(ValueError):
        ex.sweep_configs(base, "pca", ["global_pca"])


def test_a_sweep_too_big_for_the_shared_registry_is_refused_before_it_runs():
    from app import jobs
    from w2v import budget
    base = w2v.TrainConfig()
    small = ex.sweep_configs(base, "steps", [5000, 15000, 25000])
    assert ex.too_big(ex.sweep_bytes(small, lambda m: 123), jobs.MAX_BYTES) is None
    big = ex.sweep_configs(base, "steps", [150000, 200000])
    total = ex.sweep_bytes(big, lambda m: 5000)      # a book-length vocabulary
    # each run is recorded within its own 300 MB budget, but two of them fill the registry
    assert all(budget.estimate_run_bytes(c, 5000) <= budget.RUN_BUDGET for c in big)
    assert total > jobs.MAX_BYTES // 2
    message = ex.too_big(total, jobs.MAX_BYTES)
    assert message and "512 MB" in message and "fewer values" in message


def test_parse_values():
    assert ex.parse_values("steps", "300, 600 1_000") == [300, 600, 1000]
    assert ex.parse_values("lr", "0.1; 0.5, 0.1") == [0.1, 0.5]
    for param, text in [("dim", "2.5"), ("lr", "abc"), ("lr", "nan"), ("lr", ""),
                        ("lr", "1,2,3,4,5,6,7"), ("vocab", "1")]:
        with pytest.raises(ValueError):
            ex.parse_values(param, text)


def test_final_loss_and_smoothing():
    assert ex.final_loss(np.arange(3000.0)) == pytest.approx(np.arange(2000, 3000).mean())
    assert ex.final_loss(np.array([1.0, 3.0])) == 2.0
    assert ex.final_loss(np.array([])) is None
    steps, loss = ex.smoothed_loss(np.ones(5000), window=100, max_points=300)
    assert len(steps) <= 301 and steps[0] == 1 and steps[-1] == 5000
    assert np.allclose(loss, 1.0)
    steps, loss = ex.smoothed_loss(np.array([2.0, 4.0]), window=200)
    assert list(steps) == [1, 2] and list(loss) == [2.0, 3.0]


def _scores_by_hand(W, vocab):
    """Neighbour quality (a group-mate among the 3 nearest by cosine) and analogy accuracy
    (b − a + c nearest, the question words excluded) of SETS, from the cosines in plain numpy."""
    W = np.asarray(W, dtype=np.float64)
    unit = W / np.linalg.norm(W, axis=1, keepdims=True)
    cos = unit @ unit.T
    np.fill_diagonal(cos, -np.inf)
    hits = []
    for words in SETS["groups"].values():
        known = [vocab.index(w) for w in words if w in vocab]
        hits += [bool(set(np.argsort(-cos[i])[:3]) & set(known)) for i in known if len(known) > 1]
    right = []
    for words in SETS["analogies"]:
        if all(w in vocab for w in words):
            a, b, c, d = (vocab.index(w) for w in words)
            scores = unit @ (W[b] - W[a] + W[c])
            scores[[a, b, c]] = -np.inf
            right.append(int(np.argmax(scores)) == d)
    return sum(hits) / len(hits), sum(right) / len(right)


def test_summary_rows_trained_diverged_and_failed(small_run):
    row = ex.summarise(small_run, SETS, "lr")
    assert row["value"] == 0.1 and row["status"] == "trained" and row["diverged_at"] is None
    assert row["final_loss"] == pytest.approx(float(small_run.losses.mean()))   # < 1,000 steps
    assert (row["neighbour_quality"], row["analogy_accuracy"]) == _scores_by_hand(small_run.W[-1],
                                                                                 small_run.vocab)

    bad = w2v.train(ROYAL_TEXT, w2v.TrainConfig(steps=400, lr=80, dense_steps=50,
                                                record_interval=25))
    row = ex.summarise(bad, SETS, "lr")
    assert bad.diverged_at is not None
    assert row["status"] == f"diverged at step {bad.diverged_at:,}"
    assert row["steps_done"] == bad.diverged_at - 1 and np.isfinite(row["final_loss"])

    registry = JobRegistry()
    job = registry.get(w2v.TrainConfig(steps=100, min_count=50), ROYAL_TEXT)   # empty vocab
    job.wait(30)
    row = ex.job_row(job, SETS, "min_count")
    assert row["status"].startswith("failed: ") and row["final_loss"] is None


# -- charts/analysis.py -------------------------------------------------------------------------
def test_heatmap_orders_groups_first(small_run):
    frame, order = similarity_views.similarity_frame(small_run.W[-1], small_run.vocab, SETS["groups"])
    grouped = [w for ws in SETS["groups"].values() for w in ws if w in small_run.vocab]
    assert order[:len(grouped)] == grouped
    assert sorted(order) == sorted(small_run.vocab)
    n = len(order)
    assert len(frame) == n * (n + 1) // 2 and frame["cosine"].between(-1.001, 1.001).all()
    # each pair once: the lower triangle, diagonal included (cosine 1 there)
    index = {w: i for i, w in enumerate(order)}
    r, c = frame["row"].map(index).to_numpy(), frame["column"].map(index).to_numpy()
    assert (c <= r).all() and len(set(zip(r, c))) == len(frame)
    assert np.allclose(frame["cosine"][r == c], 1.0, atol=1e-3)
    spec = ac.heatmap_chart(frame, order).to_dict()
    assert spec["encoding"]["color"]["scale"]["domain"] == [-1, 1]
    # The axes follow the rows' order (no per-cell sort array): row by row, each over the
    # columns in the same order, so both axes list the words grouped first.
    assert spec["encoding"]["x"]["sort"] is None and spec["encoding"]["y"]["sort"] is None
    assert list(dict.fromkeys(frame["row"])) == order
    assert list(dict.fromkeys(frame["column"])) == order


def test_heatmap_cells_carry_their_hover_values(small_run):
    """Each cell's tooltip is its own row: both words, the cosine to 3 decimals, both groups;
    the data go without an index (no "(index)" field in the tooltip)."""
    vocab, groups = small_run.vocab, SETS["groups"]
    frame, order = similarity_views.similarity_frame(small_run.W[-1], vocab, groups)
    spec = ac.heatmap_chart(frame, order).to_dict()
    assert spec["mark"]["tooltip"] == {"content": "data"}
    (rows,) = spec["datasets"].values()
    assert list(rows[0]) == ["row", "column", "cosine", "row group", "column group"]
    W = small_run.W[-1] / np.linalg.norm(small_run.W[-1], axis=1, keepdims=True)
    group = dict(zip(vocab, group_views.group_of(vocab, groups)))
    for cell in rows[::37]:
        i, j = vocab.index(cell["row"]), vocab.index(cell["column"])
        assert cell["cosine"] == pytest.approx(float(W[i] @ W[j]), abs=6e-4)
        assert (cell["row group"], cell["column group"]) == (group[cell["row"]],
                                                             group[cell["column"]])
    assert any(c["row group"] == "royalty" for c in rows)
    # only some words: the same order, restricted
    some = [vocab.index(w) for w in order[::3]]
    part, kept = similarity_views.similarity_frame(small_run.W[-1], vocab, groups, some)
    assert kept == order[::3] and len(part) == len(kept) * (len(kept) + 1) // 2
    with pytest.raises(ValueError):
        ac.heatmap_chart(frame.iloc[::-1], order)


def test_page_tables_match_the_exported_files(small_run):
    """The pages build their tables from w2v.analysis; the export's files say the same."""
    run, groups = small_run, SETS["groups"]
    milestones = over_training.milestones(run)
    words = word_sets.key_words(run.vocab, run.corpus.counts, SETS, similarity_views.KEY_WORDS)
    evo = similarity_views.evolution_frame(run, words, k=3)
    assert list(evo.columns) == ["word"] + [f"step {s:,}" for s in milestones]
    exported = reports.neighbor_evolution(run, SETS)
    assert list(evo["word"]) == list(exported["words"])
    first = exported["words"][words[0]][-1]["neighbors"][:3]
    assert evo.iloc[0, -1] == ", ".join(n["word"] for n in first)

    usable = word_sets.usable_analogies(SETS["analogies"], run.vocab)
    over = over_training.analogies_over_training(run, usable, milestones)
    acc = analogies_views.analogy_accuracy_frame(over)
    assert list(acc["step"]) == milestones and (acc["total"] == 2).all()
    assert list(acc["accuracy"]) == [m["accuracy"] for m in
                                     reports.analogy_evolution(run, SETS)["milestones"]]
    ac.analogy_accuracy_chart(acc).to_dict()
    grid = analogies_views.analogy_grid_frame(over)
    assert len(grid) == 2 * len(milestones) and set(grid["correct"]) <= {"right", "wrong"}
    ac.analogy_grid_chart(grid).to_dict()

    conv = analogies_views.convergence_frame(run, groups)
    assert set(conv["group"]) >= {"royalty", group_views.NO_GROUP}
    assert list(conv["converged_at"]) == [w["converged_at"] for w in
                                          reports.word_convergence(run)["words"]]
    ac.convergence_chart(conv, 400, run.vocab, groups).to_dict()

    wv = similarity_views.w_vs_wprime_frame(run.W[-1], run.W_prime[-1], run.vocab, groups)
    assert wv[["word", "cosine", "norm_W", "norm_W_prime"]].to_dict("records") == \
        reports.w_vs_wprime(run)
    ac.w_vs_wprime_chart(wv, run.vocab, groups).to_dict()


def test_sweep_charts_mark_divergence():
    curves = [("0.1", np.array([1, 2, 3]), np.array([4.0, 3.9, 3.8]), "trained"),
              ("80", np.array([1, 2]), np.array([4.0, 1e30]), "diverged at step 3")]
    spec = ac.sweep_loss_chart(experiments_views.sweep_loss_frame(curves), "lr", ["0.1", "80"], 4.2).to_dict()
    y = spec["layer"][0]["encoding"]["y"]["scale"]
    assert y["clamp"] and y["domain"][1] < 10                # the diverged curve cannot squash it
    texts = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert texts and texts[0]["encoding"]["text"]["field"] == "label"
    labelled = [row for rows in spec["datasets"].values() for row in rows
                if row.get("label") == "lr = 80: diverged at step 3"]
    assert labelled and labelled[-1]["step"] == 2             # where the curve leaves the axis
    assert labelled[-1]["loss"] == y["domain"][1]             # cut at the top edge, not 1e30
    assert max(row["loss"] for rows in spec["datasets"].values() for row in rows
               if "loss" in row) <= y["domain"][1]
    rows = [{"value": 0.1, "final_loss": 3.8, "diverged_at": None, "status": "trained"},
            {"value": 80.0, "final_loss": 1e30, "diverged_at": 3, "status": "diverged at step 3"}]
    shown = experiments_views.results_frame(rows, "lr")
    assert list(shown["lr"]) == ["0.1", "80"] and np.isnan(shown["final loss"].iloc[1])
    assert experiments_views.results_frame(rows, "lr", for_display=False)["final loss"].iloc[1] == 1e30


def test_small_scatters_fixed_independent_axes(small_run):
    coords = np.random.default_rng(0).normal(size=(len(small_run.vocab), 2))
    panels = [("dim = 4", experiments_views.scatter_frame(coords, small_run.vocab, SETS["groups"])),
              ("dim = 8", experiments_views.scatter_frame(coords * 100, small_run.vocab, SETS["groups"]))]
    spec = ac.small_scatters(panels, SETS["groups"]).to_dict()
    assert spec["resolve"]["scale"] == {"x": "independent", "y": "independent"}
    d0 = spec["concat"][0]["layer"][0]["encoding"]["x"]["scale"]["domain"]
    d1 = spec["concat"][1]["layer"][0]["encoding"]["x"]["scale"]["domain"]
    assert d0[0] <= coords[:, 0].min() and d1[1] >= 100 * coords[:, 0].max()
    # Grouped: colour and shape by topic group, one legend that ends with the words in none.
    dots = spec["concat"][0]["layer"][0]["encoding"]
    assert dots["color"]["field"] == dots["shape"]["field"] == "group"
    assert dots["color"]["scale"]["domain"] == [*SETS["groups"], group_views.NO_GROUP]
    assert [t["field"] for t in dots["tooltip"]] == ["word", "group"]


def test_maps_without_groups_have_one_colour_and_no_legend(small_run):
    """Own text has no topic groups: a legend would only say "in no group"."""
    coords = np.random.default_rng(0).normal(size=(len(small_run.vocab), 2))
    frame = experiments_views.scatter_frame(coords, small_run.vocab, {})
    for groups in ({}, {"elsewhere": ["zebra"]}):          # no group word in the vocabulary
        chart = ac.small_scatters([("dim = 4", frame), ("dim = 8", frame)], groups,
                                  labelled=small_run.vocab[:5])
        spec = chart.to_dict(validate=True)
        for panel in spec["concat"]:
            dots, labels = (layer["encoding"] for layer in panel["layer"])
            assert dots["color"] == {"value": ac.ONE_COLOR} and dots["shape"] == {"value": "circle"}
            assert [t["field"] for t in dots["tooltip"]] == ["word"]
            assert labels["color"]["scale"] is None          # labels keep their own ink
        assert "in no group" not in json.dumps({k: v for k, v in spec.items() if k != "datasets"})
    frame["converged_at"], frame["frequency"] = 10, 3
    frame["norm_W"], frame["cosine"], frame["norm_W_prime"] = 1.0, 0.5, 1.0
    for chart in (ac.convergence_chart(frame, 600, small_run.vocab, {}),
                  ac.w_vs_wprime_chart(frame, small_run.vocab, {})):
        encoding = chart.to_dict(validate=True)["encoding"]
        assert encoding["color"] == {"value": ac.ONE_COLOR} and "group" not in json.dumps(encoding)


# -- app/downloads.py --------------------------------------------------------------------------
def _downloads_app():
    import w2v
    from conftest import ROYAL_TEXT
    from app.downloads import run_downloads
    run_downloads(w2v.train(ROYAL_TEXT, w2v.TrainConfig(steps=200, dense_steps=20,
                                                          record_interval=20)))


def test_run_downloads_renders_three_buttons(app):
    at = AppTest.from_function(_downloads_app, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["All output files (zip)", "vectors.tsv", "metadata.tsv"]


def test_run_key_changes_with_settings_and_text(small_run):
    from app.downloads import run_key
    other = w2v.train(ROYAL_TEXT, w2v.TrainConfig(steps=400, dense_steps=50, record_interval=25,
                                                  seed=1))
    assert run_key(small_run) == run_key(small_run) != run_key(other)


def test_group_charts_tell_groups_by_shape_as_well_as_colour(small_run):
    """Colour-blind readers: every chart coloured by topic group also shapes its marks by it."""
    run = small_run
    wv = pd.DataFrame({"word": run.vocab, "group": "(no group)", "cosine": 0.0, "norm_W": 1.0,
                       "norm_W_prime": 1.0})
    spec = ac.w_vs_wprime_chart(wv, run.vocab, SETS["groups"]).to_dict()
    color, shape = spec["encoding"]["color"], spec["encoding"]["shape"]
    assert color["field"] == shape["field"] == "group"
    assert color["scale"]["domain"] == shape["scale"]["domain"]
    assert len(set(shape["scale"]["range"][:-1])) == len(shape["scale"]["range"]) - 1
