"""The Embeddings and Step internals pages, run through the entry point on a tiny corpus."""
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROYAL_TEXT, SETS
from app import player

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")
SMALL = {"steps": 600, "dense_steps": 50, "record_interval": 10}
SLIDER = "step_internals_step"


def _app(tmp_path, monkeypatch, **settings):
    corpus, sets = tmp_path / "corpus.txt", tmp_path / "corpus_sets.json"
    corpus.write_text(ROYAL_TEXT, encoding="utf-8")
    sets.write_text(json.dumps(SETS), encoding="utf-8")
    monkeypatch.setenv("W2V_CORPUS", str(corpus))
    monkeypatch.setenv("W2V_CORPUS_SETS", str(sets))
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in {**SMALL, **settings}.items():
        at.session_state[name] = value
    at.run()
    return at


@pytest.fixture
def app(tmp_path, monkeypatch):
    return _app(tmp_path, monkeypatch)


def _open(at, page, ready):
    at.switch_page(page).run()
    for _ in range(30):            # the run may still be training: the page reruns when done
        if ready(at) or at.exception:
            break
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _iframes(at):
    return at.get("iframe")


def test_embeddings_page_ships_the_player(app):
    at = _open(app, "pages/embeddings.py", lambda a: _iframes(a))
    assert at.title[0].value == "Embeddings"
    frames = _iframes(at)
    assert len(frames) == 1
    html = frames[0].proto.srcdoc
    assert 'id="play"' in html and 'aria-label="Play"' in html
    data = json.loads(html.split('id="w2v-data">', 1)[1].split("</script>", 1)[0])
    assert len(data["steps"]) == len(player.decode_frames(data)) == data["start"] + 1
    assert data["steps"][-1] == SMALL["steps"]
    assert data["groups"] == ["royalty", "animals", "people"]
    labels = [m.label for m in at.metric]
    assert "Variance on PC1" in labels and "Variance on PC2" in labels
    assert all(m.value.endswith("%") for m in at.metric[:3])


def test_embeddings_page_follows_the_pca_setting(app):
    at = _open(app, "pages/embeddings.py", lambda a: _iframes(a))
    first = _iframes(at)[0].proto.srcdoc
    at.session_state["pca"] = "global_pca"
    at.run()
    assert not at.exception
    second = _iframes(at)[0].proto.srcdoc
    assert '"method":"global_pca"' in second and '"method":"final_pca"' in first


def _step_button(at, word):
    """The page's ◀ Previous / Next ▶ button (the sidebar has buttons of its own)."""
    (button,) = [b for b in at.button if word in b.label and "step" in b.label]
    return button


def test_step_internals_starts_at_step_one_and_steps_through(app):
    at = _open(app, "pages/step_internals.py", lambda a: a.get("vega_lite_chart"))
    assert at.title[0].value == "Step internals"
    assert at.select_slider(key=SLIDER).value == 1
    labels = [m.label for m in at.metric]
    assert labels[:3] == ["Center word c", "Context word o", "Loss"]
    # probs, logits, hidden, 2 grads, forces, forces on the map, and the open tab's heatmap
    assert len(at.get("vega_lite_chart")) == 8
    assert _heatmap_title(at) == "W"
    assert len(at.latex) >= 4
    prev, nxt = _step_button(at, "Previous"), _step_button(at, "Next")
    assert prev.disabled and not nxt.disabled
    nxt.click().run()
    assert at.select_slider(key=SLIDER).value == 2
    at.select_slider(key=SLIDER).set_value(60).run()
    _step_button(at, "Next").click().run()               # next recorded step after 60 is 70
    assert at.select_slider(key=SLIDER).value == 70
    _step_button(at, "Previous").click().run()
    assert at.select_slider(key=SLIDER).value == 60
    assert not at.exception


def _heatmap_title(at):
    """The colour title of the page's weight heatmap (the last chart): "W" or "W′"."""
    spec = json.loads(at.get("vega_lite_chart")[-1].proto.spec)
    return spec["layer"][0]["encoding"]["color"]["title"]


def test_weight_heatmaps_are_built_for_the_open_tab_only(app):
    """The W and W′ tabs are lazy: opening W′ reruns the page with its heatmap instead of W's,
    and the choice stays when the step changes."""
    at = _open(app, "pages/step_internals.py", lambda a: a.get("vega_lite_chart"))
    assert [t.label for t in at.tabs] == ["W (input vectors v)", "W′ (output vectors u)"]
    at.session_state["step_internals_matrix"] = "W′ (output vectors u)"
    at.run()
    assert not at.exception and len(at.get("vega_lite_chart")) == 8
    assert _heatmap_title(at) == "W′"
    _step_button(at, "Next").click().run()
    assert at.select_slider(key=SLIDER).value == 2 and _heatmap_title(at) == "W′"


def test_forces_on_the_map_section(app):
    at = _open(app, "pages/step_internals.py", lambda a: a.get("vega_lite_chart"))
    assert "3 · Forces on the map" in [h.value for h in at.header]
    labels = [m.label for m in at.metric]
    assert "Rank of the true context" in labels
    charts = at.get("vega_lite_chart")
    spec = json.loads(charts[6].proto.spec)
    assert "×5" in json.dumps(spec["title"], ensure_ascii=False)
    radio = at.radio(key="step_internals_arrow_scale")
    assert radio.value == 5
    radio.set_value(20).run()
    assert not at.exception
    spec = json.loads(at.get("vega_lite_chart")[6].proto.spec)
    assert "×20" in json.dumps(spec["title"], ensure_ascii=False)
    assert any("red + blue = black" in c.value for c in at.caption)


def test_step_choice_survives_a_page_switch(app):
    at = _open(app, "pages/step_internals.py", lambda a: a.get("vega_lite_chart"))
    at.select_slider(key=SLIDER).set_value(40).run()
    at.switch_page("pages/embeddings.py").run()
    at = _open(at, "pages/step_internals.py", lambda a: a.get("vega_lite_chart"))
    assert at.select_slider(key=SLIDER).value == 40


def test_identity_table_shows_a_tiny_difference(app):
    at = _open(app, "pages/step_internals.py", lambda a: a.get("vega_lite_chart"))
    table = at.dataframe[0].value
    assert list(table.columns)[-2:] == ["grad_v_c", "difference"]
    assert table["difference"].abs().max() < 1e-5


def test_diverged_run_says_where_and_what_to_do(tmp_path, monkeypatch):
    at = _app(tmp_path, monkeypatch, lr=100.0)
    at = _open(at, "pages/step_internals.py",
               lambda a: a.get("vega_lite_chart") or a.warning or a.info)
    said = [w.value for w in at.warning if "diverged at step" in w.value]
    assert len(said) == 1 and "learning rate" in said[0]     # once, at the top, with advice
    assert any("overshoots" in c.value for c in at.caption)  # and why, on this page
    at = _open(at, "pages/embeddings.py", lambda a: _iframes(a) or a.warning)
    assert any("diverged at step" in w.value for w in at.warning)
