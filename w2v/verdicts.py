"""The reference design's "Experiments to try", judged by the runs of a sweep.

The reference promises what each of its four experiments shows (dimension, learning rate,
window, steps). A corpus is not the reference's corpus, so each promise is checked against the
runs just trained: a Finding says whether the claim holds here, with the runs' own numbers, or
why these runs cannot test it. Nothing here is a fixed figure: every number comes from the rows
(w2v.experiments.summarise) and the runs' losses.

No Streamlit here: pure functions over summary rows and arrays.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .curves import moving_average
from .experiments import FINAL_LOSS_STEPS, format_value

FLAT_SHARE = 0.9        # "flattened": 90% of the run's whole fall of the loss is done
FLAT_WINDOW = 1000      # the loss level at a step: mean of the 1,000 steps up to it
LR_FOLLOW_UP = (1.0, 2.0, 5.0, 50.0)   # larger rates, to find where divergence begins


@dataclass(frozen=True)
class Finding:
    claim: str | None    # the reference's words; None for a plain observation
    holds: bool | None   # True / False, or None: these runs cannot test the claim
    evidence: str        # what the runs show, with their numbers

    @property
    def mark(self) -> str:
        if self.claim is None:
            return "Note"
        return {True: "Holds", False: "Does not hold", None: "Cannot be tested here"}[self.holds]


def _v(param: str, value) -> str:
    return format_value(param, value)


def _loss(x: float) -> str:
    return f"{x:.2f}" if abs(x) < 1e4 else f"{x:.1e}"


def _trained(rows: list[dict]) -> list[dict]:
    # A failed job's row has no final loss (w2v.experiments.job_row).
    return [r for r in rows if r.get("final_loss") is not None and r.get("diverged_at") is None]


def _listing(param: str, rows: list[dict], key: str, fmt) -> str:
    values = " / ".join(_v(param, r["value"]) for r in rows)
    numbers = " / ".join("–" if r.get(key) is None else fmt(r[key]) for r in rows)
    return f"{param} {values}: {numbers}"


def _pct(x: float) -> str:
    return f"{x:.0%}"


# -- learning rate -----------------------------------------------------------------------------
def blows_up_at(losses: np.ndarray, chance: float, window: int = 200) -> int | None:
    """First step whose `window`-step mean loss passes twice ln V (`chance`): where a run
    visibly leaves the chart, often long before its loss stops being a number."""
    level = moving_average(np.nan_to_num(np.asarray(losses, dtype=np.float64), nan=np.inf,
                                         posinf=1e300), window)
    above = np.nonzero(level > 2 * chance)[0]
    return int(above[0]) + 1 if len(above) else None


def lr_findings(rows: list[dict]) -> list[Finding]:
    """"Too high → loss diverges (NaN). Too low → barely learns. 0.1 is the sweet spot.

    A row may carry "blows_up_at" (see blows_up_at) for a run that diverged."""
    rows = sorted(rows, key=lambda r: r["value"])
    trained = _trained(rows)
    diverged = [r for r in rows if r.get("diverged_at") is not None]
    top = rows[-1]
    findings = []
    if diverged:
        def when(r):
            early = r.get("blows_up_at")
            shown = early is not None and early < 0.9 * r["diverged_at"]
            return (f"lr {_v('lr', r['value'])} diverged at step {r['diverged_at']:,}"
                    + (f" (its loss passed twice ln V at step {early:,})" if shown else ""))

        where = "; ".join(when(r) for r in diverged)
        if trained and trained[-1]["value"] < diverged[0]["value"]:
            where += (f". Divergence begins between lr {_v('lr', trained[-1]['value'])} "
                      f"(trained to the end) and lr {_v('lr', diverged[0]['value'])}")
        if len(diverged) > 1:
            steps = [r["diverged_at"] for r in diverged]
            if steps == sorted(steps, reverse=True):
                where += "; the larger the rate, the sooner it breaks"
        findings.append(Finding(f"Too high a rate diverges (lr {_v('lr', top['value'])})",
                                top.get("diverged_at") is not None, where + "."))
    else:
        losses = _listing("lr", rows, "final_loss", _loss)
        findings.append(Finding(
            f"Too high a rate diverges (lr {_v('lr', top['value'])})", False,
            f"None of the {len(rows)} runs diverged; final losses {losses}. The largest rate "
            f"trains, it only ends higher than the best."))
    if len(trained) >= 2:
        chance = trained[0]["chance_loss"]
        low = trained[0]
        best = min(trained, key=lambda r: r["final_loss"])
        if best is not low and chance is not None:
            share = (chance - low["final_loss"]) / max(chance - best["final_loss"], 1e-12)
            findings.append(Finding(
                f"Too low a rate barely learns (lr {_v('lr', low['value'])})", share < 0.5,
                f"lr {_v('lr', low['value'])} ends at loss {_loss(low['final_loss'])}, "
                f"{chance - low['final_loss']:.2f} below random guessing (ln V = {chance:.2f}); "
                f"lr {_v('lr', best['value'])} gets {chance - best['final_loss']:.2f} below it: "
                f"the small rate made {_pct(max(share, 0.0))} of that progress."))
    if any(math.isclose(r["value"], 0.1) for r in rows) and trained:
        best = min(trained, key=lambda r: r["final_loss"])
        findings.append(Finding(
            "0.1 is the sweet spot", math.isclose(best["value"], 0.1),
            f"The lowest final loss is lr {_v('lr', best['value'])}'s "
            f"({_loss(best['final_loss'])}); neighbour quality is "
            + _listing("lr", rows, "neighbour_quality", _pct) + "."))
    return findings


def lr_follow_up(rows: list[dict]) -> tuple[float, ...]:
    """When none of these rates diverged: the largest of them and larger ones, to find where
    divergence begins (empty when one did)."""
    if any(r.get("diverged_at") is not None for r in rows) or not rows:
        return ()
    top = max(r["value"] for r in rows)
    return (top,) + tuple(v for v in LR_FOLLOW_UP if v > top)


# -- dimension ---------------------------------------------------------------------------------
def dim_findings(rows: list[dict]) -> list[Finding]:
    """"4 dimensions may struggle; 16 should do better."""
    trained = sorted(_trained(rows), key=lambda r: r["value"])
    if len(trained) < 2:
        return []
    small, large = trained[0], trained[-1]

    def not_worse(key):
        a, b = small.get(key), large.get(key)
        if a is None or b is None:
            return True
        return b >= a

    # A lower final loss, and neither score worse (a score missing on one side compares nothing).
    holds = large["final_loss"] < small["final_loss"] and not_worse("neighbour_quality") and \
        not_worse("analogy_accuracy")
    parts = [f"Final loss {_listing('dim', trained, 'final_loss', _loss)}"]
    for key, name in (("neighbour_quality", "neighbour quality"),
                      ("analogy_accuracy", "analogy accuracy")):
        if any(r.get(key) is not None for r in trained):
            parts.append(f"{name} {_listing('dim', trained, key, _pct)}")
    return [Finding(f"dim {_v('dim', small['value'])} struggles, "
                    f"dim {_v('dim', large['value'])} does better", holds,
                    "; ".join(parts) + ".")]


# -- steps -------------------------------------------------------------------------------------
def shares_prefix(losses: list[np.ndarray]) -> bool:
    """True when every shorter run's losses are exactly the start of the longest run's."""
    longest = max(losses, key=len)
    return all(np.array_equal(l, longest[:len(l)], equal_nan=True) for l in losses)


def flattens_at(losses: np.ndarray, share: float = FLAT_SHARE,
                window: int = FLAT_WINDOW) -> int | None:
    """First step by which `share` of the loss's whole fall is done, or None (no fall).

    The level at step s is the mean of the `window` steps up to s; the fall is from the
    level after the first `window` steps to the level at the end."""
    losses = np.asarray(losses, dtype=np.float64)
    if len(losses) < 2 * window or not np.isfinite(losses).all():
        return None
    level = moving_average(losses, window)[window - 1:]
    start, end = level[0], level[-1]
    if start - end <= 0:
        return None
    done = np.nonzero(level - end <= (1 - share) * (start - end))[0]
    return int(done[0]) + window


def steps_findings(rows: list[dict], losses: list[np.ndarray]) -> list[Finding]:
    """"Loss drops fast in the first 5K, then plateaus. More steps = better analogies."""
    pairs = sorted(zip(rows, losses), key=lambda p: p[0]["value"])
    if len(pairs) < 2:
        return []
    rows, losses = [p[0] for p in pairs], [p[1] for p in pairs]
    findings = []
    ends = " / ".join(f"{len(l):,}" for l in losses[:-1])
    if shares_prefix(losses):
        findings.append(Finding(
            None, None,
            f"Same seed, same pairs: the {ends}-step runs are exact prefixes of the "
            f"{len(losses[-1]):,}-step run (their losses agree step for step), so their "
            f"curves lie on the longest one; the chart marks where each ends."))
    flat = flattens_at(losses[-1])
    shortest = rows[0]["value"]
    if flat is not None:
        level = moving_average(losses[-1], FLAT_WINDOW)
        findings.append(Finding(
            f"The loss drops fast in the first {shortest:,} steps, then plateaus",
            flat <= shortest,
            f"In the {len(losses[-1]):,}-step run the mean loss of {FLAT_WINDOW:,} steps falls "
            f"from {_loss(level[FLAT_WINDOW - 1])} to {_loss(level[-1])}; "
            f"{_pct(FLAT_SHARE)} of that fall is done by step {flat:,}"
            + (f", so at step {shortest:,} it is still falling"
               f" ({_loss(level[shortest - 1])})." if flat > shortest else ".")))
    finals = _listing("steps", rows, "final_loss", _loss)
    accuracies = [r.get("analogy_accuracy") for r in rows]
    if all(a is not None for a in accuracies):
        better = all(b >= a for a, b in zip(accuracies, accuracies[1:])) and \
            accuracies[-1] > accuracies[0]
        findings.append(Finding(
            "More steps give better analogies", better,
            f"Analogy accuracy {_listing('steps', rows, 'analogy_accuracy', _pct)}; "
            f"final loss (last {FINAL_LOSS_STEPS:,} steps) {finals}."))
    return findings


# -- window ------------------------------------------------------------------------------------
def window_findings(rows: list[dict], sentence_lengths: list[int],
                    has_word_types: bool = False) -> list[Finding]:
    """"Larger window = topical similarity, smaller window = word-type similarity."

    `sentence_lengths`: vocabulary words per training sentence. A window of w reaches every
    word of a sentence of at most w + 1 words, so two windows differ only on longer sentences.
    """
    rows = sorted(rows, key=lambda r: r["value"])
    if len(rows) < 2 or not sentence_lengths:
        return []
    lengths = np.asarray(sentence_lengths)
    cut = _listing("window", rows, "value",
                   lambda w: f"{int((lengths > int(w) + 1).sum()):,}")
    pairs = _listing("window", rows, "pairs", lambda n: f"{n:,}")
    reasons = [f"its {len(lengths):,} training sentences keep {lengths.mean():.1f} vocabulary "
               f"words on average (the longest {lengths.max()}), and a window of w already "
               f"reaches every word of a sentence of up to w + 1 words. Only the longer "
               f"sentences ({cut}) can tell windows apart, so the windows see nearly the same "
               f"pairs ({pairs})"]
    if not has_word_types:
        reasons.append("the corpus's sets have no word-type groups to score 'syntactic' "
                       "neighbours against, only topic groups")
    return [Finding("A larger window gives topical neighbours, a smaller one word-type "
                    "neighbours", None,
                    "This corpus cannot show it: " + "; and ".join(reasons) + ".")]


def sentence_lengths(corpus) -> list[int]:
    """Vocabulary words in each sentence that trains (w2v.corpus.Corpus)."""
    return [n for n in (len(corpus.in_vocab(s)) for s in corpus.cleaned) if n >= 2]


def _blow_up(row: dict, run) -> int | None:
    """Where a diverged run's loss first ran away (blows_up_at), for a softmax run's row (only
    diverged rows are read: lr_findings; a failed job's row never has diverged_at)."""
    if row.get("diverged_at") is None or row.get("chance_loss") is None:
        return None
    return blows_up_at(run.losses, row["chance_loss"])


def judge(param: str, rows: list[dict], runs: list, sets: dict | None = None) -> list[Finding]:
    """The reference's claims about a sweep of `param`, checked on its runs (None for a run
    that failed) and the corpus's `sets`; an empty list for a setting the reference says
    nothing about."""
    if any(run is not None and run.config.objective != "softmax" for run in runs):
        # ln V is the full softmax's random guess; negative sampling's loss is another scale.
        rows = [dict(r, chance_loss=None) for r in rows]
    kept = [(r, run) for r, run in zip(rows, runs) if run is not None]
    if param == "lr":
        return lr_findings([dict(r, blows_up_at=_blow_up(r, run)) for r, run in zip(rows, runs)])
    if param == "dim":
        return dim_findings(rows)
    if param == "steps" and kept:
        return steps_findings([r for r, _ in kept], [run.losses for _, run in kept])
    if param == "window" and kept:
        run = kept[0][1]
        return window_findings([r for r, _ in kept], sentence_lengths(run.corpus),
                               bool((sets or {}).get("word_types")))
    return []
