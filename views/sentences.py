"""Sentences the pages say about the run on screen, computed from that run.

A page may explain what usually happens in general, but a sentence about *this* run (do W and
W′ point alike, do frequent words settle sooner, do the topic groups cluster) must come from
its numbers, or it will contradict the chart beside it on some run. Strings in, strings out:
no Streamlit, so each sentence can be tested against the run it describes.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

STRONG = 0.3      # |rank correlation| or cosine from which a tendency is called one


def two_roles(mean_cosine: float) -> str:
    """What the mean cosine between each word's W row and W′ row says about this run."""
    m = f"{mean_cosine:.2f}"
    if mean_cosine >= 0.5:
        how = f"in this run they mostly point the same way (mean cosine {m})"
    elif mean_cosine >= STRONG:
        how = f"in this run they are partly aligned (mean cosine {m})"
    elif mean_cosine > -STRONG:
        how = f"in this run they are close to unrelated on average (mean cosine {m})"
    else:
        how = f"in this run they tend to point opposite ways (mean cosine {m})"
    return ("The two are trained for different jobs, and nothing forces them to agree: " + how
            + ".")


def settling(frame: pd.DataFrame) -> str:
    """Whether frequent words settle sooner in this run (frame: word, frequency,
    converged_at, as views.analogies.convergence_frame)."""
    if len(frame) < 3 or frame["frequency"].nunique() < 2 or frame["converged_at"].nunique() < 2:
        return ""
    rho = float(frame["frequency"].rank().corr(frame["converged_at"].rank()))
    top = frame.sort_values(["frequency", "word"], ascending=[False, True]).iloc[0]
    median = int(frame["converged_at"].median())
    if rho <= -STRONG:
        trend = f"here frequent words do settle sooner (rank correlation {rho:+.2f})"
    elif rho >= STRONG:
        trend = f"here frequent words settle later, not sooner (rank correlation {rho:+.2f})"
    else:
        trend = (f"here how often a word occurs says little about when it settles (rank "
                 f"correlation {rho:+.2f})")
    return (f"Frequent words get more updates, but they also meet more different contexts: "
            f"{trend}. The most frequent word, “{top['word']}” ({int(top['frequency']):,} "
            f"times), settles at step {int(top['converged_at']):,}; the median word at step "
            f"{median:,}.")


def clusters(neighbour_quality: float | None, k: int) -> str:
    """What the map's reader may expect of the topic groups in this run ("" without groups)."""
    if neighbour_quality is None:
        return ""
    share = f"{neighbour_quality:.0%}"
    if neighbour_quality >= 0.75:
        how = "the topic groups form clusters"
    elif neighbour_quality >= 0.4:
        how = "the topic groups only partly cluster"
    else:
        how = "the topic groups do not cluster yet"
    return (f" In this run {how}: at the last step {share} of the grouped words have a word of "
            f"their own group among their {k} nearest neighbours (in all d dimensions; the "
            f"2-D map can hide some of it).")


def floor_note(floor: float, last_mean: float, chance: float, last: int = 1000) -> str:
    """Where the run's loss sits between random guessing (ln V) and the best possible loss."""
    if not (np.isfinite(last_mean) and chance > floor):
        return ""
    closed = (chance - last_mean) / (chance - floor)
    return (f"The green line is the best possible loss, H = {floor:.2f}: even a model that "
            f"knows the corpus's own frequencies P̂(context | center) cannot predict a center "
            f"with several different contexts with certainty. The mean of the last {last:,} "
            f"steps, "
            f"{last_mean:.2f}, has closed {closed:.0%} of the gap from ln V = {chance:.2f} "
            f"to it.")
