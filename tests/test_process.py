"""The server's process-wide settings (app/process.py) and the registry's eviction hook."""
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np

import w2v
from app import jobs, process

ROOT = Path(__file__).resolve().parents[1]


def test_setup_limits_torch_and_blas_to_one_thread_and_is_idempotent():
    # In a fresh process, as on a server: `app` loads the library (and its BLAS) first.
    code = ("import torch; from threadpoolctl import threadpool_info; from app import process; "
            "process.setup(); process.setup(); process.release(); "
            "print(torch.get_num_threads(), sorted({p['num_threads'] for p in threadpool_info()}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True,
                         text=True).stdout.strip().split(maxsplit=1)
    assert out == ["1", "[1]"]
    process.release()                      # safe to call at any time, in any process
    assert np.ones((64, 8)) @ np.ones(8) @ np.ones(64) == 512.0


def test_the_registry_calls_its_eviction_hook_only_when_it_evicted(text):
    calls = []
    registry = jobs.JobRegistry(max_entries=1, on_evict=lambda: calls.append(1))
    config = w2v.TrainConfig(steps=200, dense_steps=20, record_interval=20)
    first = registry.get(config, text)
    assert first.wait(60) and calls == []
    second = registry.get(w2v.TrainConfig(steps=200, dense_steps=20, record_interval=20, seed=7),
                          text)
    assert second.wait(60)
    deadline = threading.Event()
    for _ in range(50):                    # the hook runs in the worker, just after it finished
        if calls:
            break
        deadline.wait(0.05)
    assert calls == [1]
    assert registry.peek(first.key) is None and registry.peek(second.key) is second
