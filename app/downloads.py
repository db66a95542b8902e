"""Download buttons for a finished run: the seed's output layout as a zip, and the two TSV files
the TensorFlow Embedding Projector (projector.tensorflow.org) loads.

The zip holds one JSON file per recorded step (1,681 for a default run) and takes seconds to
build, so it is built only when the button is clicked (`data=` a callable, Streamlit ≥ 1.44,
run in a separate thread) and kept for the next click (cache_resource: bytes are immutable, so
sharing them is safe and costs no copy). The TSVs are tiny and built on every rerun.
"""
from __future__ import annotations

import hashlib
import json

import streamlit as st

from w2v import export
from w2v.run import Run

from .corpus_source import own_text
from .state import corpus_path, corpus_sets


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


def run_downloads(run: Run) -> None:
    """Render the downloads of `run`: the full output zip and the Embedding Projector TSVs."""
    key = run_key(run)
    sets_json = json.dumps(corpus_sets())
    corpus_name = "own_text" if own_text() is not None else corpus_path().stem
    stem = _file_stem(run)

    def build_zip() -> bytes:   # runs on click, in a thread of its own
        return _zip_bytes(key, sets_json, corpus_name, run)

    vectors, metadata = export.projector_tsv(run)
    st.subheader("Download this run")
    cols = st.columns(3)
    cols[0].download_button("All output files (zip)", data=build_zip, file_name=f"{stem}.zip",
                            mime="application/zip", on_click="ignore", icon=":material/folder_zip:",
                            key="dl_zip")
    cols[1].download_button("vectors.tsv", data=vectors.encode("utf-8"),
                            file_name="vectors.tsv", mime="text/tab-separated-values",
                            on_click="ignore", icon=":material/download:", key="dl_vectors")
    cols[2].download_button("metadata.tsv", data=metadata.encode("utf-8"),
                            file_name="metadata.tsv", mime="text/tab-separated-values",
                            on_click="ignore", icon=":material/download:", key="dl_metadata")
    st.caption(
        f"The zip holds the same files the command line writes: run metadata, the loss curve, "
        f"the analysis files and one JSON file per recorded step ({len(run.steps):,} of them), "
        "so it takes a few seconds to prepare after you click. vectors.tsv (one row of W per "
        "word) and metadata.tsv (the words, in the same order) load into the TensorFlow "
        "Embedding Projector at projector.tensorflow.org: press Load there and choose both.")
