#!/usr/bin/env bash
# Installs what the app and its tests need, skipping whatever is already there.
#   setup/install.sh npm        npm packages (package-lock.json), Electron binary if it can be downloaded
#   setup/install.sh system     Debian packages: chromium (UI tests), awscli and kubernetes-client when aws/kubectl are missing
set -euo pipefail
cd "$(dirname "$0")/.."

install_npm() {
  local stamp=node_modules/.installed-lock
  if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then return 0; fi
  # The Electron runtime comes from outside the npm registry, which some machines cannot reach: decide before
  # installing (one `npm ci`, not a failed one and a second without it). Without it the app runs in browser mode.
  if [ "${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" != "1" ] && ! node setup/electron-reachable.mjs; then
    echo "setup: the Electron desktop runtime cannot be downloaded from this machine; the app will open in your browser instead"
    export ELECTRON_SKIP_BINARY_DOWNLOAD=1
  fi
  echo "setup: installing npm packages (one to three minutes the first time)…"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
  echo "setup: npm packages installed"
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
