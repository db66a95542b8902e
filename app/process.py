"""Process-wide settings for a server that runs many sessions' scripts in threads: the one place.

The entry calls setup() on every script run; it acts once per process.

- One thread for torch and for BLAS (the OpenBLAS behind numpy and scikit-learn). The arrays
  are small; on a busy two-core host BLAS's own worker threads fought the sessions for the cores,
  and the 2-D projection of a default run took 0.3–0.4 s instead of 0.03 s.
- glibc's allocator: at most MALLOC_ARENAS arenas (M_ARENA_MAX; by default up to 8 per core, one
  for each thread that finds the others busy, and memory freed in an arena mostly stays with the
  process), and every block above MMAP_THRESHOLD in its own mapping (M_MMAP_THRESHOLD; glibc
  otherwise raises the threshold after each big free, up to 32 MB, and then puts run-sized
  arrays in those arenas), so the memory of an evicted run goes back to the system.
- release(): malloc_trim(0), handing free arena pages back; the registry calls it after an
  eviction (app/state.py).

Outside glibc (macOS, musl) the allocator settings are skipped.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import threading

import torch
from threadpoolctl import threadpool_limits

M_MMAP_THRESHOLD, M_ARENA_MAX = -3, -8      # mallopt parameters, from glibc's <malloc.h>
MALLOC_ARENAS = 2
MMAP_THRESHOLD = 1024 * 1024

_lock = threading.Lock()
_done = False
_libc = None


def _glibc():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def setup() -> None:
    """Apply the settings above, once per process (later calls return at once)."""
    global _done, _libc
    if _done:
        return
    with _lock:
        if _done:
            return
        torch.set_num_threads(1)
        threadpool_limits(limits=1)     # process-wide: every BLAS library numpy/sklearn loaded
        _libc = _glibc()
        if _libc is not None:
            _libc.mallopt(M_ARENA_MAX, MALLOC_ARENAS)
            _libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
        _done = True


def release() -> None:
    """Give memory freed inside the allocator back to the system (glibc only)."""
    if _libc is not None:
        _libc.malloc_trim(0)
