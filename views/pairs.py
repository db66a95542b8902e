"""The Training pairs page: the (center, context) pairs one sentence gives, and each token's role."""
from __future__ import annotations

from w2v.corpus import STOPWORDS, Corpus
from w2v.pairs import window_of

from .corpus import STOPWORD, VOCAB, annotate_sentence
from .text import md_escape

# A token's role when one word of its sentence is the center.
CENTER, CONTEXT, OUTSIDE, FILTERED = "center", "context", "outside", "filtered"


def sentence_pairs(corpus: Corpus, index: int, window: int) -> list[tuple[str, str]]:
    """All (center, context) pairs one raw sentence gives, in reading order."""
    vocab = set(corpus.vocab)
    words = [w for w in corpus.raw[index] if w not in STOPWORDS and w in vocab]
    if sum(1 for w in corpus.raw[index] if w not in STOPWORDS) < 2:
        return []   # the corpus drops sentences with fewer than two content words
    return [(words[i], words[j]) for i in range(len(words))
            for j in window_of(len(words), i, window) if j != i]


def center_view(corpus: Corpus, index: int, center_pos: int | None, window: int):
    """Roles of each token of raw sentence `index` when the token at `center_pos` is the center.

    Returns (roles, pairs): roles[k] is center, context (inside the window), outside (in the
    vocabulary but beyond the window) or filtered (stopword or rare word); pairs are the
    (center, context) pairs that center gives. The window counts in-vocabulary words only.
    """
    tokens = annotate_sentence(corpus, index)
    kept = [k for k, (_, kind) in enumerate(tokens) if kind == VOCAB]
    dropped = sum(1 for _, kind in tokens if kind != STOPWORD) < 2
    roles = [FILTERED if kind != VOCAB or dropped else OUTSIDE for _, kind in tokens]
    if dropped or center_pos is None or center_pos not in kept:
        return roles, []
    i = kept.index(center_pos)
    roles[center_pos] = CENTER
    pairs = []
    for j in window_of(len(kept), i, window):
        if j != i:
            roles[kept[j]] = CONTEXT
            pairs.append((tokens[center_pos][0], tokens[kept[j]][0]))
    return roles, pairs


def pair_list(pairs) -> str:
    """Pairs as Markdown lines, one per center ("little → prince, plays"): plain text wraps,
    where a scrolling code block would be out of the keyboard's reach."""
    by_center: dict[str, list[str]] = {}
    for c, o in pairs:
        by_center.setdefault(c, []).append(md_escape(o))
    return "  \n".join(f"{md_escape(c)} → {', '.join(os)}"
                       for c, os in by_center.items()) or "(none)"
