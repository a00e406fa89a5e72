#!/usr/bin/env bash
# Create .venv with Python 3.11 and install the pinned requirements file given as $1.
set -euo pipefail
cd "$(dirname "$0")/.."
requirements="${1:-requirements.txt}"
python_bin="$(command -v python3.11 || command -v python3)"
if ! "$python_bin" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "Python 3.11 is required (found $("$python_bin" --version))." >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$python_bin" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
