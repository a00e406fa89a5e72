#!/usr/bin/env bash
# Install everything the tests need, then lint, type-check and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_venv.sh requirements-dev.txt

# Debian's Chromium drives the browser tests; never `playwright install` (it downloads a browser).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "note: no /usr/bin/chromium and not root: browser tests will be skipped (apt-get install chromium)." >&2
  fi
fi

echo "== ruff"
.venv/bin/ruff format --check .
.venv/bin/ruff check .
echo "== mypy --strict (files in pyproject.toml)"
.venv/bin/mypy
echo "== import-linter (contracts in pyproject.toml)"
.venv/bin/lint-imports --no-cache
echo "== pytest"
status=0
.venv/bin/python -m pytest "$@" || status=$?
# pytest exits 5 when it collected no test: that is not a failure of the code.
if [ "$status" -eq 5 ]; then status=0; fi
exit "$status"
