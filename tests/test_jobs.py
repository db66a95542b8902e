"""The training job registry, without Streamlit: sharing, concurrency, bounds, errors, progress."""
import dataclasses
import threading
import time

import numpy as np
import pytest

import w2v
from app import jobs
from w2v import budget

FAST = w2v.TrainConfig(steps=200, dense_steps=20, record_interval=20)


def test_same_key_same_job_and_read_only_run(text):
    reg = jobs.JobRegistry()
    a, b = reg.get(FAST, text), reg.get(FAST, text)
    assert a is b
    assert a.wait(30) and a.error is None
    assert a.progress() == (jobs.DONE, 200, 200)
    with pytest.raises(ValueError):
        a.run.W[0, 0, 0] = 1.0            # shared runs are read-only
    assert reg.get(w2v.TrainConfig(steps=200, dense_steps=20, record_interval=20), text) is a
    assert reg.get(FAST, text + "\n") is not a   # another text is another key


def test_two_keys_train_and_projection_is_cached(text):
    reg = jobs.JobRegistry()
    a = reg.get(FAST, text)
    b = reg.get(w2v.TrainConfig(steps=150, dim=4), text)
    assert a.wait(30) and b.wait(30)
    assert a.run.steps_done == 200 and b.run.steps_done == 150
    p = a.projection("global_pca")
    assert p is a.projection("global_pca") and p.coords.shape[-1] == 2
    assert not p.coords.flags.writeable


def test_eviction_by_entries_and_bytes(text):
    reg = jobs.JobRegistry(max_entries=2)
    made = []
    for s in range(4):              # one after the other: least recently used is seed 0
        made.append(reg.get(w2v.TrainConfig(steps=100, seed=s), text))
        assert made[-1].wait(30)
    reg.trim()
    assert reg.stats().finished == 2
    assert reg.peek(made[0].key) is None and reg.peek(made[3].key) is made[3]

    one = nbytes = made[3].nbytes
    assert one > 0
    reg = jobs.JobRegistry(max_bytes=int(2.5 * nbytes))
    for s in range(5):
        assert reg.get(w2v.TrainConfig(steps=100, seed=s), text).wait(30)
    stats = reg.stats()
    assert stats.finished == 2 and stats.nbytes <= 2.5 * one


def test_idle_finished_runs_expire_even_the_last(text):
    released = []
    reg = jobs.JobRegistry(idle_after=600, on_evict=lambda: released.append(1))
    old, fresh = reg.get(FAST, text), reg.get(w2v.TrainConfig(steps=100), text)
    assert old.wait(30) and fresh.wait(30)
    old.last_seen -= 601            # nobody asked for it in the last ten minutes
    reg.trim()
    assert reg.peek(old.key) is None and reg.peek(fresh.key) is fresh and released == [1]
    fresh.last_seen -= 601          # the only run left goes too: memory falls after a lesson
    reg.trim()
    assert reg.stats().entries == 0 and released == [1, 1]
    assert reg.get(FAST, text) is not old     # asked again: trained again


def test_errors_propagate_and_refusals_are_remembered(text):
    reg = jobs.JobRegistry()
    bad = reg.get(FAST, "the of and")
    assert bad.wait(30) and isinstance(bad.error, w2v.CorpusError)
    assert bad.progress()[0] == jobs.FAILED and bad.run is None
    assert reg.get(FAST, "the of and") is bad

    # Too large as configured is adapted (recorded more sparsely), not refused ...
    big = w2v.TrainConfig(steps=20_000, dim=64, record_interval=1)
    assert jobs.check_size(big, text, limit=8 * jobs.MB).adapted
    # ... only what cannot fit even adapted is refused, with the reason.
    tiny_budget = jobs.JobRegistry(
        train_fn=lambda t, c, progress=None: w2v.train(t, c, progress, budget=jobs.MB // 4))
    job = tiny_budget.get(w2v.TrainConfig(steps=20_000, dim=64), text)
    assert job.wait(30) and isinstance(job.error, jobs.RunTooLarge)
    assert "Lower dim or steps" in str(job.error)
    assert tiny_budget.get(w2v.TrainConfig(steps=20_000, dim=64), text) is job

    def boom(text, config, progress=None):
        raise RuntimeError("out of luck")
    reg = jobs.JobRegistry(train_fn=boom)
    job = reg.get(FAST, text)
    assert job.wait(30) and isinstance(job.error, RuntimeError)
    assert reg.peek(job.key) is None            # unexpected failures are retried next time
    assert reg.get(FAST, text) is not job


def test_progress_is_monotone_and_concurrency_is_bounded(text):
    gate = threading.Event()
    running = []
    peak = [0]
    lock = threading.Lock()

    def slow(text, config, progress=None):
        with lock:
            running.append(config.seed)
            peak[0] = max(peak[0], len(running))
        for done in (10, 50, 30, 100):      # a stray smaller report must not move progress back
            progress(done, 100)
            time.sleep(0.01)
        gate.wait(10)
        with lock:
            running.remove(config.seed)
        return w2v.train(text, w2v.TrainConfig(steps=100, seed=config.seed))

    reg = jobs.JobRegistry(train_fn=slow, max_concurrent=2)
    made = [reg.get(w2v.TrainConfig(steps=100, seed=s), text) for s in range(3)]
    seen = []
    deadline = time.time() + 5
    while time.time() < deadline and sum(j.progress()[0] == jobs.RUNNING for j in made) < 2:
        seen.append(made[0].progress()[1])
        time.sleep(0.005)
    time.sleep(0.2)
    states = sorted(j.progress()[0] for j in made)
    assert states == [jobs.QUEUED, jobs.RUNNING, jobs.RUNNING]
    gate.set()
    for j in made:
        assert j.wait(30) and j.error is None
        seen.append(j.progress()[1])
    assert peak[0] == 2
    assert all(a <= b for a, b in zip(seen, seen[1:3]))
    assert made[0].progress() == (jobs.DONE, 100, 100)


def test_estimate_matches_a_real_run(text):
    config = w2v.TrainConfig(steps=300, dim=5, dense_steps=30, record_interval=7)
    run = w2v.train(text, config)
    assert budget.estimate_run_bytes(config, len(run.vocab)) == run.W.nbytes + run.W_prime.nbytes
    assert np.isfinite(run.losses).all()


def test_switching_pca_reuses_the_training(text):
    calls = []

    def counting_train(*args, **kwargs):
        calls.append(args[1])
        return w2v.train(*args, **kwargs)

    reg = jobs.JobRegistry(train_fn=counting_train)
    final = reg.get(FAST, text)
    assert final.wait(30) and final.run.config.pca == "final_pca"
    other = reg.get(dataclasses.replace(FAST, pca="global_pca"), text)
    assert other is not final and other.finished and other.error is None
    assert len(calls) == 1                              # trained once
    assert other.run.config.pca == "global_pca" and other.run.W is final.run.W
    assert other.projection().method == "global_pca"
    assert final.projection().method == "final_pca"


def test_a_finished_job_draws_its_map_axes_while_nobody_waits(text, monkeypatch):
    """The worker computes the run's projection after training, so the map pages find it."""
    computed = []
    project = jobs.project
    monkeypatch.setattr(jobs, "project", lambda run, method: computed.append(method) or
                        project(run, method))
    job = jobs.JobRegistry().get(FAST, text)
    assert job.wait(30) and job.error is None
    deadline = time.monotonic() + 10
    while FAST.pca not in job._projections and time.monotonic() < deadline:
        time.sleep(0.01)
    assert computed == [FAST.pca]
    first = job.projection()
    assert job.projection() is first and computed == [FAST.pca]   # computed once, kept
    assert np.array_equal(first.coords, w2v.project(job.run, FAST.pca).coords)


def test_a_queued_job_nobody_watches_is_dropped(text, monkeypatch):
    monkeypatch.setattr(jobs, "ABANDON_AFTER", 0.2)
    gate = threading.Event()

    def slow_train(*args, **kwargs):
        gate.wait(10)
        return w2v.train(*args, **kwargs)

    reg = jobs.JobRegistry(train_fn=slow_train, max_concurrent=1)
    busy = reg.get(FAST, text)                          # holds the only slot
    left = reg.get(dataclasses.replace(FAST, seed=1), text)      # nobody looks at it again
    watched = reg.get(dataclasses.replace(FAST, seed=2), text)

    def page_polling():                                 # a page drawing its progress bar
        while not watched.finished:
            watched.progress()
            time.sleep(0.02)

    poller = threading.Thread(target=page_polling, daemon=True)
    poller.start()
    time.sleep(0.6)                                     # `left` goes unasked meanwhile
    gate.set()
    assert busy.wait(30) and watched.wait(30)
    poller.join(5)
    deadline = time.monotonic() + 30
    while not left.finished and time.monotonic() < deadline:   # looking without asking
        time.sleep(0.01)
    assert busy.error is None and watched.error is None and watched.run is not None
    assert isinstance(left.error, jobs.Abandoned) and left.run is None
    assert reg.peek(left.key) is None                   # forgotten: asking again trains it
    again = reg.get(left.config, text)
    assert again is not left and again.wait(30) and again.error is None
