"""A large vocabulary (V ≈ 1,600, a synthetic book-like text) through the entry file: every page
renders, and every chart of words draws at most views.MAX_WORDS_SHOWN of them (+ the few a
page must keep: a step's center and context, the labelled words of the force map)."""
import ast
import io
import json
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from app import state
from w2v.corpus import load_corpus
from views.words import MAX_WORDS_SHOWN, by_frequency

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")
PAGES = [n.args[0].value for n in ast.walk(ast.parse((ROOT / "streamlit_app.py").read_text()))
         if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "Page"]
SETTINGS = {"steps": 2000}
N = MAX_WORDS_SHOWN

sys.path.insert(0, str(ROOT / "benchmarks"))
from book_length import book  # noqa: E402


@pytest.fixture(scope="module")
def corpus_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("large")
    text = book(mb=0.3, n_words=2000)
    corpus = load_corpus(text, 3)
    assert len(corpus.vocab) > 1000
    # A topic group of rare words: the Similarity heatmap must still show them.
    ranked = [corpus.vocab[i] for i in by_frequency(corpus.vocab, corpus.counts)]
    rare = ranked[-5:]
    (folder / "corpus.txt").write_text(text, encoding="utf-8")
    (folder / "sets.json").write_text(json.dumps({"groups": {"rare": rare}, "analogies": []}),
                                      encoding="utf-8")
    return folder, len(corpus.vocab), rare


@pytest.fixture
def app(corpus_files, monkeypatch):
    folder, _, _ = corpus_files
    monkeypatch.setenv("W2V_CORPUS", str(folder / "corpus.txt"))
    monkeypatch.setenv("W2V_CORPUS_SETS", str(folder / "sets.json"))
    at = AppTest.from_file(APP, default_timeout=90)
    for name, value in SETTINGS.items():
        at.session_state[name] = value
    return at.run()


def ok(at):
    assert not at.exception, [e.value for e in at.exception]
    return at


def datasets(chart) -> list:
    """The DataFrames a vega_lite_chart element sends (Streamlit ships them as Arrow)."""
    return [pa.ipc.open_stream(io.BytesIO(d.data.data)).read_all().to_pandas()
            for d in chart.proto.datasets]


def words_in(frame) -> int:
    """Distinct words one dataset draws (heatmaps use row/col, the rest a word column)."""
    if "word" in frame.columns:
        return frame["word"].nunique()
    cols = [c for c in ("row", "col") if c in frame.columns]
    return len(set().union(*(set(frame[c]) for c in cols))) if cols else 0


def check_caps(at, page) -> int:
    """Every dataset of every chart holds at most N+2 words (the force map: N + its 7
    labelled words); returns the number of charts seen."""
    charts = at.get("vega_lite_chart")
    for k, chart in enumerate(charts):
        for frame in datasets(chart):
            limit = N + 7 if "label" in frame.columns else N + 2
            assert words_in(frame) <= limit, (page, k, words_in(frame))
    return len(charts)


def captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_every_page_renders_capped(app, corpus_files):
    _, V, rare = corpus_files
    at = app
    seconds = {}
    for page in PAGES:
        t0 = time.perf_counter()
        at = ok(at.switch_page(page).run())
        seconds[page] = time.perf_counter() - t0
        check_caps(at, page)
        if page in ("pages/similarity.py", "pages/step_internals.py", "pages/analogies.py"):
            assert f"of {V:,} words" in captions(at), page
    # Every page draws in a few seconds (training itself happens on the first page).
    slow = {p: round(s, 1) for p, s in seconds.items() if s > 15}
    assert not slow, slow


def test_similarity_keeps_groups_and_picks(app, corpus_files):
    _, V, rare = corpus_files
    at = ok(app.switch_page("pages/similarity.py").run())
    heatmap = datasets(at.get("vega_lite_chart")[0])[0]
    words = set(heatmap["row"])
    assert len(words) == N and set(rare) <= words            # grouped words first
    vocab = at.selectbox(key="sim_word").options
    picked = [w for w in vocab if w not in words][:2]
    at.multiselect(key="sim_extra").set_value(picked).run()
    heatmap = datasets(ok(at).get("vega_lite_chart")[0])[0]
    assert set(picked) <= set(heatmap["row"]) and len(set(heatmap["row"])) == N + 2


def test_step_internals_keeps_center_and_context(app):
    at = ok(app.switch_page("pages/step_internals.py").run())
    charts = at.get("vega_lite_chart")
    probs = datasets(charts[0])[0]
    roles = set(probs["role"])
    assert {"true context", "center"} <= roles and len(probs) <= N + 2
    assert probs["rank"].min() == 1
    heat = [c for c in charts if "W′" in c.proto.spec or '"W"' in c.proto.spec]
    for chart in heat:
        frame = datasets(chart)[-1]
        if "role" in frame.columns and "dim" in frame.columns:
            assert {"center"} <= set(frame["role"]) and frame["row"].nunique() <= N + 2


def test_model_vs_corpus_says_what_it_limits(app):
    at = ok(app.switch_page("pages/model_vs_corpus.py").run())
    said = " ".join(i.value for i in at.info)
    assert "most frequent center words" in said and "recorded steps" in said
    # The chosen center's KL at the last step, recomputed here from the run's weights and pairs.
    run = next(j.run for j in state.registry()._jobs.values() if j.run is not None
               and len(j.run.vocab) > 1000 and j.run.config.steps == SETTINGS["steps"])
    center = run.vocab.index(at.selectbox(key="mvc_center").value)
    assert at.select_slider(key="mvc_step").value == int(run.steps[-1])
    observed = np.bincount(run.pairs[run.pairs[:, 0] == center, 1], minlength=len(run.vocab))
    p_hat = observed / observed.sum()
    logits = run.W_prime[-1].astype(np.float64) @ run.W[-1][center].astype(np.float64)
    log_q = logits - logits.max() - np.log(np.exp(logits - logits.max()).sum())
    seen = p_hat > 0
    expected_kl = float(np.sum(p_hat[seen] * (np.log(p_hat[seen]) - log_q[seen])))
    assert float(at.metric[0].value) == pytest.approx(expected_kl, abs=1.5e-3)
    kl_avg, floor, total = (float(m.value) for m in at.metric[1:4])
    assert kl_avg > 0 and total == pytest.approx(floor + kl_avg, abs=2e-3)   # H + KL
    assert len(at.multiselect(key="mvc_pairs").options) <= 1_003
    # Any center and any recorded step: the numbers are computed on demand.
    centers = at.selectbox(key="mvc_center").options
    at.selectbox(key="mvc_center").set_value(centers[-1]).run()
    at.select_slider(key="mvc_step").set_value(at.select_slider(key="mvc_step").options[7])
    at = ok(at.run())
    assert float(at.metric[0].value) >= 0
    kl = datasets(at.get("vega_lite_chart")[1])[0]
    assert kl["step"].nunique() <= 100


def test_sweep_maps_are_capped(app):
    at = ok(app.switch_page("pages/experiments.py").run())
    at.radio(key="exp_choice").set_value("custom").run()
    at.selectbox(key="exp_param").set_value("seed").run()
    at.text_input(key="exp_values_seed").input("1, 2").run()
    at.button(key="exp_run").click().run()
    for _ in range(100):
        ok(at)
        if len(at.get("vega_lite_chart")) >= 2:
            break
        time.sleep(0.1)
        at.run()
    maps = at.get("vega_lite_chart")[-1]
    frames = datasets(maps)
    assert len(frames) == 4 and all(words_in(f) <= N for f in frames)   # 2 maps: dots, labels
    assert "Showing 150 of" in captions(at)
