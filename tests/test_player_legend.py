"""The Embeddings player's legend, drawn by its own script in Chromium (no server needed)."""
import pytest
from playwright.sync_api import sync_playwright

import w2v
from app import player
from conftest import SETS
from tests.serve import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser


def legend_of(html: str) -> list[str]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content(html)
        page.wait_for_selector("#legend", state="attached")
        page.wait_for_function("document.querySelector(\"svg text, svg circle, svg path\") !== null")
        names = page.eval_on_selector_all("#legend > span", "items => items.map(i => i.textContent)")
        browser.close()
    return names


def test_the_legend_names_the_groups_and_is_absent_without_them(small_run):
    projection = w2v.project(small_run)
    grouped = legend_of(player.player_html(player.player_payload(small_run, projection, SETS["groups"])))
    assert grouped[:3] == list(SETS["groups"]) and grouped[-1] == "in no group"
    # Own text has no topic groups: "in no group" alone would say nothing.
    assert legend_of(player.player_html(player.player_payload(small_run, projection, {}))) == []
