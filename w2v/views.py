"""Small derived tables the dashboard's pages show: pure functions of a corpus, a run or shapes."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .corpus import STOPWORDS, Corpus
from .pairs import window_of
from .curves import moving_average  # noqa: F401 - the pages read it here
from .reports import SCALE_COMPARISON

# Token roles in a sentence, as the pages colour them.
STOPWORD, RARE, VOCAB = "stopword", "rare", "vocab"
CENTER, CONTEXT, OUTSIDE, FILTERED = "center", "context", "outside", "filtered"

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


@dataclass(frozen=True)
class CorpusStats:
    sentences: int          # every sentence read
    kept_sentences: int     # sentences with two or more content words
    vocab_size: int
    pairs: int
    epochs: float           # how many times the run's steps go through all pairs


def corpus_stats(corpus: Corpus, n_pairs: int, steps: int) -> CorpusStats:
    return CorpusStats(len(corpus.raw), len(corpus.cleaned), len(corpus.vocab), n_pairs,
                       steps / n_pairs if n_pairs else 0.0)


def word_frequencies(corpus: Corpus) -> list[tuple[str, int, bool]]:
    """(word, count, in vocabulary) for every content word, most frequent first, ties A→Z."""
    known = set(corpus.vocab)
    return sorted(((w, c, w in known) for w, c in corpus.counts.items()),
                  key=lambda t: (-t[1], t[0]))


def token_kind(word: str, vocab: set[str]) -> str:
    if word in STOPWORDS:
        return STOPWORD
    return VOCAB if word in vocab else RARE


def annotate_sentence(corpus: Corpus, index: int) -> list[tuple[str, str]]:
    """Each token of raw sentence `index` with its kind: stopword, rare (out of vocabulary), vocab."""
    vocab = set(corpus.vocab)
    return [(w, token_kind(w, vocab)) for w in corpus.raw[index]]


def showcase_sentence(corpus: Corpus) -> int:
    """The first raw sentence with the most vocabulary words: the window has the most to show."""
    vocab = set(corpus.vocab)   # vocabulary words are never stopwords
    kept = [sum(w in vocab for w in sentence) for sentence in corpus.raw]
    return kept.index(max(kept)) if kept else 0


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


@dataclass(frozen=True)
class LossSummary:
    first_mean: float    # mean loss of the first `first` steps
    last_mean: float     # mean loss of the last `last` steps
    chance: float        # ln V: the loss of a uniform guess over the vocabulary
    first: int
    last: int


def loss_summary(losses: np.ndarray, vocab_size: int, first: int = 100,
                 last: int = 1000) -> LossSummary:
    losses = np.asarray(losses)
    f, l_ = min(first, len(losses)), min(last, len(losses))
    nan = float("nan")
    return LossSummary(float(losses[:f].mean()) if f else nan,
                       float(losses[-l_:].mean()) if l_ else nan,
                       math.log(vocab_size), f, l_)


def parameter_table(V: int, d: int) -> list[dict]:
    """The model's layers and parameter counts for vocabulary V and dimension d."""
    return [
        {"layer": "W (embeddings)", "type": "Embedding", "shape": f"{V} × {d}", "parameters": V * d},
        {"layer": "W′ (output)", "type": "Linear, no bias", "shape": f"{d} × {V}", "parameters": d * V},
        {"layer": "Total", "type": "", "shape": "", "parameters": 2 * V * d},
    ]


def scale_table(V: int, d: int) -> list[dict]:
    """This model next to well-known models, for a log-scale comparison."""
    rows = [{"model": "This model", "parameters": 2 * V * d, "label": f"{2 * V * d:,}",
             "this": True}]
    rows += [{"model": m, "parameters": p, "label": lab, "this": False}
             for m, p, lab in SCALE_COMPARISON]
    return rows


def architecture_dot(V: int, d: int) -> str:
    """Graphviz DOT source of the forward pass with this run's shapes (numbers only, no words)."""
    V, d = int(V), int(d)
    nodes = [
        ("onehot", f"center word\\none-hot [{V}]", "#e8eef9"),
        ("hidden", f"v_c = W[center]\\nembedding [{d}]", "#cfe0ff"),
        ("logits", f"logits = W′ · v_c\\nscores [{V}]", "#ffe3c2"),
        ("probs", f"softmax\\nprobabilities [{V}]", "#ffd2d2"),
        ("loss", "loss = −log p(context)\\n[1]", "#e0e0e0"),
    ]
    edges = [("onehot", "hidden", f"lookup in W ({V}×{d})"),
             ("hidden", "logits", f"multiply by W′ ({d}×{V})"),
             ("logits", "probs", "exp, normalise"),
             ("probs", "loss", "pick the true context")]
    lines = ["digraph G {", "  rankdir=LR;", '  node [shape=box, style="rounded,filled", '
             'fontname="Helvetica", fontsize=11];', '  edge [fontname="Helvetica", fontsize=9];']
    lines += [f'  {n} [label="{label}", fillcolor="{color}"];' for n, label, color in nodes]
    lines += [f'  {a} -> {b} [label="{label}"];' for a, b, label in edges]
    lines.append("}")
    return "\n".join(lines)
