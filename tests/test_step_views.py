"""Step-internals tables and charts, and the Embeddings player's data payload."""
import json
import re

import altair as alt
import numpy as np
import pytest

import w2v
from ui import player, step_charts
from w2v import views_step as views

alt.data_transformers.disable_max_rows()


@pytest.fixture(scope="module")
def state(small_run):
    return small_run.step_state(37)


# -- step selection ------------------------------------------------------------------------
def test_forward_steps_skip_the_initial_weights(small_run):
    steps = views.forward_steps(small_run)
    assert steps[0] == 1 and 0 not in steps
    assert steps == [int(s) for s in small_run.steps[1:]]


def test_neighbour_and_nearest_steps():
    steps = [1, 2, 3, 25, 50, 400]
    assert views.neighbour_steps(steps, 1) == (None, 2)
    assert views.neighbour_steps(steps, 25) == (3, 50)
    assert views.neighbour_steps(steps, 400) == (50, None)
    assert views.neighbour_steps(steps, 10) == (3, 25)      # an unrecorded step
    assert views.nearest_step(steps, 0) == 1
    assert views.nearest_step(steps, 14) == 3 and views.nearest_step(steps, 15) == 25
    assert views.nearest_step(steps, 10**6) == 400


def test_frame_pair(small_run):
    assert views.frame_pair(small_run, 0) == {"step": 0, "center": None, "context": None,
                                              "loss": None}
    pair = views.frame_pair(small_run, 5)
    s = small_run.step_state(5)
    assert (pair["center"], pair["context"]) == (s.center_word, s.context_word)
    assert pair["loss"] == pytest.approx(s.loss, rel=1e-5)


# -- tables --------------------------------------------------------------------------------
def test_probability_table_sorted_with_roles(state, small_run):
    df = views.probability_table(state, small_run.vocab, top_k=5)
    assert len(df) == len(small_run.vocab)
    assert df["probability"].is_monotonic_decreasing
    assert df["probability"].sum() == pytest.approx(1.0, abs=1e-5)
    assert list(df["rank"]) == list(range(1, len(df) + 1))
    context = df[df["role"] == views.CONTEXT]
    assert list(context["word"]) == [state.context_word]
    assert int(context["rank"].iloc[0]) == state.context_rank
    assert (df["role"] == views.TOP).sum() <= 5
    # logits are sorted with the probabilities (softmax is monotone)
    assert df["logit"].is_monotonic_decreasing


def test_identity_holds_with_the_steps_numbers(state):
    table, max_diff = views.identity_table(state)
    assert list(table.columns) == ["dim", "−u_o", "Σ P·u_w", "sum", "grad_v_c", "difference"]
    assert len(table) == len(state.grad_v_c)
    assert max_diff < 1e-5
    np.testing.assert_allclose(table["sum"], state.grad_v_c, atol=1e-5)
    np.testing.assert_allclose(table["−u_o"], -state.attractive_force)


def test_forces_and_vector_tables(state):
    forces = views.forces_table(state)
    d = len(state.hidden)
    assert len(forces) == 2 * d and forces["force"].nunique() == 2
    vec = views.vector_table(state.hidden, "v_c")
    assert list(vec["dim"]) == list(range(d))
    np.testing.assert_allclose(vec["v_c"], state.hidden)


def test_heatmap_table_marks_center_and_context(state, small_run):
    V, d = state.W.shape
    cells = views.heatmap_table(state.W, small_run.vocab, state.center, state.context)
    assert len(cells) == V * d
    centre_rows = set(cells.loc[cells["role"] == views.CENTER, "word"])
    assert centre_rows == {state.center_word}
    if state.context != state.center:
        assert set(cells.loc[cells["role"] == views.CONTEXT, "word"]) == {state.context_word}
    row = cells[cells["word"] == state.center_word].sort_values("dim")["value"].to_numpy()
    np.testing.assert_allclose(row, state.W[state.center])


def test_step_summary_reference_numbers(state, small_run):
    s = views.step_summary(state, len(small_run.vocab))
    assert s["uniform_loss"] == pytest.approx(np.log(len(small_run.vocab)))
    assert s["rank"] == state.context_rank and s["center"] == state.center_word


# -- charts --------------------------------------------------------------------------------
def test_charts_build_and_colour_the_context(state, small_run):
    probs = views.probability_table(state, small_run.vocab)
    spec = step_charts.probability_chart(probs, len(small_run.vocab)).to_dict()
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["scale"]["domain"][0] == views.CONTEXT
    assert colour["scale"]["range"][0] == step_charts.RED
    assert spec["layer"][0]["encoding"]["x"]["sort"] == list(probs["word"])
    assert step_charts.logit_chart(probs).to_dict()["mark"]["type"] == "bar"
    vec = views.vector_table(state.grad_v_c, "grad_v_c")
    assert step_charts.vector_chart(vec, "grad_v_c", "gradient").to_dict()["mark"]["type"] == "bar"
    assert "xOffset" in step_charts.forces_chart(views.forces_table(state)).to_dict()["encoding"]


def test_heatmap_chart_has_outline_layer_and_room_for_every_row(state, small_run):
    cells = views.heatmap_table(state.W_prime, small_run.vocab, state.center, state.context)
    spec = step_charts.heatmap_chart(cells, "W′").to_dict()
    assert len(spec["layer"]) == 2
    assert spec["layer"][1]["mark"]["filled"] is False
    assert spec["height"] >= step_charts.ROW_PX * len(small_run.vocab)


def test_plain_escapes_markdown():
    assert step_charts.plain("king") == "king"
    out = step_charts.plain("[x](http://e.com) $a$ :red[b] <b>")
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
    assert len(p["xy"]) == R and all(len(f) == 2 * V for f in p["xy"])
    assert len(p["center"]) == len(p["context"]) == len(p["loss"]) == R
    assert p["center"][0] == -1 and p["loss"][0] is None        # step 0: no pair
    assert p["start"] == R - 1                                   # opens on the trained state
    s = int(small_run.steps[7])
    assert p["center"][7] == int(small_run.centers[s - 1])
    assert p["loss"][7] == pytest.approx(float(small_run.losses[s - 1]), abs=1e-4)
    assert p["variance"] == pytest.approx(list(projection.variance_explained), abs=1e-4)


def test_payload_coords_rounded_and_inside_a_fixed_domain(payload):
    p, projection = payload
    xy = np.array(p["xy"])
    np.testing.assert_allclose(xy, np.round(xy, 3))
    np.testing.assert_allclose(xy.reshape(len(xy), -1, 2), projection.coords, atol=6e-4)
    (x0, x1), (y0, y1) = p["domain"]["x"], p["domain"]["y"]
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
    assert len(p["colors"]) == len(p["groups"])


def test_word_groups_first_group_wins_and_empty_groups_drop():
    names, of_word = player.word_groups(["a", "b", "c"], {"x": ["a", "zz"], "y": ["a", "b"],
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
    # ~R·V·2 numbers of at most ~7 characters, plus the fixed template
    assert size < 8 * 2 * len(p["xy"]) * len(p["words"]) + 30_000


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
