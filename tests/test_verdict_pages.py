"""The verdict box on the pages, for own text only (the verdict's maths: test_verdict.py)."""
import pytest
from streamlit.testing.v1 import AppTest

from app import corpus_source
from views import verdict as verdict_views
from test_own_text import APP, PROSE, ok, own, paste


@pytest.fixture
def app(app_corpus):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["steps"] = "300"
    return ok(at.run())


def verdict_text(at):
    return " ".join(e.value for e in [*at.success, *at.info, *at.warning]
                    if "vectors" in e.value)


def test_corpus_and_embeddings_pages_judge_own_text_only(app):
    assert not [h for h in app.subheader if "mean anything" in h.value]     # curated: none
    at = paste(own(app), PROSE * 3)
    assert any("mean anything" in h.value for h in at.subheader)
    assert "Not yet" in verdict_text(at)
    # The verdict's table (the suggested settings' table may stand before it).
    table = next(t.value for t in at.table if "Epochs covered" in t.value.index)
    assert list(table.index) == ["Vocabulary", "Epochs covered", "Loss",
                                      "Same neighbours with another seed"]
    # The Corpus page holds the suggestion's button, above the verdict: the advice says so.
    assert "button above" in table.loc["Epochs covered", "advice"]
    assert "Corpus page" not in " ".join(table["advice"])
    assert any(b.label == "Use suggested settings" for b in at.button)
    at = ok(at.switch_page("pages/embeddings.py").run())
    assert "Not yet" in verdict_text(at)
    table = next(t.value for t in at.table if "Epochs covered" in t.value.index)
    assert "“Use suggested settings” on the Corpus page" in table.loc["Epochs covered", "advice"]
    assert "button above" not in " ".join(table["advice"])
    at.radio(key=corpus_source.SOURCE_KEY).set_value(corpus_source.CURATED).run()
    assert not verdict_text(ok(at))


def test_once_the_suggestion_is_in_use_the_advice_no_longer_says_press_it(app, monkeypatch):
    # Demand more epochs than the suggestion gives, so that its advice shows after applying it.
    monkeypatch.setattr(verdict_views, "EPOCHS", (1000.0, 3000.0))
    at = paste(own(app), PROSE * 3)
    next(b for b in at.button if b.label == "Use suggested settings").click()
    at = ok(at.run())
    assert next(b for b in at.button if b.label == "Use suggested settings").disabled
    table = next(t.value for t in at.table if "Epochs covered" in t.value.index)
    advice = table.loc["Epochs covered", "advice"]
    assert advice.startswith("More steps") and "press" not in advice
    assert "already holds the suggested settings, so go past them" in advice
