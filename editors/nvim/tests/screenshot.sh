#!/usr/bin/env bash
# Captures editors/nvim/screenshot.txt: the fixture draft in a real Neovim (headless, inside
# tmux) with jianggao's diagnostics, then the diagnostic list (:lua vim.diagnostic.setloclist()).
#   JIANGGAO_BIN=target/debug/jianggao editors/nvim/tests/screenshot.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
bin=${JIANGGAO_BIN:-$root/target/debug/jianggao}
out=${1:-$root/editors/nvim/screenshot.txt}
session=jianggao-shot-$$
work=$(mktemp -d)
cp "$root/tests/fixtures/editors/draft.txt" "$work/讲稿.txt"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
tmux -u new-session -d -s "$session" -x 100 -y 42 \
  "cd '$work' && JIANGGAO_BIN='$bin' nvim --clean -u '$here/minimal_init.lua' 讲稿.txt"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
# Wait for the diagnostics (signs in the sign column) rather than for a fixed time.
for _ in $(seq 100); do
  sleep 0.1
  if tmux capture-pane -p -t "$session" | grep -q '●'; then break; fi
done
sleep 0.5
tmux send-keys -t "$session" ':lua vim.diagnostic.setloclist({ open = true })' Enter
sleep 0.5
tmux send-keys -t "$session" ':wincmd p | echo' Enter
sleep 0.3
tmux capture-pane -p -t "$session" | sed 's/[[:space:]]*$//' >"$out"
echo "wrote $out"
