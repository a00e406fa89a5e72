#!/usr/bin/env bash
# Install the dashboard's pinned dependencies and start it on the embedded data (offline).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_venv.sh requirements.txt
exec .venv/bin/python -m streamlit run dashboard.py "$@"
