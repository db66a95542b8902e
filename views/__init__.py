"""Table builders: pure pandas/python, one module per page (data in, table out). No Streamlit."""
