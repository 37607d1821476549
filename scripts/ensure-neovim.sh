#!/usr/bin/env bash
# The editor end-to-end test drives Debian's Neovim (its built-in LSP client against `shipshape lsp`): install it
# when it is missing and we may, else say how. Runs before `npm test` and in CI.
set -euo pipefail
command -v nvim >/dev/null && exit 0
if [ "$(id -u)" -eq 0 ]; then
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y neovim
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y neovim
else
  echo "nvim is missing: install it (apt-get install -y neovim) to run the editor tests" >&2
  exit 1
fi
