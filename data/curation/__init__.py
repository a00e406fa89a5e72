"""Pure building blocks of the atlas curation (`python -m data.curate` runs them)."""
