"""Streamlit glue: the sidebar, classroom links, the corpus source, the one training entry point
(state), the job registry, downloads and the Embeddings player. Nothing here runs on import.

Importing `app` first loads the library whole (w2v/__init__.py says why): every script's first
project import is `app` (the entry's, and each page's, which a fresh server's first direct link
runs alone: routing.py), so thirty first visits at once load w2v in one order, one at a time.
"""
import w2v  # noqa: F401
