#!/usr/bin/env bash
# Side by side with AutoCorrect (`autocorrect --lint`), whole processes, alternating runs on
# the same machine (issue 15): one corpus draft, the five corpus drafts, and 1,000 generated
# drafts. Prints each tool's median wall time and the ratio jianggao / AutoCorrect.
#
#   benches/compare_autocorrect.sh [RUNS]       (default 10 runs each; 3 for the archive)
#
# Needs an `autocorrect` binary on PATH (the native CLI, or `npm install -g autocorrect-node`,
# which adds Node's start-up to every run); without one it says so and exits 0. Not a CI dependency. jianggao is target/release/jianggao (built
# here if missing), or $JIANGGAO_BIN. The archive is the `cli` bench's (benches/support/
# archive.rs, 1,000 drafts of $JIANGGAO_ARCHIVE_KB KB, default 8).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v autocorrect >/dev/null 2>&1; then
    echo 'autocorrect not found on PATH: nothing to compare (the native CLI, or npm install -g autocorrect-node)'
    exit 0
fi
runs="${1:-10}"
bin="${JIANGGAO_BIN:-target/release/jianggao}"
[ -x "$bin" ] || cargo build -q --release --bin jianggao

corpus="${JIANGGAO_CORPUS:-}"
for dir in "$corpus" ../shared/corpus /work/shared/corpus; do
    if [ -n "$dir" ] && [ -d "$dir" ]; then corpus="$dir"; break; fi
done
if [ ! -d "$corpus" ]; then
    echo "corpus not found (set JIANGGAO_CORPUS)"
    exit 0
fi
one=$(ls "$corpus"/002_*.txt)
five=$(ls "$corpus"/00*.txt; echo "$corpus/pages/a01.txt" "$corpus/pages/b01.txt")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The same generated archive as the `cli` bench: with JIANGGAO_ARCHIVE_DIR it only writes it.
JIANGGAO_ARCHIVE_DIR="$tmp/archive" cargo bench -q --bench cli

# compare NAME RUNS FILES...: alternating runs, median wall of each, ratio.
compare() {
    local name=$1 n=$2
    shift 2
    python3 - "$name" "$n" "$bin" "$@" <<'PY'
import statistics, subprocess, sys, time
name, n, jianggao, files = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
tools = {
    "jianggao": [jianggao, "check", "--format", "json", *files],
    "autocorrect": ["autocorrect", "--lint", *files],
    # The issue's yardstick for an archive: AutoCorrect on one thread.
    "autocorrect1": ["autocorrect", "--lint", "--threads", "1", *files],
}
walls = {tool: [] for tool in tools}
for _ in range(n):
    for tool, cmd in tools.items():
        started = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls[tool].append((time.perf_counter() - started) * 1000)
j, a, a1 = (statistics.median(walls[t]) for t in tools)
print(
    f"{name}: jianggao {j:.1f} ms, AutoCorrect {a:.1f} ms, ratio {j / a:.2f}x; "
    f"AutoCorrect on one thread {a1:.1f} ms, ratio {j / a1:.2f}x (median of {n})"
)
PY
}

compare "one draft ($(basename "$one"))" "$runs" "$one"
# shellcheck disable=SC2086
compare "five corpus drafts" "$runs" $five
compare "1,000 generated drafts" 3 "$tmp/archive"
