"""How smoothly does the Embeddings player animate in a real browser?

Starts the app (`streamlit run streamlit_app.py`) on a free port, opens the Embeddings page in
Debian's Chromium, clicks Play inside the player's iframe and counts the frames it draws over
3 seconds at each speed setting (the player sets `document.body.dataset.drawn` on every frame).
Prints frames per second (target: at least 10) and the size of the player document, then stops
the server.

Usage: python benchmarks/player_fps.py [--corpus FILE] [--seconds 3] [--speeds 10 30 60]
Without --corpus it uses corpus.txt (or, if that is missing, a small built-in text).
"""
import argparse
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.serve import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
FALLBACK_TEXT = "\n".join([
    "the king rules the kingdom with the queen", "the queen rules the kingdom with the king",
    "the prince is the son of the king", "the princess is the daughter of the queen",
    "a king and a queen live in the castle", "the royal king wears a golden crown",
    "the royal queen wears a silver crown", "the man works in the village",
    "the woman works in the village", "the man is the father of the boy",
    "the woman is the mother of the girl", "the dog chases the cat in the garden",
    "the cat chases the mouse in the house", "a dog is a loyal animal",
    "a cat is a clever animal", "the horse is a strong animal", "the mouse is a small animal",
    "the farmer eats bread and cheese", "the baker bakes bread in the village",
    "the girl drinks milk with bread", "the cat drinks milk in the house",
] * 2)


def measure(url: str, seconds: float, speeds: list[int]) -> dict:
    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        page.goto(url + "/embeddings")
        page.wait_for_selector("[data-testid='stApp']", timeout=60_000)
        iframe = page.locator("iframe[title^='Animated 2-D map']")
        iframe.wait_for(timeout=120_000)   # the page shows a progress bar while training
        iframe.scroll_into_view_if_needed()
        out["document_bytes"] = len((iframe.get_attribute("srcdoc") or "").encode())
        frame = page.frame_locator("iframe[title^='Animated 2-D map']")
        body = frame.locator("body[data-frame]")
        body.wait_for(timeout=30_000)
        out["frames"] = int(body.get_attribute("data-frames"))
        play = frame.locator("#play")
        for speed in speeds:
            frame.locator("#speed").select_option(str(speed))
            if play.get_attribute("aria-label") == "Pause":
                play.click()
            frame.locator("#scrub").fill("0")          # start from the beginning
            play.click()
            if play.get_attribute("aria-label") != "Pause":
                raise SystemExit("the Play button did not turn into Pause")
            drawn0, frame0 = int(body.get_attribute("data-drawn")), int(body.get_attribute("data-frame"))
            t0 = time.perf_counter()
            time.sleep(seconds)
            drawn1, frame1 = int(body.get_attribute("data-drawn")), int(body.get_attribute("data-frame"))
            elapsed = time.perf_counter() - t0
            play.click()                                # pause
            out[speed] = {"draws_per_s": (drawn1 - drawn0) / elapsed,
                          "frames_advanced_per_s": (frame1 - frame0) / elapsed}
        browser.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--speeds", type=int, nargs="+", default=[10, 30, 60])
    args = ap.parse_args()
    corpus = args.corpus
    tmp = tempfile.TemporaryDirectory()
    if corpus is None and not (ROOT / "corpus.txt").exists():
        corpus = Path(tmp.name) / "corpus.txt"
        corpus.write_text(FALLBACK_TEXT, encoding="utf-8")
        print("corpus.txt is missing: using a small built-in text")
    env = {"W2V_CORPUS": str(corpus)} if corpus is not None else {}
    try:
        with serve(env=env, log_path=Path(tmp.name) / "streamlit.log") as (url, _):
            result = measure(url, args.seconds, args.speeds)
    finally:
        tmp.cleanup()
    print(f"player document: {result['document_bytes'] / 1e6:.2f} MB, {result['frames']} frames")
    for speed in args.speeds:
        r = result[speed]
        print(f"speed setting {speed:>3} frames/s: drew {r['draws_per_s']:.1f} frames/s, "
              f"advanced {r['frames_advanced_per_s']:.1f} frames/s")
    best = max(result[speed]["draws_per_s"] for speed in args.speeds)
    print(f"player fps (highest draw rate): {best:.1f} — target >= 10: "
          f"{'ok' if best >= 10 else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
