#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter, or explains what to install and fails.
set -u
candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root 2>/dev/null)
  for p in "$root"/versions/3.10*/bin/python3.10; do [ -x "$p" ] && candidates+=("$p"); done
fi
for p in "$HOME"/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do
  [ -x "$p" ] && candidates+=("$p")
done
for p in "${candidates[@]}"; do
  if "$p" -c 'import sys, venv; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1; then
    echo "$p"; exit 0
  fi
done
cat >&2 <<'MSG'
ERROR: Python 3.10 was not found.
Rasa Open Source 3.6 runs only on Python 3.10 (not 3.11 or newer).
Install it, for example:
  pyenv install 3.10.13            (with pyenv)
  apt-get install python3.10 python3.10-venv   (where your distribution has it)
or point to it:  make run PYTHON=/path/to/python3.10
MSG
exit 1
