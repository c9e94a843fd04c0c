#!/usr/bin/env bash
# The steps of deploy/Dockerfile without Docker: build the app, embed it,
# build a static binary into OUT (default bin/image/). Run from anywhere.
# What it cannot do: produce an OCI image; with Docker, use the Dockerfile.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${OUT:-$root/bin/image}"
cd "$root/frontend"
npm ci --no-audit --no-fund
npx tsc -b
npx vite build --logLevel warn
cd "$root"
mkdir -p "$out"
CGO_ENABLED=0 go build -trimpath -o "$out/summit" ./cmd/summit
"$out/summit" help >/dev/null
echo "built $out/summit (static, app embedded); image layer: debian:bookworm-slim + ca-certificates, user 65532"
