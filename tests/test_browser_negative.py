"""Step internals and Corpus for a negative-sampling run, in Chromium: the k noise words, their σ
bars and their arrows on the map are drawn, and nothing raises."""
import re

import pytest
from playwright.sync_api import expect

from tests.test_browser import assert_clean, page, server, settle  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser
NEGATIVE = "?objective=negative&negatives=4&sample=0.001&lr_schedule=linear&steps=20000"


def test_step_internals_of_a_negative_sampling_run(server, page):  # noqa: F811
    page.goto(server + "/step_internals" + NEGATIVE)
    settle(page)
    main = page.locator("[data-testid='stMain']")
    expect(main).to_contain_text("negative sampling")
    expect(main).to_contain_text("The true context and the 4 noise words")
    expect(main.get_by_text("σ(u_o·v_c), the context")).to_be_visible()
    # The k + 1 scored words: one row per draw in the table, one bar each in the σ chart.
    table = main.locator("[data-testid='stDataFrame']").first
    expect(table).to_be_visible()
    # Every Vega chart drew (canvas or svg), the map among them with one arrow per noise word.
    charts = main.locator("[data-testid='stVegaLiteChart']")
    expect(charts.first).to_be_visible(timeout=30000)
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
        expect(charts.nth(i).locator("canvas, svg").first).to_be_visible(timeout=30000)
    expect(main).to_contain_text("light blue")
    assert re.search(r"η = 0\.\d+", main.inner_text())            # the step's own rate
    assert_clean(page, "step_internals_negative")

    # The next step draws other noise words, still without an error.
    page.get_by_role("button", name="Next step ▶").click()
    settle(page)
    expect(main).to_contain_text("The true context and the 4 noise words")
    assert_clean(page, "step_internals_negative_next")
