"""Topic groups (corpus_sets.json) as the tables colour and order words."""
from __future__ import annotations

NO_GROUP = "in no group"


def group_of(vocab: list[str], groups: dict) -> list[str]:
    """Each vocabulary word's topic group name (the first that lists it), or NO_GROUP."""
    names, of_word = word_groups(vocab, groups or {})
    return [names[g] if g >= 0 else NO_GROUP for g in of_word]


def group_order(vocab: list[str], groups: dict) -> list[int]:
    """Vocabulary indices: grouped words first, group by group and word by word in the sets'
    order, then the words in no group in vocabulary order."""
    index = {w: i for i, w in enumerate(vocab)}
    order: list[int] = []
    for words in (groups or {}).values():
        order += [index[w] for w in words if w in index and index[w] not in order]
    seen = set(order)
    return order + [i for i in range(len(vocab)) if i not in seen]


def word_groups(vocab: list[str], groups: dict[str, list[str]]) -> tuple[list[str], list[int]]:
    """Group names that have a word in the vocabulary, and each word's group index (−1: none).

    A word listed in several groups takes the first; groups with no vocabulary word are dropped
    so the legend only lists what can be seen.
    """
    index = {w: i for i, w in enumerate(vocab)}
    names: list[str] = []
    of_word = [-1] * len(vocab)
    for name, words in (groups or {}).items():
        hits = [index[w] for w in words if w in index and of_word[index[w]] == -1]
        if not hits:
            continue
        for i in hits:
            of_word[i] = len(names)
        names.append(str(name))
    return names, of_word
