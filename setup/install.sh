#!/usr/bin/env bash
# Installs what the app and its tests need, skipping whatever is already there.
#   setup/install.sh npm        npm packages (package-lock.json), Electron binary if it can be downloaded
#   setup/install.sh tools      Debian packages awscli and kubernetes-client when aws/kubectl are missing (what the app runs)
#   setup/install.sh system     the same, plus chromium (the UI tests)
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
  local total
  # Top-level packages only, in the lock file and on disk (nested copies and the platforms' optional ones aside).
  total=$(grep -E '^    "node_modules/' package-lock.json | grep -vc 'node_modules/.*/node_modules/' || true)
  echo "setup: installing $total npm packages (one to three minutes the first time)…"
  [ "${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" = "1" ] || echo "setup: with them the Electron desktop runtime (about 100 MB) is downloaded"
  npm ci --no-audit --no-fund --loglevel=error &
  local pid=$! waited=0
  # npm prints nothing until it is done: say every 10 s how far it got, so a slow network does not look like a hang.
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    waited=$((waited + 1))
    if [ $((waited % 10)) -eq 0 ] && kill -0 "$pid" 2>/dev/null; then
      echo "setup: still installing after ${waited} s: $( (ls -d node_modules/*/package.json node_modules/@*/*/package.json 2>/dev/null || true) | wc -l) of about $total packages in place"
    fi
  done
  wait "$pid"
  cp package-lock.json "$stamp"
  echo "setup: npm packages installed"
}

install_system() {
  local with_chromium=$1 missing=()
  [ "$with_chromium" = no ] || [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v aws >/dev/null 2>&1 || missing+=(awscli)
  command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    # Not Debian/Ubuntu: the app still starts and says how to install them for this system.
    echo "setup: not found: ${missing[*]} — install the AWS CLI and kubectl (the app shows how); starting without them" >&2
    [ "$with_chromium" = no ] && return 0
    exit 1
  fi
  if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
    echo "setup: please install these Debian packages: ${missing[*]}" >&2
    [ "$with_chromium" = no ] && return 0
    exit 1
  fi
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  echo "setup: installing ${missing[*]}"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "setup: could not install ${missing[*]}" >&2
    [ "$with_chromium" = no ] || exit 1
  fi
}

for what in "$@"; do
  case "$what" in
    npm) install_npm ;;
    tools) install_system no ;;
    system) install_system yes ;;
    *) echo "setup: unknown part '$what' (npm | tools | system)" >&2; exit 2 ;;
  esac
done
