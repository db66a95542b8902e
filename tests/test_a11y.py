"""Accessibility in a real browser: axe-core (WCAG 2 A/AA rules) on every page and on classroom
links, and the Embeddings player used by keyboard, heard by a screen reader, read on a projector.

axe-core comes bundled with axe-playwright-python (pinned in requirements.txt); a finding of
"serious" or "critical" impact fails the test with the rule, the element and axe's summary.
"""
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

from tests.serve import CHROMIUM, CHROMIUM_ARGS
from tests.test_browser import PAGES, server, settle  # noqa: F401 - server: the shared fixture

pytestmark = pytest.mark.browser

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
           "resultTypes": ["violations"]}
BLOCKING = ("serious", "critical")
CLASSROOM_LINKS = ["/embeddings?classroom=1&show=dim", "/training_pairs?classroom=1",
                   "/step_internals?classroom=1"]


@pytest.fixture(scope="module")
def page(server):
    assert Path(CHROMIUM).exists(), "Debian's chromium is required (apt-get install chromium)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser.new_page(viewport={"width": 1400, "height": 1000})
        browser.close()


def player_frame(pg):
    """The Embeddings player's frame (its document holds the w2v-data block)."""
    expect(pg.frame_locator("iframe").first.locator("#play")).to_be_visible(timeout=30000)
    return next(f for f in pg.frames[1:] if f.locator("#w2v-data").count())


def blocking_findings(target, where: str) -> list[str]:
    found = Axe().run(target, options=WCAG_AA).response["violations"]
    return [f"{where}: {v['id']} ({v['impact']}) at {n['target']}: "
            f"{n.get('failureSummary', '').splitlines()[-1] if n.get('failureSummary') else ''}"
            for v in found if v["impact"] in BLOCKING for n in v["nodes"]]


def test_axe_finds_nothing_serious_on_any_page_or_classroom_link(server, page):
    paths = ["/" + title.lower().replace(" ", "_") for title in PAGES] + CLASSROOM_LINKS
    problems = []
    for path in paths:
        page.goto(server + path)
        settle(page)
        page.wait_for_timeout(1000)   # charts and the player's document load after the script
        problems += blocking_findings(page, path)
        if path.startswith("/embeddings"):
            problems += blocking_findings(player_frame(page), path + " (player)")
    assert not problems, "\n".join(problems)


VISIBLE_LABELS = """() => [...document.querySelectorAll('#plot g:last-of-type text')]
    .filter(t => t.getAttribute('visibility') !== 'hidden')
    .map(t => { const b = t.getBoundingClientRect();
                return [b.left, b.top, b.right, b.bottom, parseFloat(getComputedStyle(t).fontSize)
                        * t.getScreenCTM().a]; })"""


def overlapping(boxes, slack=1.0) -> int:
    return sum(1 for i, a in enumerate(boxes) for b in boxes[i + 1:]
               if a[2] > b[0] + slack and b[2] > a[0] + slack
               and a[3] > b[1] + slack and b[3] > a[1] + slack)


def test_player_labels_never_print_over_each_other(server, page):
    page.goto(server + "/embeddings")
    settle(page)
    frame = player_frame(page)
    last = int(frame.evaluate("document.body.dataset.frames")) - 1
    for f in (last, 0, 30, 200, last // 2):
        frame.locator("#scrub").fill(str(f))
        boxes = frame.evaluate(VISIBLE_LABELS)
        assert len(boxes) >= 15, f"frame {f}: only {len(boxes)} labels shown"
        assert overlapping(boxes) == 0, f"frame {f}: labels overlap"
        assert min(b[4] for b in boxes) >= 12            # screen pixels


def test_player_by_keyboard_and_screen_reader(server, page):
    page.goto(server + "/embeddings")
    settle(page)
    frame = player_frame(page)
    for name in ("Play", "Previous frame", "Next frame"):
        expect(frame.get_by_role("button", name=name)).to_be_visible()
    expect(frame.get_by_role("slider", name="Training step")).to_be_visible()
    expect(frame.get_by_role("combobox", name="speed")).to_be_visible()
    frame.locator("#play").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")                        # Play → previous → next → the scrubber
    assert frame.evaluate("document.activeElement.id") == "scrub"
    page.keyboard.press("Home")                       # the slider's own keys move the frame
    expect(frame.locator("body")).to_have_attribute("data-frame", "0")
    expect(frame.get_by_role("status")).to_contain_text("Step 0 of 15000, initial weights")
    page.keyboard.press("ArrowRight")
    expect(frame.get_by_role("status")).to_contain_text("Step 1 of 15000, pair ")
    frame.locator("#play").focus()
    page.keyboard.press("Space")
    expect(frame.get_by_role("button", name="Pause")).to_be_visible()
    page.keyboard.press("Space")
    expect(frame.get_by_role("status")).to_contain_text("loss")


def test_play_gives_the_dense_first_steps_only_their_share(server, page):
    """Play paces by steps: at 30 frames/s the default run (15,000 steps in 1,681 frames) moves
    about 270 steps a second, so the 200 densely recorded first steps take under a second, not
    200 frames (about 7 s)."""
    page.goto(server + "/embeddings")
    settle(page)
    frame = player_frame(page)
    frame.locator("#scrub").fill("0")
    frame.locator("#play").click()
    page.wait_for_timeout(1500)
    step = int(frame.locator("#s-step").text_content())
    frame.locator("#play").click()
    assert step > 200


def test_presenter_layout_enlarges_the_player(server, page):
    sizes = {}
    for layout, path in (("normal", "/embeddings"), ("presenter", "/embeddings?classroom=1")):
        page.goto(server + path)
        settle(page)
        frame = player_frame(page)
        labels = frame.evaluate(VISIBLE_LABELS)
        button = frame.locator("#prev").evaluate("b => parseFloat(getComputedStyle(b).fontSize)")
        sizes[layout] = (min(b[4] for b in labels), button)
        assert overlapping(labels) == 0
    assert sizes["normal"][0] >= 12 and sizes["normal"][1] >= 15
    assert sizes["presenter"][0] >= 18 and sizes["presenter"][1] >= 20
