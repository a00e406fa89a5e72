"""Cluster Atlas geography: offline boundaries, map views and map layers (no Streamlit)."""
