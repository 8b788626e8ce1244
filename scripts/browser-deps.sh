#!/usr/bin/env bash
# What the real-browser tests need: Debian's chromium and espeak-ng, and axe-core from npm.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing ${missing[*]} (Debian packages)"
  if [ "$(id -u)" -ne 0 ]; then
    echo "ERROR: ${missing[*]} missing; install them: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -f var/node/node_modules/axe-core/axe.min.js ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "ERROR: npm is needed to fetch axe-core for the accessibility test (apt-get install npm)" >&2
    exit 1
  fi
  echo "==> Installing axe-core (npm) into var/node"
  mkdir -p var/node
  npm install --silent --prefix var/node axe-core@4.10.3 >/dev/null
fi
