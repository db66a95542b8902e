"""Streamlit sessions without a browser: the websocket protocol a browser speaks, to load a server.

A browser tab is one websocket to ws://host/_stcore/stream (subprotocol "streamlit"). On a page
load it sends one BackMsg, `rerun_script`, carrying the URL's query string and the page's name
(the path after the host, e.g. "embeddings"); the server answers with ForwardMsgs (new_session,
navigation, one `delta` per element drawn, ...) and ends every script run with `script_finished`.
Our settings live in the query string (the sidebar binds them to the URL), so a session asks for
its own run just by its query string. A run cut short by a rerun (a fresh server's first direct
link reruns through the entry: app/routing.py) ends with FINISHED_EARLY_FOR_RERUN and the server
goes on by itself; a visit is over at the first script_finished that is not that.

The server's own cost is read from /proc: CPU seconds (utime + stime) and resident memory (VmRSS,
and VmHWM, its peak since the process started).

    async with Session(url) as s:
        visit = await s.visit("embeddings", "seed=7&dim=12")   # Visit: seconds, bytes, errors
"""
from __future__ import annotations

import asyncio
import hashlib
import os
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

EARLY_FOR_RERUN = ForwardMsg.FINISHED_EARLY_FOR_RERUN
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024


@dataclass
class Visit:
    """One page load as the server answered it."""
    page: str
    query: str
    seconds: float = 0.0          # rerun_script sent → the visit's last script_finished
    bytes: int = 0                # ForwardMsg bytes received
    elements: int = 0             # elements drawn in the page's main area (not the sidebar)
    element_types: set = field(default_factory=set)
    exceptions: list = field(default_factory=list)   # st.exception / uncaught exception texts
    errors: list = field(default_factory=list)       # st.error texts
    metrics: dict = field(default_factory=dict)      # st.metric label → value, as drawn
    iframes: list = field(default_factory=list)      # sha256 of each st.iframe document
    finished: bool = False        # a script_finished other than "early for rerun" arrived
    failure: str | None = None    # transport failure or timeout

    @property
    def ok(self) -> bool:
        return self.finished and not self.exceptions and not self.errors and not self.failure


def stream_url(http_url: str) -> str:
    return http_url.replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream"


def rerun_message(page: str, query: str) -> bytes:
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page
    return msg.SerializeToString()


def read_into(visit: Visit, data: bytes) -> int | None:
    """Account one ForwardMsg to the visit; returns its script_finished status, if it is one."""
    msg = ForwardMsg()
    msg.ParseFromString(data)
    visit.bytes += len(data)
    kind = msg.WhichOneof("type")
    if kind == "script_finished":
        return msg.script_finished
    if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
        element = msg.delta.new_element
        etype = element.WhichOneof("type")
        path = list(msg.metadata.delta_path)
        if path and path[0] == 0:           # container 0 is the main area, 1 the sidebar
            visit.elements += 1
            visit.element_types.add(etype)
        if etype == "exception":
            visit.exceptions.append(f"{element.exception.type}: {element.exception.message}")
        elif etype == "alert" and element.alert.format == element.alert.ERROR:
            visit.errors.append(element.alert.body)
        elif etype == "metric":
            visit.metrics[element.metric.label] = element.metric.body
        elif etype == "iframe":
            visit.iframes.append(hashlib.sha256(element.iframe.srcdoc.encode()).hexdigest())
    return None


class Session:
    """One browser tab: a websocket that stays open across visits (its session state too)."""

    def __init__(self, url: str):
        self.url = url
        self.ws = None

    async def __aenter__(self) -> "Session":
        self.ws = await websockets.connect(stream_url(self.url), subprotocols=["streamlit"],
                                           max_size=None, open_timeout=60, ping_interval=None)
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    async def visit(self, page: str, query: str = "", timeout: float = 120.0) -> Visit:
        """Load `page` with `query` and read until its script has finished (or timeout)."""
        visit = Visit(page, query)
        t0 = time.monotonic()
        try:
            await self.ws.send(rerun_message(page, query))
            async with asyncio.timeout(timeout):
                while True:
                    status = read_into(visit, await self.ws.recv())
                    if status is not None and status != EARLY_FOR_RERUN:
                        visit.finished = True
                        break
        except TimeoutError:
            visit.failure = f"no script_finished within {timeout:g} s"
        except websockets.ConnectionClosed as e:
            visit.failure = f"connection closed: {e}"
        visit.seconds = time.monotonic() - t0
        return visit


async def one_visit(url: str, page: str, query: str = "", timeout: float = 120.0) -> Visit:
    """A first visit: a new session that loads one page, then leaves."""
    try:
        async with Session(url) as s:
            return await s.visit(page, query, timeout)
    except (OSError, websockets.InvalidHandshake, TimeoutError) as e:
        return Visit(page, query, failure=f"could not connect: {e!r}")


async def burst(url: str, visits: list[tuple[str, str]], timeout: float = 120.0) -> list[Visit]:
    """Every (page, query) as a new session, all at once."""
    return list(await asyncio.gather(*(one_visit(url, p, q, timeout) for p, q in visits)))


# -- the server's cost, from /proc -----------------------------------------------------------
def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds the process has used so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK   # utime, stime (fields 14, 15)


def memory_mb(pid: int) -> tuple[float, float]:
    """(resident MB now, peak resident MB since the process started)."""
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024   # kB
    return values["VmRSS"], values["VmHWM"]


def load_average() -> str:
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100), nearest rank; nan for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))   # ceil
    return ordered[int(rank) - 1]
