"""Own text is judged on its own: the curated corpus's topic groups and analogies never reach it.

The curated corpus here is the tiny royal text with its sets; the own text is a story made of
the very words those sets list (king, queen, dog, cat, …), so any page that borrowed the
curated groups would colour, score or quiz the story by them.
"""
import json

import pytest
from streamlit.testing.v1 import AppTest

from app import corpus_source
from charts import analysis as ac
from conftest import SETS, royal_app
from test_own_text import ok, own, paste

PAGES = ["pages/embeddings.py", "pages/similarity.py", "pages/analogies.py",
         "pages/step_internals.py", "pages/quiz.py", "pages/model_vs_corpus.py"]
GROUP_NAMES = list(SETS["groups"])            # royalty, animals, people

# Curated words, in sentences of the story's own (the sets' analogies would all be askable).
STORY = ("The king feeds the dog in the garden. The queen feeds the cat in the house.\n"
         "A man walks the dog to the village. A woman walks the cat to the market.\n"
         "The prince and the princess play with the dog and the cat.\n"
         "The boy and the girl eat bread in the castle garden.\n") * 6


@pytest.fixture
def curated(tmp_path, monkeypatch):
    at = royal_app(tmp_path, monkeypatch, 90)
    at.query_params["steps"] = "600"
    return ok(at.run())


def shown(at) -> str:
    """Everything the main area sends to the browser (charts' specs and Arrow data, tables,
    text, the player's document): the text form of every element's message, in which Arrow's
    UTF-8 strings appear as they are."""
    return " ".join(str(node.proto) for node in _walk(at.main)
                    if getattr(node, "proto", None) is not None)


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def test_own_text_never_shows_the_curated_groups(curated):
    at = curated
    seen = {}
    for page in PAGES:
        seen[page] = shown(ok(at.switch_page(page).run()))
    # The curated corpus names its groups on these pages (so the check below can fail) …
    assert all(any(g in seen[p] for g in GROUP_NAMES)
               for p in ("pages/embeddings.py", "pages/similarity.py")), "no group on curated"
    at = paste(own(at.switch_page("pages/corpus.py").run()), STORY)
    for page in PAGES:
        text = shown(ok(at.switch_page(page).run()))
        assert not [g for g in GROUP_NAMES if g in text], page
    # … and the Experiments page scores no neighbour quality or analogy by them.
    at = ok(at.switch_page("pages/experiments.py").run())
    at.button(key="exp_run").click().run()
    table = ok(at).dataframe[0].value
    assert table["neighbour quality"].isna().all() and table["analogy accuracy"].isna().all()
    # Its final maps: one colour and shape, no legend naming the one non-group.
    maps = next(json.loads(c.proto.spec) for c in at.get("vega_lite_chart")
                if '"concat"' in c.proto.spec)
    dots = maps["concat"][0]["layer"][0]["encoding"]
    assert dots["color"] == {"value": ac.ONE_COLOR} and dots["shape"] == {"value": "circle"}
    assert [t["field"] for t in dots["tooltip"]] == ["word"]
    assert "in no group" not in json.dumps(maps) and "topic group" not in json.dumps(maps)


def test_state_gives_own_text_empty_sets(curated):
    from app import state

    def check():
        import json

        import streamlit as st

        from app import state as s
        st.write(json.dumps(s.corpus_sets()))

    at = AppTest.from_function(check, default_timeout=30)
    at.session_state[corpus_source.SOURCE_KEY] = corpus_source.OWN
    from w2v.textio import read_user_text
    at.session_state[corpus_source.TEXT_KEY] = read_user_text(STORY.encode(), "The story")
    at.run()
    assert json.loads(at.markdown[0].value) == state.EMPTY_SETS
