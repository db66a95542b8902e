"""How fast and how big a run is, against the seed's torch loop, and how that grows.

    python benchmarks/speed.py [--corpus corpus.txt] [--skip-large]

Figures: default run of w2v.train vs the seed reference (same corpus, same process tree),
µs per step, pickled Run size, peak traced memory, export time; then growth with steps,
dim and vocabulary (synthetic Zipf text, min_count 3).
"""
import argparse
import json
import pickle
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
import w2v                                    # noqa: E402
from w2v import export                        # noqa: E402

SEED_REFERENCE = Path(__file__).resolve().parents[2] / "shared/bench/seed_reference.py"
MB = 1e6


def timed_train(text, config, repeat: int = 1):
    """Best wall time of `repeat` runs (the machine may be shared: the best is the least noisy)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        run = w2v.train(text, config)
        best = min(best, time.perf_counter() - t0)
    return best, run


def peak_mb(text, config) -> float:
    """Peak traced allocation while training (a separate run: tracing slows the loop)."""
    tracemalloc.start()
    w2v.train(text, config)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / MB


def seed_seconds(corpus: Path, repeat: int = 2) -> dict:
    """The seed reference's own train+record timing, best of `repeat` runs."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, str(SEED_REFERENCE), "--corpus", str(corpus)],
                             capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return min(runs, key=lambda r: r["seconds"])


def zipf_text(n_types: int, n_sentences: int, seed: int = 0, words_per_sentence: int = 8) -> str:
    """Sentences of made-up words drawn with Zipf frequencies (rank r has weight 1/r)."""
    rng = random.Random(seed)
    letters = "bcdfghjklmnprstvz"
    vocab = ["".join(rng.choice(letters) + rng.choice("aeiou") for _ in range(3)) + str(i)
             for i in range(n_types)]
    weights = [1 / r for r in range(1, n_types + 1)]
    return "\n".join(" ".join(rng.choices(vocab, weights, k=words_per_sentence))
                     for _ in range(n_sentences))


def row(label, text, config, memory=True):
    seconds, run = timed_train(text, config)
    size = len(pickle.dumps(run, protocol=pickle.HIGHEST_PROTOCOL)) / MB
    peak = f"{peak_mb(text, config):8.1f}" if memory else "       -"
    print(f"  {label:<22} V={len(run.vocab):>5}  {seconds:7.2f} s  "
          f"{1e6 * seconds / config.steps:6.1f} µs/step  pickle {size:7.1f} MB  peak {peak} MB  "
          f"{len(run.steps):,} recordings")
    if run.record_note:
        print(f"    (recording adapted: {run.record_note})")
    return run


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(REPO / "corpus.txt"))
    ap.add_argument("--skip-large", action="store_true", help="skip the 5,000-word case")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    text = corpus.read_text(encoding="utf-8")
    default = w2v.TrainConfig()

    print(f"Default run on {corpus}")
    seconds, run = timed_train(text, default, repeat=3)
    ref = seed_seconds(corpus)
    size = len(pickle.dumps(run, protocol=pickle.HIGHEST_PROTOCOL)) / MB
    print(f"  vocab {len(run.vocab)}, pairs {len(run.pairs)}, {len(run.steps)} recorded steps")
    print(f"  w2v.train        {seconds:7.2f} s  ({1e6 * seconds / default.steps:.1f} µs/step)")
    print(f"  seed reference   {ref['seconds']:7.2f} s  ({1e6 * ref['seconds'] / ref['steps']:.1f}"
          f" µs/step, vocab {ref['vocab']}, {ref['records']} records)")
    print(f"  speed-up         {ref['seconds'] / seconds:7.1f}x   (target >= 10x)")
    print(f"  pickled Run      {size:7.1f} MB   (target <= 30 MB)")
    print(f"  peak memory      {peak_mb(text, default):7.1f} MB  (tracemalloc, training only)")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        written = export.write_dir(run, Path(tmp) / "out")
        print(f"  export to dir    {time.perf_counter() - t0:7.2f} s  ({written / MB:.1f} MB, "
              f"{len(run.steps)} step files)")
        t0 = time.perf_counter()
        zipped = export.export_zip(run)
        print(f"  export to zip    {time.perf_counter() - t0:7.2f} s  ({len(zipped) / MB:.1f} MB)")

    print("\nGrowth with steps (recording schedule at defaults)")
    for steps in (15_000, 50_000, 150_000):
        row(f"steps={steps:,}", text, w2v.TrainConfig(steps=steps))

    print("\nGrowth with dim")
    for dim in (8, 16, 32, 64):
        row(f"dim={dim}", text, w2v.TrainConfig(dim=dim))

    print("\nGrowth with vocabulary (synthetic Zipf text, min_count 3, 15,000 steps)")
    for n_types, n_sentences in ((120, 600), (1_200, 2_500), (6_000, 20_000)):
        if n_types > 5_000 and args.skip_large:
            print("  ~5,000 words: skipped (--skip-large)")
            continue
        row(f"~{n_types * 5 // 6:,}-word text", zipf_text(n_types, n_sentences), default)


if __name__ == "__main__":
    main()
