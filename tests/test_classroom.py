"""Hosting a class: the server config, classroom links (AppTest and a real browser)."""
import json
import tomllib
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from tests.test_browser import page, server, settle, assert_clean  # noqa: F401 - fixtures
from app import classroom
from w2v import TrainConfig, settings

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")

EXPECTED = {
    ("server", "fileWatcherType"): "none",
    ("server", "runOnSave"): False,
    ("server", "maxUploadSize"): 2,
    ("server", "maxCacheDataSize"): "256mb",
    ("browser", "gatherUsageStats"): False,
    ("client", "toolbarMode"): "viewer",
    ("client", "showErrorDetails"): "none",
    ("client", "showErrorLinks"): False,
}


# -- the host's config ------------------------------------------------------------------------
def test_config_toml_is_fit_for_a_class():
    conf = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    for (section, name), value in EXPECTED.items():
        assert conf.get(section, {}).get(name) == value, f"{section}.{name}"


def test_every_config_option_exists_in_this_streamlit():
    st_config.get_config_options()
    conf = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    names = [f"{section}.{name}" for section, opts in conf.items() for name in opts]
    unknown = [n for n in names if n not in st_config._config_options]
    assert not unknown, f"options Streamlit does not know: {unknown}"


def test_upload_limit_matches_the_apps_own_check():
    conf = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert conf["server"]["maxUploadSize"] == 2   # MB; the corpus upload checks 2 MB itself


# -- link helpers -----------------------------------------------------------------------------
NAMES = [s.name for s in settings.SETTINGS]


def test_show_is_parsed_in_sidebar_order_unknown_names_dropped():
    assert classroom.parse_show(["steps,dim, nope"], NAMES) == ("dim", "steps")
    assert classroom.parse_show(["seed", "lr"], NAMES) == ("lr", "seed")
    assert classroom.parse_show([], NAMES) == ()
    assert classroom.parse_show(["all"], NAMES) == tuple(NAMES)
    assert classroom.parse_show(["source,dim"], NAMES + ["source"]) == ("dim", "source")


def test_link_values_are_clamped_or_defaulted():
    by = settings.BY_NAME

    def link_value(setting, raw):
        return settings.link_value(setting, raw)[0]

    assert link_value(by["dim"], ["500"]) == 64
    assert link_value(by["dim"], ["x"]) == by["dim"].default
    assert link_value(by["lr"], ["0.05"]) == 0.05
    assert link_value(by["pca"], ["global_pca"]) == "global_pca"
    assert link_value(by["pca"], ["nope"]) == by["pca"].default
    assert link_value(by["steps"], ["inf"]) == by["steps"].default


def test_built_link_holds_changed_settings_flag_and_show():
    link = classroom.build_link("http://10.0.0.5:8501/loss_curve",
                                TrainConfig(steps=5000, seed=7, lr=0.05), ["dim", "steps"])
    parts = urlsplit(link)
    assert parts.path == "/loss_curve"
    q = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert q == {"classroom": "1", "show": "dim,steps", "steps": "5000", "seed": "7",
                 "lr": "0.05"}


# -- through the entry file -------------------------------------------------------------------
def ok(at):
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_classroom_link_shows_only_the_named_controls_and_applies_the_rest(app_corpus):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"classroom": "1", "show": "dim,steps", "steps": "300",
                            "seed": "5", "lr": "0.05"})
    ok(at.run())
    assert {w.key for w in at.sidebar.slider} == {"dim"}
    assert {w.key for w in at.sidebar.number_input} == {"steps"}
    assert not at.sidebar.radio and not at.sidebar.expander   # no pca, no corpus source
    assert at.session_state["seed"] == 5 and at.session_state["lr"] == 0.05
    assert at.number_input(key="steps").value == 300
    assert "seed = 5" in " ".join(c.value for c in at.sidebar.caption)
    # the presenter CSS
    assert any("html { font-size: 20px; }" in h.proto.body for h in at.get("html"))
    at = ok(at.switch_page("pages/loss_curve.py").run())
    assert any(m.label == "Steps trained" and m.value == "300" for m in at.metric)
    for key, value in {"classroom": "1", "show": "dim,steps", "seed": "5", "lr": "0.05"}.items():
        assert at.query_params[key] in (value, [value])
    # chart text for a projector: in the chart's own config (canvas text ignores the CSS)
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["config"]["axis"]["labelFontSize"] == 15


def test_normal_session_charts_have_text_of_at_least_12_px(app_corpus):
    at = ok(AppTest.from_file(APP, default_timeout=60).run())
    at = ok(at.switch_page("pages/loss_curve.py").run())
    config = json.loads(at.get("vega_lite_chart")[0].proto.spec)["config"]
    assert config["axis"]["labelFontSize"] == 12 and config["axis"]["titleFontSize"] == 13
    assert config["legend"]["labelFontSize"] == 12 and config["text"]["fontSize"] == 12


def test_show_source_offers_the_corpus_source_control(app_corpus):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"classroom": "1", "show": "source", "steps": "300"})
    ok(at.run())
    assert len(at.sidebar.radio) == 1 and not at.sidebar.slider


def test_classroom_without_show_has_no_setting_widgets(app_corpus):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"classroom": "1", "steps": "300"})
    ok(at.run())
    assert not at.sidebar.slider and not at.sidebar.number_input and not at.sidebar.radio
    assert not at.sidebar.button   # no reset: nothing to reset
    assert at.session_state["steps"] == 300


def test_normal_session_has_the_share_control_and_no_presenter_css(app_corpus):
    at = ok(AppTest.from_file(APP, default_timeout=60).run())
    assert len(at.sidebar.slider) == 2 and at.sidebar.get("popover")
    assert not any("html { font-size: 20px; }" in h.proto.body for h in at.get("html"))


# -- in a real browser ------------------------------------------------------------------------
@pytest.mark.browser
def test_classroom_link_survives_page_switches_and_reload(server, page):  # noqa: F811
    page.goto(server + "/loss_curve?classroom=1&show=dim,steps&steps=3000&seed=7&lr=0.05")
    settle(page)
    sidebar_el = page.locator("[data-testid='stSidebar']")
    labels = sidebar_el.locator("input").evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label'))")
    assert len(labels) == 2 and any("(steps)" in x for x in labels), labels
    expect(sidebar_el).to_contain_text("seed = 7")
    assert page.locator("html").evaluate("e => getComputedStyle(e).fontSize") == "20px"
    links = page.locator("[data-testid='stSidebarNavLink']")
    for title in ("Model", "Model vs corpus", "Quiz", "Loss curve"):
        links.filter(has_text=title).first.click()
        settle(page)
        for key in ("classroom=1", "seed=7", "lr=0.05", "steps=3000"):
            assert key in page.url, (title, page.url)
        # presenter type on every page, not only the first one
        assert page.locator("html").evaluate("e => getComputedStyle(e).fontSize") == "20px"
        assert page.locator("[data-testid='stException']").count() == 0, title
    expect(page.locator("[data-testid='stMetricValue']").last).to_have_text("3,000")
    page.reload()
    settle(page)
    assert "classroom=1" in page.url
    expect(page.locator("[data-testid='stSidebar']")).to_contain_text("seed = 7")
    assert_clean(page, "classroom")


@pytest.mark.browser
def test_share_popover_builds_the_classroom_link(server, page):  # noqa: F811
    page.goto(server + "/model?steps=5000&seed=3")
    settle(page)
    page.get_by_role("button", name="Share as classroom link").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("Embedding dimension (dim)").click()
    settle(page)
    link = dialog.locator("code").inner_text().strip()
    parts = urlsplit(link)
    q = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert parts.path == "/model"
    assert q == {"classroom": "1", "show": "dim", "steps": "5000", "seed": "3"}
    page.keyboard.press("Escape")
