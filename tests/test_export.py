"""The seed's output layout, its fields, the zip and TSV forms, and the analyses behind them."""
import io
import json
import zipfile

import numpy as np
import pytest

import w2v
from w2v import export, reports
from w2v.analysis import over_training, similarity, word_sets

# Field lists as the seed writes them (its capture_step, projections and save_local).
SEED_STEP_FIELDS = ["step", "center_word", "context_word", "loss", "W", "W_prime", "hidden",
                    "logits", "probabilities", "grad_v_c", "grad_u_o", "attractive_force",
                    "repulsive_force", "cosine_center_context", "context_rank", "context_prob",
                    "embeddings_2d", "pca_variance_explained"]
SEED_META_FIELDS = {"topic", "corpus_name", "vocab", "vocab_size", "embed_dim", "config",
                    "total_steps", "recorded_steps", "word_frequencies", "raw_sentences"}
SEED_FILES = {"run_metadata.json", "loss_curve.json", "step_index.json",
              "embeddings_timeline.json", "model_definition.json", "corpus_stats.json",
              "similarity_matrix.json", "weight_snapshots.json", "w_vs_wprime.json",
              "neighbor_evolution.json", "analogy_evolution.json", "word_convergence.json"}


@pytest.fixture(scope="module")
def out(small_run, sets, tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "out"
    export.write_dir(small_run, path, sets, corpus_name="royal")
    return path


def load(out, name):
    return json.loads((out / name).read_text(encoding="utf-8"))


def test_layout(out, small_run):
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    steps = {f"steps/{s}.json" for s in small_run.steps.tolist()}
    assert names == SEED_FILES | steps
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]   # no temp dirs left


def test_metadata_loss_curve_and_index(out, small_run):
    meta = load(out, "run_metadata.json")
    assert SEED_META_FIELDS <= meta.keys()
    assert meta["vocab"] == small_run.vocab and meta["vocab_size"] == len(small_run.vocab)
    assert meta["corpus_name"] == "royal" and meta["topic"] == "word2vec"
    assert meta["config"]["embed_dim"] == 8 and meta["config"]["num_steps"] == 400
    assert meta["config"]["steps"] == 400 and meta["config"]["lr"] == 0.1
    assert meta["diverged_at"] is None
    assert meta["total_steps"] == 400 and meta["recorded_steps"] == len(small_run.steps)
    assert meta["word_frequencies"]["king"] == small_run.corpus.counts["king"]
    assert meta["raw_sentences"][0] == "the king rules the kingdom with the queen"

    curve = load(out, "loss_curve.json")
    assert len(curve) == 400 and curve[0].keys() == {"step", "loss"}
    assert [c["step"] for c in curve] == list(range(1, 401))
    assert curve[9]["loss"] == round(float(small_run.losses[9]), 6)
    assert load(out, "step_index.json") == small_run.steps.tolist()


def test_timeline(out, small_run):
    timeline = load(out, "embeddings_timeline.json")
    assert [e["step"] for e in timeline] == small_run.steps.tolist()
    assert timeline[0].keys() == {"step", "positions"}                   # step 0: no pair, loss
    assert timeline[1].keys() == {"step", "positions", "loss", "center_word", "context_word"}
    assert timeline[0]["positions"].keys() == set(small_run.vocab)
    assert all(len(xy) == 2 for xy in timeline[-1]["positions"].values())


def test_step_files_have_the_seeds_fields(out, small_run):
    for step in (1, 50, 75, 400):
        record = load(out, f"steps/{step}.json")
        assert list(record) == SEED_STEP_FIELDS
        state = small_run.step_state(step)
        assert record["step"] == step and record["center_word"] == state.center_word
        assert np.array(record["W"]).shape == np.array(record["W_prime"]).shape == (17, 8)
        assert len(record["hidden"]) == len(record["grad_v_c"]) == len(record["grad_u_o"]) == 8
        assert record["logits"].keys() == record["probabilities"].keys() == set(small_run.vocab)
        assert sum(record["probabilities"].values()) == pytest.approx(1, abs=1e-5)
        assert isinstance(record["context_rank"], int) and 1 <= record["context_rank"] <= 17
        assert record["context_prob"] == pytest.approx(state.context_prob, abs=1e-8)
        assert len(record["pca_variance_explained"]) == 2


def test_step_zero_is_the_initial_state(out, small_run):
    record = load(out, "steps/0.json")
    assert list(record) == SEED_STEP_FIELDS and record["step"] == 0
    np.testing.assert_allclose(record["W"], small_run.W[0], atol=1e-6)
    assert record["embeddings_2d"].keys() == set(small_run.vocab)
    nulls = set(SEED_STEP_FIELDS) - {"step", "W", "W_prime", "embeddings_2d",
                                      "pca_variance_explained"}
    assert all(record[k] is None for k in nulls)


def test_negative_sampling_run_exports_its_objective_and_uneven_epochs(text):
    config = w2v.TrainConfig(steps=700, objective="negative", negatives=4, sample=0.01,
                             lr_schedule="linear", dense_steps=10, record_interval=100)
    run = w2v.train(text, config)
    meta = export.metadata(run, "royal")
    assert {k: meta["config"][k] for k in ("objective", "negatives", "sample", "lr_schedule")} \
        == {"objective": "negative", "negatives": 4, "sample": 0.01, "lr_schedule": "linear"}
    starts = run.epoch_starts
    assert meta["epoch_starts"] == starts.tolist() and len(starts) > 2
    # Epochs covered counts the thinned epochs, not steps ÷ all pairs.
    done = len(starts) - 1 + (700 - starts[-1] + 1) / np.diff(starts).mean()
    assert meta["epochs_covered"] == round(done, 2) != round(700 / len(run.pairs), 2)
    assert reports.corpus_stats(run)["epochs_covered"] == meta["epochs_covered"]
    assert "negative sampling (k = 4)" in reports.model_definition(run)["architecture"]
    record = export.step_record(run, w2v.project(run, "final_pca"), 200)
    state = run.step_state(200)
    assert record["negatives"] == [run.vocab[k] for k in state.negatives]
    assert record["negative_scores"] == pytest.approx(state.negative_scores.tolist(), abs=1e-6)
    assert record["lr"] == pytest.approx(0.1 * (1 - 199 / 700), abs=1e-6)


def test_analysis_files(out, small_run, sets):
    V = len(small_run.vocab)
    model_def = load(out, "model_definition.json")
    assert [layer["params"] for layer in model_def["layers"]] == [V * 8, V * 8]
    assert model_def["total_params"] == 2 * V * 8
    assert [m["model"] for m in model_def["scale_comparison"]] == [
        "This model", "word2vec-google-news", "GPT-2", "GPT-3", "GPT-4"]
    assert "class SkipGram" in model_def["source"]

    stats = load(out, "corpus_stats.json")
    assert (stats["sentences_raw"], stats["sentences_cleaned"], stats["vocab_size"]) == (30, 30, V)
    assert stats["pairs"] == len(small_run.pairs)
    assert stats["epochs_covered"] == round(400 / len(small_run.pairs), 2)
    assert {f["word"] for f in stats["frequency_distribution"]} == set(small_run.vocab)
    assert stats["sample_sentences"][0]["in_vocab"] == ["king", "queen"]

    sim = load(out, "similarity_matrix.json")
    assert sim["words"] == small_run.vocab and np.array(sim["matrix"]).shape == (V, V)
    np.testing.assert_allclose(np.diag(sim["matrix"]), 1, atol=1e-4)

    snaps = load(out, "weight_snapshots.json")
    assert snaps["steps"] == [0, 100, 400] == [s["step"] for s in snaps["snapshots"]]
    np.testing.assert_allclose(snaps["snapshots"][-1]["W_prime"], small_run.W_prime[-1], atol=1e-6)

    wvw = load(out, "w_vs_wprime.json")
    assert [r["word"] for r in wvw] == small_run.vocab
    assert wvw[0].keys() == {"word", "cosine", "norm_W", "norm_W_prime"}

    nbrs = load(out, "neighbor_evolution.json")
    assert "king" in nbrs["words"] and "mouse" not in nbrs["words"]      # mouse is not in vocab
    assert [e["step"] for e in nbrs["words"]["king"]] == [0, 100, 400]
    assert len(nbrs["words"]["king"][0]["neighbors"]) == 5

    analog = load(out, "analogy_evolution.json")
    assert len(analog["analogies"]) == 2                                 # one names unknownword
    for entry in analog["milestones"]:
        assert entry["accuracy"] == sum(r["correct"] for r in entry["results"]) / 2

    conv = load(out, "word_convergence.json")
    assert conv["min_cosine"] == over_training.CONVERGED_COSINE
    assert [w["word"] for w in conv["words"]] == small_run.vocab
    assert all(0 <= w["converged_at"] <= 400 for w in conv["words"])


def test_zip_holds_exactly_the_directory(out, small_run, sets):
    archive = zipfile.ZipFile(io.BytesIO(export.export_zip(small_run, sets, corpus_name="royal")))
    names = set(archive.namelist())
    assert names == {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    for name in names:
        assert archive.read(name) == (out / name).read_bytes(), name


def test_projector_tsv(small_run):
    vectors, meta = export.projector_tsv(small_run)
    rows = vectors.splitlines()
    assert len(rows) == len(small_run.vocab) and all(len(r.split("\t")) == 8 for r in rows)
    np.testing.assert_allclose(np.array([r.split("\t") for r in rows], float),
                               small_run.W[-1], rtol=1e-5, atol=1e-6)
    assert meta.splitlines() == small_run.vocab


# ── atomic writes ─────────────────────────────────────────────────────────
def test_rewrite_replaces_a_previous_export(small_run, tmp_path):
    target = tmp_path / "o"
    export.write_dir(small_run, target)
    (target / "steps" / "99999.json").write_text("stale")
    export.write_dir(small_run, target)
    assert not (target / "steps" / "99999.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o"]


def test_a_failed_write_leaves_nothing(small_run, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        yield "run_metadata.json", b"{}"
        raise OSError("disk full")
    monkeypatch.setattr(export, "files", broken)
    with pytest.raises(OSError):
        export.write_dir(small_run, tmp_path / "o")
    assert list(tmp_path.iterdir()) == []


def test_refuses_to_replace_a_directory_that_is_not_an_export(small_run, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        export.write_dir(small_run, tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


# ── analyses on hand-made vectors ─────────────────────────────────────────
VOCAB = ["king", "man", "queen", "woman", "apple"]
W_HAND = np.array([[1, 1, 0], [0, 1, 0], [1, 1, 1], [0, 1, 1], [-1, 0, 0]], float)
#                 king = man + royal,  queen = woman + royal,  woman = man + female


def test_nearest_on_hand_made_vectors():
    top = similarity.nearest(W_HAND, VOCAB, "man", k=2)
    assert [w for w, _ in top] == ["king", "woman"]
    assert top[0][1] == pytest.approx(1 / np.sqrt(2))
    assert len(similarity.nearest(W_HAND, VOCAB, "man", k=99)) == 4       # never itself
    with pytest.raises(KeyError):
        similarity.nearest(W_HAND, VOCAB, "prince", k=2)


def test_solve_analogy_on_hand_made_vectors():
    answers = similarity.solve_analogy(W_HAND, VOCAB, "man", "king", "woman", k=5)
    assert answers[0] == ("queen", pytest.approx(1.0))
    assert {w for w, _ in answers} == {"queen", "apple"}                # a, b, c excluded
    assert similarity.solve_analogy(W_HAND[:3], VOCAB[:3], "king", "man", "queen") == []


def test_quality_scores_on_hand_made_vectors():
    vocab = ["a1", "a2", "b1", "b2", "c1"]
    W = np.array([[1, 0], [0.9, 0.1], [0, 1], [0.5, 0.5], [-1, -1]])
    groups = {"a": ["a1", "a2"], "b": ["b1", "b2"], "c": ["c1", "zz"]}
    # Nearest of each: a1→a2 ✓, a2→a1 ✓, b1→b2 ✓, b2→a2 ✗ (cos .78 vs .71); c is too small.
    assert word_sets.neighbour_quality(W, vocab, groups, k=1) == 0.75
    assert word_sets.neighbour_quality(W, vocab, groups, k=3) == 1.0
    assert word_sets.neighbour_quality(W, vocab, {"x": ["a1"]}) is None
    assert word_sets.analogy_accuracy(W_HAND, VOCAB, [["man", "king", "woman", "queen"],
                                                     ["king", "man", "queen", "apple"],
                                                     ["a", "b", "c", "d"]]) == 0.5
    assert word_sets.analogy_accuracy(W_HAND, VOCAB, []) is None


def test_convergence_step_on_a_hand_made_trajectory():
    steps = np.array([0, 10, 20, 30, 40])
    angle = np.radians([90, 10, 40, 10, 0])       # word 0 wanders back out at step 20
    W = np.zeros((5, 2, 2))
    W[:, 0] = np.stack([np.cos(angle), np.sin(angle)], axis=1) * [[1], [2], [3], [4], [5]]
    W[:, 1] = [1, 0]                               # word 1 never moves
    # cos(10°) = 0.985 ≥ 0.95, cos(40°) = 0.77 < 0.95: word 0 settles for good at step 30.
    assert over_training.convergence_steps(steps, W).tolist() == [30, 0]
    assert over_training.convergence_steps(steps, W, min_cosine=0.5).tolist() == [10, 0]


# ── edge cases: tiny vocabularies and diverged runs ───────────────────────
@pytest.mark.parametrize("text", [
    "alpha beta\nalpha beta\nalpha beta",
    "alpha beta gamma\nalpha beta gamma\nalpha beta gamma",
    "a1 b2 c3 d4 e5\n" * 3,
])
@pytest.mark.parametrize("dim", [1, 8])
def test_every_file_builds_for_tiny_vocabularies(text, dim, sets):
    run = w2v.train(text, w2v.TrainConfig(steps=60, dim=dim, dense_steps=5, record_interval=7))
    tiny_sets = {"groups": {"g": run.vocab[:2]}, "analogies": [run.vocab[:3] + run.vocab[:1]]}
    for s in (None, sets, tiny_sets):
        produced = dict(export.files(run, s))
        assert len(produced) == len(SEED_FILES) + len(run.steps)
    q = word_sets.scores(run.W[-1], run.vocab, tiny_sets)
    assert set(q) == {"neighbour_quality", "analogy_accuracy"}
    assert all(v is None or 0 <= v <= 1 for v in q.values())


def test_every_file_builds_for_a_diverged_run(text, sets):
    run = w2v.train(text, w2v.TrainConfig(steps=500, lr=1e3))
    assert run.diverged_at
    produced = dict(export.files(run, sets))
    meta = json.loads(produced["run_metadata.json"])
    assert meta["diverged_at"] == run.diverged_at and meta["total_steps"] == run.steps_done
    assert len(json.loads(produced["loss_curve.json"])) == run.steps_done
    assert f"steps/{run.steps_done}.json" in produced
    assert over_training.milestones(run)[-1] == run.steps_done
