"""Does the curated corpus teach what w2v-lab wants to show?

Trains the default Word2Vec skip-gram (full softmax, dim 8, lr 0.1, window 3, min_count 3,
15,000 single-pair SGD steps) on corpus.txt for several seeds and checks the targets:
  * 500-700 sentences; vocabulary 80-150 words; at least 1,500 window pairs;
  * corpus_sets.json has >= 40 grouped words and >= 20 analogies, all in the vocabulary;
  * median over seeds: >= 80% of grouped words have a same-group word among their 3 nearest
    neighbours, >= 50% of analogies resolve top-1, final mean loss < 0.85 * ln V.
Measures the project's own w2v.train. Usage: python benchmarks/corpus_quality.py [--seeds 42 1 2 3 4]
"""
import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import w2v  # noqa: E402
from w2v.analysis import word_sets  # noqa: E402

LAST = 1000   # the final mean loss is the mean over the last 1,000 steps


def verdict(ok):
    return "PASS" if ok else "FAIL"


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT / "corpus.txt"))
    ap.add_argument("--sets", default=str(ROOT / "corpus_sets.json"))
    ap.add_argument("--seeds", type=int, nargs="+", default=[42, 1, 2, 3, 4])
    ap.add_argument("--strict", action="store_true", help="exit 1 if any target fails")
    args = ap.parse_args()

    text = Path(args.corpus).read_text(encoding="utf-8")
    sets = json.loads(Path(args.sets).read_text(encoding="utf-8"))
    corpus = w2v.load_corpus(text)
    vocab = corpus.vocab
    n_sent, V = len(corpus.raw), len(vocab)
    P = len(w2v.pairs.generate_pairs(corpus.cleaned, corpus.w2i, w2v.TrainConfig().window))
    bad = [ln for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")
           and not all(t.isascii() and t.isalpha() and t.islower() for t in ln.split())]
    # Words outside the vocabulary cannot be scored: report them, score the rest.
    n_grouped = sum(len(ws) for ws in sets["groups"].values())
    missing = sorted({w for ws in sets["groups"].values() for w in ws if w not in vocab}
                     | {w for q in sets["analogies"] for w in q if w not in vocab})
    groups = word_sets.usable_groups(sets["groups"], vocab)
    analogies = word_sets.usable_analogies(sets["analogies"], vocab)
    bound = 0.85 * math.log(V)
    print(f"corpus: {n_sent} sentences, V={V}, pairs={P}; sets: {n_grouped} grouped words "
          f"in {len(groups)} groups, {len(sets['analogies'])} analogies")
    if missing:
        print(f"not in the vocabulary (left out of the scores): {' '.join(missing)}")
    if P == 0:
        sys.exit("no pairs to train on")

    rows = []
    for seed in args.seeds:
        run = w2v.train(text, w2v.TrainConfig(seed=seed))
        W = run.W[-1]
        nb = word_sets.neighbour_quality(W, vocab, groups, k=3)
        an = word_sets.analogy_accuracy(W, vocab, analogies)
        rows.append((nb, an, float(run.losses[-LAST:].mean())))
        print(f"seed {seed:>4}: V={V} pairs={P}  neighbours {nb:6.1%}  analogies {an:6.1%}  "
              f"final loss {rows[-1][2]:.3f} (bound 0.85 ln V = {bound:.3f})")
    nb, an, loss = np.median(np.array(rows), axis=0)
    print(f"median   : V={V} pairs={P}  neighbours {nb:6.1%}  analogies {an:6.1%}  "
          f"final loss {loss:.3f} (bound 0.85 ln V = {bound:.3f})\n")
    checks = [
        (f"sentences 500-700 ({n_sent}), plain lowercase words ({len(bad)} bad lines)",
         500 <= n_sent <= 700 and not bad),
        (f"vocabulary 80-150 words ({V})", 80 <= V <= 150),
        (f"at least 1,500 pairs ({P})", P >= 1500),
        (f">= 40 grouped words ({n_grouped}), >= 20 analogies ({len(sets['analogies'])}), "
         f"all in the vocabulary ({len(missing)} missing)",
         n_grouped >= 40 and len(sets["analogies"]) >= 20 and not missing),
        (f"median neighbour same-group rate >= 80% ({nb:.1%})", nb >= 0.8),
        (f"median analogy top-1 accuracy >= 50% ({an:.1%})", an >= 0.5),
        (f"median final mean loss < 0.85 ln V ({loss:.3f} < {bound:.3f})", loss < bound),
    ]
    for name, ok in checks:
        print(f"{verdict(ok)}  {name}")
    passed = all(ok for _, ok in checks)
    print(f"\noverall: {verdict(passed)}")
    sys.exit(1 if args.strict and not passed else 0)
