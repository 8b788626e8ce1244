#!/usr/bin/env bash
# Debian packages the running assistant needs (not only its tests): espeak-ng for read-aloud.
# As root they are installed; otherwise the command to run is printed and `make run`
# goes on without read-aloud (the kiosk then hides the "Lees voor" button).
set -euo pipefail
missing=()
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "WARNING: ${missing[*]} is missing, so read-aloud is off." >&2
  echo "         Install it with: sudo apt-get install ${missing[*]}" >&2
  exit 0
fi
echo "==> Installing ${missing[*]} (Debian packages, for read-aloud)"
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
  echo "WARNING: installing ${missing[*]} failed, so read-aloud is off." >&2
fi
