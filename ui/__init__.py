"""Streamlit glue for w2v-lab: the sidebar, the cached training entry point, chart builders.

Importing the ui layer sets PyTorch to one thread, once per process: the model is tiny, and one
thread per training keeps the server fair when several sessions train at once.
"""
import torch

torch.set_num_threads(1)


def _use_entry_navigation() -> None:
    """Make Streamlit always run streamlit_app.py (with its st.navigation) for every URL.

    A `pages/` folder next to the entry file switches Streamlit 1.67 into its legacy multipage
    mode, in which a direct link such as /model runs pages/model.py alone: no sidebar, no
    settings. Turning the class flag off routes every later run through the entry file; the
    first legacy run, if any, reruns itself (see ui.run_state.ensure_frame). Renaming pages/
    would make this unnecessary.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # pragma: no cover - a future Streamlit without the flag
        return
    if getattr(PagesManager, "uses_pages_directory", None):
        PagesManager.uses_pages_directory = False


_use_entry_navigation()
