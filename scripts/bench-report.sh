#!/usr/bin/env bash
# Benchmark of `delaybook report` next to DuckDB doing the same aggregations on the same
# CSV (a script, not a test). For each input style and size it generates the files,
# then runs the two commands alternately RUNS times and prints medians, CPU time, peak
# memory (/usr/bin/time) and the ratio from that same run.
#
#   scripts/bench-report.sh                      # sample + independent, 1M and 4M lines
#   SIZES="1000000 4000000 16000000" scripts/bench-report.sh   # also ~2 GB
#   RUNS=7 STYLES=independent SIZES=200000 scripts/bench-report.sh
#
# Styles: `sample` (delaybook sample-data) and `independent` (sample-data --style
# independent: 13 columns, 19-digit ids, 5,000 Zipf SKUs, ~2 % quoted fields with `,`
# and `""`, Chinese free text, ~1 % repeated (order_id, sku) pairs).
#
# delaybook runs as a user runs it (`report`, default week; the data makes it W47),
# reading playbooks and writing HTML, JSON, Markdown and CSV. DuckDB
# (scripts/bench_report_duckdb.py) loads the CSV once, keeps the last row of each pair,
# and computes the report's figures. `duck_s` is the whole python process, `duck_q`
# the part after `import duckdb`; `cpu_s` is user + system time; `ratio` =
# delaybook_s / duck_s, `ratio_q` = delaybook_s / duck_q (the stricter one). `agree`
# compares due, delayed, resolved, placed, causes, stock rows and at-risk count.
#
# DELAYBOOK_BIN=path skips the release build and times that binary instead.
# Needs: cargo, /usr/bin/time (apt-get install time), python3 with duckdb.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SIZES="${SIZES:-1000000 4000000}"
STYLES="${STYLES:-sample independent}"
RUNS="${RUNS:-5}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/delaybook-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
python3 -c "import duckdb" 2>/dev/null || { echo "needs duckdb: pip install duckdb" >&2; exit 1; }

if [ -z "${DELAYBOOK_BIN:-}" ]; then
  cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
fi
BIN="${DELAYBOOK_BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/release/delaybook}"
DUCK="$ROOT/scripts/bench_report_duckdb.py"
"$BIN" new "$WORK/project" -q
PROJ="$WORK/project"

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB; duckdb $(python3 -c 'import duckdb; print(duckdb.__version__)')"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "runs per command: $RUNS, alternating; times are medians (min-max) in seconds"
echo

median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }
range() { sort -g | awk 'NR==1 {lo=$1} {hi=$1} END {printf "%.2f-%.2f", lo, hi}'; }
max_mb() { sort -g | tail -1 | awk '{printf "%.0f", $1/1024}'; }

printf '%-11s %9s %5s | %-17s %6s %6s | %-17s %6s %6s %6s | %5s %7s %s\n' \
  style lines MB "delaybook_s" cpu_s peakMB "duck_s" duck_q cpu_s duckMB ratio ratio_q agree
for style in $STYLES; do
  for n in $SIZES; do
    "$BIN" -C "$PROJ" -q sample-data --style "$style" --orders "$n" --seed 1
    orders="$PROJ/data/orders.csv"
    mb=$(( $(stat -c %s "$orders") / 1000000 ))
    rm -f "$WORK"/*.t
    # One untimed run each, so both start from a warm page cache.
    "$BIN" -C "$PROJ" -q report >/dev/null 2>&1
    python3 "$DUCK" "$orders" "$PROJ/data/stock.csv" 2026-11-16 >/dev/null
    for i in $(seq "$RUNS"); do
      /usr/bin/time -f '%e %U %S %M' -o "$WORK/d$i.t" "$BIN" -C "$PROJ" -q report 2>/dev/null
      /usr/bin/time -f '%e %U %S %M' -o "$WORK/k$i.t" \
        python3 "$DUCK" "$orders" "$PROJ/data/stock.csv" 2026-11-16 > "$WORK/k$i.json"
    done
    d_wall=$(cat "$WORK"/d*.t | awk '{print $1}' | median)
    d_range=$(cat "$WORK"/d*.t | awk '{print $1}' | range)
    d_cpu=$(cat "$WORK"/d*.t | awk '{print $2 + $3}' | median)
    d_mb=$(cat "$WORK"/d*.t | awk '{print $4}' | max_mb)
    k_wall=$(cat "$WORK"/k*.t | awk '{print $1}' | median)
    k_range=$(cat "$WORK"/k*.t | awk '{print $1}' | range)
    k_cpu=$(cat "$WORK"/k*.t | awk '{print $2 + $3}' | median)
    k_q=$(cat "$WORK"/k*.json | python3 -c 'import sys, json; [print(json.loads(l)["seconds"]) for l in sys.stdin]' | median)
    k_mb=$(cat "$WORK"/k*.t | awk '{print $4}' | max_mb)
    agree=$(python3 - "$PROJ/public/reports/2026-W47/report.json" "$WORK/k1.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); k = json.load(open(sys.argv[2])); t = r["totals"]
ours = [t["due"], t["delayed"], t["resolved_within_72h"], t["orders_placed"],
        len(r["causes"]), len(r["stock"]), r["at_risk"]["count"]]
theirs = [k[x] for x in ("due", "delayed", "resolved_within_72h", "orders_placed",
                         "causes", "stock_rows", "at_risk")]
print(f"yes (due {t['due']}, delayed {t['delayed']})" if ours == theirs else f"NO {ours} vs {theirs}")
PY
)
    ratio=$(awk -v a="$d_wall" -v b="$k_wall" 'BEGIN {printf "%.2f", a / b}')
    ratio_q=$(awk -v a="$d_wall" -v b="$k_q" 'BEGIN {printf "%.2f", a / b}')
    printf '%-11s %9s %5s | %5s %-11s %6s %6s | %5s %-11s %6s %6s %6s | %5s %7s %s\n' \
      "$style" "$n" "$mb" "$d_wall" "($d_range)" "$d_cpu" "$d_mb" \
      "$k_wall" "($k_range)" "$k_q" "$k_cpu" "$k_mb" "$ratio" "$ratio_q" "$agree"
    rm -f "$orders"
  done
done
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
