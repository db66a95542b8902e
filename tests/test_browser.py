"""The running app in a real browser: `streamlit run` on a free port, driven by Chromium.

A missing Chromium is a failure, not a skip: CI installs it (see .ci/run).
"""
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.serve import CHROMIUM, CHROMIUM_ARGS, ROOT, serve

SHOTS = ROOT / "screenshots"
PAGES = ["Corpus", "Training pairs", "Model", "Loss curve", "Embeddings", "Step internals",
         "Similarity", "Analogies", "Experiments", "Model vs corpus", "Quiz"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with serve(log_path=tmp_path_factory.mktemp("server") / "streamlit.log") as (url, _):
        yield url


@pytest.fixture(scope="module")
def page(server):
    assert Path(CHROMIUM).exists(), "Debian's chromium is required (apt-get install chromium)"
    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 1000})
        yield pg
        browser.close()


def settle(pg, timeout=90):
    """Wait until the app's script has finished (and any training progress is gone)."""
    pg.wait_for_timeout(300)
    pg.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",
                         timeout=timeout * 1000)
    expect(pg.locator("[data-testid='stProgress']")).to_have_count(0, timeout=timeout * 1000)
    pg.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",
                         timeout=timeout * 1000)


def assert_clean(pg, name):
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    assert pg.locator("[data-testid='stException']").count() == 0, f"exception on {name}"


def test_every_page_renders(server, page):
    page.goto(server)
    settle(page)
    links = page.locator("[data-testid='stSidebarNavLink']")
    # A link's text is its icon's ligature name, then the title: keep the title.
    titles = [t.strip().splitlines()[-1] for t in links.all_inner_texts()]
    assert titles[:len(PAGES)] == PAGES
    for title in PAGES:
        links.filter(has_text=title).first.click()
        settle(page)
        assert_clean(page, title.lower().replace(" ", "_"))
        expect(page.locator("h1").first).to_contain_text(title)


def test_play_animates_the_scatter(server, page):
    page.goto(server + "/embeddings")
    settle(page)
    player = page.frame_locator("iframe").first
    play = player.get_by_role("button", name="Play")
    expect(play).to_be_visible(timeout=30000)
    play.click()
    page.wait_for_timeout(1500)
    frame = player.locator("body")
    first = frame.get_attribute("data-frame")
    page.wait_for_timeout(1000)
    second = frame.get_attribute("data-frame")
    assert first is not None and second is not None and int(second) > int(first)
    expect(player.get_by_role("button", name="Pause")).to_be_visible()
    assert_clean(page, "embeddings_playing")


def test_sidebar_change_and_shared_url(server, page):
    page.goto(server + "/loss_curve")
    settle(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    steps = sidebar.locator("input[aria-label='Training steps (steps)']")
    steps.fill("3000")
    steps.press("Enter")
    settle(page)
    assert "steps=3000" in page.url
    expect(page.locator("[data-testid='stMain']")).to_contain_text("3,000")
    assert_clean(page, "loss_curve_steps3000")

    shared = "?dim=16&lr=0.05&window=2&steps=5000&pca=global_pca"
    page.goto(server + "/embeddings" + shared)
    settle(page)
    expect(sidebar.get_by_test_id("stSliderThumbValue").first).to_have_text("16")
    expect(sidebar.locator("input[aria-label='Training steps (steps)']")).to_have_value("5000")
    expect(sidebar.locator("input[aria-label='Learning rate (lr)']")).to_have_value("0.05")
    for key in ("dim=16", "lr=0.05", "window=2", "steps=5000", "pca=global_pca"):
        assert key in page.url
    assert_clean(page, "shared_url")


def test_progress_survives_a_click_elsewhere(server, page):
    # The engine trains the default vocabulary's 200,000 steps in under a second; every word
    # (min_count=1, ~800) at dim 64 takes a few seconds: long enough to see the bar and leave.
    page.goto(server + "/loss_curve?steps=200000&dim=64&min_count=1&record_interval=1000")
    expect(page.locator("[data-testid='stProgress']").first).to_be_visible(timeout=30000)
    page.locator("[data-testid='stSidebarNavLink']").filter(has_text="Model").first.click()
    settle(page)
    assert_clean(page, "model_while_training")
    page.locator("[data-testid='stSidebarNavLink']").filter(has_text="Loss curve").first.click()
    settle(page)
    expect(page.locator("[data-testid='stMain']")).to_contain_text("200,000")
    assert_clean(page, "loss_curve_200k")


def test_analysis_pages_and_a_small_sweep(server, page):
    for path, title in [("/similarity", "Similarity"), ("/analogies", "Analogies")]:
        page.goto(server + path)
        settle(page)
        expect(page.locator("h1").first).to_contain_text(title)
        assert_clean(page, title.lower())
    page.goto(server + "/experiments")
    settle(page)
    main = page.locator("[data-testid='stMain']")
    main.locator("label").filter(has_text="Custom sweep").first.click()
    settle(page)
    main.locator("[data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name="Training steps (steps)").click()
    settle(page)
    values = main.get_by_test_id("stTextInputField")
    values.fill("300, 600")
    values.press("Enter")
    settle(page)
    main.get_by_role("button", name="Run", exact=True).click()
    settle(page)
    expect(main.locator("[data-testid='stDataFrame']")).to_have_count(1, timeout=60000)
    expect(main.get_by_role("button", name="Download the results (CSV)")).to_be_visible()
    assert_clean(page, "experiments_sweep")


def test_fresh_servers_direct_link_draws_the_frame_and_no_automatic_menu(page, tmp_path):
    """The first run of a fresh server is a direct link to a page (app/routing.py)."""
    with serve(log_path=tmp_path / "streamlit.log") as (url, _):
        pg = page.context.browser.new_page(viewport={"width": 1400, "height": 1000})
        pg.goto(url + "/model")
        settle(pg)
        expect(pg.locator("h1").first).to_contain_text("Model")
        links = pg.locator("[data-testid='stSidebarNavLink']")
        titles = [t.strip().splitlines()[-1] for t in links.all_inner_texts()]
        assert titles == PAGES                   # the entry's navigation, not the folder's
        sidebar = pg.locator("[data-testid='stSidebar']")
        expect(sidebar.locator("input[aria-label='Training steps (steps)']")).to_have_count(1)
        assert_clean(pg, "fresh_direct_link")
        pg.close()
