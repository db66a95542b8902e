"""A whole lesson on one server, at the protocol level (tests/loadgen.py): does memory stay bounded?

1. A cold server (`streamlit run streamlit_app.py`, the repo's .streamlit/config.toml) and 30
   first visits at once (default settings, spread over the pages): all must draw their page.
2. 30 kept sessions (websockets left open, like open tabs) each keep trying new settings (a new
   seed and learning rate every time, so every visit is a distinct run) on several pages, until
   --runs distinct runs were asked for.
3. The sessions close; the server's RSS is followed for --idle seconds.

Prints the server's RSS every few seconds (with the runs done so far and the load average: the
machine is shared, so read each figure with the load it was taken under), the slowest page and
every failure. Target (issue 13): no failure, RSS after 200+ distinct runs ≤ 1.5 GB, and falling
back toward idle after the sessions close.

Usage: python benchmarks/soak.py [--sessions 30] [--runs 210] [--idle 60] [--run-idle 60] [--pages embeddings ...]
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests import loadgen  # noqa: E402
from tests.serve import serve  # noqa: E402

PAGES = ("embeddings", "loss_curve", "step_internals", "similarity", "model_vs_corpus")
FIRST_PAGES = ("corpus", "training_pairs", "model", "loss_curve", "embeddings", "step_internals",
               "similarity", "analogies", "model_vs_corpus", "quiz")
LRS = (0.05, 0.08, 0.1, 0.12, 0.15)


class Soak:
    def __init__(self, url: str, pid: int, runs: int, pages: tuple[str, ...] = PAGES):
        self.url, self.pid, self.runs, self.pages = url, pid, runs, pages
        self.counter = itertools.count()
        self.visits: list[loadgen.Visit] = []
        self.t0 = time.monotonic()

    def line(self, what: str) -> None:
        rss, peak = loadgen.memory_mb(self.pid)
        print(f"{time.monotonic() - self.t0:6.0f} s  RSS {rss:6.0f} MB (peak {peak:5.0f})  "
              f"runs {len(self.visits):4d}  cpu {loadgen.cpu_seconds(self.pid):6.0f} s  "
              f"[load {loadgen.load_average()}]  {what}", flush=True)

    async def monitor(self, every: float, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.line("")
            try:
                await asyncio.wait_for(stop.wait(), every)
            except TimeoutError:
                pass

    async def student(self, k: int) -> None:
        async with loadgen.Session(self.url) as tab:
            while True:
                n = next(self.counter)
                if n >= self.runs:
                    return
                page = self.pages[(n + k) % len(self.pages)]
                query = f"seed={5000 + n}&lr={LRS[n % len(LRS)]}"
                self.visits.append(await tab.visit(page, query, timeout=300))


def report(title: str, visits: list[loadgen.Visit]) -> None:
    times = [v.seconds for v in visits]
    print(f"{title}: {sum(v.ok for v in visits)} of {len(visits)} drew their page; "
          f"p50 {loadgen.percentile(times, 50):.2f} s, p95 {loadgen.percentile(times, 95):.2f} s, "
          f"max {max(times):.2f} s")
    by_page = defaultdict(list)
    for v in visits:
        by_page[v.page].append(v.seconds)
    slowest = max(by_page, key=lambda p: max(by_page[p]))
    print("  per page (p50 / max s): " + ", ".join(
        f"{p} {loadgen.percentile(t, 50):.2f}/{max(t):.2f}" for p, t in sorted(by_page.items()))
        + f"; slowest page: {slowest}")
    for v in visits:
        if not v.ok:
            print(f"  FAILED {v.page}?{v.query}: {v.failure or ''} {v.exceptions} {v.errors}")


async def soak(url: str, pid: int, sessions: int, runs: int, idle: float,
               pages: tuple[str, ...] = PAGES) -> None:
    s = Soak(url, pid, runs, pages)
    s.line("cold server")
    first = await loadgen.burst(url, [(FIRST_PAGES[i % len(FIRST_PAGES)], "")
                                      for i in range(sessions)], timeout=300)
    report(f"{sessions} first visits at once", first)
    s.line("after the first visits")
    stop = asyncio.Event()
    watch = asyncio.create_task(s.monitor(10.0, stop))
    await asyncio.gather(*(s.student(k) for k in range(sessions)))
    stop.set()
    await watch
    report(f"{sessions} kept sessions, {len(s.visits)} distinct runs", s.visits)
    s.line(f"after {len(s.visits)} runs, sessions closed")
    for _ in range(int(idle // 10)):
        await asyncio.sleep(10)
        s.line("idle")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=30)
    ap.add_argument("--runs", type=int, default=210)
    ap.add_argument("--idle", type=float, default=60)
    ap.add_argument("--pages", nargs="+", default=list(PAGES), help="pages the sessions visit")
    ap.add_argument("--run-idle", type=float, default=None,
                    help="seconds before the server drops a run nobody asked for "
                         "(W2V_RUN_IDLE_SECONDS; default the app's 20 min)")
    args = ap.parse_args()
    env = {} if args.run_idle is None else {"W2V_RUN_IDLE_SECONDS": str(args.run_idle)}
    with serve(env=env, flags=(), timeout=120) as (url, proc):
        asyncio.run(soak(url, proc.pid, args.sessions, args.runs, args.idle, tuple(args.pages)))


if __name__ == "__main__":
    main()
