"""Which words a chart or table of words draws when the vocabulary is large."""
from __future__ import annotations

import numpy as np

# The most words any chart or table of words draws (heatmaps, bars, maps). A larger vocabulary
# (an own text of book length has V ≈ 5,000) shows its MAX_WORDS_SHOWN most frequent words plus
# the few a page must keep (the words the user picked, a step's center and context); every
# capped chart says so. Vocabularies up to this size are shown whole, exactly as before.
MAX_WORDS_SHOWN = 150


def by_frequency(vocab: list[str], counts) -> list[int]:
    """Vocabulary indices, most frequent word first, ties A→Z (`counts`: word → count)."""
    return sorted(range(len(vocab)), key=lambda i: (-counts.get(vocab[i], 0), vocab[i]))


def top_words(vocab: list[str], counts, top_n: int | None = MAX_WORDS_SHOWN,
              extra=(), first=()) -> list[int] | None:
    """Vocabulary indices a capped chart shows, ascending, or None (every word) when the
    vocabulary has at most top_n words.

    The words in `first` (e.g. the topic groups' words) come before the most frequent ones
    when filling the top_n places; the words in `extra` (picked by the user) are always added.
    Words not in the vocabulary are ignored.
    """
    V = len(vocab)
    if top_n is None or top_n >= V:
        return None
    index = {w: i for i, w in enumerate(vocab)}
    keep: list[int] = []
    for i in [index[w] for w in first if w in index] + by_frequency(vocab, counts):
        if len(keep) >= max(1, top_n):
            break
        if i not in keep:
            keep.append(i)
    return sorted(set(keep) | {index[w] for w in extra if w in index})


def spread_words(vocab: list[str], counts, n: int = MAX_WORDS_SHOWN) -> list[int] | None:
    """n vocabulary indices evenly spread over the frequency ranking (the most and the least
    frequent included), ascending; None (every word) when the vocabulary has at most n words.
    For charts whose point is how something depends on frequency."""
    V = len(vocab)
    if n >= V:
        return None
    ranked = by_frequency(vocab, counts)
    picks = np.unique(np.linspace(0, V - 1, max(2, n)).round().astype(int))
    return sorted(ranked[i] for i in picks)


def cap_note(shown: int, V: int, which: str) -> str:
    """'Showing 150 of 5,112 words: the most frequent …' for a capped chart's caption."""
    return (f"Showing {shown:,} of {V:,} words ({which}): a vocabulary of more than "
            f"{MAX_WORDS_SHOWN} words is too large to draw whole.")
