"""Chart builders: pure Altair, one module per group of pages, style.py what they share. No Streamlit."""
