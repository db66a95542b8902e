"""The first page for a newcomer: a welcome at the top of the default page, once per session."""
import pytest
from streamlit.testing.v1 import AppTest

from app import welcome
from test_own_text import APP, ok


@pytest.fixture
def app(app_corpus):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["steps"] = "300"
    return ok(at.run())


def said(at) -> str:
    return " ".join(m.value for m in at.main.markdown)


def test_first_visit_opens_on_the_welcome_then_the_corpus(app):
    text = said(app)
    assert "New here?" in text and "What this is" in text
    assert "The order" in text and "Three things to try" in text
    # Every page of the navigation is named in the order, in the sidebar's order.
    order = welcome.ORDER
    names = ["Corpus", "Training pairs", "Model", "Loss curve", "Embeddings", "Step internals",
             "Similarity", "Analogies", "Experiments", "Model vs corpus", "Quiz"]
    at = [order.index(f"**{n}**") for n in names]
    assert at == sorted(at)
    assert app.title[0].value == "Corpus"                   # the page itself is still there
    assert any(m.label == "Vocabulary (V)" for m in app.metric)


def test_dismissed_welcome_stays_away(app):
    labels = [b.label for b in app.button]
    app.button[labels.index("Got it, hide this")].click().run()
    assert "New here?" not in said(ok(app))
    assert "New here?" not in said(ok(app.run()))


def test_another_page_counts_as_seen(app):
    at = ok(app.switch_page("pages/model.py").run())
    assert "New here?" not in said(at)
    assert "New here?" not in said(ok(at.switch_page("pages/corpus.py").run()))


def test_a_direct_link_to_another_page_and_a_classroom_link_show_no_welcome(app_corpus):
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/loss_curve.py")
    assert "New here?" not in said(ok(at.run()))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["classroom"] = "1"
    assert "New here?" not in said(ok(at.run()))
