"""Imports are safe when thirty sessions' scripts start at once on a fresh server.

Python locks each module while it loads. A thread that imports `w2v.projection` before `w2v`
holds that module's lock while it waits for the package's; a thread loading the package, whose
__init__ imports `.projection`, waits the other way round, and Python raises `_DeadlockError` in
one of them. The cure is one order: every script imports `app` before any other project module,
`app` loads `w2v` first, and `w2v` loads the whole library. (The burst of first visits against a
fresh server is in tests/test_server_load.py.)
"""
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ("app", "w2v", "views", "charts", "pages")
SCRIPTS = [ROOT / "streamlit_app.py", *sorted((ROOT / "pages").glob("*.py"))]


def imported_modules(path: Path) -> list[str]:
    """Module-level imports of a file, in source order (absolute names)."""
    names = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names.append(node.module)
    return names


def test_every_script_imports_app_before_any_other_project_module():
    assert len(SCRIPTS) >= 12
    for script in SCRIPTS:
        project = [m for m in imported_modules(script) if m.split(".")[0] in PROJECT]
        assert project, f"{script.name} imports nothing of the project"
        assert project[0].split(".")[0] == "app", f"{script.name} first imports {project[0]}"


def test_app_loads_the_library_first():
    assert imported_modules(ROOT / "app" / "__init__.py")[0] == "w2v"


def test_import_w2v_loads_the_whole_library_but_the_command_line():
    modules = sorted(("w2v." + ".".join(p.relative_to(ROOT / "w2v").with_suffix("").parts))
                     .removesuffix(".__init__") for p in (ROOT / "w2v").rglob("*.py"))
    expected = [m for m in modules if m not in ("w2v.__main__", "w2v.cli")]
    assert "w2v.analysis.kl" in expected and "w2v.quiz.make" in expected
    code = ("import sys, w2v; missing = [m for m in sys.argv[1:] if m not in sys.modules]; "
            "print(' '.join(missing))")
    out = subprocess.run([sys.executable, "-c", code, *expected], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == []
