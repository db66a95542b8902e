"""The quiz of a run: every generator once, in the order of TIERS."""
from __future__ import annotations

from ..run import Run
from . import concepts, predicting, reading
from .draw import focus_words, pick, quiz_rng
from .question import Question

# Questions whose answer or explanation is the full softmax's maths (its loss starts at ln V and
# has the corpus's entropy as floor; a step changes every row of W′; a step moves the softmax
# probabilities): a negative-sampling run did not minimise that loss, so they are left out.
SOFTMAX_ONLY = frozenset({"uniform_loss", "floor", "start_loss", "end_loss", "rows_updated",
                          "step_own", "step_other"})


def make_quiz(run: Run, sets: dict | None = None) -> list[Question]:
    """About 15 questions in the order of TIERS; the same run always gives the same quiz
    (fewer for a negative-sampling run: see SOFTMAX_ONLY)."""
    rng = quiz_rng(run)
    words = focus_words(run, sets)
    w1 = pick(rng, words)
    w2 = pick(rng, words, avoid=[w1])
    w3 = pick(rng, run.vocab if len(words) < 3 else words, avoid=[w1, w2])
    questions = [
        concepts.parameters(run, rng), concepts.uniform_loss(run, rng),
        concepts.sentence_pairs(run, rng), concepts.rows_updated(run, rng),
        concepts.floor(run, rng),
        reading.start_loss(run, rng), reading.end_loss(run, rng), reading.nearest(run, rng, w1),
        reading.group(run, rng, sets, avoid=[w1]), reading.top_context(run, rng, w2),
        predicting.loss_later(run, rng), *predicting.step_pair(run, rng),
        predicting.final_rank(run, rng), predicting.neighbour_stays(run, rng, w3),
        predicting.step_move(run, rng),
    ]
    skip = SOFTMAX_ONLY if run.config.objective == "negative" else frozenset()
    return [q for q in questions if q is not None and q.qid not in skip]
