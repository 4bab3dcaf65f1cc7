#!/usr/bin/env bash
# LiveKit's server for the video tests and `npm run bench -- --scenario video`: prints the path
# of the binary, building it once with `go install` (the Go module, never its source or a
# binary in this repository) into a cache folder kept between runs. The version is the one
# infra/docker-compose.video.yml runs. Exit 1 with the reason on stderr when it cannot be built.
set -uo pipefail
LIVEKIT_VERSION=v1.8.4
dir="${DIEMCAU_LIVEKIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/diemcau-livekit}/$LIVEKIT_VERSION"
bin="$dir/server"
if [ -x "$bin" ]; then
  echo "LiveKit server $LIVEKIT_VERSION: $bin (built before, reused)" >&2
  echo "$bin"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "Cannot build LiveKit server $LIVEKIT_VERSION: 'go' is not installed (Go 1.23 or later; Debian's golang-go may be older)." >&2
  exit 1
fi
mkdir -p "$dir"
started=$SECONDS
echo "Building LiveKit server $LIVEKIT_VERSION with go install (once; kept in $dir) ..." >&2
# One build at a time: a second caller waits for the first and reuses its binary.
(
  flock 9
  [ -x "$bin" ] || GOBIN="$dir" go install "github.com/livekit/livekit-server/cmd/server@$LIVEKIT_VERSION" >&2
) 9>"$dir.lock"
if [ ! -x "$bin" ]; then
  echo "Building LiveKit server $LIVEKIT_VERSION failed (go install github.com/livekit/livekit-server/cmd/server@$LIVEKIT_VERSION, output above)." >&2
  exit 1
fi
echo "LiveKit server $LIVEKIT_VERSION built in $((SECONDS - started)) s: $bin" >&2
echo "$bin"
