"""`python -m w2v` end to end, and its one-line errors."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import w2v
from w2v import cli

REPO = Path(__file__).resolve().parent.parent


def w2v_cli(*args, cwd=REPO):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "w2v", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def corpus(tmp_path, text, sets):
    path = tmp_path / "royal.txt"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "corpus_sets.json").write_text(json.dumps(sets))
    return path


def test_trains_and_writes_the_layout(corpus, tmp_path):
    out = tmp_path / "out"
    result = w2v_cli("--corpus", corpus, "--output-dir", out, "--steps", 300,
                     "--dense-steps", 20, "--record-interval", 25)
    assert result.returncode == 0, result.stderr
    assert "30 sentences" in result.stdout and "Vocabulary: 17 words" in result.stdout
    assert "Training pairs: 86" in result.stdout and "Epochs covered: 3.5" in result.stdout
    assert "analogy accuracy" in result.stdout              # corpus_sets.json was found
    assert "Traceback" not in result.stderr
    index = json.loads((out / "step_index.json").read_text())
    assert index == list(range(21)) + [25 * k for k in range(1, 13)]
    assert sorted(int(p.stem) for p in (out / "steps").iterdir()) == index
    meta = json.loads((out / "run_metadata.json").read_text())
    assert meta["corpus_name"] == "royal" and meta["config"]["num_steps"] == 300
    assert json.loads((out / "analogy_evolution.json").read_text())["analogies"]


def test_suggest_prints_settings_with_reasons_and_trains_nothing(corpus, tmp_path):
    out = tmp_path / "out"
    result = w2v_cli("--corpus", corpus, "--output-dir", out, "--suggest")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Suggested settings for royal.txt: V = ")
    for flag in ("--objective", "--steps", "--dim", "--min-count", "--window", "--sample",
                 "--lr", "--lr-schedule"):
        row = next(line for line in lines if line.split()[:1] == [flag])
        assert len(row.split()) > 3, row                  # flag, value and a reason
    objective = next(line for line in lines if line.split()[:1] == ["--objective"])
    assert objective.split()[1] == "softmax"               # a tiny text keeps full softmax
    assert lines[-1].strip().startswith(f"python -m w2v --corpus {corpus} --objective softmax")
    assert not out.exists() and "training" not in result.stderr


def test_negative_sampling_flags_train_and_reach_the_metadata(corpus, tmp_path):
    out = tmp_path / "out"
    result = w2v_cli("--corpus", corpus, "--output-dir", out, "--steps", 600,
                     "--objective", "negative", "--negatives", 3, "--sample", 0.01,
                     "--lr-schedule", "linear", "--record-interval", 100)
    assert result.returncode == 0, result.stderr
    assert "after subsampling" in result.stdout
    meta = json.loads((out / "run_metadata.json").read_text())
    assert {k: meta["config"][k] for k in ("objective", "negatives", "sample", "lr_schedule")} \
        == {"objective": "negative", "negatives": 3, "sample": 0.01, "lr_schedule": "linear"}
    assert meta["epoch_starts"][0] == 1 and len(meta["epoch_starts"]) > 1
    step = json.loads((out / "steps" / "100.json").read_text())
    assert len(step["negatives"]) == 3 and len(step["negative_scores"]) == 3
    assert step["lr"] == pytest.approx(0.1 * (1 - 99 / 600), abs=1e-6)
    bad = w2v_cli("--corpus", corpus, "--output-dir", tmp_path / "o2", "--objective", "hs")
    assert bad.returncode == 2 and "invalid choice: 'hs'" in bad.stderr


def bad_corpora(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "stop.txt").write_text("the and of\nit is to be\n")
    (tmp_path / "latin1.txt").write_bytes("café crème brûlée\n".encode("latin-1") * 5)
    (tmp_path / "onevocab.txt").write_text("king queen\nking castle\nking dog\n")
    (tmp_path / "bad_sets.json").write_text("{not json")


BAD_ARGS = [
    (["--steps", "0"], "steps must be at least 1"),
    (["--dim", "0"], "dim must be at least 1"),
    (["--lr", "0"], "lr must be greater than 0"),
    (["--lr", "-0.5"], "lr must be greater than 0"),
    (["--lr", "inf"], "lr must be greater than 0 and finite"),
    (["--seed", "-1"], "seed must be between 0"),
    (["--dim", "5000000"], "the limit is 300 MB per run"),
    (["--window", "0"], "window must be at least 1"),
    (["--steps", "many"], "invalid int value"),
    (["--pca", "tsne"], "invalid choice"),
    (["--corpus", "{tmp}/missing.txt"], "not found"),
    (["--corpus", "{tmp}"], "directory"),
    (["--corpus", "{tmp}/latin1.txt"], "not UTF-8"),
    (["--corpus", "{tmp}/empty.txt"], "empty"),
    (["--corpus", "{tmp}/stop.txt"], "stopwords"),
    (["--corpus", "{tmp}/onevocab.txt"], "vocabulary of at least 2"),
    (["--sets", "{tmp}/bad_sets.json"], "bad sets file"),
    (["--sets", "{tmp}/no_sets.json"], "sets file not found"),
]


def full_args(args, corpus, tmp_path):
    bad_corpora(tmp_path)
    args = [a.format(tmp=tmp_path) for a in args]
    if "--corpus" not in args:
        args += ["--corpus", str(corpus)]
    if "--steps" not in args:
        args += ["--steps", "50"]
    return args + ["--output-dir", str(tmp_path / "out")]


@pytest.mark.parametrize("args,message", BAD_ARGS, ids=[" ".join(a) for a, _ in BAD_ARGS])
def test_bad_arguments_end_with_one_line(args, message, corpus, tmp_path, capsys):
    # In-process (importing torch per subprocess costs ~4 s); the next test runs a few for real.
    assert cli.main(full_args(args, corpus, tmp_path)) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("w2v: error: "), lines
    assert message in lines[0]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args", [["--steps", "0"], ["--pca", "tsne"],
                                  ["--corpus", "{tmp}/stop.txt"]])
def test_bad_arguments_in_a_real_process(args, corpus, tmp_path):
    result = w2v_cli(*full_args(args, corpus, tmp_path))
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("w2v: error: ")
    assert result.stdout == "" or "Traceback" not in result.stdout
    assert not (tmp_path / "out").exists()


def test_refuses_a_directory_that_is_not_an_export(corpus, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("precious")
    assert cli.main(["--corpus", str(corpus), "--output-dir", str(mine), "--steps", "20"]) == 2
    assert [p.name for p in mine.iterdir()] == ["thesis.tex"]


def test_the_apps_zip_holds_the_clis_files_byte_for_byte(corpus, tmp_path, monkeypatch):
    """The Embeddings page's "All output files (zip)" is what `python -m w2v` writes."""
    import io
    import zipfile

    import w2v
    from app import downloads, state as run_state

    out = tmp_path / "out"
    result = w2v_cli("--corpus", corpus, "--output-dir", out, "--steps", 300,
                     "--dense-steps", 20, "--record-interval", 25)
    assert result.returncode == 0, result.stderr
    monkeypatch.setenv("W2V_CORPUS_SETS", str(corpus.with_name("corpus_sets.json")))
    run = w2v.train(corpus.read_text(encoding="utf-8"),
                    w2v.TrainConfig(steps=300, dense_steps=20, record_interval=25))
    sets_json = json.dumps(run_state.corpus_sets())
    archive = zipfile.ZipFile(io.BytesIO(
        downloads._zip_bytes(downloads.run_key(run), sets_json, corpus.stem, run)))
    on_disk = {p.relative_to(out).as_posix(): p for p in out.rglob("*") if p.is_file()}
    assert set(archive.namelist()) == set(on_disk)
    for name, path in on_disk.items():
        assert archive.read(name) == path.read_bytes(), name


def test_epochs_covered_counts_subsampled_epochs(corpus, tmp_path):
    """With subsampling an epoch is the thinned text's pairs: the figure printed is the steps
    over the run's own first epoch (where its second begins), not over all the pairs."""
    import re
    result = w2v_cli("--corpus", corpus, "--output-dir", tmp_path / "out", "--steps", 300,
                     "--dense-steps", 20, "--record-interval", 25, "--sample", 0.01)
    assert result.returncode == 0, result.stderr
    run = w2v.train(corpus.read_text(encoding="utf-8"),
                    w2v.TrainConfig(steps=300, dense_steps=20, record_interval=25, sample=0.01))
    epoch = int(run.epoch_starts[1]) - 1
    assert epoch < 86                                            # thinner than all 86 pairs
    printed = re.search(r"Epochs covered: ([\d.]+) \(epochs of about ([\d,]+) pairs", result.stdout)
    assert printed, result.stdout
    assert printed.group(1) == f"{300 / epoch:.1f}" and int(printed.group(2)) == epoch
