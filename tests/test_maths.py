"""The hand-derived NumPy maths of w2v.model against PyTorch autograd on the seed's module."""
import numpy as np
import pytest
import torch

from w2v import model

V, D = 7, 4


@pytest.fixture
def module():
    return model.SkipGram(V, D, torch.Generator().manual_seed(3))


def weights(m):
    return m.W.weight.detach().numpy().copy(), m.W_prime.weight.detach().numpy().copy()


def autograd_step(m, center, context):
    m.zero_grad()
    hidden, logits = m(torch.tensor([center]))
    loss = torch.nn.functional.cross_entropy(logits.unsqueeze(0), torch.tensor([context]))
    loss.backward()
    return hidden, logits, loss


@pytest.mark.parametrize("center,context", [(0, 1), (3, 3), (6, 2)])
def test_forward_loss_and_gradients_match_autograd(module, center, context):
    W, W_prime = weights(module)
    hidden, logits, probs = model.forward(W, W_prime, center)
    t_hidden, t_logits, t_loss = autograd_step(module, center, context)

    np.testing.assert_allclose(hidden, t_hidden.detach().numpy(), rtol=1e-6)
    np.testing.assert_allclose(logits, t_logits.detach().numpy(), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(probs, torch.softmax(t_logits, -1).detach().numpy(), atol=1e-6)
    assert model.cross_entropy(logits, context) == pytest.approx(t_loss.item(), rel=1e-5)

    grad_v_c, grad_W_prime = model.gradients(W_prime, hidden, probs, context)
    grad_W = module.W.weight.grad.numpy()
    np.testing.assert_allclose(grad_v_c, grad_W[center], atol=1e-6)
    # Only the center's row of W gets a gradient.
    assert np.all(np.delete(grad_W, center, axis=0) == 0)
    np.testing.assert_allclose(grad_W_prime, module.W_prime.weight.grad.numpy(), atol=1e-6)


def test_probabilities_sum_to_one():
    rng = np.random.default_rng(0)
    W, W_prime = rng.normal(size=(V, D)).astype(np.float32), rng.normal(size=(V, D)).astype(np.float32)
    for c in range(V):
        probs = model.forward(W, W_prime, c)[2]
        assert probs.sum() == pytest.approx(1.0, abs=1e-6)
        assert np.all(probs > 0)


def test_grad_v_c_is_repulsive_minus_attractive(module):
    W, W_prime = weights(module)
    center, context = 2, 5
    hidden, _, probs = model.forward(W, W_prime, center)
    grad_v_c, _ = model.gradients(W_prime, hidden, probs, context)
    attractive, repulsive = W_prime[context], probs @ W_prime
    np.testing.assert_allclose(grad_v_c, repulsive - attractive, atol=1e-6)


def test_sgd_step_equals_manual_sgd_on_the_module(module):
    W, W_prime = weights(module)
    lr, center, context = 0.1, 4, 1
    loss = model.sgd_step(W, W_prime, center, context, lr)
    _, _, t_loss = autograd_step(module, center, context)
    with torch.no_grad():
        for p in module.parameters():
            p -= lr * p.grad
    assert loss == pytest.approx(t_loss.item(), rel=1e-5)
    np.testing.assert_allclose(W, module.W.weight.detach().numpy(), atol=1e-6)
    np.testing.assert_allclose(W_prime, module.W_prime.weight.detach().numpy(), atol=1e-6)


def test_cross_entropy_is_stable_for_large_logits():
    logits = np.array([1000.0, 0.0, -1000.0], dtype=np.float32)
    assert model.cross_entropy(logits, 0) == pytest.approx(0.0, abs=1e-6)
    assert model.cross_entropy(logits, 1) == pytest.approx(1000.0, rel=1e-6)


def test_initial_weights_are_uniform_and_seeded():
    W, W_prime = model.initial_weights(V, D, seed=5)
    assert W.shape == W_prime.shape == (V, D) and W.dtype == np.float32
    assert np.all(np.abs(W) <= 0.5) and np.all(np.abs(W_prime) <= 0.5)
    np.testing.assert_array_equal(W, model.initial_weights(V, D, seed=5)[0])
    assert not np.array_equal(W, model.initial_weights(V, D, seed=6)[0])


def test_initial_output_weights_are_uniform_and_seeded_too():
    W, W_prime = model.initial_weights(200, D, seed=5)
    assert W_prime.dtype == np.float32
    assert -0.5 <= W_prime.min() < -0.45 and 0.45 < W_prime.max() <= 0.5
    np.testing.assert_array_equal(W_prime, model.initial_weights(200, D, seed=5)[1])
    assert not np.array_equal(W_prime, model.initial_weights(200, D, seed=6)[1])
    assert [name for name, _ in model.SkipGram(3, 2).named_parameters()] == ["W.weight",
                                                                            "W_prime.weight"]


def test_softmax_of_rows_far_apart_shifts_each_row_by_its_own_max():
    logits = np.array([[0.0, np.log(3.0)], [-1000.0, -1000.0 + np.log(3.0)]])
    np.testing.assert_allclose(model.softmax(logits), [[0.25, 0.75], [0.25, 0.75]], rtol=1e-12)


def test_cosine_in_float64_and_of_tiny_vectors():
    # float32 vectors whose squared norm (1e40) overflows float32: still 1/√2.
    a, b = np.array([1e20, 0.0], np.float32), np.array([1e20, 1e20], np.float32)
    assert model.cosine(a, b) == pytest.approx(1 / np.sqrt(2), rel=1e-12)
    assert model.cosine(b, a) == pytest.approx(1 / np.sqrt(2), rel=1e-12)
    # |a|·|a| = 2.5e-13: the 1e-12 that keeps a zero vector from dividing by 0 shrinks the
    # cosine of a tiny vector with itself to 2.5e-13 / 1.25e-12, but never turns it negative.
    tiny = np.array([3e-7, 4e-7])
    assert model.cosine(tiny, tiny) == pytest.approx(0.2, rel=1e-9)
    assert model.cosine(np.zeros(2), b) == 0.0
