"""Labels on the Altair maps never print over each other (charts.labels), on the default run."""
import json
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

import w2v
from charts import analysis as ac
from charts import labels
from charts import step as step_charts
from views import experiments as experiments_views
from views import step as step_views
from views.words import by_frequency
from w2v import forces as forces_maths

ROOT = Path(__file__).resolve().parents[1]


def boxes(rows, text, font_px, bold, anchors):
    """Each kept label's box, recomputed from what the chart is given (dx, dy, align, baseline)."""
    out = []
    for (x, y), (_, row) in zip(anchors, rows.iterrows()):
        w, h = labels.text_size(str(row[text]), font_px, bold)
        x0 = x + row["dx"] - {"left": 0, "center": w / 2, "right": w}[row["align"]]
        y0 = y + row["dy"] - {"top": 0, "middle": h / 2, "bottom": h}[row["baseline"]]
        out.append((x0, y0, x0 + w, y0 + h))
    return out


def overlapping(bs):
    return [(a, b) for a, b in combinations(bs, 2)
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]


def test_crowded_labels_are_offset_or_dropped_never_overlapping():
    anchors = np.array([[100, 100]] * 12 + [[104, 102], [300, 10], [5, 195]])
    sizes = [labels.text_size("neighbour", 12)] * len(anchors)
    kept = labels.place_labels(anchors, sizes, 320, 200)
    assert 3 <= len(kept) < len(anchors)                  # some offset, some dropped
    assert kept[0].index == 0 and kept[0].align == "left"   # the first takes the first spot
    assert not overlapping([p.box for p in kept])
    assert all(0 <= p.box[0] and p.box[2] <= 320 and 0 <= p.box[1] and p.box[3] <= 200
               for p in kept)                                 # inside the plot
    assert 13 in {p.index for p in kept} and 14 in {p.index for p in kept}  # room at the edges


def test_growing_plot_keeps_labels_apart_at_any_larger_width():
    rng = np.random.default_rng(1)
    anchors = rng.uniform(0, 300, size=(40, 2))
    sizes = [labels.text_size(w, 13, bold=True) for w in ["princess", "king", "cat"] * 14][:40]
    kept = labels.place_labels(anchors, sizes, 300, 300, growing=True)
    for scale in (1.0, 1.3, 2.0, 5.0):
        moved = [(b[0] - anchors[p.index][0] + scale * anchors[p.index][0], b[1],
                  b[2] - anchors[p.index][0] + scale * anchors[p.index][0], b[3])
                 for p in kept for b in [p.box]]
        assert not overlapping(moved), scale


@pytest.fixture(scope="module")
def default_run():
    run = w2v.train((ROOT / "corpus.txt").read_text(encoding="utf-8"), w2v.TrainConfig())
    return run, w2v.project(run, "final_pca")


def test_step_internals_map_labels_never_overlap_on_the_default_run(default_run):
    run, projection = default_run
    domain = forces_maths.map_domain(projection.coords)
    height = 640
    width, plot_h = step_charts.MAP_MIN_WIDTH, height - step_charts.MAP_FRAME_PX
    steps = [int(s) for s in run.steps[1::28]]                  # 60 steps, early to last
    kept_context = 0
    for step in steps:
        state = run.step_state(step)
        points = step_views.force_map_points(
            forces_maths.positions_before(run, projection, step), state, run.vocab)
        placed = step_charts.map_labels(points, domain, height)
        assert placed["word"].iloc[0] == state.center_word          # the center is always named
        kept_context += state.context_word in set(placed["word"])
        for stretch in (1.0, 1.6):
            anchors = labels.to_pixels(placed["x"], placed["y"], domain["x"], domain["y"],
                                       width * stretch, plot_h)
            assert not overlapping(boxes(placed, "label", step_charts.LABEL_PX, True, anchors))
    assert kept_context >= 0.9 * len(steps)
    spec = step_charts.force_map_chart(points, step_views.force_arrows_table(
        forces_maths.step_forces(run, projection, steps[-1])), domain, 5).to_dict()
    text = spec["layer"][-1]
    assert text["mark"]["dx"] == {"expr": "datum.dx"} and text["mark"]["align"] == {
        "expr": "datum.align"}


def test_experiments_final_map_labels_grouped_words_without_overlap(default_run):
    run, projection = default_run
    sets = json.loads((ROOT / "corpus_sets.json").read_text(encoding="utf-8"))
    groups = sets["groups"]
    grouped = {w for ws in groups.values() for w in ws}
    ranked = [run.vocab[i] for i in by_frequency(run.vocab, run.corpus.counts)]
    labelled = [w for w in ranked if w in grouped]
    frame = experiments_views.scatter_frame(projection.coords[-1], run.vocab, groups)
    chart = ac.small_scatters([("dim = 8", frame)], groups, labelled=labelled)
    layer = chart.to_dict()["concat"][0]["layer"]
    assert [part["mark"]["type"] for part in layer] == ["point", "text"]
    domain = w2v.forces.map_domain(frame[["x", "y"]].to_numpy(), frac=0.08, decimals=6)
    placed = labels.label_frame(frame[frame["word"].isin(grouped)].set_index("word").loc[
        labelled].reset_index(), "word", domain["x"], domain["y"], ac.MAP_PX, ac.MAP_PX,
        ac.MAP_LABEL_PX)
    anchors = labels.to_pixels(placed["x"], placed["y"], domain["x"], domain["y"],
                               ac.MAP_PX, ac.MAP_PX)
    assert not overlapping(boxes(placed, "word", ac.MAP_LABEL_PX, False, anchors))
    assert len(placed) >= 0.6 * len(labelled)                # most grouped words are named
    assert ac.MAP_PX >= 360
