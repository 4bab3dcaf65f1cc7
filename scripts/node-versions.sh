#!/usr/bin/env bash
# Node 20 is past its end of life: the README's two commands must keep working on Node 22 and 24
# as well. This fetches those runtimes from the npm registry (the `node-<platform>-<arch>`
# packages hold the official binary, no install script) into a cache folder, then, with each one
# first on PATH (so the upload sandbox's child processes use it too):
#   - starts the server the way `npm start` does, on a fresh SQLite folder with the demo meeting,
#     and checks it serves its health check, the built client and the demo's links;
#   - runs the integration files that load every native module and child process the server
#     uses (SQLite driver, the sandbox's readers, the record's charts and .docx).
# Usage: bash scripts/node-versions.sh [22 24]   (after `npm run build`; with NODE_VERSIONS_REPORTS=dir,
# each version's vitest report is written there as node-<version>.json for the closing count)
set -uo pipefail
cd "$(dirname "$0")/.."
versions=("$@"); [ ${#versions[@]} -eq 0 ] && versions=(22 24)
cache="${DIEMCAU_NODE_CACHE:-$HOME/.cache/diemcau-node}"
package="node-$(node -p 'process.platform + "-" + process.arch')"
files=(tests/integration/live-agenda.test.ts tests/integration/archive.test.ts tests/integration/hostile-uploads.test.ts)
failed=0

smoke() {
  local data port out pid ok=1
  data="$(mktemp -d)"; out="$data/out.log"
  port="$(node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})')"
  PORT=$port HOST=127.0.0.1 DATA_DIR="$data" DEMO=true CLIENT_DIR=client/dist LOG_LEVEL=warn \
    node --import tsx server/src/index.ts >"$out" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if ! curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null; then echo "the server did not answer /healthz"; ok=0
  elif ! curl -fsS "http://127.0.0.1:$port/" | grep -q '<div id="root"'; then echo "the server did not serve the built client"; ok=0
  elif ! grep -q "/mc/" "$out"; then echo "the first start did not print the demo meeting's links"; ok=0
  fi
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  [ $ok -eq 1 ] || sed 's/^/  server: /' "$out" | tail -20
  rm -rf "$data"
  [ $ok -eq 1 ]
}

for v in "${versions[@]}"; do
  dir="$cache/v$v"
  bin="$dir/node_modules/$package/bin"
  if [ ! -x "$bin/node" ]; then
    printf 'Fetching Node %s (%s from the npm registry) into %s\n' "$v" "$package@$v" "$dir"
    mkdir -p "$dir"
    if ! npm install --prefix "$dir" --no-save --no-audit --no-fund --no-package-lock "$package@$v" >/dev/null 2>&1; then
      printf '\033[1;31mCould not fetch Node %s from the npm registry: the check on it cannot run.\033[0m\n' "$v"
      failed=1; continue
    fi
  fi
  started=$SECONDS
  printf '\n-- Node %s\n' "$(PATH="$bin:$PATH" node --version)"
  if PATH="$bin:$PATH" smoke; then echo "npm start: serves the client and the demo meeting"; else failed=1; fi
  PATH="$bin:$PATH" node node_modules/vitest/vitest.mjs run --project integration "${files[@]}" --reporter=dot \
    ${NODE_VERSIONS_REPORTS:+--reporter=json --outputFile.json="$NODE_VERSIONS_REPORTS/node-$v.json"} || failed=1
  printf '(Node %s: %ds)\n' "$v" $((SECONDS - started))
done
exit $failed
