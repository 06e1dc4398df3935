#!/usr/bin/env bash
# The one command that runs the app on a fresh machine: installs what is missing, then starts it.
#   bash setup/app.sh           the app on your own AWS configuration
#   bash setup/app.sh --demo    the app on the built-in demo sandbox (no AWS account needed)
set -euo pipefail
cd "$(dirname "$0")/.."
bash setup/install.sh npm
if [ "${1:-}" = "--demo" ]; then shift; exec npm run --silent demo -- "$@"; fi
exec npm run --silent start -- "$@"
