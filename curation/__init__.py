"""Pure building blocks of the atlas curation (`python -m curation` runs them)."""
