"""The one training entry point of the app, shared by every page and every session.

Training runs in worker threads owned by a process-wide `app.jobs.JobRegistry` (held by
`st.cache_resource`), keyed by (TrainConfig, sha256 of the corpus text). A page asks for
`current_run()`: a finished run comes back at once; a run that is still training after a short
wait shows a progress bar that the page script itself updates while it waits for the job
(four times a second), then draws the page as usual. Stopping, rerunning or leaving the page
never stops the worker, so the work is not lost; a later visit to the same settings finds the
finished run (no stale progress replay).

Runs are shared by all sessions: never mutate one (its arrays are read-only).
"""
from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

import w2v
from w2v import textio
from w2v.corpus import Corpus

from . import corpus_source, jobs, process, routing, sidebar
from views.text import md_escape

ROOT = Path(__file__).resolve().parents[1]
CORPUS_ENV = "W2V_CORPUS"            # tests point this at a small text
SETS_ENV = "W2V_CORPUS_SETS"
IDLE_ENV = "W2V_RUN_IDLE_SECONDS"    # a host may let unused runs go sooner (default: app/jobs.py)
BLOCKING_WAIT = 1.0                  # seconds to wait for a job before showing progress
PROGRESS_POLL = 0.25                 # seconds between progress bar updates
NOTICE_WAIT = 0.2                    # pages that need no run wait this long to see divergence
EMPTY_SETS = {"groups": {}, "analogies": []}
RUN_KEY = "_w2v_script_run"          # counts the session's script runs (begin_run)
NOTICE_KEY = "_w2v_divergence_shown"  # the run in which the divergence notice was drawn


@st.cache_resource(show_spinner=False, max_entries=1)
def registry() -> jobs.JobRegistry:
    """The process-wide job registry (bounds: see app/jobs.py; it drops idle runs on its own);
    an eviction hands the freed memory back to the system (app/process.py)."""
    idle = float(os.environ.get(IDLE_ENV) or jobs.IDLE_AFTER)
    return jobs.JobRegistry(on_evict=process.release, sweep=True, idle_after=idle)


def begin_run() -> None:
    """Mark a new script run (the entry file calls this first): once-per-run notices key on it."""
    st.session_state[RUN_KEY] = st.session_state.get(RUN_KEY, 0) + 1


def ensure_frame() -> None:
    """Make sure this script run went through the entry file (frame, sidebar, navigation).

    A fresh server's first direct link runs the page alone (app/routing.py): rerun at once,
    through the entry, before the page reads any setting.
    """
    if routing.leave_legacy_pages():
        st.rerun()


def corpus_path() -> Path:
    return Path(os.environ.get(CORPUS_ENV) or ROOT / "corpus.txt")


def sets_path() -> Path:
    return Path(os.environ.get(SETS_ENV) or ROOT / "corpus_sets.json")


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


@st.cache_resource(show_spinner=False, max_entries=4)
def _read_text(path: str, mtime: int | None) -> str | None:
    if mtime is None:
        return None
    return Path(path).read_text(encoding="utf-8-sig", errors="replace")


def current_text() -> str:
    """The text to train on: the session's own text if chosen (see app/corpus_source.py), else
    the curated corpus (read once per file version); a missing file stops the page."""
    ensure_frame()
    own = corpus_source.own_text()
    if own is not None:
        text = own.text
        _divergence_notice(registry().peek(jobs.JobRegistry.key(current_config(), text)))
        return text
    path = corpus_path()
    text = _read_text(str(path), _mtime(path))
    if text is None:
        st.error(f"The corpus file `{path.name}` is missing, so there is nothing to train on.")
        st.stop()
    _divergence_notice(registry().peek(jobs.JobRegistry.key(current_config(), text)))
    return text


@st.cache_resource(show_spinner=False, max_entries=4)
def _read_sets(path: str, mtime: int | None) -> dict:
    if mtime is None:
        return EMPTY_SETS
    try:
        return textio.read_sets(path)
    except (OSError, ValueError):     # a bad sets file: the pages carry on without sets
        return EMPTY_SETS


def corpus_sets() -> dict:
    """The topic groups and analogies of the text being trained on: corpus_sets.json at the repo
    root for the curated corpus (empty when it is missing), always empty for the session's own
    text, whose words those groups were never written for.

    The one source of sets for every page, chart colour, download and quiz. Shared by all
    sessions: read it, never modify it.
    """
    if corpus_source.own_text() is not None:
        return EMPTY_SETS
    path = sets_path()
    return _read_sets(str(path), _mtime(path))


def current_config() -> w2v.TrainConfig:
    """The configuration the sidebar describes (its defaults if the sidebar is not drawn)."""
    ensure_frame()
    return sidebar.config_from_state()


@st.cache_resource(show_spinner=False, max_entries=16)
def _corpus(sha: str, min_count: int, _text: str) -> Corpus | w2v.CorpusError:
    try:
        return w2v.load_corpus(_text, min_count)
    except w2v.CorpusError as e:
        return e


def vocab_size(text: str, min_count: int) -> int:
    """Vocabulary size of `text` under `min_count` (0 for text that cannot be trained on)."""
    corpus = _corpus(jobs.text_sha(text), min_count, text)
    return 0 if isinstance(corpus, w2v.CorpusError) else len(corpus.vocab)


def current_corpus() -> Corpus:
    """The corpus under the current min_count, without waiting for training (which it starts).

    On text that cannot be trained on it shows the reason and stops the page.
    """
    text, config = current_text(), current_config()
    corpus = _corpus(jobs.text_sha(text), config.min_count, text)
    if isinstance(corpus, w2v.CorpusError):
        st.error(f"This corpus cannot be trained on: {md_escape(str(corpus))}")
        st.stop()
    job = registry().get(config, text)   # start now, so the other pages are ready sooner
    job.wait(NOTICE_WAIT)                 # a diverging run ends at once: say so here too
    _divergence_notice(job)
    return corpus


def current_job() -> jobs.Job:
    return registry().get(current_config(), current_text())


def current_run() -> w2v.Run:
    """The finished run for the sidebar's settings.

    While it trains, shows a progress bar and stops the page (which reruns when the run is done).
    If the text or the settings cannot train, shows why and stops the page.
    """
    job = current_job()
    if not job.wait(BLOCKING_WAIT):
        wait_with_progress([(job, "")])
    if job.error is not None:
        _show_error(job.error)
        st.stop()
    _divergence_notice(job)
    return job.run


def _divergence_notice(job: jobs.Job | None) -> None:
    """Once per script run, at the top of any page whose run diverged: where, and what to do.

    Called by current_text(), current_corpus() and current_run(), so every page says it
    without repeating the code; the steps before the divergence stay explorable.
    """
    if job is None or not job.finished or job.run is None or job.run.diverged_at is None:
        return
    run_number = st.session_state.get(RUN_KEY)
    if st.session_state.get(NOTICE_KEY) == run_number:
        return
    st.session_state[NOTICE_KEY] = run_number
    run = job.run
    st.warning(f"Training diverged at step {run.diverged_at:,}: its loss stopped being a finite "
               f"number, so the run ends at step {run.steps_done:,}. The learning rate "
               f"(lr = {run.config.lr:g}) is too large: lower it in the sidebar (0.1 works "
               f"well). Steps 1–{run.steps_done:,} can still be explored.",
               icon=":material/warning:")


def current_projection(method: str | None = None) -> w2v.Projection:
    """The current run's 2-D projection (method defaults to the sidebar's pca), computed once."""
    run = current_run()
    job = current_job()
    projection = job.projection(method or run.config.pca)
    registry().trim()
    return projection


def _show_error(error: BaseException) -> None:
    if isinstance(error, w2v.CorpusError):
        st.error(f"This corpus cannot be trained on: {md_escape(str(error))}")
    elif isinstance(error, ValueError):
        st.error(f"These settings cannot train: {md_escape(str(error))}")
    else:
        st.error(f"Training failed ({type(error).__name__}). Reload the page to try again.")


def wait_with_progress(waiting: list[tuple[jobs.Job, str]]) -> None:
    """One progress bar per (job, label) until every job has finished.

    The wait runs in this page's own script thread, so no timer or fragment can be lost under
    load. A click elsewhere interrupts the script at the next progress update (Streamlit
    reruns it with the new settings); the worker threads keep training, so nothing is lost.
    """
    bars = [st.progress(0.0, text=f"{label}starting …") for _, label in waiting]
    note = st.caption("You can keep reading other pages or change settings: training continues "
                      "in the background and nothing is lost.")
    while True:
        for bar, (job, label) in zip(bars, waiting):
            state, done, total = job.progress()
            if job.finished:
                bar.progress(1.0, text=f"{label}finished")
            elif state == jobs.QUEUED:
                bar.progress(0.0, text=f"{label}queued: other runs are training; this one "
                                       f"starts as soon as one of them finishes")
            elif done == 0:
                # Before the first step: the compiled engine loads (the very first run after
                # installing compiles it once, about 10 s on a quiet two-core machine).
                bar.progress(0.0, text=f"{label}starting the training engine (compiled once "
                                       "after installing, which takes a few seconds)")
            else:
                bar.progress(done / total if total else 0.0,
                             text=f"{label}training: {done:,} of {total:,} steps")
        if all(job.wait(PROGRESS_POLL / len(waiting)) for job, _ in waiting):
            break
    for element in (*bars, note):
        element.empty()
