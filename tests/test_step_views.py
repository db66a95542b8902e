"""Step-internals tables and charts, and the Embeddings player's data payload."""
import json
import re

import altair as alt
import numpy as np
import pandas as pd
import pytest

import w2v
from app import player
from charts import step as step_charts
from charts import style
from views.text import md_escape
from views import step as step_views
from views import groups as group_views

alt.data_transformers.disable_max_rows()


@pytest.fixture(scope="module")
def state(small_run):
    return small_run.step_state(37)


# -- step selection ------------------------------------------------------------------------
def test_forward_steps_skip_the_initial_weights(small_run):
    steps = step_views.forward_steps(small_run)
    assert steps[0] == 1 and 0 not in steps
    assert steps == [int(s) for s in small_run.steps[1:]]


def test_neighbour_and_nearest_steps():
    steps = [1, 2, 3, 25, 50, 400]
    assert step_views.neighbour_steps(steps, 1) == (None, 2)
    assert step_views.neighbour_steps(steps, 25) == (3, 50)
    assert step_views.neighbour_steps(steps, 400) == (50, None)
    assert step_views.neighbour_steps(steps, 10) == (3, 25)      # an unrecorded step
    assert step_views.nearest_step(steps, 0) == 1
    assert step_views.nearest_step(steps, 14) == 3 and step_views.nearest_step(steps, 15) == 25
    assert step_views.nearest_step(steps, 10**6) == 400


def test_frame_pair(small_run):
    assert step_views.frame_pair(small_run, 0) == {"step": 0, "center": None, "context": None,
                                              "loss": None}
    pair = step_views.frame_pair(small_run, 5)
    s = small_run.step_state(5)
    assert (pair["center"], pair["context"]) == (s.center_word, s.context_word)
    assert pair["loss"] == pytest.approx(s.loss, rel=1e-5)


# -- tables --------------------------------------------------------------------------------
def test_probability_table_sorted_with_roles(state, small_run):
    df = step_views.probability_table(state, small_run.vocab, top_k=5)
    assert len(df) == len(small_run.vocab)
    assert df["probability"].is_monotonic_decreasing
    assert df["probability"].sum() == pytest.approx(1.0, abs=1e-5)
    assert list(df["rank"]) == list(range(1, len(df) + 1))
    context = df[df["role"] == step_views.CONTEXT]
    assert list(context["word"]) == [state.context_word]
    assert int(context["rank"].iloc[0]) == state.context_rank
    assert (df["role"] == step_views.TOP).sum() <= 5
    # logits are sorted with the probabilities (softmax is monotone)
    assert df["logit"].is_monotonic_decreasing


def test_identity_holds_with_the_steps_numbers(state):
    table, max_diff = step_views.identity_table(state)
    assert list(table.columns) == ["dim", "−u_o", "Σ P·u_w", "sum", "grad_v_c", "difference"]
    assert len(table) == len(state.grad_v_c)
    assert max_diff < 1e-5
    np.testing.assert_allclose(table["sum"], state.grad_v_c, atol=1e-5)
    np.testing.assert_allclose(table["−u_o"], -state.attractive_force)


def test_forces_and_vector_tables(state):
    forces = step_views.forces_table(state)
    d = len(state.hidden)
    assert len(forces) == 2 * d and forces["force"].nunique() == 2
    vec = step_views.vector_table(state.hidden, "v_c")
    assert list(vec["dim"]) == list(range(d))
    np.testing.assert_allclose(vec["v_c"], state.hidden)


def test_heatmap_table_marks_center_and_context(state, small_run):
    V, d = state.W.shape
    cells = step_views.heatmap_table(state.W, small_run.vocab, state.center, state.context)
    assert len(cells) == V * d
    centre_rows = set(cells.loc[cells["role"] == step_views.CENTER, "word"])
    assert centre_rows == {state.center_word}
    if state.context != state.center:
        assert set(cells.loc[cells["role"] == step_views.CONTEXT, "word"]) == {state.context_word}
    row = cells[cells["word"] == state.center_word].sort_values("dim")["value"].to_numpy()
    np.testing.assert_allclose(row, state.W[state.center])


def test_step_summary_reference_numbers(state, small_run):
    s = step_views.step_summary(state, len(small_run.vocab))
    assert s["uniform_loss"] == pytest.approx(np.log(len(small_run.vocab)))
    assert s["rank"] == state.context_rank and s["center"] == state.center_word


# -- charts --------------------------------------------------------------------------------
def test_charts_build_and_colour_the_context(state, small_run):
    probs = step_views.probability_table(state, small_run.vocab)
    spec = step_charts.probability_chart(probs, len(small_run.vocab)).to_dict()
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["scale"]["domain"][0] == step_views.CONTEXT
    assert colour["scale"]["range"][0] == step_charts.RED
    assert spec["layer"][0]["encoding"]["x"]["sort"] == list(probs["word"])
    assert step_charts.logit_chart(probs).to_dict()["mark"]["type"] == "bar"
    vec = step_views.vector_table(state.grad_v_c, "grad_v_c")
    assert step_charts.vector_chart(vec, "grad_v_c", "gradient").to_dict()["mark"]["type"] == "bar"
    assert "xOffset" in step_charts.forces_chart(step_views.forces_table(state)).to_dict()["encoding"]


def test_heatmap_chart_has_outline_layer_and_room_for_every_row(state, small_run):
    cells = step_views.heatmap_table(state.W_prime, small_run.vocab, state.center, state.context)
    spec = step_charts.heatmap_chart(cells, "W′").to_dict()
    assert len(spec["layer"]) == 2
    assert spec["layer"][1]["mark"]["filled"] is False
    assert spec["height"] >= step_charts.ROW_PX * len(small_run.vocab)
    # Cheap to draw: an explicit word domain (vocabulary order), no sort array, no filter.
    y = spec["layer"][0]["encoding"]["y"]
    assert y["scale"]["domain"] == list(small_run.vocab) and "sort" not in y
    assert "transform" not in spec["layer"][1]


def test_heatmap_cells_hover_with_their_own_row(state, small_run):
    """The tooltip is each cell's data row: word, its row in the matrix, dim, value (4
    decimals), role; the outline layer holds just the center's and the context's cells."""
    V, d = state.W_prime.shape
    cells = step_views.heatmap_table(state.W_prime, small_run.vocab, state.center, state.context)
    spec = step_charts.heatmap_chart(cells, "W′").to_dict()
    assert all(layer["mark"]["tooltip"] == {"content": "data"} for layer in spec["layer"])
    rect, outline = (spec["datasets"][layer["data"]["name"]] for layer in spec["layer"])
    assert len(rect) == V * d and list(rect[0]) == step_charts.HEATMAP_COLUMNS
    for cell in rect[:: max(1, len(rect) // 25)]:
        assert small_run.vocab[cell["row"]] == cell["word"]
        assert cell["value"] == pytest.approx(state.W_prime[cell["row"], cell["dim"]], abs=6e-5)
    outlined = {(c["word"], c["role"]) for c in outline}
    assert (state.center_word, step_views.CENTER) in outlined
    assert {c["row"] for c in outline} == {state.center, state.context}
    assert len(outline) == d * len({state.center, state.context})


def test_plain_escapes_markdown():
    assert md_escape("king") == "king"
    out = md_escape("[x](http://e.com) $a$ :red[b] <b>")
    assert not re.search(r"(?<!\\)[\[\]()$:<>]", out)


# -- player payload ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def payload(small_run, sets):
    projection = w2v.project(small_run, "final_pca")
    return player.player_payload(small_run, projection, sets["groups"]), projection


def test_payload_frames_cover_every_recorded_step(payload, small_run):
    p, projection = payload
    R, V = len(small_run.steps), len(small_run.vocab)
    assert p["steps"] == [int(s) for s in small_run.steps]
    assert player.decode_frames(p).shape == (R, 2 * V)
    assert len(p["center"]) == len(p["context"]) == len(p["loss"]) == R
    assert p["center"][0] == -1 and p["loss"][0] is None        # step 0: no pair
    assert p["start"] == R - 1                                   # opens on the trained state
    s = int(small_run.steps[7])
    assert p["center"][7] == int(small_run.centers[s - 1])
    assert p["loss"][7] == pytest.approx(float(small_run.losses[s - 1]), abs=1e-4)
    assert p["variance"] == pytest.approx(list(projection.variance_explained), abs=1e-4)


def test_payload_coords_quantised_within_a_fixed_domain(payload):
    p, projection = payload
    xy = player.decode_frames(p)
    (x0, x1), (y0, y1) = p["domain"]["x"], p["domain"]["y"]
    quantum = max(x1 - x0, y1 - y0) / 65535          # 16 bits over the axes: far below a pixel
    np.testing.assert_allclose(xy.reshape(len(xy), -1, 2), projection.coords, atol=quantum)
    assert x0 < xy[:, 0::2].min() and xy[:, 0::2].max() < x1
    assert y0 < xy[:, 1::2].min() and xy[:, 1::2].max() < y1


def test_payload_groups(payload, small_run, sets):
    p, _ = payload
    assert p["groups"] == [g for g in sets["groups"]
                           if any(w in small_run.vocab for w in sets["groups"][g])]
    for i, word in enumerate(p["words"]):
        g = p["group"][i]
        if g >= 0:
            assert word in sets["groups"][p["groups"][g]]
        else:
            assert all(word not in ws for ws in sets["groups"].values())
    assert len(p["colors"]) == len(p["groups"]) == len(p["shapes"])
    assert len(set(p["shapes"])) == len(p["shapes"])            # a group's shape is its own too
    assert p["count"] == [small_run.corpus.counts[w] for w in p["words"]]


def test_player_html_layouts(payload):
    p, _ = payload
    normal, presenter = player.player_html(p), player.player_html(p, presenter=True)
    assert '<body class="normal">' in normal and '<body class="presenter">' in presenter
    assert "__W2V_" not in normal + presenter                    # every slot filled
    assert "<title>" in normal and 'aria-live="polite"' in normal


def test_word_groups_first_group_wins_and_empty_groups_drop():
    names, of_word = group_views.word_groups(["a", "b", "c"], {"x": ["a", "zz"], "y": ["a", "b"],
                                                          "none": ["zz"]})
    assert names == ["x", "y"] and of_word == [0, 1, -1]


def test_safe_json_cannot_close_the_script():
    hostile = {"words": ["</script><script>alert(1)</script>", "a&b", "<!--"]}
    text = player.safe_json(hostile)
    assert not set("<>&") & set(text)
    assert json.loads(text) == hostile


def test_player_html_keeps_data_inside_its_script(payload, small_run):
    p, _ = payload
    p = {**p, "groups": ["</script><img src=x onerror=alert(1)>"], "colors": ["#000"]}
    html = player.player_html(p)
    assert html.count("</script>") == 2                   # the data block and the player script
    assert "<img" not in html
    data = re.search(r'<script type="application/json" id="w2v-data">(.*?)</script>', html, re.S)
    assert json.loads(data.group(1))["groups"] == p["groups"]
    assert 'id="play"' in html and 'aria-label="Play"' in html
    assert "dataset.frame" in html and "innerHTML" not in html


def test_payload_size_is_reported_and_modest(payload):
    p, _ = payload
    size = len(player.player_html(p).encode())
    # R·V·2 coordinates of two bytes each, in base64 (4 characters per 3 bytes), plus the
    # template and the per-frame pair, step and loss (under 40 characters a frame)
    R, V = len(p["steps"]), len(p["words"])
    assert size < 2 * R * V * 2 * 4 / 3 + 40 * R + 30_000


def test_fingerprint_changes_with_what_the_player_shows(small_run, sets):
    a = w2v.project(small_run, "final_pca")
    b = w2v.project(small_run, "global_pca")
    fa = player.fingerprint(small_run, a, sets["groups"])
    assert fa == player.fingerprint(small_run, a, sets["groups"])
    assert fa != player.fingerprint(small_run, b, sets["groups"])
    assert fa != player.fingerprint(small_run, a, {})


def test_payload_of_a_diverged_run_is_valid_json(text):
    run = w2v.train(text, w2v.TrainConfig(steps=400, lr=200.0, dense_steps=50,
                                          record_interval=25))
    projection = w2v.project(run)
    p = player.player_payload(run, projection, {})
    assert p["diverged_at"] == run.diverged_at
    json.loads(player.safe_json(p))                       # no NaN/Infinity


# -- forces on the map ---------------------------------------------------------------------
from w2v import forces as forces_maths            # noqa: E402


@pytest.fixture(scope="module")
def projection(small_run):
    return w2v.project(small_run, "final_pca")


def _scale_of(vectors):
    return max(1.0, float(np.max(np.abs(vectors))))


@pytest.mark.parametrize("step", [1, 2, 37, 60, 133, 400])      # recorded and replayed steps
def test_projected_forces_add_up_to_the_actual_move(small_run, projection, step):
    f = forces_maths.step_forces(small_run, projection, step)
    d = small_run.config.dim
    assert f.attractive_d.shape == f.repulsive_d.shape == f.move_d.shape == (d,)
    # d dimensions: η·u_o − η·Σ P u_w is exactly the SGD update of the center row
    np.testing.assert_allclose(f.attractive_d + f.repulsive_d, f.move_d,
                               atol=1e-6 * _scale_of(f.move_d), rtol=0)
    assert f.sum_error < 1e-6
    # on the map: the same identity, and start + move lands on v_c's projected position after
    np.testing.assert_allclose(f.attractive + f.repulsive, f.move, atol=1e-6, rtol=0)
    assert f.map_sum_error < 1e-6
    np.testing.assert_allclose(f.start + f.move, f.end, atol=1e-9)
    # the arrows are the projected d-dim vectors, and only the center's row moved
    np.testing.assert_allclose(f.attractive, f.attractive_d @ projection.components.T)
    state = small_run.step_state(step)
    np.testing.assert_allclose(f.attractive_d, small_run.config.lr * state.attractive_force,
                               rtol=1e-6)
    np.testing.assert_allclose(f.repulsive_d, -small_run.config.lr * state.repulsive_force,
                               rtol=1e-6)
    np.testing.assert_allclose(f.move_d, -small_run.config.lr * state.grad_v_c,
                               atol=1e-6 * _scale_of(f.move_d), rtol=0)
    assert (f.context_rank, f.context_prob) == (state.context_rank, state.context_prob)


def test_start_is_the_center_on_the_map_before_the_step(small_run, projection):
    step = 37                                             # 36 and 37 are both recorded
    f = forces_maths.step_forces(small_run, projection, step)
    before = projection.coords[small_run.index_of(step - 1)][f.center]
    after = projection.coords[small_run.index_of(step)][f.center]
    np.testing.assert_allclose(f.start, before, atol=1e-5)
    np.testing.assert_allclose(f.end, after, atol=1e-5)
    positions = forces_maths.positions_before(small_run, projection, step)
    np.testing.assert_allclose(positions, projection.coords[small_run.index_of(step - 1)],
                               atol=1e-5)


def test_projection_transform_reproduces_coords_and_directions_are_linear(small_run,
                                                                           projection):
    R, V, d = small_run.W.shape
    assert projection.components.shape == (2, d) and projection.mean.shape == (d,)
    np.testing.assert_allclose(projection.transform(small_run.W), projection.coords, atol=1e-5)
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=d), rng.normal(size=d)
    D = projection.direction
    np.testing.assert_allclose(D(2.5 * x - 0.5 * y), 2.5 * D(x) - 0.5 * D(y), atol=1e-12)
    np.testing.assert_allclose(D(np.zeros(d)), [0.0, 0.0])
    # a direction is a difference of positions: the mean cancels
    np.testing.assert_allclose(projection.transform(x) - projection.transform(y), D(x - y),
                               atol=1e-12)


def test_identity_projection_draws_the_raw_vectors(text):
    run = w2v.train(text, w2v.TrainConfig(steps=80, dim=2, dense_steps=80))
    ident = w2v.Projection("identity", run.W.astype(np.float32), np.array([0.5, 0.5]),
                           np.eye(2), np.zeros(2))
    for step in (1, 40, 80):
        f = forces_maths.step_forces(run, ident, step)
        np.testing.assert_allclose(f.attractive, f.attractive_d, atol=1e-12)
        np.testing.assert_allclose(f.repulsive, f.repulsive_d, atol=1e-12)
        np.testing.assert_allclose(f.move, f.move_d, atol=1e-12)
        np.testing.assert_allclose(f.start, run.weights_after(step - 1)[0][f.center], atol=1e-7)


def test_projection_without_its_pca_still_builds_but_cannot_place_vectors(small_run,
                                                                          projection):
    old = w2v.Projection("final_pca", projection.coords, projection.variance_explained)
    assert old.components is None and old.mean is None
    with pytest.raises(ValueError, match="components"):
        forces_maths.step_forces(small_run, old, 5)


def test_map_domain_is_the_embeddings_players(small_run, projection, sets):
    p = player.player_payload(small_run, projection, sets["groups"])
    assert forces_maths.map_domain(projection.coords) == p["domain"]
    dom = p["domain"]
    assert forces_maths.inside(dom, [dom["x"][0]], [dom["y"][1]])
    assert not forces_maths.inside(dom, [0.0, dom["x"][1] + 1], [0.0, 0.0])


def test_force_tables_and_map_chart(small_run, projection):
    step = 37
    state = small_run.step_state(step)
    f = forces_maths.step_forces(small_run, projection, step)
    points = step_views.force_map_points(forces_maths.positions_before(small_run, projection, step),
                                    state, small_run.vocab, top_k=5)
    assert len(points) == len(small_run.vocab)
    labelled = points[points["label"] != ""]
    assert set(labelled["role"]) <= {step_views.CENTER, step_views.CONTEXT, step_views.TOP}
    assert state.context_word in set(labelled["word"])
    assert (points["role"] == step_views.TOP).sum() <= 5
    arrows = step_views.force_arrows_table(f, scale=5)
    assert list(arrows["arrow"]) == list(forces_maths.ARROWS)
    np.testing.assert_allclose(arrows[["x", "y"]].to_numpy(), [f.start] * 3)
    np.testing.assert_allclose(arrows["x2"] - arrows["x"], 5 * arrows["dx"])
    np.testing.assert_allclose(arrows[["dx", "dy"]].to_numpy()[2], f.move)
    dom = forces_maths.map_domain(projection.coords)
    spec = step_charts.force_map_chart(points, arrows, dom, 5).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["circle", "point", "rule", "point", "text"]
    shafts, heads = spec["layer"][2], spec["layer"][3]
    assert shafts["encoding"]["color"]["scale"]["range"] == [step_charts.RED, step_charts.BLUE,
                                                             step_charts.BLACK]
    assert heads["mark"]["shape"] == "triangle" and "expr" in heads["mark"]["angle"]
    assert shafts["encoding"]["x"]["scale"]["domain"] == dom["x"]
    assert "×5" in spec["title"]


def test_step_charts_are_valid_vega_lite_though_not_validated_per_rerun(state, small_run):
    """The page's charts skip Altair's schema validation in to_dict() (Streamlit calls it on
    every rerun); here every builder's spec is validated, and equals the unvalidated one."""
    import jsonschema

    probs = step_views.probability_table(state, small_run.vocab)
    cells = step_views.heatmap_table(state.W, small_run.vocab, state.center, state.context)
    built = [step_charts.probability_chart(probs, len(small_run.vocab)),
             step_charts.logit_chart(probs),
             step_charts.vector_chart(step_views.vector_table(state.hidden, "v_c"), "v_c", "value"),
             step_charts.forces_chart(step_views.forces_table(state)),
             step_charts.heatmap_chart(cells, "W")]
    points = step_views.force_map_points(np.zeros((len(small_run.vocab), 2)), state, small_run.vocab)
    arrows = pd.DataFrame([{"arrow": a, "x": 0.0, "y": 0.0, "x2": 0.1, "y2": 0.2, "dx": 0.1,
                            "dy": 0.2, "length": 0.22, "scale": 5.0}
                           for a in forces_maths.ARROWS])
    built.append(step_charts.force_map_chart(points, arrows, {"x": [-1, 1], "y": [-1, 1]}, 5))
    for chart in built:
        assert chart.to_dict() == chart.to_dict(validate=True)
    broken = step_charts.logit_chart(probs)
    broken.encoding.y.type = "not-a-type"
    broken.to_dict()                                    # not validated on the page …
    with pytest.raises(jsonschema.ValidationError):
        broken.to_dict(validate=True)                   # … but caught here


# -- a negative-sampling step ----------------------------------------------------------------
@pytest.fixture(scope="module")
def negative_run(text):
    return w2v.train(text, w2v.TrainConfig(steps=800, objective="negative", negatives=4,
                                           sample=0.01, lr_schedule="linear", dense_steps=40,
                                           record_interval=50))


@pytest.mark.parametrize("step", [3, 41, 333])
def test_negative_step_tables_and_arrows(negative_run, step):
    run = negative_run
    state = run.step_state(step)
    scored = step_views.negative_sampling_table(state, run.vocab)
    assert scored["word"].tolist() == [state.context_word] + [run.vocab[k] for k in state.negatives]
    assert scored["target"].tolist() == [1, 0, 0, 0, 0]
    np.testing.assert_allclose(scored["sigma"], [state.context_score, *state.negative_scores])
    # The loss is the sum of the k + 1 terms; a noise draw of the context itself adds nothing.
    assert scored["loss_term"].sum() == pytest.approx(state.loss, rel=1e-4)
    assert scored["weight"].iloc[0] == pytest.approx(1 - state.context_score)
    identity, max_diff = step_views.identity_table(state)
    assert list(identity.columns[1:3]) == ["−(1−σ_o)·u_o", "Σ σ_k·u_k"] and max_diff < 1e-5
    # On the map: the k noise pushes add up to the repulsive arrow, and η is the step's own.
    projection = w2v.project(run, "final_pca")
    f = forces_maths.step_forces(run, projection, step)
    assert f.lr == pytest.approx(0.1 * (1 - (step - 1) / 800))
    np.testing.assert_allclose(f.noise.sum(axis=0), f.repulsive, atol=1e-7)
    assert f.sum_error < 1e-6
    arrows = step_views.force_arrows_table(f, 5, run.vocab)
    assert list(arrows["arrow"]) == list(forces_maths.NEGATIVE_ARROWS[:3]) + \
        [forces_maths.NOISE] * 4
    assert arrows["word"].tolist()[3:] == scored["word"].tolist()[1:]
    points = step_views.force_map_points(forces_maths.positions_before(run, projection, step),
                                         state, run.vocab)
    noise_words = set(points.loc[points["role"] == step_views.NOISE_WORD, "word"])
    assert noise_words == {run.vocab[k] for k in state.negatives} - {state.center_word,
                                                                     state.context_word}
    assert step_views.TOP not in set(points["role"])
    spec = step_charts.force_map_chart(points, arrows, forces_maths.map_domain(projection.coords),
                                       5).to_dict(validate=True)
    assert spec["layer"][2]["encoding"]["color"]["scale"]["domain"] == \
        list(forces_maths.NEGATIVE_ARROWS)
    step_charts.sigma_chart(scored).to_dict(validate=True)
