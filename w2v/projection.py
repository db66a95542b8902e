"""2-D views of the embeddings: one PCA for every frame, so movement on screen is real."""
from dataclasses import dataclass

import numpy as np
from sklearn.decomposition import PCA

from .run import Run


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


def project(run: Run, method: str | None = None) -> Projection:
    """final_pca fits the axes on the last snapshot, global_pca on all snapshots stacked."""
    method = method or run.config.pca
    R, V, d = run.W.shape
    # float64: a run near divergence has float32 rows whose squares overflow inside PCA.
    fit_on = (run.W[-1].astype(np.float64) if method == "final_pca"
              else run.W.reshape(R * V, d).astype(np.float64))
    n = min(2, d, len(fit_on))
    pca = PCA(n_components=n, random_state=42).fit(fit_on)
    del fit_on
    coords = np.zeros((R, V, 2), dtype=np.float32)
    # In chunks of recordings: a float64 copy of every snapshot at once would double a large
    # run's memory (a book-length vocabulary: ~250 MB more).
    chunk = max(1, (1 << 20) // max(1, V * d))   # ~8 MB of float64 at a time
    for lo in range(0, R, chunk):
        part = run.W[lo:lo + chunk].astype(np.float64).reshape(-1, d)
        coords[lo:lo + chunk, :, :n] = pca.transform(part).reshape(-1, V, n)
    variance = np.zeros(2)
    variance[:n] = pca.explained_variance_ratio_
    components = np.zeros((2, d))
    components[:n] = pca.components_
    mean = np.asarray(pca.mean_, dtype=np.float64).copy()
    for arr in (components, mean):
        arr.setflags(write=False)       # a projection is shared by every session
    return Projection(method, coords, variance, components, mean)
