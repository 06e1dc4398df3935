#!/usr/bin/env bash
# The one command that runs the app on a fresh machine: installs what is missing (npm packages; the aws CLI
# and kubectl on Debian/Ubuntu when they are not on the PATH — never chromium, only the tests need it), then starts it.
#   bash setup/app.sh           the app on your own AWS configuration
#   bash setup/app.sh --demo    the app on the built-in demo sandbox (no AWS account needed)
set -euo pipefail
cd "$(dirname "$0")/.."
bash setup/install.sh npm tools
if [ "${1:-}" = "--demo" ]; then shift; exec npm run --silent demo -- "$@"; fi
exec npm run --silent start -- "$@"
