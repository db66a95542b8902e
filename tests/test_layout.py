"""Imports run one way: the library knows no app, builders know no Streamlit, and no cycles.

An `ast` walk over the project's own modules, function-local imports included.
"""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("w2v", "app", "views", "charts")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    files = [p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")]
    files += list((ROOT / "pages").glob("*.py")) + [ROOT / "streamlit_app.py"]
    return {module_name(p): p for p in files}


def imports_of(name: str, path: Path) -> set[str]:
    """Every module `path` imports anywhere in its code (absolute names; relative ones resolved)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(p for p in parts + [base] if p)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)   # `from pkg import mod`
    return found


MODULES = project_modules()
# A module's own packages are imported before it anyway (`from . import x` names the package):
# an edge to an ancestor is no cycle.
GRAPH = {name: {m for m in imports_of(name, path)
                if m in MODULES and m != name and not name.startswith(m + ".")}
         for name, path in MODULES.items()}
ALL_IMPORTS = {name: imports_of(name, path) for name, path in MODULES.items()}


def top(module: str) -> str:
    return module.split(".")[0]


def test_the_walk_sees_the_project():
    assert {"w2v.model", "app.state", "app.routing", "views.step", "charts.style",
            "pages.model", "streamlit_app"} <= set(MODULES)
    assert "app.state" in GRAPH["streamlit_app"] and "w2v.run" in GRAPH["views.step"]


def test_the_library_imports_no_streamlit_and_nothing_of_the_app():
    for name, imported in ALL_IMPORTS.items():
        if top(name) == "w2v":
            bad = {m for m in imported if top(m) in ("streamlit", "app", "views", "charts", "pages")}
            assert not bad, f"{name} imports {sorted(bad)}"


def test_table_and_chart_builders_import_no_streamlit_and_no_app():
    for name, imported in ALL_IMPORTS.items():
        if top(name) in ("views", "charts"):
            bad = {m for m in imported if top(m) in ("streamlit", "app", "pages")}
            assert not bad, f"{name} imports {sorted(bad)}"
        if top(name) == "views":
            assert not {m for m in imported if top(m) == "charts"}, name


def test_only_the_entry_imports_the_pages_and_no_module_imports_the_entry():
    for name, imported in GRAPH.items():
        assert "streamlit_app" not in imported, name
        if top(name) != "pages":
            assert not {m for m in imported if top(m) == "pages"}, name


def test_no_import_cycles():
    state: dict[str, int] = {}   # 1: on the current path, 2: done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for nxt in sorted(GRAPH[name]):
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):] + [nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, path + [nxt])
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])


def test_page_scripts_define_no_functions():
    """Pages only arrange widgets and charts. A function or lambda defined in a page script
    (a callback, a format function, a cached derivation) carries the script's globals, the run
    among them, into the session's widget state: callbacks live in app/callbacks.py, cached
    derivations in app/derived.py, formatting in views/."""
    for name, path in MODULES.items():
        if top(name) != "pages" and name != "streamlit_app":
            continue
        defined = [f"line {node.lineno}" for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                   if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))]
        assert not defined, f"{name} defines functions at {', '.join(defined)}"
