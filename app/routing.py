"""Every URL runs through streamlit_app.py, even a fresh server's first direct link to a page.

A `pages/` folder beside the entry file starts Streamlit 1.67 in its legacy multipage mode: until
st.navigation has run once in the process (it turns the mode off), a direct link such as /model
runs pages/model.py alone, under an automatic menu of the folder, and the entry file (frame,
sidebar, navigation) never runs. Only the page itself runs then, so the page's first call for
data (app.state.ensure_frame) asks here and reruns at once: the rerun goes through the entry.
This is the one place that knows about the legacy mode; tests go through it the same way.
"""
from streamlit.runtime.pages_manager import PagesManager


def leave_legacy_pages() -> bool:
    """Turn Streamlit's legacy pages/ mode off → whether this script run was still in it."""
    legacy = bool(PagesManager.uses_pages_directory)
    if legacy:
        PagesManager.uses_pages_directory = False
    return legacy
