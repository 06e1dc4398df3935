#!/usr/bin/env bash
# Installs what the app and its tests need, skipping whatever is already there.
#   setup/install.sh npm        npm packages (package-lock.json), Electron binary if it can be downloaded
#   setup/install.sh system     Debian packages: chromium (UI tests), awscli and kubernetes-client when aws/kubectl are missing
set -euo pipefail
cd "$(dirname "$0")/.."

install_npm() {
  local stamp=node_modules/.installed-lock
  if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then return 0; fi
  echo "setup: installing npm packages"
  local log; log=$(mktemp)
  if [ "${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" = "1" ] || ! npm ci --no-audit --no-fund --loglevel=error >"$log" 2>&1; then
    # The Electron runtime is downloaded from GitHub, which some machines cannot reach; everything else still works (browser mode).
    [ "${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" = "1" ] || echo "setup: the Electron runtime could not be downloaded; installing without it (the app will offer browser mode)"
    ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  fi
  rm -f "$log"
  cp package-lock.json "$stamp"
}

install_system() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v aws >/dev/null 2>&1 || missing+=(awscli)
  command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
    echo "setup: please install these Debian packages: ${missing[*]}" >&2
    exit 1
  fi
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

for what in "$@"; do
  case "$what" in
    npm) install_npm ;;
    system) install_system ;;
    *) echo "setup: unknown part '$what' (npm | system)" >&2; exit 2 ;;
  esac
done
