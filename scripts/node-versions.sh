#!/usr/bin/env bash
# Node 20 is past its end of life: the README's two commands must keep working on Node 22 and 24
# as well. This fetches those runtimes from the npm registry (the `node-<platform>-<arch>`
# packages hold the official binary, no install script) into a cache folder, then, with each one
# first on PATH (so the upload sandbox's child processes use it too):
#   - starts the built server the way `npm start` does (see smoke below);
#   - runs the integration files that load every native module and child process the server
#     uses (SQLite driver, the sandbox's readers, the record's charts and .docx).
# The production path is checked on the machine's own Node as well.
# Usage: bash scripts/node-versions.sh [22 24]   (after `npm run build`; with NODE_VERSIONS_REPORTS=dir,
# each version's vitest report is written there as node-<version>.json for the closing count)
set -uo pipefail
cd "$(dirname "$0")/.."
versions=("$@"); [ ${#versions[@]} -eq 0 ] && versions=(22 24)
cache="${DIEMCAU_NODE_CACHE:-$HOME/.cache/diemcau-node}"
package="node-$(node -p 'process.platform + "-" + process.arch')"
files=(tests/integration/live-agenda.test.ts tests/integration/archive.test.ts tests/integration/hostile-uploads.test.ts)
failed=0
server_pid=''
# A run cut short (a timeout, Ctrl-C) leaves no server behind.
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null' EXIT

# The production path on the runtime first on PATH: `npm start`'s built server (server/dist, no
# TypeScript loader) on a fresh SQLite folder with the demo meeting; a plan read in the upload
# sandbox's child process and the meeting's record made in the record's worker, both from their
# bundles.
smoke() {
  local data port out pid base ok=1 token id job status
  data="$(mktemp -d)"; out="$data/out.log"; token="$(node -p 'require("crypto").randomBytes(24).toString("hex")')"
  port="$(node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})')"
  base="http://127.0.0.1:$port"
  PORT=$port HOST=127.0.0.1 DATA_DIR="$data" DEMO=true CLIENT_DIR=client/dist LOG_LEVEL=warn ADMIN_TOKEN="$token" \
    node server/dist/index.js >"$out" 2>&1 &
  pid=$!; server_pid=$pid
  for _ in $(seq 1 120); do
    curl -fsS "$base/healthz" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  local auth=(-H "Authorization: Bearer $token")
  if ! curl -fsS "$base/healthz" >/dev/null; then echo "the server did not answer /healthz"; ok=0
  elif ! curl -fsS "$base/" | grep -q '<div id="root"'; then echo "the server did not serve the built client"; ok=0
  elif ! grep -q "/mc/" "$out"; then echo "the first start did not print the demo meeting's links"; ok=0
  elif ! curl -fsS "${auth[@]}" -H 'Content-Type: application/octet-stream' --data-binary @tests/fixtures/plans/bac-giang-giao-ban-giua-ky-1.docx \
      "$base/api/plans/preview?filename=ke-hoach.docx" | node -e 'let s="";process.stdin.on("data",(c)=>s+=c).on("end",()=>process.exit(JSON.parse(s).data?.ok===true?0:1))'; then
    echo "the upload sandbox did not read a plan"; ok=0
  else
    id="$(curl -fsS "${auth[@]}" "$base/api/meetings" | node -e 'let s="";process.stdin.on("data",(c)=>s+=c).on("end",()=>console.log(JSON.parse(s).data[0].id))')"
    job="$(curl -fsS "${auth[@]}" -X POST "$base/api/meetings/$id/record" | node -e 'let s="";process.stdin.on("data",(c)=>s+=c).on("end",()=>console.log(JSON.parse(s).data.jobId))')"
    for _ in $(seq 1 240); do
      status="$(curl -fsS "${auth[@]}" "$base/api/meetings/$id/record/$job")" || break
      grep -q '"state":"\(done\|failed\)"' <<<"$status" && break
      sleep 0.5
    done
    curl -fsS "${auth[@]}" -o "$data/record.zip" "$base/api/meetings/$id/record/$job/file"
    if [ "$(head -c 2 "$data/record.zip" 2>/dev/null)" != PK ]; then echo "the record's worker did not make the record ($status)"; ok=0; fi
  fi
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; server_pid=''
  [ $ok -eq 1 ] || sed 's/^/  server: /' "$out" | tail -20
  rm -rf "$data"
  [ $ok -eq 1 ]
}

printf -- '-- Node %s (this machine'"'"'s)\n' "$(node --version)"
if smoke; then echo "npm start: serves the client and the demo meeting, reads a plan in the sandbox, makes the record"; else failed=1; fi

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
  if PATH="$bin:$PATH" smoke; then echo "npm start: serves the client and the demo meeting, reads a plan in the sandbox, makes the record"; else failed=1; fi
  PATH="$bin:$PATH" node node_modules/vitest/vitest.mjs run --project integration "${files[@]}" --reporter=dot \
    ${NODE_VERSIONS_REPORTS:+--reporter=json --outputFile.json="$NODE_VERSIONS_REPORTS/node-$v.json"} || failed=1
  printf '(Node %s: %ds)\n' "$v" $((SECONDS - started))
done
exit $failed
