"""Every cache in the app is bounded: the server's memory must not grow with the runs asked for."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(p for d in ("app", "pages", "views", "charts", "w2v") for p in (ROOT / d).rglob("*.py"))
SOURCES.append(ROOT / "streamlit_app.py")


def _name(node) -> str:
    """'st.cache_data' for the decorator st.cache_data(...) or @st.cache_data."""
    node = node.func if isinstance(node, ast.Call) else node
    return ast.unparse(node)


def _decorated():
    for path in SOURCES:
        for fn in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for dec in fn.decorator_list:
                    yield path.relative_to(ROOT), fn, dec


def test_every_streamlit_cache_has_max_entries():
    found = 0
    for path, fn, dec in _decorated():
        if _name(dec).endswith(("cache_data", "cache_resource")):
            found += 1
            keywords = {k.arg for k in dec.keywords} if isinstance(dec, ast.Call) else set()
            assert "max_entries" in keywords, f"{path}:{fn.lineno} {fn.name} has no max_entries"
    assert found >= 10      # the scan does see the app's caches


def test_functools_caches_are_bounded():
    for path, fn, dec in _decorated():
        name = _name(dec)
        if name in ("functools.cache", "cache") or (name.endswith("lru_cache") and isinstance(dec, ast.Call)
                                                    and any(k.arg == "maxsize" and ast.unparse(k.value) == "None"
                                                            for k in dec.keywords)):
            # Unbounded only where there is a single entry: a function of no arguments.
            assert not fn.args.args, f"{path}:{fn.lineno} {fn.name} caches every argument it sees"
