"""Small texts shared by the tests: big enough to train on, small enough to check by hand."""
import json
from pathlib import Path

import pytest

import w2v

# 30 lowercase sentences in the curated corpus's style: royalty, animals, food.
ROYAL_TEXT = """\
# a tiny corpus for tests
the king rules the kingdom with the queen
the queen rules the kingdom with the king
the prince is the son of the king
the princess is the daughter of the queen
a king and a queen live in the castle
the prince and the princess play in the castle garden
the royal king wears a golden crown
the royal queen wears a silver crown
the king and the prince ride horses to the castle
the queen and the princess ride horses to the palace
the man works in the village
the woman works in the village
a man and a woman walk to the market
the man is the father of the boy
the woman is the mother of the girl
the boy and the girl play in the village garden
the dog chases the cat in the garden
the cat chases the mouse in the house
a dog is a loyal animal
a cat is a clever animal
the horse is a strong animal
the mouse is a small animal
the dog and the cat sleep in the house
the horse and the dog run in the field
the farmer feeds the horse in the field
the farmer eats bread and cheese
the baker bakes bread in the village
the boy eats bread with cheese
the girl drinks milk with bread
the cat drinks milk in the house
"""

SETS = {
    "groups": {
        "royalty": ["king", "queen", "prince", "princess", "castle", "crown"],
        "animals": ["dog", "cat", "mouse", "horse", "animal"],
        "people": ["man", "woman", "boy", "girl"],
    },
    "analogies": [["king", "queen", "man", "woman"], ["prince", "princess", "boy", "girl"],
                  ["king", "queen", "unknownword", "woman"]],
}


@pytest.fixture(scope="session")
def text():
    return ROYAL_TEXT


@pytest.fixture(scope="session")
def sets():
    return SETS


@pytest.fixture
def app_corpus(text, tmp_path, monkeypatch):
    """The app (AppTest or a server started in the test) on the tiny corpus, without sets."""
    path = tmp_path / "corpus.txt"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("W2V_CORPUS", str(path))
    monkeypatch.setenv("W2V_CORPUS_SETS", str(tmp_path / "missing.json"))


def royal_app(tmp_path, monkeypatch, timeout: int = 60):
    """An AppTest (not yet run) on the tiny royal corpus with its topic groups and analogies."""
    from streamlit.testing.v1 import AppTest
    corpus, sets = tmp_path / "corpus.txt", tmp_path / "corpus_sets.json"
    corpus.write_text(ROYAL_TEXT, encoding="utf-8")
    sets.write_text(json.dumps(SETS), encoding="utf-8")
    monkeypatch.setenv("W2V_CORPUS", str(corpus))
    monkeypatch.setenv("W2V_CORPUS_SETS", str(sets))
    return AppTest.from_file(str(Path(__file__).resolve().parents[1] / "streamlit_app.py"),
                             default_timeout=timeout)


@pytest.fixture(scope="session")
def small_run():
    """A short run shared by read-only tests (never mutate it)."""
    return w2v.train(ROYAL_TEXT, w2v.TrainConfig(steps=400, dense_steps=50, record_interval=25))


@pytest.fixture(autouse=True)
def entry_navigation(monkeypatch):
    """AppTest runs go through streamlit_app.py, as on a server after its first run.

    AppTest resets Streamlit's legacy-pages flag before every run (a server does so once per
    process), so each run would start as a fresh server's first run, which app/routing.py reruns
    through the entry file: a button's click would be spent on that first run. Here the flag is
    turned off through app/routing.py as soon as it is set; tests/test_browser.py checks the
    fresh server's first direct link.
    """
    from streamlit.runtime.pages_manager import PagesManager

    from app import routing

    init = PagesManager.__init__

    def init_then_leave_legacy_pages(self, *args, **kwargs):
        init(self, *args, **kwargs)
        routing.leave_legacy_pages()

    monkeypatch.setattr(PagesManager, "__init__", init_then_leave_legacy_pages)
