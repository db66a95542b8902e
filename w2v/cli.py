"""The command line: the seed's flags and defaults, plus --sets for the analogy/group files.

Everything that can fail is checked, and training finishes, before anything is written, so a
bad argument ends with one "w2v: error: ..." line, exit status 2 and no output directory.
"""
import argparse
import sys
import time
from pathlib import Path

from . import export, textio
from .analysis import word_sets
from .budget import RunTooLarge
from .corpus import CorpusError, load_corpus
from .pairs import generate_pairs
from .run import first_epoch_length
from .settings import BY_NAME, SETTINGS, config_from, url_text
from .suggest import suggest
from .training import train

REPO_ROOT = Path(__file__).resolve().parent.parent


class UsageError(Exception):
    """A problem with what the user asked for: reported as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):           # argparse's own errors: one line, not usage + error
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    ap = _Parser(prog="w2v", description="Train a tiny skip-gram Word2Vec and record it learning.")
    ap.add_argument("--corpus", default=str(REPO_ROOT / "corpus.txt"),
                    help="UTF-8 text file, one sentence per line (default: corpus.txt)")
    ap.add_argument("--output-dir", default="output", help="where files go (default: ./output)")
    for s in SETTINGS:   # one flag per TrainConfig field, its default from TrainConfig
        ap.add_argument(s.flag, type=s.kind, default=s.default, choices=s.choices or None,
                        help=f"{s.help} (default: {s.default})")
    ap.add_argument("--suggest", action="store_true",
                    help="print the settings w2v.suggest proposes for the corpus, each with its "
                         "reason, and the flags that train with them; do not train")
    ap.add_argument("--sets", default=None,
                    help="word groups and analogies JSON (default: corpus_sets.json beside "
                         "the corpus, if present)")
    return ap


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"corpus file not found: {path}") from None
    except IsADirectoryError:
        raise UsageError(f"corpus is a directory, not a file: {path}") from None
    except UnicodeDecodeError:
        raise UsageError(f"corpus is not UTF-8 text: {path}") from None
    except OSError as e:
        raise UsageError(f"cannot read corpus {path}: {e.strerror}") from None


def read_sets(arg: str | None, corpus: Path) -> dict | None:
    path = Path(arg) if arg else corpus.with_name("corpus_sets.json")
    if not arg and not path.is_file():
        return None                     # the default file is optional, an explicit one is not
    try:
        return textio.read_sets(path)
    except FileNotFoundError:
        raise UsageError(f"sets file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"cannot read sets file {path}: {e}") from None
    except ValueError as e:             # JSONDecodeError is a ValueError too
        raise UsageError(f"bad sets file {path}: {e}") from None


def progress_printer():
    """A progress callback: a live \\r percentage on a terminal, else a line per quarter."""
    tty, shown = sys.stderr.isatty(), set()

    def show(step, total):
        pct = 100 * step // total
        if tty:
            print(f"\r  training {pct:3d}%", end="\n" if step == total else "", file=sys.stderr)
        elif pct >= 25 and pct // 25 not in shown:
            shown.add(pct // 25)
            print(f"  training {pct // 25 * 25}%", file=sys.stderr)
    return show


def run(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        config = config_from({s.name: getattr(args, s.name) for s in SETTINGS})
    except ValueError as e:
        raise UsageError(str(e)) from None
    corpus_path = Path(args.corpus)
    text = read_text(corpus_path)
    if args.suggest:
        return print_suggestion(text, corpus_path)
    sets = read_sets(args.sets, corpus_path)
    try:
        export.check_target(args.output_dir)
    except FileExistsError as e:
        raise UsageError(str(e)) from None

    print("Loading corpus …")
    corpus = load_corpus(text, config.min_count)        # CorpusError: caught in main()
    n_pairs = len(generate_pairs(corpus.cleaned, corpus.w2i, config.window))
    print(f"  {len(corpus.raw)} sentences  →  {len(corpus.cleaned)} after stopword removal")
    print(f"  Vocabulary: {len(corpus.vocab)} words")
    print(f"  Training pairs: {n_pairs}")
    # Subsampling thins each epoch: the run's first one is shorter than all the pairs.
    epoch = first_epoch_length(corpus, config, n_pairs)
    print(f"  Epochs covered: {config.steps / max(epoch, 1):.1f}"
          + (f" (epochs of about {epoch:,} pairs after subsampling)" if config.sample > 0 else ""))

    print(f"Training {config.steps:,} steps …")
    t0 = time.perf_counter()
    result = train(text, config, progress=progress_printer())
    print(f"  done in {time.perf_counter() - t0:.2f} s, {len(result.steps):,} steps recorded, "
          f"final loss {result.losses[-200:].mean():.3f} (mean of last 200)")
    if result.record_note:
        print(f"  note: {result.record_note}")
    if result.diverged_at:
        print(f"  warning: loss became infinite at step {result.diverged_at}; "
              f"kept steps 1..{result.steps_done} (try a smaller --lr)")
    if sets:
        q = word_sets.scores(result.W[-1], result.vocab, sets)
        print("  neighbour quality: " + _pct(q["neighbour_quality"])
              + ", analogy accuracy: " + _pct(q["analogy_accuracy"]))

    t0 = time.perf_counter()
    size = export.write_dir(result, args.output_dir, sets, corpus_name=corpus_path.stem)
    print(f"Wrote {size / 1e6:.1f} MB ({len(result.steps):,} step files) to "
          f"{Path(args.output_dir).resolve()} in {time.perf_counter() - t0:.2f} s")
    return 0


def print_suggestion(text: str, corpus_path: Path) -> int:
    """The suggested settings with their reasons, then a command line that trains with them."""
    s = suggest(text)                                   # CorpusError: caught in main()
    print(f"Suggested settings for {corpus_path.name}: V = {s.vocab_size:,} words, "
          f"{s.pairs_per_epoch:,} window pairs an epoch, {s.epochs:.1f} epochs, "
          f"about {s.seconds:.1f} s of training")
    width = max(len(BY_NAME[name].flag) for name in s.reasons)
    for name, why in s.reasons.items():
        value = url_text(BY_NAME[name], getattr(s.config, name))
        print(f"  {BY_NAME[name].flag:<{width}}  {value:<9} {why}")
    flags = " ".join(f"{BY_NAME[n].flag} {url_text(BY_NAME[n], getattr(s.config, n))}"
                     for n in s.reasons)
    print(f"Train with them:\n  python -m w2v --corpus {corpus_path} {flags}")
    return 0


def _pct(x) -> str:
    return "n/a" if x is None else f"{100 * x:.0f}%"


def main(argv=None) -> int:
    try:
        return run(argv)
    except (UsageError, CorpusError, RunTooLarge) as e:
        print(f"w2v: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("w2v: interrupted", file=sys.stderr)
        return 130
