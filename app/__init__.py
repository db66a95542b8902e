"""Streamlit glue: the sidebar, classroom links, the corpus source, the one training entry point
(state), the job registry, downloads and the Embeddings player. Nothing here runs on import."""
