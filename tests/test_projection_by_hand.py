"""The map's projection on vectors small enough to place by hand."""
from types import SimpleNamespace

import numpy as np
import pytest
from sklearn.decomposition import PCA

import w2v
from w2v import projection
from w2v.projection import Projection


def test_positions_subtract_the_mean_directions_do_not():
    p = Projection("final_pca", np.zeros((1, 1, 2)), np.array([0.9, 0.1]),
                   components=np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]),
                   mean=np.array([1.0, 2.0, 3.0]))
    x = np.array([4.0, 6.0, 8.0], dtype=np.float32)
    assert p.transform(x).tolist() == [4.0, 3.0] and p.transform(x).dtype == np.float64
    assert p.direction(x).tolist() == [6.0, 4.0] and p.direction(x).dtype == np.float64
    assert p.transform(np.stack([x, x])).shape == (2, 2)


def test_a_projection_without_its_pca_says_so():
    bare = Projection("final_pca", np.zeros((1, 1, 2)), np.zeros(2))
    with pytest.raises(ValueError, match="^this Projection was built without its PCA components$"):
        bare.direction(np.zeros(3))
    no_mean = Projection("final_pca", np.zeros((1, 1, 2)), np.zeros(2),
                         components=np.eye(2, 3))
    with pytest.raises(ValueError, match="^this Projection was built without its PCA mean$"):
        no_mean.transform(np.zeros(3))


def test_chunks_hold_whole_recordings_of_at_most_the_budget(monkeypatch):
    W = np.arange(5 * 2 * 3, dtype=np.float32).reshape(5, 2, 3)     # V·d = 6 values a recording
    monkeypatch.setattr(projection, "_CHUNK_VALUES", 13)             # two recordings a chunk
    chunks = list(projection._recording_chunks(W))
    assert [(lo, rows.shape) for lo, rows in chunks] == [(0, (4, 3)), (2, (4, 3)), (4, (2, 3))]
    assert all(rows.dtype == np.float64 for _, rows in chunks)
    np.testing.assert_array_equal(np.vstack([r for _, r in chunks]), W.reshape(-1, 3))
    monkeypatch.setattr(projection, "_CHUNK_VALUES", 1)              # less than one: one each
    assert [lo for lo, _ in projection._recording_chunks(W)] == [0, 1, 2, 3, 4]
    one = np.zeros((3, 1, 1), dtype=np.float32)                      # V·d = 1
    monkeypatch.setattr(projection, "_CHUNK_VALUES", 2)
    assert [lo for lo, _ in projection._recording_chunks(one)] == [0, 2]


def test_pca_of_a_line_by_hand():
    # Points on the line y = 2x through (1, 1): one axis, along (1, 2)/√5, all the variance.
    t = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
    W = np.stack([1 + t, 1 + 2 * t], axis=1)[None].astype(np.float32)        # (1, 5, 2)
    for method in ("final_pca", "global_pca"):
        p = w2v.project(SimpleNamespace(W=W, config=SimpleNamespace(pca="final_pca")), method)
        np.testing.assert_allclose(p.components[0], np.array([1.0, 2.0]) / np.sqrt(5), atol=1e-7)
        np.testing.assert_allclose(p.variance_explained, [1.0, 0.0], atol=1e-7)
        np.testing.assert_allclose(p.mean, [1.0, 1.0], atol=1e-7)
        np.testing.assert_allclose(p.coords[0, :, 0], t * np.sqrt(5), atol=1e-5)
        np.testing.assert_allclose(p.coords[0, :, 1], 0, atol=1e-5)
        assert p.method == method
        assert not p.components.flags.writeable and not p.mean.flags.writeable


def test_a_line_keeps_no_negative_share_of_variance():
    # y = 5x − 4: in float64 the flat direction's eigenvalue comes out as −1.1e-16, which the
    # map would show as a share of "−0.0 %"; it is 0.
    x = np.array([0.0, 0.5, 1.0, 1.5, 2.0])
    W = np.stack([x, 5 * x - 4], axis=1)[None].astype(np.float32)
    p = w2v.project(SimpleNamespace(W=W, config=SimpleNamespace(pca="global_pca")))
    assert p.variance_explained.tolist() == [1.0, 0.0]
    assert p.coords.dtype == np.float32              # half the memory of float64 positions


def test_final_pca_is_the_same_map_every_time_on_sklearns_randomized_solver():
    # 600 words at d = 64 is where sklearn's PCA picks its randomized solver (more than 500
    # rows, fewer than 10·d): the axes then depend on the solver's seed, fixed at 42.
    W = np.random.default_rng(3).normal(size=(1, 600, 64)).astype(np.float32)
    run = SimpleNamespace(W=W, config=SimpleNamespace(pca="final_pca"))
    ref = PCA(n_components=2, random_state=42).fit(W[-1].astype(np.float64))
    assert ref._fit_svd_solver == "randomized"
    first, again = w2v.project(run), w2v.project(run)
    np.testing.assert_array_equal(first.components, ref.components_)
    np.testing.assert_array_equal(again.coords, first.coords)
