#!/usr/bin/env bash
# The one command that runs every test on a fresh machine: installs what is missing, then runs them.
set -euo pipefail
cd "$(dirname "$0")/.."
ELECTRON_SKIP_BINARY_DOWNLOAD=1 bash setup/install.sh npm system
npx tsc --noEmit
# Imports that never turn back (.dependency-cruiser.cjs: no cycle between rooms, Electron only at the edge, no sandbox in the app).
npx depcruise --config .dependency-cruiser.cjs electron shared renderer sandbox scripts bench
# ESLint: typescript-eslint's recommended rules and the rules of hooks (eslint.config.js).
npx eslint --max-warnings 0 .
# Small files with one job: a source file over 400 lines fails the run.
find electron renderer sandbox shared test scripts bench bin -type f \( -name '*.ts' -o -name '*.tsx' -o -name '*.mjs' -o -name '*.cjs' -o -name '*.js' \) -exec wc -l {} + |
  awk '$2 != "total" && $1 > 400 { print "over 400 lines, split it by job: " $2 " (" $1 " lines)"; over = 1 } END { exit over }'
mkdir -p test-artifacts
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest.json "$@" || status=$?
# One plain closing line for whoever reads only the end of the log.
node -e '
  const r = JSON.parse(require("fs").readFileSync("test-artifacts/vitest.json", "utf8"));
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' || true
exit "$status"
