"""Do the vectors of a run on your own text mean anything yet? The verdict in words.

w2v.analysis.stability measures (epochs, loss against ln V and the floor, neighbours two seeds
agree on); here each measure gets a reading and plain advice, and the worst reading is the
verdict. No topic groups or analogies: own text has none.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from w2v.analysis.stability import Stability

YES, PARTLY, NOT_YET = "yes", "partly", "not yet"
LEVELS = (YES, PARTLY, NOT_YET)            # best to worst
MIN_WORDS = 30          # fewer vocabulary words: nearest neighbours have little to choose from
EPOCHS = (1.0, 3.0)     # below the first: not yet; below the second: partly
LEARNED = (0.25, 0.5)   # share of the way from ln V to the floor
AGREEMENT = (0.15, 0.35)  # neighbour overlap above chance


def suggested(suggestion_above: bool, suggestion_in_use: bool = False) -> str:
    """The advice's tail on w2v.suggest's settings, from its separator on: press their button,
    which is on the Corpus page above the verdict there (`suggestion_above`), elsewhere a page
    away; or, once the sidebar holds them (`suggestion_in_use`, the button is disabled), go past
    them."""
    if suggestion_in_use:
        return "; the sidebar already holds the suggested settings, so go past them"
    button = ("the “Use suggested settings” button above" if suggestion_above
              else "“Use suggested settings” on the Corpus page")
    return f", or press {button}: it picks steps, min_count and the model for your text"


@dataclass(frozen=True)
class Verdict:
    level: str              # YES, PARTLY or NOT_YET
    headline: str
    measures: pd.DataFrame  # measure, value, reading, advice


def _level(value: float, limits: tuple[float, float]) -> str:
    return NOT_YET if value < limits[0] else PARTLY if value < limits[1] else YES


def _worst(levels) -> str:
    return max(levels, key=LEVELS.index)


def verdict(s: Stability, min_count: int, diverged: bool = False,
            suggestion_above: bool = False, suggestion_in_use: bool = False) -> Verdict:
    """The verdict on a run on own text from its measures (`min_count`: the current setting;
    `suggestion_above`: shown below the suggested settings' button, on the Corpus page;
    `suggestion_in_use`: the sidebar holds those settings already)."""
    tail = suggested(suggestion_above, suggestion_in_use)
    one_epoch = f"{s.pairs:,}"
    rows = []

    def row(measure, value, level, reading, advice):
        rows.append({"measure": measure, "value": value, "reading": level,
                     "what it says": reading, "advice": "" if level == YES else advice})
        return level

    size = row("Vocabulary", f"{s.vocab_size:,} words", YES if s.vocab_size >= MIN_WORDS
               else NOT_YET,
               f"words with a vector (seen at least min_count = {min_count} times)",
               "More text: a few pages at least, so that enough words recur"
               + (f"; or a lower min_count (now {min_count}) keeps rarer words" if min_count > 1
                  else "") + ".")
    epochs = row("Epochs covered", f"{s.epochs:,.1f}", _level(s.epochs, EPOCHS),
                 f"times training went through all {one_epoch} window pairs",
                 f"More steps: {s.pairs * 5:,} steps go through every pair five times"
                 + tail + ".")
    finite = math.isfinite(s.loss) and not diverged
    loss_value = (f"{s.loss:.2f} (ln V {s.chance_loss:.2f}, best possible {s.floor:.2f})"
                  if finite else "diverged")
    learned = row("Loss", loss_value, _level(s.learned, LEARNED) if finite else NOT_YET,
                  f"{s.learned:.0%} of the way from guessing uniformly (ln V) to the lowest loss "
                  "any model can reach on these pairs" if finite else
                  "the loss stopped being a number: training diverged",
                  "Lower the learning rate (0.1 works well)." if not finite else
                  "More steps, or more dimensions if the loss has stopped falling"
                  + tail + ".")
    agreed = row("Same neighbours with another seed", f"{s.overlap:.0%} (chance {s.chance:.0%})",
                 _level(s.agreement, AGREEMENT),
                 f"of each word's {s.k} nearest neighbours, the share a second run with seed + 1 "
                 f"also finds ({s.words:,} most frequent words); what both agree on comes from "
                 "the text, the rest from the random start",
                 "More steps settle the neighbours; more text gives them more to agree on.")
    level = _worst([size, epochs, learned, agreed])
    return Verdict(level, _headline(level, s), pd.DataFrame(rows))


def _headline(level: str, s: Stability) -> str:
    agree = (f"a second run with another seed finds {s.overlap:.0%} of the same nearest "
             f"neighbours (chance: {s.chance:.0%})")
    if level == YES:
        return (f"**Yes: these vectors reflect your text.** {agree[0].upper()}{agree[1:]}, and "
                f"the loss has come {s.learned:.0%} of the way from guessing to the best "
                "possible: neighbours on the next pages are worth reading.")
    if level == PARTLY:
        return (f"**Partly: some structure, still much noise.** {agree[0].upper()}{agree[1:]}. "
                "Read neighbours with care; the advice below says what would help most.")
    return ("**Not yet: these vectors still say more about the random start than about your "
            f"text.** {agree[0].upper()}{agree[1:]}. The advice below says what to change.")
