"""Every page through the entry file in AppTest, on a tiny corpus with few steps."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")
STEPS = "300"


@pytest.fixture
def app(app_corpus):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["steps"] = STEPS
    return at.run()


def ok(at):
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at, label_start):
    return next(m.value for m in at.metric if m.label.startswith(label_start))


def test_entry_draws_sidebar_and_reads_link(app):
    ok(app)
    assert app.number_input(key="steps").value == int(STEPS)
    assert app.title[0].value == "Corpus"


def test_corpus_page_reacts_to_min_count(app):
    at = ok(app.switch_page("pages/corpus.py").run())
    v3 = metric(at, "Vocabulary")
    at.number_input(key="min_count").set_value(1).run()
    ok(at)
    assert int(metric(at, "Vocabulary")) > int(v3)
    assert at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")


def test_training_pairs_page_follows_window(app):
    at = ok(app.switch_page("pages/training_pairs.py").run())
    assert metric(at, "Window") == "3"
    at.slider(key="window").set_value(1).run()
    ok(at)
    assert metric(at, "Window") == "1"
    assert any("→" in m.value for m in at.markdown)


def test_model_page_reacts_to_dim(app):
    at = ok(app.switch_page("pages/model.py").run())
    before = at.table[0].value
    at.slider(key="dim").set_value(3).run()
    ok(at)
    after = at.table[0].value
    assert "× 3" in after.iloc[0]["shape"] and not before.equals(after)


def test_loss_curve_page_and_divergence(app):
    at = ok(app.switch_page("pages/loss_curve.py").run())
    assert metric(at, "Steps trained") == STEPS
    assert not at.error
    at.number_input(key="lr").set_value(50.0).run()
    ok(at)
    said = [w.value for w in at.warning if "diverged at step" in w.value]
    assert len(said) == 1 and "lower it in the sidebar" in said[0]    # once, with advice
    for page in ("pages/similarity.py", "pages/analogies.py"):       # no second warning below
        at = ok(at.switch_page(page).run())
        assert [w.value for w in at.warning if "diverged" in w.value] == said, page


@pytest.mark.parametrize("page", ["pages/embeddings.py", "pages/step_internals.py"])
def test_other_pages_render(app, page):
    ok(app.switch_page(page).run())


def test_out_of_range_link_values_are_clamped(text, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(text, encoding="utf-8")
    monkeypatch.setenv("W2V_CORPUS", str(corpus))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"steps": "150", "dim": "500", "window": "x", "pca": "nope"})
    ok(at.run())
    assert at.slider(key="dim").value == 64
    notes = " ".join(i.value for i in at.info)
    assert "clamped to 64" in notes and "not a number" in notes and "pca" in notes


def test_missing_corpus_is_an_error_not_an_exception(tmp_path, monkeypatch):
    monkeypatch.setenv("W2V_CORPUS", str(tmp_path / "nothing.txt"))
    at = ok(AppTest.from_file(APP, default_timeout=60).run())
    assert "missing" in at.error[0].value


def test_untrainable_corpus_shows_the_reason(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("the of and\nis a the\n", encoding="utf-8")
    monkeypatch.setenv("W2V_CORPUS", str(corpus))
    at = ok(AppTest.from_file(APP, default_timeout=60).run())
    at = ok(at.switch_page("pages/loss_curve.py").run())
    assert "cannot be trained on" in at.error[0].value


def _fingerprint(at) -> list[bytes]:
    """What the main area shows, as serialized element messages (widgets left out: their
    messages carry per-run state such as a download's deferred address)."""
    found = []

    def walk(node):
        proto = getattr(node, "proto", None)
        is_widget = proto is not None and "id" in proto.DESCRIPTOR.fields_by_name
        if proto is not None and not is_widget and not getattr(node, "children", None):
            found.append(proto.SerializeToString(deterministic=True))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    return found


# The sidebar setting each page depends on (the Corpus page does not train, so not on dim).
REACTS_TO = {"pages/corpus.py": ("min_count", 1), "pages/training_pairs.py": ("window", 1)}
PAGES = ["pages/corpus.py", "pages/training_pairs.py", "pages/model.py", "pages/loss_curve.py",
         "pages/embeddings.py", "pages/step_internals.py", "pages/similarity.py",
         "pages/analogies.py", "pages/model_vs_corpus.py", "pages/quiz.py"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_redraws_after_a_sidebar_change(app, page):
    at = ok(app.switch_page(page).run())
    before = _fingerprint(at)
    assert before and _fingerprint(ok(at.run())) == before    # a plain rerun draws the same
    name, value = REACTS_TO.get(page, ("dim", 3))
    widget = at.slider(key=name) if name in ("dim", "window") else at.number_input(key=name)
    widget.set_value(value).run()
    assert _fingerprint(ok(at)) != before, f"{page} did not change with {name}={value}"
