#!/bin/sh
# Builds the release binary and copies it into server/ so `npm run package` bundles it.
# JIANGGAO_BIN=path copies that binary instead of building one.
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
echo "bundled $here/server/$exe"
