"""A book-length own text at the default settings: time, peak memory, run bytes, what was adapted.

The text is synthetic (stated, reproducible): 6,500 invented words made of syllables
("mavoleti", …), sampled with Zipf frequencies (exponent 0.9), into prose sentences of 6–18
words with English stopwords mixed in (~40 % of the tokens), capitalised, with commas, and
ended by . ! or ?, wrapped at ~75 characters per line like a plain-text book. About 1 MB, and a
vocabulary of about 5,000 words at min_count 3.

    python benchmarks/book_length.py [--mb 1.0] [--words 6500]
"""
import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import w2v  # noqa: E402
from app import jobs  # noqa: E402
from w2v import budget  # noqa: E402
from w2v.corpus import STOPWORDS, load_corpus  # noqa: E402

SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
STOPS = sorted(STOPWORDS)


def make_words(n: int, rng) -> list[str]:
    words, seen = [], set(STOPWORDS)
    while len(words) < n:
        w = "".join(rng.choice(SYLLABLES, size=rng.integers(2, 5)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def book(mb: float = 1.0, n_words: int = 6500, seed: int = 7, zipf: float = 0.9) -> str:
    rng = np.random.default_rng(seed)
    words = make_words(n_words, rng)
    p = 1.0 / np.arange(1, n_words + 1) ** zipf
    p /= p.sum()
    out, size, line = [], 0, ""
    while size < mb * 1_000_000:
        n = int(rng.integers(6, 19))
        content = rng.choice(words, size=n, p=p)
        tokens = []
        for w in content:
            if rng.random() < 0.6:
                tokens.append(STOPS[int(rng.integers(len(STOPS)))])
            tokens.append(str(w))
        if rng.random() < 0.3:
            tokens[len(tokens) // 2] += ","
        sentence = " ".join(tokens).capitalize() + str(rng.choice([".", ".", ".", "!", "?"]))
        for tok in sentence.split(" "):
            if len(line) + len(tok) > 75:
                out.append(line)
                size += len(line) + 1
                line = ""
            line = f"{line} {tok}" if line else tok
    out.append(line)
    return "\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--words", type=int, default=6500)
    args = ap.parse_args()
    text = book(args.mb, args.words)
    config = w2v.TrainConfig()
    t0 = time.perf_counter()
    corpus = load_corpus(text, config.min_count)
    t_corpus = time.perf_counter() - t0
    V = len(corpus.vocab)
    plan = budget.plan(V, config)
    print(f"text: {len(text.encode()) / 1e6:.2f} MB, {len(text.splitlines()):,} lines, "
          f"{len(corpus.raw):,} sentences, V = {V:,} at min_count {config.min_count} "
          f"(corpus built in {t_corpus:.2f} s)")
    full = budget.count_recordings(config.steps, config.dense_steps, config.record_interval)
    print(f"default schedule: {full:,} recordings = "
          f"{budget.run_bytes(full, V, config.dim, config.steps) / budget.MB:,.0f} MB; "
          f"budget {budget.RUN_BUDGET / budget.MB:.0f} MB per run")
    print(f"plan: dense_steps {plan.dense_steps}, every {plan.record_interval}th, "
          f"{plan.recordings:,} recordings, {plan.bytes / budget.MB:,.1f} MB")
    print(f"note: {plan.note}")

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    t0 = time.perf_counter()
    run = w2v.train(text, config)
    t_train = time.perf_counter() - t0
    _, peak_train = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    t0 = time.perf_counter()
    proj = w2v.project(run, config.pca)
    t_proj = time.perf_counter() - t0
    _, peak_proj = tracemalloc.get_traced_memory()
    # The other axes too (the default is final_pca): global_pca fits on every snapshot, the
    # largest fit there is. Its cost is measured above what is already held (run, projection).
    other = "global_pca" if config.pca != "global_pca" else "final_pca"
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    t0 = time.perf_counter()
    proj_other = w2v.project(run, other)
    t_other = time.perf_counter() - t0
    _, peak_other = tracemalloc.get_traced_memory()
    del proj_other
    t0 = time.perf_counter()
    run.step_state(config.dense_steps + plan.record_interval - 1)   # the longest replay
    t_step = time.perf_counter() - t0
    tracemalloc.stop()
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    stored = jobs.nbytes_of(run)
    print(f"train: {t_train:.1f} s, {run.steps_done:,} steps, {len(run.steps):,} recordings")
    print(f"run bytes (arrays kept): {stored / budget.MB:,.1f} MB; projection "
          f"{proj.coords.nbytes / budget.MB:,.1f} MB (computed in {t_proj:.1f} s)")
    print(f"peak traced memory: training {peak_train / budget.MB:,.1f} MB, projection "
          f"{peak_proj / budget.MB:,.1f} MB; peak RSS {rss0 / 1024:,.0f} → {rss1 / 1024:,.0f} MB")
    print(f"{other}: computed in {t_other:.1f} s, peak traced memory "
          f"{peak_other / budget.MB:,.1f} MB, {(peak_other - held) / budget.MB:,.1f} MB above "
          f"the {held / budget.MB:,.1f} MB already held")
    print(f"slowest step view (longest replay): {t_step * 1000:.0f} ms")
    print(f"run.record_note: {run.record_note}")


if __name__ == "__main__":
    main()
