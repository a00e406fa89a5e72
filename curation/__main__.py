"""Command line: `python -m curation` rebuilds data/clusters.csv and friends from data/inputs/."""

from curation.pipeline import main

raise SystemExit(main())
