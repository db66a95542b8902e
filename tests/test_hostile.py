"""Hostile text is data: markup in the corpus (or an uploaded file's name) never executes.

The app is started on a corpus full of HTML, <script>, `javascript:` links, LaTeX and Streamlit
colour directives (through W2V_CORPUS), and every page of the navigation is visited. The
tokenizer strips punctuation, so most markup arrives as plain words ("img", "onerror",
"pwned", ...): those words must be shown as text, and nothing from the text may turn into an
element, a link, a formula or a running script, in the page or in any of its iframes.
A file with a hostile name is
uploaded too and its name must be shown literally.
"""
import pytest
from playwright.sync_api import expect

from tests.conftest import ROYAL_TEXT
from tests.serve import serve
from tests.test_browser import page, settle, assert_clean  # noqa: F401 - fixture

pytestmark = pytest.mark.browser

HOSTILE_LINES = [
    'the dog barks :red[alarm] at the cat',
    'the king reads <b>bold</b> news to the queen',
    'the queen sees <img src=x onerror="window.__pwned=1"> in the castle',
    '<script>window.__pwned=1</script> the prince runs to the palace',
    'the princess clicks [click](javascript:window.__pwned=1) in the garden',
    'the farmer writes $\\frac{a}{b}$ on the bread',
    '<a href="javascript:window.__pwned=1">link</a> the boy eats cheese',
    '<style>body{display:none}</style> the girl drinks milk',
]
# Three copies of the hostile lines first (so they are in the vocabulary and on the first
# page of the sentence browser), then a normal text to learn from.
HOSTILE_TEXT = "\n".join(HOSTILE_LINES * 3) + "\n" + ROYAL_TEXT
WORDS = ["bold", "img", "onerror", "pwned", "script", "javascript", "frac", "alarm"]
# (no double quotes: Chromium sends them as %22 in the multipart file name)
HOSTILE_NAMES = ['<img src=x onerror=window.__pwned=1>.txt',
                 ':red[alarm] $x^2$ [click](javascript:window.__pwned=1) **loud**.txt']
QUERY = "?steps=600&min_count=1"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app on the hostile corpus (overrides tests.test_browser's server for `page`)."""
    tmp = tmp_path_factory.mktemp("hostile")
    corpus = tmp / "hostile.txt"
    corpus.write_text(HOSTILE_TEXT, encoding="utf-8")
    env = {"W2V_CORPUS": str(corpus), "W2V_CORPUS_SETS": str(tmp / "missing.json")}
    with serve(env=env, log_path=tmp / "streamlit.log") as (url, _):
        yield url


# Run in every frame: anything the text could have become.
PROBE = r"""() => ({
    pwned: typeof window.__pwned !== 'undefined',
    img: document.querySelectorAll("img[src='x'], img[onerror]").length,
    script: [...document.scripts].filter(s => s.textContent.includes('__pwned')).length,
    js_links: document.querySelectorAll("a[href^='javascript:' i]").length,
    bold: [...document.querySelectorAll('b, strong')]
        .filter(b => ['bold', 'loud'].includes(b.textContent.trim())).length,
    tex: [...document.querySelectorAll('annotation')]
        .filter(a => /frac\{a\}|x\^2/.test(a.textContent)).length,
    alarm_coloured: [...document.querySelectorAll('span')]
        .filter(s => s.textContent.trim() === 'alarm' && /red/i.test(s.className)).length,
    injected_style: [...document.querySelectorAll('style')]
        .filter(s => s.textContent.includes('display:none')).length,
})"""


def assert_nothing_executed(pg, where):
    for frame in pg.frames:
        try:
            found = frame.evaluate(PROBE)
        except Exception:  # noqa: BLE001 - a frame that went away while we looked
            continue
        bad = {k: v for k, v in found.items() if v}
        assert not bad, f"{where}, frame {frame.url[:80]}: {bad}"


def nav_titles(links) -> list[str]:
    """The navigation's page titles (a link's text also holds its icon's name)."""
    return [t.strip().splitlines()[-1].strip() for t in links.all_inner_texts()]


def visible_text(pg) -> str:
    return pg.locator("[data-testid='stMain']").inner_text()


def test_hostile_text_is_shown_as_words_and_never_runs(server, page):  # noqa: F811
    page.goto(server + QUERY)
    settle(page)
    pager = page.locator("[data-testid='stMain'] input[aria-label^='Page (of']")
    expect(pager.first).to_be_visible(timeout=30_000)    # the sentence browser is drawn
    text = visible_text(page)
    for number in (2, 3, 4):   # the sentence browser's next pages
        if all(w in text for w in WORDS):
            break
        pager.first.fill(str(number))
        pager.first.press("Enter")
        settle(page)
        # the new page of sentences is there (its first sentence's number), not the old one
        expect(page.get_by_text(f"#{(number - 1) * 10 + 1}", exact=True)).to_be_visible(
            timeout=30_000)
        text += visible_text(page)
    for word in WORDS:
        assert word in text, f"'{word}' is not shown on the Corpus page"
    assert_nothing_executed(page, "Corpus")
    links = page.locator("[data-testid='stSidebarNavLink']")
    titles = nav_titles(links)
    assert len(titles) >= 6
    for title in titles:
        links.filter(has_text=title).first.click()
        settle(page)
        page.wait_for_timeout(500)   # let iframes (the player) load their documents
        assert "min_count=1" in page.url
        assert page.locator("[data-testid='stException']").count() == 0, title
        assert_nothing_executed(page, title)
        assert_clean(page, "hostile_" + title.lower().replace(" ", "_"))
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_a_hostile_file_name_is_shown_literally(server, page):  # noqa: F811
    page.goto(server + QUERY)
    settle(page)
    sidebar_el = page.locator("[data-testid='stSidebar']")
    uploader = sidebar_el.locator("input[type='file']")
    # The uploader sits behind a choice of source ("Your own text"): pick it.
    choice = sidebar_el.locator("label").filter(has_text="Your own text")
    expect(choice).to_have_count(1, timeout=30000)
    choice.first.click()
    settle(page)
    expect(uploader).to_have_count(1, timeout=30000)
    for name in HOSTILE_NAMES:
        uploader.first.set_input_files(files=[{
            "name": name, "mimeType": "text/plain", "buffer": HOSTILE_TEXT.encode("utf-8")}])
        settle(page)
        assert page.locator("[data-testid='stException']").count() == 0
        assert_nothing_executed(page, f"after uploading {name!r}")
        # The uploader's file list and the app's own "Training on ..." line both show it.
        caption = sidebar_el.locator("[data-testid='stCaptionContainer']").filter(
            has_text="Training on")
        expect(caption).to_have_count(1, timeout=30000)
        shown = caption.inner_text()
        assert name in shown, f"the file name {name!r} is not shown literally: {shown!r}"
    links = page.locator("[data-testid='stSidebarNavLink']")
    for title in nav_titles(links):
        links.filter(has_text=title).first.click()
        settle(page)
        assert page.locator("[data-testid='stException']").count() == 0, title
        assert_nothing_executed(page, f"{title} after upload")
