#!/usr/bin/env bash
# Release build time of `delaybook build` on the bundled sample project and on a
# synthetic 1,000-playbook project (scripts/synth_site.py). Prints wall time and peak
# memory of each run (best of RUNS, default 3) and the size of the output.
#
# Usage: scripts/bench-build.sh [PLAYBOOKS=1000] [RUNS=3]
set -euo pipefail

cd "$(dirname "$0")/.."
N="${1:-1000}"
RUNS="${2:-3}"
BIN=target/release/delaybook
WORK="$(mktemp -d "${TMPDIR:-/tmp}/delaybook-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "== cargo build --release"
cargo build --release --quiet

# The sample project, as `delaybook new` would lay it out.
mkdir -p "$WORK/sample"
cp delaybook.yaml "$WORK/sample/"
cp -r playbooks "$WORK/sample/"
if [ -d data ]; then cp -r data "$WORK/sample/"; fi

python3 scripts/synth_site.py "$WORK/synth" "$N" >/dev/null

measure() { # name project-dir
  local name="$1" dir="$2" best="" mem="" line
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -o "$WORK/time" -f "%e %M" "$BIN" -q -C "$dir" --out "$dir/public" build >/dev/null 2>&1
    line=$(tail -1 "$WORK/time")
    local t="${line% *}" m="${line#* }"
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best="$t"; mem="$m"; fi
  done
  local pages size index
  pages=$(find "$dir/public" -name '*.html' | wc -l)
  size=$(du -sk "$dir/public" | cut -f1)
  index=$(stat -c %s "$dir/public/search-index.js")
  printf '%-28s %8s s  %8s KB peak RSS  %6s pages  %8s KB output  %9s B search index\n' \
    "$name" "$best" "$mem" "$pages" "$size" "$index"
}

echo "== delaybook build (release, best of $RUNS)"
measure "sample project" "$WORK/sample"
measure "synthetic, $N playbooks" "$WORK/synth"
