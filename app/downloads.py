"""Download buttons for a finished run: the seed's output layout as a zip, and the two TSV files
the TensorFlow Embedding Projector (projector.tensorflow.org) loads.

Every file is built only when its button is clicked (`data=` a callable, Streamlit ≥ 1.44, run
in a separate thread): the zip holds one JSON file per recorded step (1,681 for a default run)
and takes seconds, so it is kept for the next click (cache_resource: bytes are immutable, so
sharing them is safe and costs no copy); the TSVs grow with V·d (megabytes for a large
vocabulary), so no session stores them before it asks.

Streamlit keeps a button's callable until the session moves on, so the callable holds the run
only weakly: an open tab never keeps an evicted run alive (issue: memory bounded by the job
registry). If the run is gone when the button is clicked, the registry trains it again.
"""
from __future__ import annotations

import functools
import hashlib
import json
import weakref
from typing import Callable

import streamlit as st

from w2v import TrainConfig, export
from w2v.run import Run

from . import jobs
from .corpus_source import own_text
from .state import corpus_path, corpus_sets, current_text, registry


def run_key(run: Run) -> str:
    """A digest of what determines a run's files: its settings and its corpus's sentences."""
    h = hashlib.sha256()
    h.update(json.dumps([run.config.as_dict(), run.diverged_at, run.steps_done]).encode())
    for sentence in run.corpus.raw:
        h.update("\x1f".join(sentence).encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()


@st.cache_resource(show_spinner=False, max_entries=2)
def _zip_bytes(key: str, sets_json: str, corpus_name: str, _run: Run) -> bytes:
    return export.export_zip(_run, json.loads(sets_json), corpus_name)


def _file_stem(run: Run) -> str:
    c = run.config
    return f"w2v_dim{c.dim}_lr{c.lr:g}_window{c.window}_steps{c.steps}_seed{c.seed}"


def _trained(registry: jobs.JobRegistry, config: TrainConfig, text: str) -> Run:
    """The run for these settings from the registry (trained again if it was evicted)."""
    job = registry.get(config, text)
    job.wait()
    if job.run is None:
        raise RuntimeError(f"the run could not be trained again: {job.error!r}")
    return job.run


class OnClick:
    """A download's data callable: `build(run)` on click, the run held only weakly."""

    def __init__(self, run: Run, again: Callable[[], Run], build: Callable[[Run], bytes]):
        self._run = weakref.ref(run)
        self._again = again
        self._build = build

    def __call__(self) -> bytes:
        run = self._run()
        return self._build(run if run is not None else self._again())


def _tsv_of(column: int, run: Run) -> bytes:
    return export.projector_tsv(run)[column].encode("utf-8")


def run_downloads(run: Run) -> None:
    """Render the downloads of `run`: the full output zip and the Embedding Projector TSVs."""
    corpus_name = "own_text" if own_text() is not None else corpus_path().stem
    again = functools.partial(_trained, registry(), run.config, current_text())
    zip_file = OnClick(run, again, functools.partial(_zip_bytes, run_key(run),
                                                     json.dumps(corpus_sets()), corpus_name))
    st.subheader("Download this run")
    cols = st.columns(3)
    cols[0].download_button("All output files (zip)", data=zip_file,
                            file_name=f"{_file_stem(run)}.zip", mime="application/zip",
                            on_click="ignore", icon=":material/folder_zip:", key="dl_zip")
    vectors = OnClick(run, again, functools.partial(_tsv_of, 0))
    metadata = OnClick(run, again, functools.partial(_tsv_of, 1))
    cols[1].download_button("vectors.tsv", data=vectors,
                            file_name="vectors.tsv", mime="text/tab-separated-values",
                            on_click="ignore", icon=":material/download:", key="dl_vectors")
    cols[2].download_button("metadata.tsv", data=metadata,
                            file_name="metadata.tsv", mime="text/tab-separated-values",
                            on_click="ignore", icon=":material/download:", key="dl_metadata")
    st.caption(
        f"The zip holds the same files the command line writes: run metadata, the loss curve, "
        f"the analysis files and one JSON file per recorded step ({len(run.steps):,} of them), "
        "so it takes a few seconds to prepare after you click. vectors.tsv (one row of W per "
        "word) and metadata.tsv (the words, in the same order) load into the TensorFlow "
        "Embedding Projector at projector.tensorflow.org: press Load there and choose both.")
