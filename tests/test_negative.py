"""Negative sampling and subsampling: the NumPy maths against autograd and against their formulas."""
import numpy as np
import pytest
import torch

import w2v
from w2v import model, negative
from w2v.pairs import generate_pairs
from w2v.run import first_epoch_length, vocab_counts
from w2v.subsample import keep_probability, pair_count, thin, token_stream, window_pairs

V, D = 9, 4


@pytest.fixture
def module():
    return model.SkipGram(V, D, torch.Generator().manual_seed(3))


def weights(m):
    return m.W.weight.detach().numpy().copy(), m.W_prime.weight.detach().numpy().copy()


@pytest.mark.parametrize("center,context,negatives", [
    (0, 1, [2, 3, 4, 5, 6]),
    (3, 3, [3, 7, 8]),               # center = context, and a noise word equal to the center
    (6, 2, [5, 5, 1, 2, 0]),         # a word drawn twice, and a draw of the context (skipped)
])
def test_negative_loss_and_gradients_match_autograd(module, center, context, negatives):
    negatives = np.array(negatives, dtype=np.int32)
    W, W_prime = weights(module)
    hidden = W[center].copy()
    keep = torch.tensor(negatives != context)
    v_c = module.W(torch.tensor(center))
    s_o = module.W_prime.weight[context] @ v_c
    s_k = module.W_prime.weight[torch.tensor(negatives, dtype=torch.long)] @ v_c
    loss = -torch.nn.functional.logsigmoid(s_o) - torch.nn.functional.logsigmoid(-s_k)[keep].sum()
    loss.backward()

    assert negative.negative_loss(W_prime, hidden, context, negatives) == pytest.approx(
        loss.item(), rel=1e-5)
    grad_v_c, rows, grad_rows = negative.negative_gradients(W_prime, hidden, context, negatives)
    np.testing.assert_allclose(grad_v_c, module.W.weight.grad[center].numpy(), atol=1e-6)
    dense = np.zeros_like(W_prime)
    np.add.at(dense, rows, grad_rows)
    np.testing.assert_allclose(dense, module.W_prime.weight.grad.numpy(), atol=1e-6)


def test_negative_step_is_sgd_on_the_autograd_gradient(module):
    W, W_prime = weights(module)
    center, context, negatives, lr = 4, 1, np.array([0, 2, 2, 7], np.int32), 0.5
    negative.negative_step(W, W_prime, center, context, negatives, lr)
    v_c = module.W(torch.tensor(center))
    scores = module.W_prime.weight[torch.tensor([context, 0, 2, 2, 7])] @ v_c
    loss = -torch.nn.functional.logsigmoid(scores[0]) - torch.nn.functional.logsigmoid(-scores[1:]).sum()
    loss.backward()
    with torch.no_grad():
        for p in module.parameters():
            p -= lr * p.grad
    np.testing.assert_allclose(W, module.W.weight.detach().numpy(), atol=1e-6)
    np.testing.assert_allclose(W_prime, module.W_prime.weight.detach().numpy(), atol=1e-6)


def test_noise_distribution_is_counts_to_the_three_quarters():
    counts = np.array([1, 10, 100, 1000])
    p = negative.noise_distribution(counts)
    np.testing.assert_allclose(p, counts ** 0.75 / (counts ** 0.75).sum())
    assert p[3] / p[0] == pytest.approx(1000 ** 0.75)


def test_drawn_noise_words_follow_the_noise_distribution():
    counts = np.array([5, 50, 500, 1, 80])
    table, p = negative.noise_table(counts), negative.noise_distribution(counts)
    draws = np.concatenate([negative.draw_negatives(table, 11, step, 5) for step in range(1, 40_001)])
    freq = np.bincount(draws, minlength=len(counts)) / len(draws)
    np.testing.assert_allclose(freq, p, atol=0.004)
    assert draws.min() >= 0 and draws.max() < len(counts)


@pytest.mark.parametrize("V", [1, 2, 7, 1000])
def test_alias_table_holds_exactly_the_noise_distribution(V):
    counts = np.random.default_rng(V).integers(1, 10_000, V)
    p = negative.noise_distribution(counts)
    prob, alias = negative.noise_table(counts)
    assert np.all((0 <= prob) & (prob <= 1))
    # Each slot carries 1/V: prob[i] of it for word i, the rest for word alias[i].
    mass = prob.copy()
    np.add.at(mass, alias, 1.0 - prob)
    np.testing.assert_allclose(mass / V, p, rtol=1e-9, atol=1e-15)


def test_uniform_draws_are_uniform_and_depend_on_seed_and_counter():
    u = negative.uniform(7, np.arange(100_000, dtype=np.uint64))
    assert 0 <= u.min() and u.max() < 1
    assert np.histogram(u, bins=10, range=(0, 1))[0] == pytest.approx([10_000] * 10, rel=0.05)
    assert not np.array_equal(u[:50], negative.uniform(8, np.arange(50, dtype=np.uint64)))
    np.testing.assert_array_equal(u[:50], negative.uniform(7, np.arange(50, dtype=np.uint64)))


def test_keep_probability_is_word2vec_c_rule():
    counts = np.array([1, 10, 1000, 10_000])
    t = 1e-2
    f = counts / counts.sum()
    np.testing.assert_allclose(keep_probability(counts, t),
                               np.minimum(1, (np.sqrt(f / t) + 1) * t / f))
    assert keep_probability(counts, t)[0] == 1.0 and keep_probability(counts, t)[3] < 0.2
    np.testing.assert_array_equal(keep_probability(counts, 0.0), 1.0)


def test_subsampling_keeps_each_word_at_its_rate(text):
    corpus = w2v.load_corpus(text, 1)
    ids, _ = token_stream(corpus.cleaned, corpus.w2i)
    counts = np.bincount(ids, minlength=len(corpus.vocab))
    keep = keep_probability(counts, 0.002)
    assert keep.min() < 0.3 and keep.max() > 0.7
    rng = np.random.default_rng(0)
    kept = sum(np.bincount(ids[thin(ids, keep, rng)], minlength=len(counts)) for _ in range(2000))
    np.testing.assert_allclose(kept / (2000 * counts), keep, atol=0.03)


def test_window_pairs_equal_generate_pairs(text):
    corpus = w2v.load_corpus(text, 2)
    ids, sentence = token_stream(corpus.cleaned, corpus.w2i)
    for window in (1, 3, 7):
        pairs = window_pairs(ids, sentence, window)
        np.testing.assert_array_equal(pairs, generate_pairs(corpus.cleaned, corpus.w2i, window))
        assert pairs.dtype == np.int32                  # a run's pairs: 8 bytes each


def test_pair_count_counts_window_pairs_of_any_thinning(text):
    corpus = w2v.load_corpus(text, 2)
    ids, sentence = token_stream(corpus.cleaned, corpus.w2i)
    kept = thin(ids, keep_probability(vocab_counts(corpus), 0.01), np.random.default_rng(0))
    assert 0 < kept.sum() < len(ids)
    for window in (1, 3, 7):
        assert pair_count(sentence, window) == len(window_pairs(ids, sentence, window))
        assert pair_count(sentence[kept], window) == len(window_pairs(ids[kept], sentence[kept],
                                                                      window))
    assert pair_count(np.array([4, 4, 4]), 1) == 4    # a-b, b-a, b-c, c-b
    # A thinned text shorter than the window (a short text, a small sample) still pairs up.
    short = window_pairs(np.array([5, 6, 7], np.int32), np.array([0, 0, 0]), 5)
    assert short.tolist() == [[5, 6], [5, 7], [6, 5], [6, 7], [7, 5], [7, 6]]
    assert pair_count(np.array([0, 0, 0]), 5) == 6


@pytest.mark.parametrize("settings", [dict(sample=0.01, window=3, seed=42),
                                      dict(sample=0.001, window=5, seed=7), dict(window=2)])
def test_first_epoch_length_is_the_runs_own_first_epoch(text, settings):
    """Known before training, it is where the run's second epoch begins (all pairs without
    subsampling), and a run too short to reach that epoch has the same first epoch."""
    config = w2v.TrainConfig(steps=2000, dense_steps=10, record_interval=500, **settings)
    run = w2v.train(text, config)
    length = first_epoch_length(run.corpus, config)
    if config.sample > 0:
        assert length == run.epoch_starts[1] - 1 < len(run.pairs)
    else:
        assert length == run.epoch_length == len(run.pairs)
    # A caller's own pair count is the first epoch without subsampling, never with it.
    assert first_epoch_length(run.corpus, config, len(run.pairs)) == length
    short = w2v.TrainConfig(**{**config.as_dict(), "steps": length // 2})
    assert first_epoch_length(run.corpus, short) == length
    assert w2v.train(text, short).epoch_length == length   # not the steps it ended at


# ── a negative-sampling run ──────────────────────────────────────────────────────────────
NEGATIVE = dict(objective="negative", negatives=4, sample=0.01, lr_schedule="linear",
                steps=1500, dense_steps=40, record_interval=50)


@pytest.fixture(scope="module")
def negative_run(text):
    return w2v.train(text, w2v.TrainConfig(**NEGATIVE))


def test_negative_step_state_names_the_noise_words_and_forces(negative_run):
    run = negative_run
    for step in (1, 41, 777, 1500):                  # recorded and replayed steps
        s = run.step_state(step)
        assert s.objective == "negative"
        np.testing.assert_array_equal(s.negatives, run.negatives_at(step))
        assert s.negatives.shape == (4,) and s.repulsive_forces.shape == (4, run.config.dim)
        W, W_prime = run.weights_after(step - 1)
        v_c = W[s.center].astype(np.float64)
        np.testing.assert_allclose(s.negative_scores,
                                   1 / (1 + np.exp(-(W_prime[s.negatives] @ v_c))), rtol=1e-5)
        assert s.context_score == pytest.approx(1 / (1 + np.exp(-(W_prime[s.context] @ v_c))))
        np.testing.assert_allclose(s.grad_v_c, s.repulsive_force - s.attractive_force, atol=1e-6)
        np.testing.assert_allclose(s.repulsive_force, s.repulsive_forces.sum(axis=0), atol=1e-6)
        assert s.loss == pytest.approx(run.losses[step - 1], rel=1e-5)
        # The update moved v_c by −lr(step)·grad_v_c.
        assert s.lr == pytest.approx(0.1 * (1 - (step - 1) / 1500))
        np.testing.assert_allclose(s.W[s.center] - W[s.center], -s.lr * s.grad_v_c, atol=1e-6)


def test_negative_run_is_deterministic_and_subsampled(text, negative_run):
    again = w2v.train(text, w2v.TrainConfig(**NEGATIVE))
    for name in ("centers", "contexts", "losses", "steps", "W", "W_prime", "epoch_starts"):
        np.testing.assert_array_equal(getattr(again, name), getattr(negative_run, name))
    other = w2v.train(text, w2v.TrainConfig(**{**NEGATIVE, "seed": 5}))
    assert not np.array_equal(other.W[-1], negative_run.W[-1])
    # Subsampling thins each epoch differently; epochs are shorter than all pairs.
    starts = negative_run.epoch_starts
    assert starts[0] == 1 and len(starts) > 2
    assert np.diff(starts).max() < len(negative_run.pairs)
    assert negative_run.epoch_of(int(starts[2])) == 3 and negative_run.epoch_of(int(starts[2]) - 1) == 2


def test_linear_schedule_decays_to_the_floor():
    from w2v.engine import LR_FLOOR, learning_rate
    assert learning_rate(0.1, True, 1, 100) == 0.1
    assert learning_rate(0.1, True, 51, 100) == pytest.approx(0.05)
    assert learning_rate(0.1, True, 100, 100) == pytest.approx(0.001)
    assert learning_rate(0.1, True, 100_000, 100_000) == pytest.approx(0.1 * LR_FLOOR)
    assert learning_rate(0.1, False, 99, 100) == 0.1


@pytest.mark.parametrize("bad", [dict(objective="hs"), dict(negatives=0), dict(sample=-0.1),
                                 dict(sample=1.0), dict(sample=float("nan")),
                                 dict(lr_schedule="cosine")])
def test_bad_new_settings_raise_value_error(bad):
    with pytest.raises(ValueError):
        w2v.TrainConfig(**bad)


# ── small cases by hand ──────────────────────────────────────────────────────────────────
def test_pick_reads_the_own_word_below_prob_and_the_alias_from_it():
    # Two slots of width ½: slot 0 keeps word 0 for the first half of its width, then word 1.
    prob, alias = np.array([0.5, 1.0]), np.array([1, 1])
    assert [int(negative.pick(prob, alias, u)) for u in (0.0, 0.2, 0.25, 0.4, 0.75)] == [
        0, 0, 1, 1, 1]
    assert negative.pick(prob, alias, np.array([0.2, 0.25])).tolist() == [0, 1]


def test_sigmoid_and_log_sigmoid_in_float64_without_warnings():
    import math
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")             # exp(1000) overflows quietly: σ(−1000) = 0
        assert negative.sigmoid(np.float32(-1000.0)) == 0.0
    # float32 scores: σ(20) keeps 1 − σ = 2.06e-9 (float32 would round σ to 1 and the
    # context's attractive force to 0), log σ(−20) keeps its 2e-9 beyond −20.
    assert float(1 - negative.sigmoid(np.float32(20.0))) == pytest.approx(math.exp(-20), rel=1e-6)
    assert float(negative.log_sigmoid(np.float32(-20.0))) == pytest.approx(
        -(20 + math.log1p(math.exp(-20))), rel=1e-15, abs=0)


def test_negative_gradients_are_float32_like_the_weights():
    W_prime = np.arange(12, dtype=np.float32).reshape(4, 3) / 10
    hidden = np.array([0.1, -0.2, 0.3], np.float32)
    grad_v_c, rows, grad_rows = negative.negative_gradients(W_prime, hidden, 1, np.array([2, 3]))
    assert grad_v_c.dtype == grad_rows.dtype == np.float32 and rows.tolist() == [1, 2, 3]


def test_keep_probability_without_subsampling_is_one_as_a_float():
    keep = keep_probability(np.array([3, 1, 2]), 0.0)
    assert keep.dtype == np.float64 and keep.tolist() == [1.0, 1.0, 1.0]


def test_subsampled_epochs_skip_empty_thinnings_and_stop_at_the_steps():
    from w2v.subsample import subsampled_epochs
    # Two words in one sentence, each kept with probability ½: an epoch has the 2 pairs
    # (a, b), (b, a) when both survive, and none otherwise (skipped, not an epoch).
    ids, sentence, keep = np.array([0, 1]), np.array([0, 0]), np.array([0.5, 0.5])
    centers, contexts, starts = subsampled_epochs(ids, sentence, keep, 1, 10, seed=3)
    assert starts.tolist() == [1, 3, 5, 7, 9] and len(centers) == 10
    assert all({(centers[i], contexts[i]), (centers[i + 1], contexts[i + 1])} == {(0, 1), (1, 0)}
               for i in range(0, 10, 2))
    # A run exactly as long as its epochs: no start of an epoch after the last step.
    assert subsampled_epochs(ids, sentence, keep, 1, 4, seed=3)[2].tolist() == [1, 3]


def test_negative_state_is_float32_and_grad_u_o_is_the_context_rows(negative_run):
    s = negative_run.step_state(41)
    W, W_prime = negative_run.weights_after(40)
    hidden = W[s.center]
    np.testing.assert_allclose(s.grad_u_o, (s.context_score - 1.0) * hidden, rtol=1e-6)
    assert s.repulsive_forces.dtype == s.repulsive_force.dtype == s.grad_v_c.dtype == np.float32
    np.testing.assert_array_equal(s.repulsive_forces,
                                  np.float32(s.negative_scores)[:, None]
                                  * (s.negatives != s.context)[:, None] * W_prime[s.negatives])
