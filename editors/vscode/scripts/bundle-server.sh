#!/bin/sh
# Builds the release binary and copies it into server/ so a platform package carries it
# (`npm run package -- --target linux-x64`). JIANGGAO_BIN=path copies that binary instead of
# building one. The copy loses its debug information (a debug build shrinks tenfold).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/../.." && pwd)
exe=jianggao
case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*) exe=jianggao.exe ;; esac
bin=${JIANGGAO_BIN:-}
if [ -z "$bin" ]; then
  cargo build --release --manifest-path "$root/Cargo.toml" --bin jianggao
  bin="$root/target/release/$exe"
fi
mkdir -p "$here/server"
cp "$bin" "$here/server/$exe"
chmod +x "$here/server/$exe"
if command -v strip >/dev/null 2>&1; then
  strip --strip-debug "$here/server/$exe" 2>/dev/null || true
fi
"$here/server/$exe" --version >/dev/null
echo "bundled $here/server/$exe ($("$here/server/$exe" --version))"
