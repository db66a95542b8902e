"""A run as the seed's output files: a directory, an in-memory zip, or Embedding Projector TSVs.

`files()` makes every file as (relative path, bytes); writing a directory and building a zip
are two thin consumers of it, so both hold exactly the same bytes.

Layout (the seed's): run_metadata.json, loss_curve.json, step_index.json,
embeddings_timeline.json, the analysis files of reports.py, and steps/{N}.json for every
recorded step. steps/0.json is the initial state: the same keys as every other step, with the
initial W, W_prime and their 2-D positions, and null for everything that belongs to a training
step (pair, loss, forward pass, gradients). step_index.json therefore starts at 0, like the
timeline, whose step-0 entry likewise has positions but no loss or pair.

Floats are rounded (ROUND decimals, PROB_ROUND for probabilities, which are often tiny);
a value that is not finite (possible only near a divergence) is written as null.
"""
import io
import json
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Iterator

import numpy as np

from . import reports
from .reports import rounded
from .projection import Projection, project
from .run import Run

ROUND = 6
PROB_ROUND = 9
STEP_FIELDS = ("step", "center_word", "context_word", "loss", "W", "W_prime", "hidden",
               "logits", "probabilities", "grad_v_c", "grad_u_o", "attractive_force",
               "repulsive_force", "cosine_center_context", "context_rank", "context_prob",
               "embeddings_2d", "pca_variance_explained")


def _json(value, indent=None) -> bytes:
    # allow_nan=False: a NaN that slipped past rounded() must fail loudly, not write bad JSON.
    seps = None if indent else (",", ":")
    return json.dumps(value, indent=indent, separators=seps, allow_nan=False,
                      ensure_ascii=False).encode()


def _by_word(vocab, values, decimals=ROUND) -> dict:
    return dict(zip(vocab, rounded(values, decimals)))


def metadata(run: Run, corpus_name: str = "custom") -> dict:
    c = run.config
    # The seed's config keys first, then ours, so either reader finds its names.
    config = {"embed_dim": c.dim, "num_steps": c.steps, "learning_rate": c.lr,
              "window": c.window, "min_count": c.min_count, "seed": c.seed,
              "dense_steps": c.dense_steps, "record_interval": c.record_interval,
              "pca_method": c.pca, **c.as_dict()}
    return {
        "topic": "word2vec", "corpus_name": corpus_name,
        "vocab": run.vocab, "vocab_size": len(run.vocab), "embed_dim": c.dim,
        "config": config,
        "total_steps": run.steps_done,      # steps trained: fewer than asked if it diverged
        "recorded_steps": len(run.steps),
        "diverged_at": run.diverged_at,
        # Subsampling makes epochs uneven: their first steps, and how many the run covered.
        "epoch_starts": None if run.epoch_starts is None else run.epoch_starts.tolist(),
        "epochs_covered": round(reports.epochs_covered(run), 2),
        "word_frequencies": {w: run.corpus.counts[w] for w in run.vocab},
        "raw_sentences": [" ".join(s) for s in run.corpus.raw],
    }


def step_record(run: Run, proj: Projection, step: int) -> dict:
    """One steps/{N}.json, keys in the seed's order (N = 0 is the initial state)."""
    i = run.index_of(step)
    tail = {"embeddings_2d": _by_word(run.vocab, proj.coords[i]),
            "pca_variance_explained": rounded(proj.variance_explained)}
    if step == 0:
        record = dict.fromkeys(STEP_FIELDS)
        record.update(step=0, W=rounded(run.W[0]), W_prime=rounded(run.W_prime[0]), **tail)
        return record
    s = run.step_state(step)
    record = {
        "step": step, "center_word": s.center_word, "context_word": s.context_word,
        "loss": rounded(s.loss), "W": rounded(s.W), "W_prime": rounded(s.W_prime),
        "hidden": rounded(s.hidden), "logits": _by_word(run.vocab, s.logits),
        "probabilities": _by_word(run.vocab, s.probabilities, PROB_ROUND),
        "grad_v_c": rounded(s.grad_v_c), "grad_u_o": rounded(s.grad_u_o),
        "attractive_force": rounded(s.attractive_force),
        "repulsive_force": rounded(s.repulsive_force),
        "cosine_center_context": rounded(s.cosine_center_context),
        "context_rank": s.context_rank, "context_prob": rounded(s.context_prob, PROB_ROUND),
        **tail}
    if s.objective == "negative":     # after the seed's keys: what this objective trained on
        record.update(lr=rounded(s.lr), negatives=[run.vocab[k] for k in s.negatives],
                      negative_scores=rounded(s.negative_scores),
                      context_score=rounded(s.context_score),
                      repulsive_forces=rounded(s.repulsive_forces))
    return record


def timeline(run: Run, proj: Projection) -> list[dict]:
    entries = []
    for i, step in enumerate(run.steps.tolist()):
        entry = {"step": step, "positions": _by_word(run.vocab, proj.coords[i])}
        if step > 0:
            entry.update(loss=rounded(run.losses[step - 1]),
                         center_word=run.vocab[run.centers[step - 1]],
                         context_word=run.vocab[run.contexts[step - 1]])
        entries.append(entry)
    return entries


def files(run: Run, sets: dict | None = None, corpus_name: str = "custom",
          proj: Projection | None = None) -> Iterator[tuple[str, bytes]]:
    """Every output file as (relative path, contents), small files first."""
    proj = proj or project(run)
    losses = rounded(run.losses)
    yield "run_metadata.json", _json(metadata(run, corpus_name), indent=2)
    yield "loss_curve.json", _json([{"step": i + 1, "loss": l} for i, l in enumerate(losses)])
    yield "step_index.json", _json(run.steps.tolist())
    yield "embeddings_timeline.json", _json(timeline(run, proj))
    yield "model_definition.json", _json(reports.model_definition(run), indent=2)
    yield "corpus_stats.json", _json(reports.corpus_stats(run), indent=2)
    yield "similarity_matrix.json", _json(reports.similarity_matrix(run))
    yield "weight_snapshots.json", _json(reports.weight_snapshots(run))
    yield "w_vs_wprime.json", _json(reports.w_vs_wprime(run), indent=2)
    yield "neighbor_evolution.json", _json(reports.neighbor_evolution(run, sets))
    yield "analogy_evolution.json", _json(reports.analogy_evolution(run, sets))
    yield "word_convergence.json", _json(reports.word_convergence(run), indent=2)
    for step in run.steps.tolist():
        yield f"steps/{step}.json", _json(step_record(run, proj, step))


ZIP_DATE = (1980, 1, 1, 0, 0, 0)   # the earliest date a zip entry can hold


def export_zip(run: Run, sets: dict | None = None, corpus_name: str = "custom") -> bytes:
    """The whole layout as a zip archive in memory (paths relative to the archive root)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for path, data in files(run, sets, corpus_name):
            # A fixed date instead of the clock's: one link, one file, from any process or day.
            z.writestr(zipfile.ZipInfo(path, date_time=ZIP_DATE), data,
                       compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    return buffer.getvalue()


def check_target(out_dir) -> None:
    """Raise FileExistsError unless out_dir is absent, empty or a previous export.

    Writing replaces the whole directory, so anything else there is refused, not deleted.
    """
    out = Path(out_dir)
    if not out.exists():
        return
    if not out.is_dir():
        raise FileExistsError(f"{out} exists and is not a directory")
    if any(out.iterdir()) and not (out / "run_metadata.json").is_file():
        raise FileExistsError(f"{out} is not empty and holds no previous w2v output; "
                              "choose another --output-dir")


def write_dir(run: Run, out_dir, sets: dict | None = None, corpus_name: str = "custom") -> int:
    """Write the layout into out_dir, replacing a previous export; returns bytes written.

    Files go to a temporary directory beside out_dir, renamed into place only when complete,
    so a failure part-way leaves the old output (or none) and no half-written files.
    """
    out = Path(out_dir).resolve()
    check_target(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    old = None
    try:
        (tmp / "steps").mkdir()
        total = 0
        for path, data in files(run, sets, corpus_name):
            (tmp / path).write_bytes(data)
            total += len(data)
        if out.exists():
            # Move the old export aside first: rename cannot replace a non-empty directory.
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            out.rename(old / out.name)
        tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and not out.exists():
            (old / out.name).rename(out)        # put the previous export back
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return total


def projector_tsv(run: Run, step: int | None = None) -> tuple[str, str]:
    """(vectors, metadata) for projector.tensorflow.org: final W rows, one word per line."""
    W = run.W[-1] if step is None else run.weights_after(step)[0]
    vectors = "".join("\t".join(f"{x:.6g}" for x in row) + "\n" for row in W.tolist())
    return vectors, "".join(w + "\n" for w in run.vocab)
