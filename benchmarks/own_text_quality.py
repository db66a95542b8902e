"""Does an own text learn with w2v.suggest's settings? Neighbours and a word-similarity score.

    python benchmarks/own_text_quality.py [--similarity wordsim353.tsv] [--large-mb 2.3]

Texts (real prose found on this machine, no download):
  docs   CPython's English documentation in pydoc_data/topics.py (the ~60,000-word case)
  large  that plus the vim, perl and other English manuals under /usr/share, cut at --large-mb
Figures: the suggested settings, training time, neighbour tables for a few words, and the
Spearman correlation of cosines with human similarity judgements: WordSim-353 when a file is
given (--similarity; gensim's wheel ships one in gensim/test/test_data), and always the small
hand-written list below, made for these technical texts.
"""
import argparse
import re
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
import w2v                                    # noqa: E402
from w2v.suggest import suggest               # noqa: E402

# Word pairs with a similarity from 0 (unrelated) to 10 (near-synonyms), judged by hand for
# text about programming tools; enough spread for a rank correlation.
HAND_PAIRS = """
list tuple 8; list dictionary 6; dictionary mapping 9; string character 7; string text 8
file directory 7; file path 6; function method 8; function argument 6; argument parameter 9
class instance 7; class object 6; object instance 8; integer number 8; integer float 7
number float 7; error exception 9; exception raise 7; loop iteration 8; iterator generator 7
module package 8; module import 7; window buffer 6; buffer text 5; cursor line 5; line column 6
command option 5; variable value 6; key value 6; attribute method 6; byte string 6
true false 6; read write 7; start end 6; insert delete 6; print output 7
list window 1; integer cursor 1; exception colour 0; tuple buffer 1; dictionary mouse 1
function colour 1; file integer 2; generator syntax 2; float window 0; import cursor 1
""".strip()

WORDS = ("function", "file", "string", "error", "window", "list")


def docs_text() -> str:
    import pydoc_data.topics as topics
    return "\n".join(topics.topics.values())


def manuals(limit_bytes: int) -> str:
    """pydoc topics, then English manuals under /usr/share, up to limit_bytes of text."""
    parts, size = [docs_text()], 0
    size = len(parts[0].encode())
    roots = [Path("/usr/share/vim"), Path("/usr/share/perl"), Path("/usr/share/doc")]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if size >= limit_bytes:
                break
            if path.suffix not in (".txt", ".pod", ".md") or not path.is_file():
                continue
            text = path.read_text(encoding="utf-8", errors="ignore")
            parts.append(text)
            size += len(text.encode())
    return "\n".join(parts).encode()[:limit_bytes].decode("utf-8", errors="ignore")


def spearman(a, b) -> float:
    ra, rb = np.argsort(np.argsort(a)), np.argsort(np.argsort(b))
    return float(np.corrcoef(ra, rb)[0, 1])


def similarity_score(run, pairs) -> tuple[float, int, int]:
    """(Spearman of cosine vs human score over pairs in the vocabulary, found, total)."""
    index = {w: i for i, w in enumerate(run.vocab)}
    W = run.W[-1].astype(np.float64)
    W /= np.linalg.norm(W, axis=1, keepdims=True) + 1e-12
    found = [(index[a], index[b], s) for a, b, s in pairs if a in index and b in index]
    if len(found) < 3:
        return float("nan"), len(found), len(pairs)
    cos = [W[i] @ W[j] for i, j, _ in found]
    return spearman(cos, [s for _, _, s in found]), len(found), len(pairs)


def neighbours(run, word: str, n: int = 6) -> str:
    if word not in run.corpus.w2i:
        return f"{word}: not in the vocabulary"
    W = run.W[-1].astype(np.float64)
    W /= np.linalg.norm(W, axis=1, keepdims=True) + 1e-12
    i = run.corpus.w2i[word]
    order = [j for j in np.argsort(-(W @ W[i])) if j != i][:n]
    return f"{word:>10}: " + ", ".join(f"{run.vocab[j]} {W[i] @ W[j]:.2f}" for j in order)


def read_pairs(path: str):
    pairs = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        a, b, s = re.split(r"\s+", line.strip())[:3]
        pairs.append((a.lower(), b.lower(), float(s)))
    return pairs


def hand_pairs():
    return [(a, b, float(s)) for a, b, s in
            (item.split() for item in re.split(r";|\n", HAND_PAIRS) if item.strip())]


def evaluate(name: str, text: str, benchmarks: dict):
    words = len(re.findall(r"\w+", text))
    t0 = time.perf_counter()
    s = suggest(text)
    t_suggest = time.perf_counter() - t0
    print(f"\n== {name}: {len(text.encode()) / 1e6:.2f} MB, {words:,} words; "
          f"suggest() took {t_suggest:.1f} s")
    for line in s.lines():
        print("   ", line)
    t0 = time.perf_counter()
    run = w2v.train(text, s.config)
    seconds = time.perf_counter() - t0
    print(f"  trained {s.config.steps:,} steps in {seconds:.1f} s (estimated {s.seconds:.1f} s), "
          f"V = {len(run.vocab):,}, {len(run.steps)} recordings, final loss "
          f"{run.losses[-10_000:].mean():.3f}")
    for word in WORDS:
        print("   ", neighbours(run, word))
    for label, pairs in benchmarks.items():
        rho, found, total = similarity_score(run, pairs)
        print(f"  {label:<14} Spearman {rho:+.3f}  ({found}/{total} pairs in the vocabulary)")
    return run


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--similarity", help="a WordSim-353-style file: word1 word2 score per line")
    ap.add_argument("--large-mb", type=float, default=2.3)
    args = ap.parse_args()
    benchmarks = {"hand list": hand_pairs()}
    if args.similarity:
        benchmarks[Path(args.similarity).stem] = read_pairs(args.similarity)
    evaluate("docs (pydoc_data/topics.py)", docs_text(), benchmarks)
    evaluate("manuals", manuals(int(args.large_mb * 1e6)), benchmarks)


if __name__ == "__main__":
    main()
