"""w2v.suggest: small texts keep the seed's full softmax, large ones get word2vec's settings,
and the steps it proposes fit the memory budget (recorded more sparsely when long)."""
import itertools

import pytest

import w2v
from w2v import budget
from w2v.budget import count_recordings, record_schedule
from w2v.pairs import generate_pairs

FIELDS = ("objective", "steps", "dim", "min_count", "sample", "lr_schedule")


@pytest.fixture(scope="module")
def docs():
    import pydoc_data.topics as topics           # CPython's English documentation
    return "\n".join(topics.topics.values())


def check_reasons(s):
    for name in FIELDS:
        assert name in s.reasons and s.reasons[name].strip() and "\n" not in s.reasons[name]
    assert len(s.lines()) == len(s.reasons)


def test_a_small_text_stays_full_softmax(text):
    s = w2v.suggest(text)
    c = s.config
    assert (c.objective, c.sample, c.lr_schedule) == ("softmax", 0.0, "constant")
    corpus = w2v.load_corpus(text, c.min_count)
    assert s.vocab_size == len(corpus.vocab)
    assert s.pairs_per_epoch == len(generate_pairs(corpus.cleaned, corpus.w2i, c.window))
    assert c.steps == s.pairs_per_epoch * round(s.epochs) and s.epochs >= 1
    check_reasons(s)
    assert "softmax" in s.reasons["objective"]


def test_a_large_text_gets_negative_sampling_within_the_budget(docs):
    s = w2v.suggest(docs)
    c = s.config
    assert (c.objective, c.lr_schedule) == ("negative", "linear")
    assert c.sample > 0 and c.negatives >= 1 and c.dim > w2v.TrainConfig().dim
    assert s.vocab_size > 1000 and c.min_count >= 3
    assert c.steps == s.pairs_per_epoch * round(s.epochs) and s.epochs >= 5
    plan = budget.plan(s.vocab_size, c)                # raises RunTooLarge if it did not fit
    assert plan.bytes <= budget.RUN_BUDGET
    check_reasons(s)
    assert "negative sampling" in s.reasons["objective"]


def test_a_tight_budget_gives_fewer_epochs(docs):
    roomy = w2v.suggest(docs)
    tight = w2v.suggest(docs, budget=20 * budget.MB)
    assert tight.config.steps < roomy.config.steps
    budget.plan(tight.vocab_size, tight.config, 20 * budget.MB)


def test_long_negative_runs_record_every_so_many_thousand_steps():
    config = w2v.TrainConfig(objective="negative", steps=5_000_000, dim=50)
    plan = budget.plan(15_000, config)
    assert plan.adapted and plan.bytes <= budget.RUN_BUDGET
    assert plan.record_interval > budget.MAX_INTERVAL
    assert plan.record_interval * budget.step_seconds(15_000, config) <= budget.REPLAY_SECONDS
    # A full-softmax run that large would replay too slowly between recordings: refused.
    with pytest.raises(budget.RunTooLarge):
        budget.plan(15_000, w2v.TrainConfig(steps=5_000_000, dim=50))


def test_count_recordings_is_the_schedule_length():
    for total, dense, interval in itertools.product([1, 2, 5, 17, 100, 1234], [0, 1, 3, 10, 200],
                                                    [1, 3, 7, 10, 25, 1000]):
        assert count_recordings(total, dense, interval) == len(record_schedule(total, dense, interval))


def test_the_estimated_time_reads_as_words_not_zero_seconds(text):
    from w2v.suggest import about
    assert [about(x) for x in (0.0, 0.26, 0.999, 1.0, 12.4, 1234.0)] == [
        "under a second", "under a second", "under a second", "about 1 s", "about 12 s",
        "about 1,234 s"]
    s = w2v.suggest(text)
    assert f"window pairs, {about(s.seconds)} here" in s.reasons["steps"]
