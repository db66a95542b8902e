"""A class of thirty at once, measured at the protocol level (no browsers): tests/loadgen.py.

Starts a cold server (`streamlit run streamlit_app.py` with the repo's .streamlit/config.toml),
warms it with one visit (imports, the engine's compiled code), then:

1. one session alone on new settings of the chosen page (it trains): its time;
2. N sessions at once, each on its own settings (own seed and learning rate, so every one of
   them trains), each timed from its rerun_script to its script_finished.

Prints p50/p95/max, failures, the server's CPU seconds for the burst, its RSS before and after and
its peak (VmHWM), and the load average with each figure: the machine is shared, so read figures
next to the load they were measured under. Targets (issue 12): all finish, p95 ≤ 8 s, peak RSS ≤
1.5 GB, one session alone ≤ 1 s.

Usage: python benchmarks/load.py [--sessions 30] [--page embeddings] [--steps 15000]
"""
from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests import loadgen  # noqa: E402
from tests.serve import serve  # noqa: E402

LRS = (0.05, 0.08, 0.1, 0.12, 0.15)


def settings(i: int, steps: int) -> str:
    return f"seed={1000 + i}&lr={LRS[i % len(LRS)]}&steps={steps}"


def summary(visits: list[loadgen.Visit]) -> str:
    times = [v.seconds for v in visits]
    return (f"p50 {loadgen.percentile(times, 50):.2f} s, p95 {loadgen.percentile(times, 95):.2f} s, "
            f"max {max(times):.2f} s; {sum(v.ok for v in visits)} of {len(visits)} drew their page")


async def measure(url: str, pid: int, sessions: int, page: str, steps: int) -> None:
    t0 = time.monotonic()
    warm = await loadgen.one_visit(url, page, settings(-1, steps), timeout=300)
    print(f"cold server, first visit: {warm.seconds:.2f} s (ok={warm.ok})   "
          f"[load {loadgen.load_average()}]")
    alone = [await loadgen.one_visit(url, page, settings(-2 - k, steps)) for k in range(3)]
    print(f"one session alone, new settings: "
          f"{', '.join(f'{v.seconds:.2f}' for v in alone)} s; {alone[-1].bytes / 1e6:.2f} MB sent"
          f"   [load {loadgen.load_average()}]")
    rss0, _ = loadgen.memory_mb(pid)
    cpu0 = loadgen.cpu_seconds(pid)
    t1 = time.monotonic()
    visits = await loadgen.burst(url, [(page, settings(i, steps)) for i in range(sessions)])
    wall = time.monotonic() - t1
    cpu = loadgen.cpu_seconds(pid) - cpu0
    rss1, peak = loadgen.memory_mb(pid)
    print(f"{sessions} sessions at once on {page}: {summary(visits)}   "
          f"[load {loadgen.load_average()}]")
    print(f"  burst wall {wall:.1f} s, server CPU {cpu:.1f} s ({cpu / wall:.2f} cores)")
    print(f"  server RSS {rss0:.0f} MB before, {rss1:.0f} MB after, peak {peak:.0f} MB "
          f"(since start); {sum(v.bytes for v in visits) / 1e6:.1f} MB sent")
    for v in visits:
        if not v.ok:
            print(f"  FAILED {v.query}: {v.failure or ''} {v.exceptions} {v.errors}")
    print(f"total {time.monotonic() - t0:.0f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=30)
    ap.add_argument("--page", default="embeddings")
    ap.add_argument("--steps", type=int, default=15000)
    args = ap.parse_args()
    with serve(flags=(), timeout=120) as (url, proc):
        asyncio.run(measure(url, proc.pid, args.sessions, args.page, args.steps))


if __name__ == "__main__":
    main()
