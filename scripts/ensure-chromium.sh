#!/usr/bin/env bash
# The browser tests and build-time diagrams drive Debian's Chromium (`npx playwright install` cannot download one
# here): install it when it is missing and we may, else say how. Runs before `npm test` and in CI.
set -euo pipefail
command -v chromium >/dev/null && exit 0
if [ "$(id -u)" -eq 0 ]; then
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
else
  echo "chromium is missing: install it (apt-get install -y chromium) to run the browser tests" >&2
  exit 1
fi
