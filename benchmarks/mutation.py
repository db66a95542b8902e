"""Mutation score of the fast tests over the library's maths and page-statement modules.

mutmut (pinned in benchmarks/requirements-mutation.txt) puts one small bug at a time into a
function (an operator, a constant, an argument dropped ...) and runs the tests that reach that
function; a mutant the tests let through "survives". This prints, per module, how many mutants
were killed, and every survivor as a diff. Slow (minutes per module on 2 cores): not a test.

    pip install -r benchmarks/requirements-mutation.txt
    nice -n 19 python benchmarks/mutation.py corpus pairs forces      # some modules
    nice -n 19 python benchmarks/mutation.py                          # all of MODULES
    nice -n 19 python benchmarks/mutation.py --again corpus pairs     # survivors, new tests

The work happens in a copy of the project (default /tmp/w2v-mutation), so the worktree never
holds mutants. The tests are the fast ones: every tests/test_*.py that drives neither a browser
nor AppTest, minus the command line's subprocess tests (they start Python again and again).

mutmut runs, for each mutant, only the tests that called its function while it recorded them.
A fixture built once per test file (a trained run, a quiz) calls the library during its first
test only, so the file's other tests, which check what the fixture built, would never meet the
mutant. So the survivors of that first pass run again against every test of each file that
reached their function; a mutant counts as surviving only if it outlives that too.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# module name -> the files mutated for it (the engine files last: they change most often).
MODULES = {
    "corpus": ["w2v/corpus.py"], "pairs": ["w2v/pairs.py"], "analysis": ["w2v/analysis/*"],
    "quiz": ["w2v/quiz/*"], "forces": ["w2v/forces.py"], "projection": ["w2v/projection.py"],
    "curves": ["w2v/curves.py"], "model": ["w2v/model.py"], "run": ["w2v/run.py"],
    "training": ["w2v/training.py"], "negative": ["w2v/negative.py"],
    "subsample": ["w2v/subsample.py"],
}
# A test process that fails, runs out of time or is killed by a signal (a mutant that loops
# adding to a list until the CPU limit stops it: mutmut says "segfault") caught its mutant.
CAUGHT = ("killed", "timeout", "segfault")
SLOW_TESTS = {"test_cli.py", "test_jobs.py"}
COPIED = ["w2v", "tests", "ui", "pages", "streamlit_app.py", "pytest.ini", "corpus.txt",
          "corpus_sets.json", ".streamlit", "app", "views", "charts"]


def fast_tests() -> list[str]:
    """Test files that need no browser and no AppTest (seconds, not minutes)."""
    chosen = []
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        source = path.read_text(encoding="utf-8")
        if path.name in SLOW_TESTS or "AppTest" in source or "mark.browser" in source:
            continue
        chosen.append(f"tests/{path.name}")
    return chosen


def prepare(work: Path, files: list[str], again: bool = False) -> None:
    """A copy of the project with a setup.cfg telling mutmut what to mutate and run: fresh, or
    (`again`) copied over an earlier run's, whose results mutmut keeps for unchanged code."""
    if work.exists() and not again:
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "mutants", "*.pyc")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=ignore, dirs_exist_ok=True)
        elif source.exists():
            shutil.copy2(source, work / name)
    lines = ["[mutmut]", "source_paths=w2v", "use_git_change_detection=false",
             "only_mutate=", *[f"    {f}" for f in files],
             "also_copy=", *[f"    {n}" for n in COPIED if n != "w2v" and (work / n).exists()],
             "pytest_add_cli_args_test_selection=", *[f"    {t}" for t in fast_tests()],
             "pytest_add_cli_args=", "    -p", "    no:cacheprovider", "    -q"]
    (work / "setup.cfg").write_text("\n".join(lines) + "\n", encoding="utf-8")


def results(work: Path) -> dict[str, str]:
    """mutant name -> status (killed, survived, timeout, no tests, ...)."""
    out = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"],
                         cwd=work, capture_output=True, text=True, check=True).stdout
    found = {}
    for line in out.splitlines():
        m = re.match(r"\s*([\w.]+__mutmut_\d+): (.+)$", line)
        if m:
            found[m.group(1)] = m.group(2).strip()
    return found


def mutmut_run(work: Path, max_children: int, names: list[str] | None = None) -> None:
    """`mutmut run` in `work` (only the mutants `names` if given; none: nothing to do)."""
    if names == []:
        return
    # mutmut forks a test process per mutant; torch's thread pool, started before the fork,
    # hangs in the child (a false "timeout", counted as killed) unless it has one thread.
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children",
                           str(max_children), *(names or [])], cwd=work, capture_output=True,
                          text=True, env=env)
    if done.returncode:
        sys.exit(f"mutmut run failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")


def widen_to_files(work: Path) -> None:
    """Let each function's mutants meet every test of the files that reached it (see above)."""
    path = work / "mutants" / "mutmut-stats.json"
    stats = json.loads(path.read_text(encoding="utf-8"))
    by_file: dict[str, set[str]] = defaultdict(set)
    for test in stats["duration_by_test"]:
        by_file[test.split("::")[0]].add(test)
    reached = stats["tests_by_mangled_function_name"]
    for function, tests in reached.items():
        files = {test.split("::")[0] for test in tests}
        reached[function] = sorted(set(tests).union(*(by_file[f] for f in files)))
    path.write_text(json.dumps(stats, indent=4), encoding="utf-8")


def survivors(status: dict[str, str]) -> list[str]:
    return [name for name, state in status.items() if state not in CAUGHT]


def module_of(mutant: str) -> str:
    """w2v.analysis.kl.x_kl__mutmut_3 -> w2v.analysis.kl (methods read ClassΘmethod)."""
    return mutant.split(".x")[0] if ".x" in mutant else mutant.rsplit(".", 1)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE",
                        help=f"any of {', '.join(MODULES)}, or one file under w2v/ "
                             "without .py, e.g. analysis/kl (default all)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/w2v-mutation"))
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--no-diffs", action="store_true", help="list survivors without diffs")
    parser.add_argument("--again", action="store_true",
                        help="reuse --work's earlier run of the same modules: mutate only changed "
                             "code, and run its survivors against the current tests")
    args = parser.parse_args()
    for name in args.modules:  # also one file: analysis/kl, quiz/draw ...
        if name not in MODULES and (ROOT / "w2v" / f"{name}.py").exists():
            MODULES[name] = [f"w2v/{name}.py"]
    unknown = set(args.modules) - set(MODULES)
    if unknown:
        parser.error(f"unknown module(s): {', '.join(sorted(unknown))}")
    args.modules = args.modules or list(MODULES)

    files = [f for m in args.modules for f in MODULES[m]]
    again = args.again and (args.work / "mutants").exists()
    prepare(args.work, files, again)
    mutmut_run(args.work, args.max_children)               # new or changed mutants only
    widen_to_files(args.work)
    # the survivors against whole test files (and, --again, against the tests as they are now)
    mutmut_run(args.work, args.max_children, survivors(results(args.work)))
    status = results(args.work)

    by_module: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, state in sorted(status.items()):
        by_module[module_of(name)].append((name, state))
    # killed counts timeouts and crashes too (a mutant that loops forever is caught).
    print(f"{'module':32} {'mutants':>8} {'killed':>8} {'hung':>8} {'score':>7}")
    total = killed = 0
    for module, mutants in sorted(by_module.items()):
        k = sum(state in CAUGHT for _, state in mutants)
        slow = sum(state in ("timeout", "segfault") for _, state in mutants)
        total, killed = total + len(mutants), killed + k
        print(f"{module:32} {len(mutants):8} {k:8} {slow:8} {k / len(mutants):7.1%}")
    if total:
        print(f"{'all':32} {total:8} {killed:8} {'':8} {killed / total:7.1%}")
    survived = set(survivors(status))
    print("\nsurvivors:")
    for module, mutants in sorted(by_module.items()):
        for name, state in mutants:
            if name not in survived:
                continue
            print(f"\n{name}: {state}")
            if not args.no_diffs:
                diff = subprocess.run([sys.executable, "-m", "mutmut", "show", name], cwd=args.work,
                                      capture_output=True, text=True).stdout
                print("\n".join(l for l in diff.splitlines()
                                if l.startswith(("+", "-")) and not l.startswith(("+++", "---"))))


if __name__ == "__main__":
    main()
