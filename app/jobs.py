"""A registry of training jobs shared by every session of a server (app glue, no Streamlit in it).

The command line never uses it: it trains once, in its own thread.

One job per (configuration, sha256 of the text). A job trains in its own worker thread, so a
page that asked for it can stop, rerun or go away without losing the work; the page only polls
`job.progress()`. At most `max_concurrent` jobs train at once (the others report "queued").
Finished jobs are kept for instant revisits, least recently used first out, within two bounds:
`max_entries` finished jobs and `max_bytes` of their arrays. A single run too large for the
per-run budget (budget.RUN_BUDGET, 300 MB) is recorded more sparsely (budget.plan); only a run
that cannot fit even then is refused before it starts, with a reason a person understands.
A queued job that nobody has asked about for ABANDON_AFTER seconds when its turn comes is
dropped untrained, so clicking through twenty settings does not queue twenty trainings. Two
settings that differ only in pca share one training (the axes are drawn afterwards).

A finished run nobody has asked for in IDLE_AFTER seconds is dropped too (even the last one),
so the server's memory falls back after a lesson; a registry made with `sweep=True` checks
for that every SWEEP_EVERY seconds in a daemon thread, so it happens without any traffic.

A finished run is shared by every caller: its arrays are made read-only before it is published.
"""
from __future__ import annotations

import dataclasses
import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable

import numpy as np

from w2v import budget
from w2v.budget import RunTooLarge
from w2v.config import PCA_METHODS, TrainConfig
from w2v.corpus import CorpusError, load_corpus
from w2v.projection import Projection, project
from w2v.run import Run
from w2v.training import train

MB = 1024 * 1024
MAX_ENTRIES = 24            # finished jobs kept
MAX_BYTES = 512 * MB        # arrays of the finished jobs kept (runs and their projections)
MAX_RUN_BYTES = budget.RUN_BUDGET   # one run (see budget.py), estimated before it trains
MAX_CONCURRENT = 2          # trainings at once; the rest wait, "queued"
ABANDON_AFTER = 30.0        # s: a queued job nobody has looked at for this long is dropped
IDLE_AFTER = 20 * 60.0      # s: a finished job nobody has asked for in this long is dropped
SWEEP_EVERY = 60.0          # s: how often a sweeping registry looks for idle jobs


class Abandoned(Exception):
    """Nobody was waiting for a queued job when its turn came, so it did not train."""

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


def text_sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_size(config: TrainConfig, text: str, limit: int = MAX_RUN_BYTES) -> budget.RecordPlan:
    """The record plan; raises CorpusError or RunTooLarge if the run cannot start at all."""
    return budget.plan(len(load_corpus(text, config.min_count).vocab), config, limit)


def nbytes_of(obj) -> int:
    """Bytes held by the numpy arrays among an object's attributes."""
    return sum(v.nbytes for v in vars(obj).values() if isinstance(v, np.ndarray))


def freeze(run: Run) -> Run:
    for v in vars(run).values():
        if isinstance(v, np.ndarray):
            v.setflags(write=False)
    return run


class Job:
    """One training run in a worker thread. Read its state through progress() and result()."""

    def __init__(self, key, config: TrainConfig, text: str):
        self.key = key
        self.config = config
        self._text = text
        self._lock = threading.Lock()
        self._finished = threading.Event()
        self.state = QUEUED
        self.done = 0
        self.total = config.steps
        self.run: Run | None = None
        self.error: BaseException | None = None
        self.created = self.last_seen = time.monotonic()
        self.seconds: float | None = None     # training time, once finished
        self._projections: dict[str, Projection] = {}

    # -- read side (any thread) ---------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self._finished.is_set()

    def seen(self) -> None:
        """Someone still wants this job (every get, wait and progress call says so)."""
        self.last_seen = time.monotonic()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job has finished (True) or the timeout passed (False)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            self.seen()
            left = 1.0 if deadline is None else min(1.0, deadline - time.monotonic())
            if self._finished.wait(max(0.0, left)):
                return True
            if deadline is not None and time.monotonic() >= deadline:
                return False

    def progress(self) -> tuple[str, int, int]:
        """(state, steps done, steps in total); steps done never decreases."""
        self.seen()
        with self._lock:
            return self.state, self.done, self.total

    @property
    def nbytes(self) -> int:
        with self._lock:
            run_bytes = 0
            if self.run is not None:
                run_bytes = nbytes_of(self.run)
            return run_bytes + sum(p.coords.nbytes for p in self._projections.values())

    def projection(self, method: str | None = None) -> Projection:
        """The run's 2-D projection, computed once per method and kept with the job."""
        if self.run is None:
            raise RuntimeError("the job has no run")
        method = method or self.config.pca
        with self._lock:
            cached = self._projections.get(method)
        if cached is not None:
            return cached
        proj = project(self.run, method)
        proj.coords.setflags(write=False)
        proj.variance_explained.setflags(write=False)
        with self._lock:
            return self._projections.setdefault(method, proj)

    def adopt(self, run: Run) -> None:
        """Finish at once with a run trained under another key: the same training, other axes."""
        with self._lock:
            self.run = dataclasses.replace(run, config=self.config)   # arrays shared, not copied
            self.state, self.done, self.seconds = DONE, run.steps_done, 0.0
            self._text = None
        self._finished.set()

    # -- worker side --------------------------------------------------------------------------
    def _report(self, done: int, total: int) -> None:
        with self._lock:
            self.done = max(self.done, min(done, total))

    def _work(self, semaphore: threading.BoundedSemaphore, train_fn, on_finish) -> None:
        t0 = time.monotonic()
        try:
            with semaphore:
                if time.monotonic() - self.last_seen > ABANDON_AFTER:
                    # Its page was left (a student clicked on to other settings): the slot
                    # goes to someone who is waiting. Asking again later starts a new job.
                    raise Abandoned(f"nobody asked for it in the last {ABANDON_AFTER:g} s")
                with self._lock:
                    self.state = RUNNING
                # train() applies the per-run budget (budget.plan) before it allocates.
                run = freeze(train_fn(self._text, self.config, progress=self._report))
            with self._lock:
                self.run, self.state = run, DONE
                self.done = max(self.done, run.steps_done)
        except BaseException as e:  # noqa: BLE001 - handed to whoever looks at the job
            with self._lock:
                self.error, self.state = e, FAILED
        finally:
            self.seconds = time.monotonic() - t0
            self._text = None   # the registry keys on its hash; drop the copy
            self._finished.set()
            on_finish(self)
        if self.run is not None:
            # The map's axes, while nobody waits (0.03 s for a default run; the first one in a
            # process also loads scikit-learn, about 1 s): the Embeddings and Step internals
            # pages then find them ready. A failure is left to the page that asks (it reports it).
            try:
                self.projection()
            except Exception:  # noqa: BLE001
                pass


@dataclass
class RegistryStats:
    entries: int
    finished: int
    in_flight: int
    nbytes: int


class JobRegistry:
    """Thread-safe map (config, sha256(text)) → Job, bounded as described in the module doc."""

    def __init__(self, train_fn: Callable = train, max_entries: int = MAX_ENTRIES,
                 max_bytes: int = MAX_BYTES, max_concurrent: int = MAX_CONCURRENT,
                 on_evict: Callable[[], None] | None = None, idle_after: float = IDLE_AFTER,
                 sweep: bool = False):
        self._train = train_fn
        self.idle_after = idle_after
        self._on_evict = on_evict     # called (without the lock) after jobs were dropped
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._semaphore = threading.BoundedSemaphore(max_concurrent)
        self._lock = threading.Lock()
        self._jobs: OrderedDict[tuple, Job] = OrderedDict()   # least recently used first
        if sweep:
            threading.Thread(target=self._sweep, name="w2v-registry-sweep", daemon=True).start()

    def _sweep(self) -> None:
        while True:
            time.sleep(SWEEP_EVERY)
            self.trim()

    @staticmethod
    def key(config: TrainConfig, text: str) -> tuple:
        return (config, text_sha(text))

    def get(self, config: TrainConfig, text: str) -> Job:
        """The job for these settings: the existing one (marked recently used) or a new one."""
        key = self.key(config, text)
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and not isinstance(job.error, Abandoned):
                self._jobs.move_to_end(key)
                job.seen()
                return job
            job = Job(key, config, text)
            self._jobs[key] = job
            twin = self._trained_twin(key)
            if twin is not None:
                job.adopt(twin.run)
                return job
        threading.Thread(target=job._work, args=(self._semaphore, self._train, self._finished),
                         name=f"w2v-train-{key[1][:8]}", daemon=True).start()
        return job

    def _trained_twin(self, key) -> Job | None:
        """A finished job whose settings differ from `key`'s only in pca (caller holds the lock).

        The 2-D axes are drawn after training, so switching final_pca ↔ global_pca reuses the
        weights instead of training the same 15,000 steps again."""
        config, sha = key
        for method in PCA_METHODS:
            twin = self._jobs.get((dataclasses.replace(config, pca=method), sha))
            if twin is not None and twin.key != key and twin.finished and twin.run is not None:
                return twin
        return None

    def peek(self, key) -> Job | None:
        """The job under a key if the registry still holds it (does not count as a use)."""
        with self._lock:
            return self._jobs.get(key)

    def _finished(self, job: Job) -> None:
        with self._lock:
            if self._jobs.get(job.key) is job:
                self._jobs.move_to_end(job.key)   # just finished counts as just used
            if job.error is not None and not isinstance(job.error, ValueError):
                # An unexpected failure (e.g. out of memory) is not remembered: a later
                # visit retries. Readable refusals (CorpusError, RunTooLarge) are remembered.
                if self._jobs.get(job.key) is job:
                    del self._jobs[job.key]
            evicted = self._evict()
        self._evicted(evicted)

    def trim(self) -> None:
        """Apply the bounds now (projections grow a job after it finished; jobs go idle)."""
        with self._lock:
            evicted = self._evict()
        self._evicted(evicted)

    def _evicted(self, count: int) -> None:
        if count and self._on_evict is not None:
            self._on_evict()

    def _evict(self) -> int:
        """Drop idle finished jobs, then least recently used ones until within bounds → how many
        were dropped."""
        # Only finished jobs are evicted; a running or queued job always stays reachable.
        now = time.monotonic()
        idle = [k for k, j in self._jobs.items() if j.finished and now - j.last_seen > self.idle_after]
        for k in idle:
            del self._jobs[k]
        dropped = len(idle)
        while True:
            finished = [k for k, j in self._jobs.items() if j.finished]
            total = sum(self._jobs[k].nbytes for k in finished)
            if len(finished) <= self.max_entries and total <= self.max_bytes:
                return dropped
            if len(finished) <= 1:   # never evict the only finished run someone may be reading
                return dropped
            del self._jobs[finished[0]]
            dropped += 1

    def stats(self) -> RegistryStats:
        with self._lock:
            jobs = list(self._jobs.values())
        done = [j for j in jobs if j.finished]
        return RegistryStats(entries=len(jobs), finished=len(done),
                             in_flight=len(jobs) - len(done),
                             nbytes=sum(j.nbytes for j in done))


__all__ = ["Job", "JobRegistry", "Abandoned", "ABANDON_AFTER", "IDLE_AFTER", "RunTooLarge", "CorpusError", "check_size",
           "text_sha", "QUEUED", "RUNNING", "DONE", "FAILED",
           "MAX_ENTRIES", "MAX_BYTES", "MAX_RUN_BYTES", "MAX_CONCURRENT"]
