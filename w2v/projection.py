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


def project(run: Run, method: str | None = None) -> Projection:
    """final_pca fits the axes on the last snapshot, global_pca on all snapshots stacked."""
    method = method or run.config.pca
    R, V, d = run.W.shape
    fit_on = run.W[-1] if method == "final_pca" else run.W.reshape(R * V, d)
    n = min(2, d, len(fit_on))
    pca = PCA(n_components=n, random_state=42).fit(fit_on)
    coords = np.zeros((R, V, 2), dtype=np.float32)
    coords[..., :n] = pca.transform(run.W.reshape(R * V, d)).reshape(R, V, n)
    variance = np.zeros(2)
    variance[:n] = pca.explained_variance_ratio_
    return Projection(method, coords, variance)
