"""Page timings in a real browser: cold start, a retrain after a sidebar change, page switches.

Starts `streamlit run` on a free port, drives Debian's Chromium with Playwright and prints:
  cold start   : process start → first page fully drawn (script idle, no progress bar)
  dim change   : Embeddings page, dim 8 → 16 in the sidebar → page redrawn with the new run
  page switch  : clicking each page in the navigation with the run cached → page drawn
Targets (issue): cold start ≤ 8 s, dim change ≤ 3 s, page switch ≤ 1 s.
Usage: python benchmarks/page_timings.py
"""
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["Training pairs", "Model", "Loss curve", "Embeddings", "Step internals", "Similarity",
         "Analogies", "Experiments", "Model vs corpus", "Quiz", "Corpus"]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def drawn(page, timeout=120):
    """Wait until the script is idle with no progress bar, twice (a rerun may follow)."""
    page.wait_for_timeout(100)
    for _ in range(2):
        page.wait_for_selector(IDLE, timeout=timeout * 1000)
        page.wait_for_function("!document.querySelector(\"[data-testid='stProgress']\")",
                               timeout=timeout * 1000)
        page.wait_for_timeout(50)


def main():
    port = free_port()
    t0 = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update"])
            t_browser = time.perf_counter() - t0
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            while True:
                try:
                    if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                        break
                except OSError:
                    time.sleep(0.05)
            page.goto(url)
            drawn(page)
            cold = time.perf_counter() - t0
            print(f"cold start: {cold:.2f} s (target ≤ 8 s; includes {t_browser:.2f} s of "
                  f"browser launch overlapping the server start)")

            nav = page.locator("[data-testid='stSidebarNavLink']")
            nav.filter(has_text="Embeddings").first.click()
            drawn(page)
            # Drag the dim thumb once, as a person would (8 → about 16 on the 1..64 range):
            # a single change, a single retrain.
            sidebar = page.locator("[data-testid='stSidebar']")
            thumb = sidebar.get_by_role("slider").first.bounding_box()
            track = sidebar.locator("[data-testid='stSlider']").first.bounding_box()
            x0, y0 = thumb["x"] + thumb["width"] / 2, thumb["y"] + thumb["height"] / 2
            t = time.perf_counter()
            page.mouse.move(x0, y0)
            page.mouse.down()
            page.mouse.move(x0 + track["width"] * 8 / 63, y0, steps=5)
            page.mouse.up()
            page.wait_for_function("location.search.includes('dim=')", timeout=30000)
            dim = page.evaluate("new URLSearchParams(location.search).get('dim')")
            drawn(page)
            print(f"dim 8 → {dim} on Embeddings, redrawn: {time.perf_counter() - t:.2f} s "
                  f"(target ≤ 3 s)")

            times = {}
            for title in PAGES:
                t = time.perf_counter()
                nav.filter(has_text=title).first.click()
                drawn(page)
                times[title] = time.perf_counter() - t
            for title, s in times.items():
                print(f"  switch to {title:<16} {s:.2f} s")
            print(f"page switch with a cached run: median {statistics.median(times.values()):.2f} s,"
                  f" max {max(times.values()):.2f} s (target ≤ 1 s)")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
