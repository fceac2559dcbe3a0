#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the end-to-end tests (npm run test:e2e).
# Idempotent: does nothing when /usr/bin/chromium is already there. Never downloads a browser
# from anywhere but the system's own package manager (apt).
set -euo pipefail

chromium="${SAMSPILL_E2E_CHROMIUM:-/usr/bin/chromium}"

if [ -x "$chromium" ]; then
  echo "e2e-setup: $chromium is already installed ($("$chromium" --version 2>/dev/null || echo 'version unknown')); nothing to do."
  exit 0
fi

if [ "$chromium" != /usr/bin/chromium ]; then
  echo "e2e-setup: SAMSPILL_E2E_CHROMIUM=$chromium does not exist or is not executable." >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "e2e-setup: /usr/bin/chromium is missing and apt-get is not available; install Chromium from your system's packages." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "e2e-setup: /usr/bin/chromium is missing; run as root (or install sudo) to install it with apt-get." >&2
  exit 1
fi

echo "e2e-setup: /usr/bin/chromium is missing; installing Debian's chromium package with apt-get …"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends chromium
echo "e2e-setup: installed $("$chromium" --version 2>/dev/null || echo chromium)."
