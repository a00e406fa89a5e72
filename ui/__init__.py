"""Streamlit helpers of the Cluster Atlas: caching, page setup, i18n, URL state."""
