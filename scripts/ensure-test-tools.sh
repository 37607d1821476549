#!/usr/bin/env bash
# What the tests drive from Debian's packages: Chromium (browser tests, build-time diagrams; `npx playwright install`
# cannot download one here) and Neovim (the editor end-to-end test against `shipshape lsp`). Installs whichever is
# missing, with one `apt-get update`, when we may; else says how. Runs before `npm test` and in CI.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v nvim >/dev/null || missing+=(neovim)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
else
  echo "missing for the tests: ${missing[*]} — install them (apt-get install -y ${missing[*]})" >&2
  exit 1
fi
