#!/usr/bin/env bash
# Install everything the tests need, then lint, type-check and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_venv.sh requirements-dev.txt

# Debian's Chromium drives the browser tests; never `playwright install` (it downloads a browser).
# Debian's HAProxy balances the replicas of scripts/serve.sh (tests/e2e/test_serve.py).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
# `ip netns` makes the test hosts of tests/e2e/test_serve_hosts.py (root only).
command -v ip >/dev/null || [ -x /usr/sbin/ip ] || [ -x /sbin/ip ] || missing+=(iproute2)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "note: ${missing[*]} missing and not root: their tests will be skipped (apt-get install ${missing[*]})." >&2
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
