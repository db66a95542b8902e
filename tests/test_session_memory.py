"""An open tab keeps no run alive once the job registry has let it go.

A session keeps its widgets' callbacks and format functions, and its download buttons' data
callables, until it moves on or ends. If any of them held a run (a function defined in a page
script holds that script's globals, `run` among them), every open tab would pin a run outside
the registry's bounds: 30 tabs, 30 runs of ~15 MB the registry can no longer free.
"""
import gc
import weakref

import streamlit as st

from app import state
from conftest import royal_app

# The pages with callbacks, format functions, cached derivations or download buttons.
PAGES = ["pages/step_internals.py", "pages/quiz.py", "pages/similarity.py", "pages/embeddings.py",
         "pages/training_pairs.py", "pages/experiments.py", "pages/model_vs_corpus.py",
         "pages/model.py", "pages/corpus.py", "pages/loss_curve.py"]


def test_an_open_session_holds_no_run_the_registry_dropped(tmp_path, monkeypatch):
    at = royal_app(tmp_path, monkeypatch).run()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
    registry = state.registry()
    runs = [weakref.ref(job.run) for job in registry._jobs.values() if job.run is not None]
    assert runs, "the pages trained nothing"

    # What the registry's eviction does, and every cache of derived results with it.
    registry._jobs.clear()
    st.cache_resource.clear()
    st.cache_data.clear()
    del registry
    gc.collect()

    assert at.session_state["_w2v_script_run"] >= len(PAGES)   # the session is still open
    alive = [r() for r in runs if r() is not None]
    assert not alive, (f"{len(alive)} run(s) kept alive by the session, e.g. through: "
                       + ", ".join(sorted({type(o).__name__ for o in gc.get_referrers(alive[0])})))


def test_a_host_can_let_unused_runs_go_sooner(monkeypatch):
    """W2V_RUN_IDLE_SECONDS sets the registry's idle expiry (README, "Hosting a class")."""
    from app import jobs
    state.registry.clear()
    monkeypatch.setenv(state.IDLE_ENV, "90")
    assert state.registry().idle_after == 90.0
    state.registry.clear()
    monkeypatch.delenv(state.IDLE_ENV)
    assert state.registry().idle_after == jobs.IDLE_AFTER == 20 * 60.0
    state.registry.clear()
