"""global_pca is fitted chunk by chunk: the same axes as sklearn on every snapshot stacked."""
import tracemalloc
from types import SimpleNamespace

import numpy as np
import pytest
from sklearn.decomposition import PCA

import w2v
from w2v import projection


def sklearn_on_stack(W):
    """The reference: sklearn's PCA fitted on np.vstack of all snapshots in float64."""
    stacked = np.vstack(W).astype(np.float64)
    n = min(2, W.shape[-1], len(stacked))
    return PCA(n_components=n, random_state=42).fit(stacked), stacked


def fake_run(W, pca="global_pca"):
    return SimpleNamespace(W=W, config=SimpleNamespace(pca=pca))


def assert_same_as_sklearn(proj, W):
    ref, stacked = sklearn_on_stack(W)
    n = ref.n_components_
    np.testing.assert_allclose(proj.components[:n], ref.components_, atol=1e-9)
    np.testing.assert_allclose(proj.variance_explained[:n], ref.explained_variance_ratio_,
                               rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(proj.mean, ref.mean_, rtol=1e-12, atol=1e-12)
    scale = np.abs(stacked).max()
    np.testing.assert_allclose(proj.coords[..., :n].reshape(-1, n), ref.transform(stacked),
                               atol=1e-5 * scale)


def test_global_axes_and_variance_equal_sklearn_on_all_snapshots(small_run):
    proj = w2v.project(small_run, "global_pca")
    assert proj.method == "global_pca" and proj.coords.shape == (*small_run.W.shape[:2], 2)
    assert_same_as_sklearn(proj, small_run.W)
    # Signs as sklearn's svd_flip gives them: each axis's largest-magnitude entry is positive.
    for axis in proj.components:
        assert axis[np.argmax(np.abs(axis))] > 0


def test_many_small_chunks_give_the_same_axes(small_run, monkeypatch):
    whole = w2v.project(small_run, "global_pca")
    monkeypatch.setattr(projection, "_CHUNK_VALUES", 1)      # one recording per chunk
    chunked = w2v.project(small_run, "global_pca")
    np.testing.assert_allclose(chunked.components, whole.components, atol=1e-12)
    np.testing.assert_allclose(chunked.variance_explained, whole.variance_explained, rtol=1e-12)
    np.testing.assert_allclose(chunked.coords, whole.coords, atol=1e-6)
    assert_same_as_sklearn(chunked, small_run.W)


@pytest.mark.parametrize("scale,offset", [(1.0, 0.0), (1e30, 0.0), (1e-3, 1e4)],
                         ids=["plain", "huge (float32 squares overflow)", "far from origin"])
def test_synthetic_snapshots_match_sklearn(scale, offset, monkeypatch):
    rng = np.random.default_rng(0)
    R, V, d = 7, 40, 5
    mix = rng.normal(size=(d, d)) * np.array([5.0, 3.0, 1.0, 0.5, 0.1])[:, None]
    W = ((rng.normal(size=(R, V, d)) @ mix + offset) * scale).astype(np.float32)
    monkeypatch.setattr(projection, "_CHUNK_VALUES", 3 * V * d)   # chunks of 3, 3 and 1
    proj = w2v.project(fake_run(W))
    assert np.isfinite(proj.coords).all()
    ref, _ = sklearn_on_stack(W)
    np.testing.assert_allclose(proj.components, ref.components_, atol=1e-7)
    np.testing.assert_allclose(proj.variance_explained, ref.explained_variance_ratio_,
                               rtol=1e-7)


def test_one_dimension_and_constant_snapshots():
    W = np.arange(24, dtype=np.float32).reshape(4, 6, 1)
    proj = w2v.project(fake_run(W))
    assert proj.components.tolist() == [[1.0], [0.0]]
    assert proj.variance_explained.tolist() == [1.0, 0.0]
    assert_same_as_sklearn(proj, W)
    flat = w2v.project(fake_run(np.ones((3, 4, 2), dtype=np.float32)))
    assert np.isfinite(flat.variance_explained).all() and not flat.coords.any()


def test_final_pca_is_sklearn_on_the_last_snapshot(small_run):
    proj = w2v.project(small_run, "final_pca")
    ref = PCA(n_components=2, random_state=42).fit(small_run.W[-1].astype(np.float64))
    np.testing.assert_allclose(proj.components, ref.components_, atol=1e-12)
    np.testing.assert_allclose(proj.variance_explained, ref.explained_variance_ratio_)
    stacked = np.vstack(small_run.W).astype(np.float64)
    np.testing.assert_allclose(proj.coords.reshape(-1, 2), ref.transform(stacked), atol=1e-5)


def test_global_pca_needs_no_float64_copy_of_every_snapshot():
    R, V, d = 400, 1000, 8                       # 12.8 MB of float32; 25.6 MB as float64
    W = np.random.default_rng(1).normal(size=(R, V, d)).astype(np.float32)
    tracemalloc.start()
    try:
        held, _ = tracemalloc.get_traced_memory()
        proj = w2v.project(fake_run(W))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Besides the coords themselves (R·V·2 float32): one ~8 MB float64 chunk and small change,
    # never the float64 stack of every snapshot (W.nbytes * 2 = 25.6 MB).
    extra = peak - held - proj.coords.nbytes
    assert extra < 1.5 * 8 * 2 ** 20 < W.nbytes * 2
