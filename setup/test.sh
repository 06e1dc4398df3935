#!/usr/bin/env bash
# The one command that runs every test on a fresh machine: installs what is missing, then runs them.
set -euo pipefail
cd "$(dirname "$0")/.."
ELECTRON_SKIP_BINARY_DOWNLOAD=1 bash setup/install.sh npm system
npx tsc --noEmit
npx vitest run "$@"
