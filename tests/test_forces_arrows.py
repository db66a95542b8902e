"""Each arrow on the Step internals map against its own force, recomputed from the weights.

The reference here is written out from the formulas (softmax of v_c·W′ᵀ, η·u_o, −η·Σ P·u_w),
using only the run's recorded weights, not the step_state code the forces come from.
"""
import numpy as np
import pytest

import w2v
from w2v import forces


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


@pytest.fixture(scope="module")
def projection(small_run):
    return w2v.project(small_run, "global_pca")


def reference(run, step):
    W, Wp = (np.asarray(a, np.float64) for a in run.weights_after(step - 1))
    c, o = int(run.centers[step - 1]), int(run.contexts[step - 1])
    p = softmax(W[c] @ Wp.T)
    lr = run.config.lr
    W_after = np.asarray(run.weights_after(step)[0], np.float64)
    return c, o, p, lr * Wp[o], -lr * (p @ Wp), W_after[c] - W[c], W[c], W_after[c]


@pytest.mark.parametrize("step", [1, 37, 400])
def test_each_arrow_is_its_own_force(small_run, projection, step):
    c, o, p, attractive, repulsive, move, v_before, v_after = reference(small_run, step)
    f = forces.step_forces(small_run, projection, step)
    assert (f.step, f.center, f.context) == (step, c, o)
    assert f.lr == pytest.approx(small_run.config.lr, rel=1e-7)   # the step's lr, in float32
    np.testing.assert_allclose(f.attractive_d, attractive, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(f.repulsive_d, repulsive, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(f.move_d, move, rtol=1e-4, atol=1e-6)
    axes, mean = projection.components, projection.mean
    np.testing.assert_allclose(f.start, (v_before - mean) @ axes.T, atol=1e-6)
    np.testing.assert_allclose(f.end, (v_after - mean) @ axes.T, atol=1e-6)
    arrows = f.arrows()
    assert list(arrows) == list(forces.ARROWS)
    for name, own in ((forces.ATTRACTIVE, attractive), (forces.REPULSIVE, repulsive),
                      (forces.MOVE, move)):
        np.testing.assert_allclose(arrows[name], own @ axes.T, rtol=1e-4, atol=1e-7)
    # The two pushes point differently (else a swap of their labels would go unseen here).
    assert np.abs(arrows[forces.ATTRACTIVE] - arrows[forces.REPULSIVE]).max() > 1e-4
    assert f.context_prob == pytest.approx(p[o], rel=1e-5)
    assert f.context_rank == int((p > p[o]).sum()) + 1
    assert f.sum_error < 1e-5 and f.map_sum_error < 1e-5
    for a in (f.start, f.end, f.attractive, f.repulsive, f.move, f.attractive_d, f.repulsive_d,
              f.move_d):
        assert a.dtype == np.float64          # the recordings are float32: differences need 64
    assert f.sum_error == pytest.approx(np.abs(attractive + repulsive - move).max(), abs=1e-6)


def test_labels_name_their_force():
    assert forces.ARROWS == (forces.ATTRACTIVE, forces.REPULSIVE, forces.MOVE)
    assert forces.ATTRACTIVE.startswith("attractive") and "u_o" in forces.ATTRACTIVE
    assert forces.REPULSIVE.startswith("repulsive") and "Σ P·u_w" in forces.REPULSIVE
    assert forces.MOVE.startswith("actual move") and "Δv_c" in forces.MOVE


def test_error_sums_read_each_difference():
    z = np.zeros(2)
    f = forces.StepForces(step=1, center=0, context=1, lr=0.1, start=z, end=z,
                          attractive=np.array([1.0, 0.0]), repulsive=np.array([0.0, 2.0]),
                          move=np.array([1.0, 1.5]), attractive_d=np.array([1.0, 0.0, 0.0]),
                          repulsive_d=np.array([0.0, -2.0, 0.0]), move_d=np.array([1.0, -2.0, 0.25]),
                          context_rank=1, context_prob=0.5)
    assert f.sum_error == 0.25 and f.map_sum_error == 0.5


def test_positions_before_are_the_weights_the_step_starts_from(small_run, projection):
    W = np.asarray(small_run.weights_after(36)[0], np.float64)
    expected = (W - projection.mean) @ projection.components.T
    np.testing.assert_allclose(forces.positions_before(small_run, projection, 37), expected,
                               atol=1e-6)


def test_map_domain_and_inside_by_hand():
    coords = np.array([[[1.0, -1.0], [2.0, 3.0]], [[np.nan, 1.0], [4.0, 1.0]]])
    # x spans 0..4 (the NaN read as 0; pad 6% = 0.24), y spans -1..3 (pad 0.24)
    assert forces.map_domain(coords) == {"x": [-0.24, 4.24], "y": [-1.24, 3.24]}
    assert forces.map_domain(coords, frac=0.5, decimals=1) == {"x": [-2.0, 6.0],
                                                               "y": [-3.0, 5.0]}
    assert forces.map_domain(np.array([[0.0, 0.0], [0.5, 0.25]])) == {"x": [-0.03, 0.53],
                                                                      "y": [-0.015, 0.265]}
    # A single point: no span, so one unit either side.
    assert forces.map_domain(np.array([[1.0, 2.0]])) == {"x": [0.0, 2.0], "y": [1.0, 3.0]}
    dom = {"x": [0.0, 1.0], "y": [-1.0, 1.0]}
    assert forces.inside(dom, [0.0, 1.0], [-1.0, 1.0])
    assert not forces.inside(dom, [0.5, 1.01], [0.0, 0.0])
    assert not forces.inside(dom, [-0.01], [0.0])
    assert not forces.inside(dom, [0.5], [1.01]) and not forces.inside(dom, [0.5], [-1.01])


def test_noise_pushes_of_a_negative_step_in_float64(text):
    run = w2v.train(text, w2v.TrainConfig(objective="negative", negatives=3, steps=30))
    proj = w2v.project(run)
    s, state = forces.step_forces(run, proj, 12), run.step_state(12)
    expected = -float(state.lr) * state.repulsive_forces.astype(np.float64)
    assert s.noise_d.dtype == np.float64
    np.testing.assert_array_equal(s.noise_d, expected)
    np.testing.assert_allclose(s.noise, expected @ proj.components.T, rtol=1e-12)


def test_inside_compares_float32_points_exactly():
    # float32(0.1) is 0.100000001…: just outside an axis ending at 0.1, on either axis.
    domain = {"x": [0.0, 0.1], "y": [0.0, 0.1]}
    point = np.array([0.1], np.float32)
    assert not forces.inside(domain, point, [0.05]) and not forces.inside(domain, [0.05], point)
    assert forces.inside(domain, [0.1], [0.1])
