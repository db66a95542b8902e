"""Scoring vectors against a sets file: do grouped words end up near, are analogies solved?

A "sets" dict is what textio.read_sets returns from corpus_sets.json:
    {"groups": {name: [words]}, "analogies": [[a, b, c, d], ...]}
Words a set names but the vocabulary lacks are skipped, never an error.
"""
from .similarity import nearest, solve_analogy


def usable_groups(groups: dict[str, list[str]], vocab: list[str]) -> dict[str, list[str]]:
    """Each group cut to its in-vocabulary words; groups left with fewer than 2 are dropped."""
    known = set(vocab)
    cut = {name: [w for w in words if w in known] for name, words in groups.items()}
    return {name: words for name, words in cut.items() if len(words) >= 2}


def usable_analogies(analogies: list[list[str]], vocab: list[str]) -> list[list[str]]:
    """The analogies whose four words are all in the vocabulary."""
    known = set(vocab)
    return [list(q) for q in analogies if len(q) == 4 and set(q) <= known]


def key_words(vocab: list[str], counts, sets: dict | None, n: int) -> list[str]:
    """Words worth following: the grouped words in the vocabulary if the sets name any, else
    the n most frequent words (`counts`: word → count; ties in alphabetical order)."""
    grouped = usable_groups((sets or {}).get("groups", {}), vocab)
    words = list(dict.fromkeys(w for ws in grouped.values() for w in ws))
    return words or sorted(vocab, key=lambda w: (-counts[w], w))[:n]


def neighbour_quality(W, vocab, groups: dict[str, list[str]], k: int = 3) -> float | None:
    """Fraction of grouped words with a word of their own group among their k nearest.

    Only groups with 2+ words in the vocabulary count (a lone word cannot succeed);
    None when no group qualifies.
    """
    hits = total = 0
    for words in usable_groups(groups, vocab).values():
        for word in words:
            near = {w for w, _ in nearest(W, vocab, word, k)}
            hits += bool(near & (set(words) - {word}))
            total += 1
    return hits / total if total else None


def analogy_results(W, vocab, analogies: list[list[str]]) -> list[dict]:
    """Each usable analogy's top answer, its score and whether it is the expected word."""
    results = []
    for a, b, c, d in usable_analogies(analogies, vocab):
        top = solve_analogy(W, vocab, a, b, c, k=1)
        answer, score = top[0] if top else (None, None)
        results.append({"analogy": [a, b, c, d], "answer": answer, "score": score,
                        "correct": answer == d})
    return results


def top1_accuracy(results: list[dict]) -> float | None:
    """Fraction of analogy_results answered correctly; None when there are none."""
    return sum(r["correct"] for r in results) / len(results) if results else None


def analogy_accuracy(W, vocab, analogies: list[list[str]]) -> float | None:
    """Top-1 accuracy over the usable analogies; None when there are none."""
    return top1_accuracy(analogy_results(W, vocab, analogies))


def scores(W, vocab, sets: dict | None, k: int = 3) -> dict:
    """The two headline scores of some vectors: neighbour quality (a same-group word among the
    k nearest) and analogy accuracy; None where the sets give nothing to score."""
    sets = sets or {}
    return {"neighbour_quality": neighbour_quality(W, vocab, sets.get("groups", {}), k),
            "analogy_accuracy": analogy_accuracy(W, vocab, sets.get("analogies", []))}
