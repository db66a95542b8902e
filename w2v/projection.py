"""2-D views of the embeddings: one PCA for every frame, so movement on screen is real."""
import threading
from dataclasses import dataclass

import numpy as np

from .run import Run

_IMPORT_LOCK = threading.Lock()


def _sklearn_pca():
    """scikit-learn's PCA class, imported on the first projection rather than with the library:
    it is the slowest import of a server's cold start (about 1 s, with SciPy), and the first
    page needs no map. Under a lock, so two sessions' threads never import it at once."""
    with _IMPORT_LOCK:
        from sklearn.decomposition import PCA
    return PCA


@dataclass(frozen=True)
class Projection:
    method: str
    coords: np.ndarray              # (R, V, 2) each recorded W in the shared 2-D axes
    variance_explained: np.ndarray  # (2,) fraction of variance each axis keeps
    # The PCA itself, so any d-vector can be placed in the same axes (None: built without it).
    components: np.ndarray | None = None   # (2, d) the axes; a zero row where d < 2
    mean: np.ndarray | None = None         # (d,) the centre the PCA subtracts

    def _axes(self) -> np.ndarray:
        if self.components is None:
            raise ValueError("this Projection was built without its PCA components")
        return self.components

    def transform(self, x: np.ndarray) -> np.ndarray:
        """Positions: p(x) = (x − mean)·componentsᵀ, for one d-vector or rows of them."""
        axes = self._axes()
        if self.mean is None:
            raise ValueError("this Projection was built without its PCA mean")
        return (np.asarray(x, dtype=np.float64) - self.mean) @ axes.T

    def direction(self, delta: np.ndarray) -> np.ndarray:
        """Directions (differences of positions): D(δ) = δ·componentsᵀ, linear, no mean."""
        return np.asarray(delta, dtype=np.float64) @ self._axes().T


# Rows of float64 handled at a time by the chunked passes over the snapshots (~8 MB each).
_CHUNK_VALUES = 1 << 20


def _recording_chunks(W: np.ndarray):
    """(R, V, d) snapshots as float64 (rows, d) blocks of whole recordings, ~8 MB at a time."""
    R, V, d = W.shape
    step = max(1, _CHUNK_VALUES // max(1, V * d))
    for lo in range(0, R, step):
        yield lo, W[lo:lo + step].astype(np.float64).reshape(-1, d)


def _pca_of_chunks(W: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """sklearn's PCA(n) of all rows of W (R, V, d) stacked, without stacking them.

    One pass in float64: each chunk's mean and centred scatter matrix (d × d) are merged
    into the running ones (Chan et al.'s pairwise update, as exact as centring all rows at
    once); the axes are the top eigenvectors of the covariance, signed as sklearn's svd_flip
    signs them (the largest-magnitude entry of each axis positive), which is also what
    sklearn's own "covariance_eigh" solver does for such tall data. Returns (components
    (n, d), mean (d,), explained variance ratio (n,)).
    """
    d = W.shape[-1]
    count, mean, scatter = 0, np.zeros(d), np.zeros((d, d))
    for _, rows in _recording_chunks(W):
        m = len(rows)
        chunk_mean = rows.mean(axis=0)
        rows -= chunk_mean                       # rows is this chunk's own float64 copy
        delta = chunk_mean - mean
        total = count + m
        scatter += rows.T @ rows + np.outer(delta, delta) * (count * m / total)
        mean += delta * (m / total)
        count = total
        del rows                                 # before the next chunk is made
    eigenvalues, eigenvectors = np.linalg.eigh(scatter / max(1, count - 1))
    eigenvalues = np.clip(eigenvalues[::-1], 0.0, None)      # descending, like sklearn
    axes = eigenvectors[:, ::-1].T
    biggest = np.argmax(np.abs(axes), axis=1)
    axes *= np.sign(axes[np.arange(d), biggest])[:, None]   # unit vectors: that entry is not 0
    total_variance = eigenvalues.sum()
    ratio = eigenvalues / total_variance if total_variance > 0 else np.zeros(d)
    return axes[:n].copy(), mean, ratio[:n].copy()


def project(run: Run, method: str | None = None) -> Projection:
    """final_pca fits the axes on the last snapshot, global_pca on all snapshots stacked."""
    method = method or run.config.pca
    R, V, d = run.W.shape
    if method == "final_pca":
        # float64: a run near divergence has float32 rows whose squares overflow inside PCA.
        n = min(2, d, V)
        pca = _sklearn_pca()(n_components=n, random_state=42).fit(run.W[-1].astype(np.float64))
        axes, centre = pca.components_, pca.mean_
        ratio = pca.explained_variance_ratio_
    else:
        # global_pca: the same axes as sklearn's PCA on np.vstack(run.W) in float64, but fitted
        # chunk by chunk: that float64 stack of a book-length run is ~250 MB more memory.
        n = min(2, d, R * V)
        axes, centre, ratio = _pca_of_chunks(run.W, n)
    axes = np.asarray(axes, dtype=np.float64)
    centre = np.asarray(centre, dtype=np.float64)
    offset = centre @ axes.T
    coords = np.zeros((R, V, 2), dtype=np.float32)
    # In chunks of recordings: a float64 copy of every snapshot at once would double a large
    # run's memory. x·Aᵀ − mean·Aᵀ (as sklearn's transform) needs no centred copy of a chunk.
    for lo, rows in _recording_chunks(run.W):
        part = rows @ axes.T
        part -= offset
        coords[lo:lo + len(rows) // V, :, :n] = part.reshape(-1, V, n)
        del rows, part                           # before the next chunk is made
    variance = np.zeros(2)
    variance[:n] = ratio
    components = np.zeros((2, d))
    components[:n] = axes
    mean = centre.copy()
    for arr in (components, mean):
        arr.setflags(write=False)       # a projection is shared by every session
    return Projection(method, coords, variance, components, mean)
