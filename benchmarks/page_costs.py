"""What each page costs before the browser draws it: the server's script and what it sends.

Protocol level (tests/loadgen.py, no browser): one session on the default settings visits every
page once (training the run and each page's cached derivations), then each page three more
times; per page it prints the best script time (rerun sent → script_finished), the bytes sent,
and the charts: how many, their data rows in all and in the largest one. Compare with
benchmarks/page_timings.py (the same switch in Chromium): the difference is the browser's
share (React, Vega's dataflow and drawing), which grows with charts and rows, not bytes.

Usage: python benchmarks/page_costs.py [page ...]     (page names as in the URL, e.g. similarity)
"""
from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import pyarrow as pa
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests import loadgen  # noqa: E402
from tests.serve import serve  # noqa: E402

PAGES = ["corpus", "training_pairs", "model", "loss_curve", "embeddings", "step_internals",
         "similarity", "analogies", "experiments", "model_vs_corpus", "quiz"]


def chart_rows(chart) -> int:
    """Data rows a Vega-Lite element carries (its named datasets and its main data)."""
    tables = [d.data.data for d in chart.datasets] + ([chart.data.data] if chart.data.data else [])
    return sum(pa.ipc.open_stream(t).read_all().num_rows for t in tables)


async def visit(session: loadgen.Session, page: str) -> tuple[float, int, list[int]]:
    """(script seconds, bytes received, rows of each chart) of one visit."""
    await session.ws.send(loadgen.rerun_message(page, ""))
    t0, size, charts = time.monotonic(), 0, []
    while True:
        data = await session.ws.recv()
        size += len(data)
        msg = ForwardMsg()
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type")
        if kind == "script_finished" and msg.script_finished != loadgen.EARLY_FOR_RERUN:
            return time.monotonic() - t0, size, charts
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "vega_lite_chart":
                charts.append(chart_rows(element.vega_lite_chart))


async def main(url: str, pages: list[str]) -> None:
    async with loadgen.Session(url) as session:
        first = {page: (await visit(session, page))[0] for page in pages}
        print(f"{'page':16s} {'first':>7s} {'cached':>7s} {'sent':>8s} {'charts':>6s} "
              f"{'rows':>7s} {'largest':>7s}")
        for page in pages:
            runs = [await visit(session, page) for _ in range(3)]
            seconds, size, charts = min(runs)
            print(f"{page:16s} {first[page]:6.2f}s {seconds:6.3f}s {size / 1e3:6.0f}kB "
                  f"{len(charts):6d} {sum(charts):7,d} {max(charts, default=0):7,d}", flush=True)


if __name__ == "__main__":
    with serve() as (url, proc):
        asyncio.run(main(url, sys.argv[1:] or PAGES))
