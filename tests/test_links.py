"""Links with out-of-range, fractional or unusable settings: the value the app uses, the note in
the sidebar and the address bar must agree (AppTest and a real browser)."""
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from streamlit.elements.lib import policies
from streamlit.testing.v1 import AppTest

from tests.test_browser import page, server, settle  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")


# -- AppTest ----------------------------------------------------------------------------------
@pytest.fixture
def duplication_warnings(monkeypatch):
    """Streamlit's "created with a default value but also ... set via Session State" warnings
    (logged once per process: re-armed here)."""
    seen = []
    real = policies._LOGGER.warning

    def record(msg, *args, **kwargs):
        if "Session State API" in str(msg):
            seen.append(msg % args)
        return real(msg, *args, **kwargs)

    monkeypatch.setattr(policies, "_shown_default_value_warning", False)
    monkeypatch.setattr(policies._LOGGER, "warning", record)
    return seen


def open_link(params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def url(at) -> dict:
    """The address bar's query parameters after the run (last value of each)."""
    return {k: v[-1] if isinstance(v, list) else v for k, v in dict(at.query_params).items()}


def notes(at) -> str:
    return " ".join(i.value for i in at.sidebar.info)


def test_fractional_dim_is_rounded_used_and_written_back(app_corpus, duplication_warnings):
    at = open_link({"dim": "3.7", "steps": "300"})
    assert at.slider(key="dim").value == 4
    assert "rounded to 4" in notes(at)
    assert url(at) == {"dim": "4", "steps": "300"}
    at = at.switch_page("pages/model.py").run()
    assert not at.exception
    assert "× 4" in at.table[0].value.iloc[0]["shape"]
    assert url(at)["dim"] == "4"
    assert not duplication_warnings


def test_out_of_range_values_are_clamped_used_and_kept_in_the_url(app_corpus, duplication_warnings):
    at = open_link({"dim": "500", "lr": "200", "steps": "10", "window": "2"})
    assert at.slider(key="dim").value == 64
    assert at.number_input(key="lr").value == 100.0
    assert at.number_input(key="steps").value == 100
    assert at.slider(key="window").value == 2
    assert [i.value for i in at.sidebar.info] == [
        "`dim` in the link is outside 1–64; clamped to 64.",
        "`lr` in the link is outside 0.0001–100; clamped to 100.0.",
        "`steps` in the link is outside 100–10,000,000; clamped to 100."]
    assert url(at) == {"dim": "64", "lr": "100", "steps": "100", "window": "2"}
    assert not duplication_warnings
    # The notes stay while the settings are those of the link (a plain rerun), then go.
    at.run()
    assert len(at.sidebar.info) == 3 and at.number_input(key="steps").value == 100
    at.number_input(key="steps").set_value(300).run()
    assert not at.sidebar.info
    assert url(at)["dim"] == "64"


def test_copied_corrected_link_reopens_the_same_settings_without_notes(app_corpus):
    first = open_link({"dim": "500", "lr": "200", "steps": "10"})
    again = open_link(url(first))
    assert not again.sidebar.info
    assert (again.slider(key="dim").value, again.number_input(key="lr").value,
            again.number_input(key="steps").value) == (64, 100.0, 100)
    assert url(again) == url(first)


def test_negative_sampling_link_round_trips(app_corpus):
    link = {"objective": "negative", "negatives": "3", "sample": "0.001",
            "lr_schedule": "linear", "steps": "400"}
    at = open_link(link)
    assert not at.sidebar.info and url(at) == link
    assert at.radio(key="objective").value == "negative"
    assert at.number_input(key="negatives").value == 3
    assert not at.number_input(key="negatives").disabled     # k matters to this objective
    assert at.number_input(key="sample").value == 0.001
    assert at.radio(key="lr_schedule").value == "linear"
    again = open_link(url(at))
    assert url(again) == link and again.radio(key="objective").value == "negative"
    # Back to full softmax: k is greyed out, its value kept.
    at.radio(key="objective").set_value("softmax").run()
    assert at.number_input(key="negatives").disabled
    assert at.number_input(key="negatives").value == 3


def test_bad_pca_is_dropped_from_the_url_and_others_kept(app_corpus):
    at = open_link({"pca": "nope", "dim": "5", "steps": "300"})
    assert at.radio(key="pca").value == "final_pca"
    assert "`pca` in the link is not one of" in notes(at)
    assert url(at) == {"dim": "5", "steps": "300"}


def test_value_corrected_to_the_default_leaves_the_url(app_corpus):
    at = open_link({"dim": "8.2", "lr": "inf", "steps": "300"})   # defaults: dim 8, lr 0.1
    assert at.slider(key="dim").value == 8 and at.number_input(key="lr").value == 0.1
    assert "rounded to 8" in notes(at) and "not a finite number" in notes(at)
    assert url(at) == {"steps": "300"}


def test_integer_written_as_a_float_is_used_not_dropped(app_corpus):
    # Streamlit's own binding rejects "5000.0" for an integer number_input (-> default 15000).
    at = open_link({"steps": "5000.0", "lr": "1e-3"})
    assert at.number_input(key="steps").value == 5000
    assert at.number_input(key="lr").value == 0.001
    assert not at.sidebar.info
    assert url(at) == {"steps": "5000", "lr": "0.001"}


def test_classroom_link_with_corrections_keeps_flag_show_and_values(app_corpus):
    at = open_link({"classroom": "1", "show": "dim,steps", "lr": "200", "dim": "3.7",
                    "steps": "300"})
    assert {w.key for w in at.sidebar.slider} == {"dim"}
    assert at.slider(key="dim").value == 4 and at.session_state["lr"] == 100.0
    assert "rounded to 4" in notes(at) and "clamped to 100.0" in notes(at)
    at = at.switch_page("pages/model.py").run()
    assert not at.exception
    q = url(at)
    assert (q["classroom"], q["show"], q["dim"], q["steps"]) == ("1", "dim,steps", "4", "300")
    assert float(q["lr"]) == 100.0


# -- in a real browser ------------------------------------------------------------------------
@pytest.mark.browser
def test_browser_address_bar_holds_the_corrected_values(server, page):  # noqa: F811
    pg = page
    sidebar = pg.locator("[data-testid='stSidebar']")
    main = pg.locator("[data-testid='stMain']")

    def field(name):
        return sidebar.locator(f"input[aria-label$='({name})']")

    pg.goto(server + "/model?dim=500&lr=200&steps=10&window=2")
    settle(pg)
    parts = urlsplit(pg.url)
    assert parts.path == "/model"
    assert parse_qs(parts.query) == {"dim": ["64"], "lr": ["100"], "steps": ["100"],
                                     "window": ["2"]}, pg.url
    for name, value in {"dim": "64", "lr": "100", "steps": "100", "window": "2"}.items():
        expect(field(name)).to_have_value(value)
    expect(main).to_contain_text("d = 64 dimensions")
    expect(sidebar).to_contain_text("clamped to 64")
    copied = pg.url

    pg.goto(server + "/model?dim=3.7&steps=300")
    settle(pg)
    assert parse_qs(urlsplit(pg.url).query) == {"dim": ["4"], "steps": ["300"]}, pg.url
    expect(field("dim")).to_have_value("4")
    expect(main).to_contain_text("d = 4 dimensions")
    expect(sidebar).to_contain_text("rounded to 4")

    # The copied link reopens the clamped settings, not the defaults.
    pg.goto(copied)
    settle(pg)
    assert pg.url == copied
    expect(field("dim")).to_have_value("64")
    expect(field("steps")).to_have_value("100")
    expect(main).to_contain_text("d = 64 dimensions")
    expect(sidebar.locator("[data-testid='stAlert']")).to_have_count(0)
    assert pg.locator("[data-testid='stException']").count() == 0
