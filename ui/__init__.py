"""Streamlit glue for w2v-lab: the sidebar, the cached training entry point, chart builders.

Importing the ui layer sets PyTorch to one thread, once per process: the model is tiny, and one
thread per training keeps the server fair when several sessions train at once.
"""


def _use_entry_navigation() -> bool:
    """Make Streamlit always run streamlit_app.py (with its st.navigation) for every URL.

    A `pages/` folder next to the entry file starts Streamlit 1.67 in its legacy multipage mode:
    until st.navigation has run once in the process, a direct link such as /model runs
    pages/model.py alone, under an automatic menu of the folder. Turning the class flag off
    routes every later run through the entry file. Returns True when this script run is such a
    legacy run, which then reruns at once (below), before the slow imports.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # pragma: no cover - a future Streamlit without the flag
        return False
    legacy = bool(getattr(PagesManager, "uses_pages_directory", None))
    if legacy:
        PagesManager.uses_pages_directory = False
    return legacy


if _use_entry_navigation():
    import streamlit as _st
    from streamlit.runtime.scriptrunner import get_script_run_ctx as _ctx

    if _ctx() is not None:
        _st.rerun()   # through the entry file now; this module is imported again then

import torch  # noqa: E402

torch.set_num_threads(1)
