#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what the tests need when missing, then
# runs every check — typecheck, lint, unit, integration, build, browser — and prints one
# closing line "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export TZ=Asia/Ho_Chi_Minh
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

if [ ! -x "$CHROMIUM_PATH" ]; then
  step "Installing Chromium (Debian package) for the browser tests"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null \
    || { echo "Could not install Chromium: install the 'chromium' package, or set CHROMIUM_PATH."; exit 1; }
fi
if [ ! -x /usr/lib/chromium/chromium-headless-shell ] && [ -z "${CHROMIUM_HEADLESS_SHELL_PATH:-}" ]; then
  # Optional: the browser tests run in the full Chromium without it, only slower.
  step "Installing Chromium's headless shell (Debian package) for faster browser tests"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium-headless-shell >/dev/null \
    || echo "Could not install chromium-headless-shell: the browser tests use the full Chromium (slower)."
fi
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  step "Installing DejaVu fonts (Debian package) for the PDF plan tests"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq fonts-dejavu-core >/dev/null \
    || { echo "Could not install fonts-dejavu-core: install it for the PDF tests."; exit 1; }
fi
if ! command -v redis-server >/dev/null 2>&1 && [ -z "${REDIS_SERVER:-}" ]; then
  step "Installing Redis (Debian package) for the several-nodes tests"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null \
    || { echo "Could not install redis-server: install the 'redis-server' package, or set REDIS_SERVER to its path."; exit 1; }
fi
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && ! command -v initdb >/dev/null && [ -z "${PG_BINDIR:-}" ]; then
  step "Installing PostgreSQL (Debian package) for the integration tests on PostgreSQL"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null \
    || { echo "Could not install PostgreSQL: install the 'postgresql' package, or set PG_BINDIR to its bin folder."; exit 1; }
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "Installing npm packages (npm ci)"
  npm ci --no-audit --no-fund || exit 1
fi

failed_steps=()
# The video tests run against a real LiveKit server, built here once with `go install` (about two
# minutes) and reused after. A machine where it cannot be built says so loudly; under CI=true
# that fails the run, since a silently skipped video suite is not a pass.
step "LiveKit server for the video tests"
started_livekit=$SECONDS
if LIVEKIT_SERVER_BIN="$(bash scripts/livekit-server.sh)"; then
  export LIVEKIT_SERVER_BIN
else
  printf '\n\033[1;31m!! NO LIVEKIT SERVER: the video tests against a real LiveKit cannot run on this machine (see above).\033[0m\n'
  if [ "${CI:-}" = true ]; then failed_steps+=("LiveKit server"); else printf '\033[1;31m!! They are skipped here; under CI=true this fails the run.\033[0m\n'; fi
fi
printf '(LiveKit server: %ds)\n' $((SECONDS - started_livekit))
started_all=$SECONDS
# Each step says how long it took, so a slow suite shows where the minutes go.
run() {
  local name="$1" started=$SECONDS; shift
  step "$name"
  "$@" || failed_steps+=("$name")
  printf '(%s: %ds)\n' "$name" $((SECONDS - started))
}

run "typecheck" npm run --silent typecheck
run "lint" npm run --silent lint
run "unit and integration tests" npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json"
run "build the client and the server" npm run --silent build
NODE_VERSIONS_REPORTS="$results" run "Node 22 and 24 (npm start and the native modules on each)" bash scripts/node-versions.sh 22 24
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" run "browser tests (Playwright, Chromium)" \
  npx playwright test -c tests/e2e/playwright.config.ts --reporter=list,json

node scripts/summarize-tests.mjs "$results/vitest.json" "$results/playwright.json" "$results"/node-*.json
printf '(all steps: %ds)\n' $((SECONDS - started_all))
if [ ${#failed_steps[@]} -gt 0 ]; then
  printf 'Failed steps: %s\n' "${failed_steps[*]}"
  exit 1
fi
