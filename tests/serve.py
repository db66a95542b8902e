"""Start `streamlit run streamlit_app.py` on a free port and wait until it answers /_stcore/health.

One way to serve the app for the browser tests and the benchmarks: `with serve() as (url, proc):`.
"""
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
QUIET = ["--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]


class NotHealthy(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise NotHealthy(f"streamlit exited with status {proc.returncode}")
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                return
        except OSError:
            time.sleep(0.1)
    raise NotHealthy(f"streamlit did not become healthy within {timeout:.0f} s")


def start(env: dict | None = None, log_path: Path | None = None, flags=QUIET):
    """Launch the server without waiting; returns (url, process).

    env adds to the environment (e.g. W2V_CORPUS); the log goes to log_path, else nowhere;
    flags are extra `streamlit run` options (QUIET by default; () keeps .streamlit/config.toml's).
    """
    port = free_port()
    log = open(log_path, "w") if log_path else subprocess.DEVNULL
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless",
         "true", "--server.port", str(port), *flags],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})
    if log_path:
        log.close()   # the child holds its own copy
    return f"http://127.0.0.1:{port}", proc


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@contextlib.contextmanager
def serve(env: dict | None = None, log_path: Path | None = None, flags=QUIET, timeout=60):
    """Yield (url, process) of a healthy server (arguments as for start); stop it on exit."""
    url, proc = start(env, log_path, flags)
    try:
        wait_healthy(url, proc, timeout)
        yield url, proc
    finally:
        stop(proc)
