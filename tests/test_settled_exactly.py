"""A row exactly at the threshold counts as settled (cosine ≥ min_cosine, not >)."""
import numpy as np

from w2v.analysis import over_training


def test_a_cosine_equal_to_the_threshold_is_settled():
    # Rows along the x axis: unit rows are exactly (1, 0), every cosine to the final row is 1.0.
    W = np.array([[[1.0, 0.0]], [[2.0, 0.0]], [[3.0, 0.0]]])
    steps = np.array([0, 10, 20])
    assert over_training.convergence_steps(steps, W, min_cosine=1.0).tolist() == [0]
    # Pointing the other way first (cosine -1 < 1.0): settled from the second recording.
    W[0, 0] = [-1.0, 0.0]
    assert over_training.convergence_steps(steps, W, min_cosine=1.0).tolist() == [10]
