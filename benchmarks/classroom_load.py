"""A whole classroom on one server: 20 browser sessions at once, each training its own run.

Starts `streamlit run streamlit_app.py` on a free port (with the repo's .streamlit/config.toml),
opens one Chromium with N browser contexts (separate sessions, driven concurrently with the
async Playwright API) and points each at a page with its own settings (its own seed, dim and
steps, so every session trains). For each session it records the time until its page is fully
drawn: script state notRunning, no progress bar, no exception, and some result on the page.
Meanwhile a probe session keeps reloading an already cached page and records how long each load
takes (does training stall everyone else?), and the server's RSS is sampled every 0.5 s
(psutil if installed, else /proc/PID/status VmRSS).

An HTTP probe of /_stcore/health (no browser) measures the server's own responsiveness, and
the CPU seconds of the server and of the whole machine show who was busy: on a small machine
the 20 Chromium contexts of the load generator can use more CPU than the server.

Prints p50/p95/max time to finished page, probe latency p50/p95/max, health latency, CPU,
peak RSS and how many sessions got results. Everything stops after --cap seconds (default 240),
whatever happens.

Usage: python benchmarks/classroom_load.py [--sessions 20] [--cap 240] [--steps 15000]
                                           [--pages loss_curve embeddings]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.serve import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
RESULT = ("[data-testid='stMetric'], [data-testid='stVegaLiteChart'], "
          "[data-testid='stIFrame'], [data-testid='stDataFrame'], [data-testid='stTable']")


def rss_mb(pid: int) -> float | None:
    try:
        import psutil  # noqa: PLC0415 - optional
        return psutil.Process(pid).memory_info().rss / 2**20
    except ImportError:
        pass
    except Exception:  # noqa: BLE001 - the process may be gone
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) the process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def machine_busy_seconds() -> float:
    """CPU seconds all processes of the machine have been busy so far (summed over cores)."""
    try:
        v = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        return (sum(v) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


# Fully drawn: the script is not running and no training progress is on the page. The
# progress fragment's caption counts too: under load the page is briefly "notRunning" with the
# caption drawn but the progress bar not yet, which a check for stProgress alone takes for done.
FINISHED_JS = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!app || app.dataset.testScriptState !== 'notRunning') return false;
    if (document.querySelector("[data-testid='stProgress']")) return false;
    const main = document.querySelector("[data-testid='stMain']");
    if (!main || main.innerText.includes('the run continues in the background')) return false;
    // ... and something to show for it: a result, or an error the page explains.
    return !!main.querySelector(RESULT + ", [data-testid='stAlert'], [data-testid='stException']");
}""".replace("RESULT +", repr(RESULT) + " +")


STATE_JS = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    const bar = document.querySelector("[data-testid='stProgress']");
    return (app ? app.dataset.testScriptState : 'no app') + ' | '
        + (bar ? bar.innerText.trim().slice(0, 70) : 'no progress bar');
}"""


async def finished(page, timeout_s: float) -> None:
    """Wait until the page is fully drawn (twice in a row, 0.3 s apart)."""
    ms = timeout_s * 1000
    await page.wait_for_timeout(300)
    await page.wait_for_function(FINISHED_JS, timeout=ms, polling=100)
    await page.wait_for_timeout(300)
    await page.wait_for_function(FINISHED_JS, timeout=ms, polling=100)


async def student(browser, url: str, i: int, timeout_s: float, results: list) -> None:
    ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await ctx.new_page()
    t0 = time.perf_counter()
    row = {"session": i, "url": url, "seconds": None, "ok": False, "error": None}
    try:
        await page.goto(url, timeout=timeout_s * 1000)
        await finished(page, max(1.0, timeout_s - (time.perf_counter() - t0)))
        row["seconds"] = time.perf_counter() - t0
        exceptions = await page.locator("[data-testid='stException']").count()
        drawn = await page.locator(RESULT).count()
        row["ok"] = exceptions == 0 and drawn > 0
        if not row["ok"]:
            shown = (await page.locator("[data-testid='stMain']").inner_text())[:300]
            row["error"] = (f"{exceptions} exceptions, {drawn} result elements; page: "
                            + " ".join(shown.split()))
    except Exception as e:  # noqa: BLE001 - reported per session
        row["error"] = f"{type(e).__name__}: {str(e).splitlines()[0][:80]}"
        try:   # where it was stuck: queued, training (how far), or drawing
            state = await page.evaluate(STATE_JS)
            row["error"] += f"; at the end: {state}"
        except Exception:  # noqa: BLE001
            pass
    finally:
        results.append(row)
        await ctx.close()


async def probe(browser, url: str, stop: asyncio.Event, latencies: list) -> None:
    """Reload an already cached page until told to stop; record each load's time."""
    ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await ctx.new_page()
    try:
        while not stop.is_set():
            t0 = time.perf_counter()
            try:
                await page.goto(url, timeout=60_000)
                await finished(page, 60)
                latencies.append(time.perf_counter() - t0)
            except Exception:  # noqa: BLE001 - a timed-out probe counts as 60 s
                latencies.append(60.0)
            await asyncio.sleep(0.2)
    finally:
        await ctx.close()


async def health_probe(url: str, stop: asyncio.Event, latencies: list) -> None:
    """The server's own responsiveness, no browser involved: GET /_stcore/health every 0.25 s.
    Its latency is the event loop's delay (GIL held by training or script runs)."""
    def get() -> float:
        t0 = time.perf_counter()
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=30).read()
        except OSError:
            return 30.0
        return time.perf_counter() - t0
    while not stop.is_set():
        latencies.append(await asyncio.to_thread(get))
        await asyncio.sleep(0.25)


async def sample_rss(pid: int, stop: asyncio.Event, samples: list) -> None:
    while not stop.is_set():
        value = rss_mb(pid)
        if value is not None:
            samples.append(value)
        await asyncio.sleep(0.5)


async def main_async(args, base: str, pid: int) -> dict:
    pages = args.pages
    urls = [f"{base}/{pages[i % len(pages)]}?seed={100 + i}&dim={4 + (i % 5) * 4}"
            f"&steps={args.steps + 100 * i}" for i in range(args.sessions)]
    probe_url = f"{base}/model?steps=2000"
    results, latencies, rss = [], [], []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM,
                                          args=[*CHROMIUM_ARGS, "--disable-dev-shm-usage"])
        stop = asyncio.Event()
        sampler = asyncio.create_task(sample_rss(pid, stop, rss))
        # Warm the probe's page (its run and the process's imports) before the class arrives.
        warm = await browser.new_context()
        wp = await warm.new_page()
        await wp.goto(probe_url)
        await finished(wp, 120)
        await warm.close()
        idle_rss = rss[-1] if rss else rss_mb(pid)
        baseline: list[float] = []
        base_stop = asyncio.Event()
        base_task = asyncio.create_task(probe(browser, probe_url, base_stop, baseline))
        await asyncio.sleep(5)
        base_stop.set()
        await base_task

        prober = asyncio.create_task(probe(browser, probe_url, stop, latencies))
        healths: list[float] = []
        health = asyncio.create_task(health_probe(base, stop, healths))
        t0 = time.perf_counter()
        cpu0, busy0 = cpu_seconds(pid), machine_busy_seconds()
        students = [asyncio.create_task(student(browser, u, i, args.cap - 10, results))
                    for i, u in enumerate(urls)]
        done, pending = await asyncio.wait(students, timeout=args.cap)
        for t in pending:
            t.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        wall = time.perf_counter() - t0
        server_cpu, busy = cpu_seconds(pid) - cpu0, machine_busy_seconds() - busy0
        stop.set()
        await asyncio.gather(prober, sampler, health, return_exceptions=True)
        await browser.close()
    return {"results": results, "latencies": latencies, "baseline": baseline, "rss": rss,
            "idle_rss": idle_rss, "wall": wall, "timed_out": len(pending),
            "server_cpu": server_cpu, "busy": busy, "health": healths}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--cap", type=float, default=240, help="total seconds before everything stops")
    ap.add_argument("--steps", type=int, default=15000, help="base steps (session i adds 100·i)")
    ap.add_argument("--pages", nargs="+", default=["loss_curve", "embeddings"])
    args = ap.parse_args()
    assert Path(CHROMIUM).exists(), "Debian's chromium is required (apt-get install chromium)"

    log_path = Path(tempfile.gettempdir()) / f"classroom_load_{os.getpid()}.log"
    # flags=(): the repo's .streamlit/config.toml as a class would run it
    with serve(log_path=log_path, flags=()) as (url, proc):
        out = asyncio.run(asyncio.wait_for(main_async(args, url, proc.pid),
                                           timeout=args.cap + 120))

    rows = sorted(out["results"], key=lambda r: r["session"])
    times = [r["seconds"] for r in rows if r["seconds"] is not None]
    ok = sum(r["ok"] for r in rows)
    print(f"{args.sessions} sessions, pages {', '.join(args.pages)}, steps {args.steps}+100·i, "
          f"{os.cpu_count()} CPUs, wall {out['wall']:.1f} s (cap {args.cap:.0f} s)")
    print(f"time to finished page: p50 {pct(times, .5):.1f} s, p95 {pct(times, .95):.1f} s, "
          f"max {max(times, default=float('nan')):.1f} s")
    for page in args.pages:
        t = [r["seconds"] for r in rows if r["seconds"] is not None and f"/{page}?" in r["url"]]
        print(f"  {page}: n={len(t)}, p50 {pct(t, .5):.1f} s, "
              f"max {max(t, default=float('nan')):.1f} s")
    lat, base = out["latencies"], out["baseline"]
    print(f"probe (cached /model) alone: n={len(base)}, p50 {pct(base, .5):.2f} s, "
          f"max {max(base, default=float('nan')):.2f} s")
    print(f"probe during the class: n={len(lat)}, p50 {pct(lat, .5):.2f} s, "
          f"p95 {pct(lat, .95):.2f} s, max {max(lat, default=float('nan')):.2f} s")
    h = out["health"]
    print(f"/_stcore/health during the class (server only, no browser): n={len(h)}, "
          f"p50 {pct(h, .5) * 1000:.0f} ms, p95 {pct(h, .95) * 1000:.0f} ms, "
          f"max {max(h, default=float('nan')) * 1000:.0f} ms")
    print(f"server RSS: idle {out['idle_rss']:.0f} MB, peak {max(out['rss'], default=0):.0f} MB")
    print(f"CPU during the class: server {out['server_cpu']:.0f} s, whole machine "
          f"{out['busy']:.0f} s of {out['wall'] * (os.cpu_count() or 1):.0f} s available "
          f"(the rest is mostly Chromium)")
    print(f"sessions with results: {ok}/{args.sessions}"
          + (f" ({out['timed_out']} stopped at the cap)" if out["timed_out"] else ""))
    for r in rows:
        if not r["ok"]:
            print(f"  session {r['session']} ({r['url']}): {r['error']}")
    print(f"server log: {log_path}")


if __name__ == "__main__":
    main()
