#!/bin/sh
# Builds the release binary and copies it into server/ so `npm run package` bundles it.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/../.." && pwd)
cargo build --release --manifest-path "$root/Cargo.toml" --bin jianggao
mkdir -p "$here/server"
exe=jianggao
case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*) exe=jianggao.exe ;; esac
cp "$root/target/release/$exe" "$here/server/$exe"
chmod +x "$here/server/$exe"
echo "bundled $here/server/$exe"
