#!/usr/bin/env bash
# Creates the virtual environment and installs the locked dependencies when they changed.
set -euo pipefail
venv=${1:-.venv}
stamp="$venv/.installed"
want=$(cat requirements.lock pyproject.toml | sha256sum | cut -c1-16)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$venv/bin/ric" ]; then
  exit 0
fi
py=$(scripts/find-python.sh) || exit 1
if [ ! -x "$venv/bin/python" ]; then
  echo "==> Creating the virtual environment in $venv with $py"
  "$py" -m venv "$venv"
fi
echo "==> Installing dependencies (the first time takes about 3 minutes)"
"$venv/bin/python" -m pip install --quiet --upgrade pip wheel 'setuptools<70'
if ! "$venv/bin/python" -m pip install --quiet -r requirements.lock; then
  echo "ERROR: installing the dependencies failed (see the pip output above)." >&2
  echo "Check that PyPI can be reached, then run the command again." >&2
  exit 1
fi
"$venv/bin/python" -m pip install --quiet --no-deps -e .
echo "$want" > "$stamp"
