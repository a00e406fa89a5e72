"""Cluster Atlas data layer: the case table, its schema, loading and queries (no Streamlit)."""
