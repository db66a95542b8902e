"""Own text through the entry file in AppTest: paste, upload, bad input, divergence on every page."""
import ast
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import w2v
from app import corpus_source
from w2v.textio import read_user_text

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")
PAGES = [n.args[0].value for n in ast.walk(ast.parse((ROOT / "streamlit_app.py").read_text()))
         if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "Page"]

PROSE = ("“Zebras graze near rivers,” said Ana. Giraffes graze near rivers too!\n"
         "Zebras and giraffes drink from rivers; lions watch zebras.\n"
         "Lions hunt zebras near rivers. Giraffes watch lions!\n") * 4


@pytest.fixture
def app(app_corpus):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["steps"] = "300"
    return at.run()


def ok(at):
    assert not at.exception, [e.value for e in at.exception]
    return at


def vocab_words(at):
    return set(at.dataframe[0].value["word"]) if at.dataframe else set()


def own(at):
    at.radio(key=corpus_source.SOURCE_KEY).set_value(corpus_source.OWN).run()
    return ok(at)


def paste(at, value):
    at.text_area(key=corpus_source.PASTE_KEY).input(value)
    at.button[[b.label for b in at.button].index("Use pasted text")].click().run()
    return ok(at)


def messages(at):
    """The error and warning texts as a reader sees them (Markdown escapes removed)."""
    return " ".join(re.sub(r"\\(.)", r"\1", e.value) for e in [*at.error, *at.warning])


def test_pasted_prose_becomes_the_corpus(app):
    at = own(app)
    assert "curated corpus is used" in " ".join(i.value for i in at.info)
    assert "king" in vocab_words(at)
    at = paste(at, PROSE)
    assert {"zebras", "giraffes", "rivers", "lions"} <= vocab_words(at)
    assert "king" not in vocab_words(at)
    assert any("shared link opens the curated corpus" in c.value for c in at.caption)
    assert any("Stopwords" in m.label for m in at.metric)
    # Back to the curated corpus and again to the text: the text was kept in the session.
    at.radio(key=corpus_source.SOURCE_KEY).set_value(corpus_source.CURATED).run()
    assert "king" in vocab_words(ok(at))
    assert "zebras" in vocab_words(own(at))


BAD = [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    (b"a" * (2 * 1024 * 1024 + 10), "limit is 2 MB"),
    (b"hello", "No sentence has two"),
    (b"the of and it is\nwas were a an\n", "No sentence has two"),
    (b"zebra\ngiraffe\nlion\nriver\n" * 20, "No sentence has two"),
]


@pytest.mark.parametrize("data,message", BAD, ids=["empty", "png", "too-big", "one-word",
                                                   "stopwords", "one-word-lines"])
def test_bad_upload_keeps_the_previous_text(app, data, message):
    at = paste(own(app), PROSE)
    at.sidebar.file_uploader(key=corpus_source.UPLOAD_KEY).set_value(("bad.txt", data,
                                                                      "text/plain")).run()
    ok(at)
    # Said in the sidebar and at the top of the page ...
    assert message in " ".join(e.value for e in at.sidebar.error)
    assert message in " ".join(e.value for e in at.main.error)
    # ... and the previous text still trains.
    assert "zebras" in vocab_words(at)
    assert "Still training on the pasted text" in messages(at)


def test_non_utf8_and_long_line_are_accepted_with_a_note(app):
    at = own(app)
    latin = ("Le café des amis est très calme. Les amis du café parlent très bas. " * 30)
    at.file_uploader(key=corpus_source.UPLOAD_KEY).set_value(
        ("latin.txt", latin.encode("latin-1"), "text/plain")).run()
    ok(at)
    assert "not valid UTF-8" in messages(at) and "amis" in vocab_words(at)
    long_line = ("zebras graze rivers giraffes drink lions hunt " * 40_000).encode()
    at.file_uploader(key=corpus_source.UPLOAD_KEY).set_value(
        ("long.txt", long_line, "text/plain")).run()
    ok(at)
    assert "line of" in messages(at) and "zebras" in vocab_words(at)


RUSSIAN = ("Кошка сидит на окне. Собака спит у двери. Кошка и собака дружат.\n"
           "Собака любит кошку, кошка любит молоко.\n") * 6


@pytest.mark.parametrize("data,encoding", [
    (b"\xff\xfe" + RUSSIAN.encode("utf-16-le"), "UTF-16 (little-endian)"),
    (b"\xfe\xff" + RUSSIAN.encode("utf-16-be"), "UTF-16 (big-endian)"),
    (b"\xff\xfe" + PROSE.encode("utf-16-le"), "UTF-16 (little-endian)"),
    (b"\xff\xfe\x00\x00" + RUSSIAN.encode("utf-32-le"), "UTF-32 (little-endian)"),
    (b"\x00\x00\xfe\xff" + RUSSIAN.encode("utf-32-be"), "UTF-32 (big-endian)"),
], ids=["utf16-le", "utf16-be", "utf16-le-prose", "utf32-le", "utf32-be"])
def test_text_with_a_byte_order_mark_is_decoded_and_said(data, encoding):
    user = read_user_text(data, "The file")
    assert user.text in (RUSSIAN, PROSE)           # the mark itself is not part of the text
    assert user.nbytes == len(data)
    assert len(user.notes) == 1 and encoding in user.notes[0]
    assert "byte-order mark" in user.notes[0]
    assert "кошка" in w2v.load_corpus(user.text).vocab or user.text == PROSE


def test_utf16_without_a_byte_order_mark_is_not_called_binary():
    with pytest.raises(w2v.CorpusError, match="UTF-16 text without a byte-order mark") as e:
        read_user_text(PROSE.encode("utf-16-le"), "The file")
    assert "binary" not in str(e.value)


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
def test_text_in_another_encoding_is_not_called_binary(encoding):
    with pytest.raises(w2v.CorpusError, match="another encoding") as e:
        read_user_text(RUSSIAN.encode(encoding), "The file")
    assert "binary" not in str(e.value) and "save it as UTF-8" in str(e.value)


def _random_bytes(n, low=0):
    import numpy as np
    return np.random.default_rng(3).integers(low, 256, n, dtype=np.uint8).tobytes()


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,   # PNG header + NULs
    b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 4,                     # PNG-like, no NULs
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n" + _random_bytes(3000),      # PDF with NULs
    _random_bytes(4000),                                                 # random bytes
    _random_bytes(4000, low=1),                          # random bytes, no NULs (control chars)
    bytes(range(1, 32)) * 40 + b"abc",
], ids=["png", "png-no-nul", "pdf", "random", "random-no-nul", "control"])
def test_real_binaries_are_still_refused_as_binary(data):
    with pytest.raises(w2v.CorpusError, match="binary file"):
        read_user_text(data, "The file")


def test_binary_share_in_the_docstring_matches_the_constant():
    from w2v import textio
    assert f"{textio.BINARY_SHARE:.0%}".replace("%", " %") in textio.read_user_text.__doc__
    assert "5 %" not in textio.read_user_text.__doc__.replace("25 %", "")


def test_utf16_upload_trains_and_cp1251_upload_is_explained(app):
    at = own(app)
    at.file_uploader(key=corpus_source.UPLOAD_KEY).set_value(
        ("utf16.txt", b"\xff\xfe" + PROSE.encode("utf-16-le"), "text/plain")).run()
    ok(at)
    assert "UTF-16" in messages(at) + " ".join(i.value for i in at.info)
    assert {"zebras", "giraffes"} <= vocab_words(at)
    at.file_uploader(key=corpus_source.UPLOAD_KEY).set_value(
        ("ru.txt", RUSSIAN.encode("cp1251"), "text/plain")).run()
    ok(at)
    assert "another encoding" in messages(at) and "binary" not in messages(at)
    assert "zebras" in vocab_words(at)           # the previous text still trains


def test_divergence_is_said_on_every_page(app):
    at = app
    at.number_input(key="lr").set_value(50.0).run()
    at = ok(at.switch_page("pages/loss_curve.py").run())     # trains; the run diverges at once
    for page in PAGES:
        at = ok(at.switch_page(page).run())
        said = " ".join(w.value for w in at.warning)
        assert "diverged at step" in said, page
        assert "lower it" in said, page


def test_own_text_stays_across_pages_and_the_share_link_says_it_is_not_shared(app):
    at = paste(own(app), PROSE)
    assert {"zebras", "giraffes"} <= vocab_words(at)
    assert any("opens the curated corpus for your students" in w.value for w in at.warning)
    at.switch_page("pages/similarity.py").run()
    ok(at)
    at.switch_page("pages/corpus.py").run()
    assert {"zebras", "giraffes"} <= vocab_words(ok(at))       # still the pasted text
    at.radio(key=corpus_source.SOURCE_KEY).set_value(corpus_source.CURATED).run()
    assert not any("for your students" in w.value for w in ok(at).warning)


def test_corpus_page_offers_the_suggested_settings_for_own_text(app):
    at = paste(own(app), PROSE)
    suggested = w2v.suggest(PROSE)
    table = next(t.value for t in at.table if "why" in t.value.columns)
    assert list(table.index) == list(suggested.reasons)
    assert list(table["why"]) == list(suggested.reasons.values())     # each reason shown
    button = at.button(key="corpus_use_suggestion")
    assert not button.disabled
    button.click().run()
    ok(at)
    for name in suggested.reasons:
        assert at.session_state[name] == getattr(suggested.config, name), name
    assert at.number_input(key="steps").value == suggested.config.steps
    assert at.button(key="corpus_use_suggestion").disabled          # nothing left to apply
    # The curated corpus gets no offer (its settings are the seed's lesson).
    at.radio(key=corpus_source.SOURCE_KEY).set_value(corpus_source.CURATED).run()
    assert not any("why" in t.value.columns for t in ok(at).table)
