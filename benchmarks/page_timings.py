"""Page timings in a real browser: cold start, a retrain after a sidebar change, page switches.

Starts `streamlit run` on a free port, drives Debian's Chromium with Playwright and prints:
  cold start   : process start → first page drawn
  dim change   : Embeddings page, dim 8 → 16 in the sidebar (the slider thumb focused, eight
                 ArrowRight presses) → page redrawn with the new run
  page switch  : clicking each page in the navigation with the run cached → page drawn; every
                 page is visited once (its first visit, listed) and then switched to ROUNDS
                 more times: its figure is the median of those, the headline the slowest page
"Drawn" means, checked on every animation frame in the page itself: the expected page title is
shown, the script is idle, no progress bar is left, every visible chart has its canvas. The
time taken is the frame at which that first held, read on the page's own clock; it counts only
if it still holds SETTLE_MS later (a rerun may follow), and that settling wait is not counted:
it is the benchmark's check, not time a person waits.
Targets (issue): cold start ≤ 8 s, dim change ≤ 3 s, every page switch ≤ 1 s.
Usage: python benchmarks/page_timings.py
"""
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.serve import CHROMIUM, CHROMIUM_ARGS, start, stop, wait_healthy  # noqa: E402
PAGES = ["Training pairs", "Model", "Loss curve", "Embeddings", "Step internals", "Similarity",
         "Analogies", "Experiments", "Model vs corpus", "Quiz", "Corpus"]
SWITCH_TARGET = 1.0
DIM_FROM, DIM_TO = 8, 16
SETTLE_MS = 400
ROUNDS = 3                  # switches through every page after the first visits
# Resolves with the page-clock time (performance.now()) of the first frame from which the page
# was drawn without interruption for SETTLE_MS.
DRAWN_SINCE = """([title, settle]) => new Promise(done => {
  let since = null;
  const drawn = () => {
    const app = document.querySelector("[data-testid='stApp']");
    const h1 = document.querySelector("[data-testid='stMain'] h1");
    return app && app.dataset.testScriptState === "notRunning"
      && !document.querySelector("[data-testid='stProgress']")
      && (!title || (h1 && h1.textContent.trim().startsWith(title)))
      && [...document.querySelectorAll("[data-testid='stVegaLiteChart']")]
           .filter(e => e.checkVisibility()).every(e => e.querySelector("canvas, svg.marks"));
  };
  const frame = now => {
    if (!drawn()) since = null;
    else if (since === null) since = now;
    else if (now - since >= settle) return done(since);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})"""


def drawn_at(page, title: str | None = None, timeout: float = 120) -> float:
    """Page-clock time (ms) at which the page became drawn (see the module doc)."""
    page.set_default_timeout(timeout * 1000)
    return page.evaluate(DRAWN_SINCE, [title, SETTLE_MS])


def now(page) -> float:
    return page.evaluate("performance.now()")


def drawn(page, title: str | None = None, timeout: float = 120) -> None:
    """Wait until the page is drawn (for callers that only need to wait)."""
    drawn_at(page, title, timeout)


def main():
    t0 = time.time()
    url, server = start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            t_browser = time.time() - t0
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            wait_healthy(url, server)
            t_healthy = time.time() - t0
            page.goto(url)
            since = drawn_at(page)
            cold = (page.evaluate("performance.timeOrigin") + since) / 1000 - t0
            print(f"cold start: {cold:.2f} s (target ≤ 8 s): server answering after "
                  f"{t_healthy:.2f} s, browser launched after {t_browser:.2f} s, the rest is "
                  "the first page (library import, training, drawing)")

            nav = page.locator("[data-testid='stSidebarNavLink']")
            nav.filter(has_text="Embeddings").first.click()
            drawn(page, "Embeddings")
            # dim 8 → 16 exactly: focus the dim slider's thumb and press ArrowRight eight times
            # (one step each), quickly, as a person holding the key would.
            sidebar = page.locator("[data-testid='stSidebar']")
            thumb = sidebar.get_by_role("slider", name="Embedding dimension (dim)")
            before = int(thumb.input_value())
            if before != DIM_FROM:
                raise SystemExit(f"the dim slider is at {before}, expected {DIM_FROM}")
            thumb.focus()
            t = now(page)
            for _ in range(DIM_TO - DIM_FROM):
                page.keyboard.press("ArrowRight")
            page.wait_for_function(f"new URLSearchParams(location.search).get('dim') === "
                                   f"'{DIM_TO}'", timeout=30000)
            dim_time = (drawn_at(page, "Embeddings") - t) / 1000
            dim = int(page.evaluate("new URLSearchParams(location.search).get('dim')"))
            print(f"dim {before} → {dim} on Embeddings, redrawn: {dim_time:.2f} s (target ≤ 3 s)")

            # Round 1 visits each page for the first time (its cached derivations are computed
            # then); rounds 2.. switch through the pages again. One switch varies by a few tenths
            # of a second on a shared machine, so a page's figure is its median over the rounds.
            first, again = {}, {title: [] for title in PAGES}
            for round_ in range(1 + ROUNDS):
                for title in PAGES:
                    t = now(page)
                    nav.filter(has_text=title).first.click()
                    secs = (drawn_at(page, title) - t) / 1000
                    (again[title].append(secs) if round_ else first.__setitem__(title, secs))
            times = {title: statistics.median(v) for title, v in again.items()}
            print(f"page switch with a cached run (target ≤ {SWITCH_TARGET:g} s each; median of "
                  f"{ROUNDS} switches, slowest, and the page's first visit):")
            for title, secs in times.items():
                mark = "ok" if secs <= SWITCH_TARGET else "MISSES the target"
                print(f"  switch to {title:<16} {secs:.2f} s  (slowest {max(again[title]):.2f} s, "
                      f"first visit {first[title]:.2f} s)  {mark}")
            slowest = max(times, key=times.get)
            missing = [title for title, secs in times.items() if secs > SWITCH_TARGET]
            print(f"page switch: max {times[slowest]:.2f} s ({slowest}), median "
                  f"{statistics.median(times.values()):.2f} s; "
                  + (f"{len(missing)} of {len(times)} pages miss ≤ {SWITCH_TARGET:g} s: "
                     + ", ".join(missing) if missing else
                     f"all {len(times)} pages within ≤ {SWITCH_TARGET:g} s"))
            browser.close()
    finally:
        stop(server)


if __name__ == "__main__":
    main()
