"""Smoothing and thinning of curves, on numbers small enough to check by eye."""
import numpy as np

from w2v.curves import even_indices, moving_average, with_step


def test_moving_average_is_trailing_and_shorter_at_the_start():
    values = np.array([2.0, 4.0, 6.0, 8.0, 10.0])
    assert moving_average(values, 3).tolist() == [2.0, 3.0, 4.0, 6.0, 8.0]
    assert moving_average(values, 1).tolist() == values.tolist()
    assert moving_average(values, 0).tolist() == values.tolist()       # at least one value
    assert moving_average(values, 99).tolist() == [2.0, 3.0, 4.0, 5.0, 6.0]
    assert moving_average(np.array([], dtype=np.float32), 5).tolist() == []
    assert moving_average([1, 2], 2).dtype == np.float64


def test_even_indices_keep_the_ends_and_at_most_the_points_asked():
    assert even_indices(5, None).tolist() == [0, 1, 2, 3, 4]
    assert even_indices(5, 5).tolist() == [0, 1, 2, 3, 4]
    assert even_indices(11, 3).tolist() == [0, 5, 10]
    assert even_indices(10, 4).tolist() == [0, 3, 6, 9]
    assert even_indices(10, 1).tolist() == [0, 9]                      # never fewer than 2
    assert even_indices(7, 6).tolist() == [0, 1, 2, 4, 5, 6]


def test_with_step_into_an_empty_curve_and_at_the_end():
    steps, (v,) = with_step(np.array([], dtype=np.int64), [np.array([])], 3, [1.5])
    assert steps.tolist() == [3] and v.tolist() == [1.5]
    steps, (v,) = with_step(np.array([0, 10]), [np.array([1, 2])], 20, [0.5])
    assert steps.tolist() == [0, 10, 20] and v.tolist() == [1.0, 2.0, 0.5]
    assert v.dtype == np.float64
