"""A real server driven over Streamlit's websocket protocol (tests/loadgen.py), no browser.

One fresh server for the module: first a burst of first visits to every page at once (the
imports of a cold server run in many sessions' threads together: tests/test_imports.py says
why that once failed), then a handful of sessions on their own settings. The figures for thirty
sessions are in benchmarks/load.py and benchmarks/soak.py, not here.
"""
import asyncio

import pytest

from tests import loadgen
from tests.serve import serve

PAGES = ["corpus", "training_pairs", "model", "loss_curve", "embeddings", "step_internals",
         "similarity", "analogies", "experiments", "model_vs_corpus", "quiz"]
BURST = 24
SMALL = "steps=3000&dense_steps=50&record_interval=25"


@pytest.fixture(scope="module")
def server(text, tmp_path_factory):
    folder = tmp_path_factory.mktemp("server")
    (folder / "corpus.txt").write_text(text, encoding="utf-8")
    env = {"W2V_CORPUS": str(folder / "corpus.txt"),
           "W2V_CORPUS_SETS": str(folder / "missing.json")}
    with serve(env=env, log_path=folder / "server.log") as (url, proc):
        yield url, proc


def test_a_burst_of_first_visits_to_a_fresh_server_all_draw_their_page(server):
    url, _ = server
    wanted = [(PAGES[i % len(PAGES)], SMALL) for i in range(BURST)]
    visits = asyncio.run(loadgen.burst(url, wanted, timeout=240))
    failed = [(v.page, v.failure, v.exceptions, v.errors) for v in visits if not v.ok]
    assert not failed, failed
    for v in visits:
        assert v.elements >= 3, (v.page, v.element_types)   # more than a title: the page itself
        assert "exception" not in v.element_types
    assert {v.page for v in visits} == set(PAGES)


async def _own_settings(url):
    first = await loadgen.burst(url, [("loss_curve", f"{SMALL}&seed={s}") for s in (1, 2, 3, 1)])
    async with loadgen.Session(url) as kept:   # one session that keeps trying new settings
        later = [await kept.visit("loss_curve", f"{SMALL}&seed={s}") for s in (2, 4)]
    return first, later


def test_sessions_on_their_own_settings_each_get_their_own_run(server):
    url, proc = server
    cpu_before = loadgen.cpu_seconds(proc.pid)
    first, later = asyncio.run(_own_settings(url))
    assert all(v.ok for v in first + later), [(v.failure, v.errors) for v in first + later]
    losses = [v.metrics for v in first + later]
    assert all(losses), "every Loss curve page draws its metrics"
    assert losses[0] == losses[3] and losses[1] == losses[4]   # same link, same run
    assert len({str(m) for m in losses}) == 4                   # seeds 1, 2, 3, 4: four runs
    assert loadgen.cpu_seconds(proc.pid) > cpu_before           # /proc read the server's pid
    rss, peak = loadgen.memory_mb(proc.pid)
    assert 50 < rss <= peak
