#!/usr/bin/env bash
# Benchmark of `delaybook report` (not a test): time and peak memory on 1,000,000 and
# 4,000,000 generated order lines, next to DuckDB computing the same totals, causes and
# per-SKU demand on the same CSV in the same run.
#
#   scripts/bench-report.sh            # sizes 1000000 4000000
#   SIZES="200000" scripts/bench-report.sh
#
# Needs: cargo, /usr/bin/time (apt-get install time), python3 with duckdb
# (pip install duckdb). Goals: faster than DuckDB on 1M lines; peak memory under
# 100 MB and about the same for 1M and 4M.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SIZES="${SIZES:-1000000 4000000}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/delaybook-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (apt-get install time)" >&2
  apt-get install -y time >/dev/null
fi
python3 -c "import duckdb" 2>/dev/null || pip install --quiet duckdb

cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
BIN="$ROOT/target/release/delaybook"

# A project with the sample config and playbooks.
"$BIN" new "$WORK/project" -q
PROJ="$WORK/project"

# The DuckDB side: totals of W47 (due, delayed), delayed lines by cause, and the
# 30-day demand per SKU, read from the same CSV.
cat > "$WORK/duck.py" <<'PY'
import sys, time, duckdb
path = sys.argv[1]
t0 = time.perf_counter()
con = duckdb.connect()
con.execute(f"""
CREATE TEMP VIEW o AS
SELECT *, coalesce(promised_ship_by,
  ordered_at + INTERVAL (CASE platform WHEN 'tiktok_shop' THEN 72 ELSE 48 END) HOUR) AS d
FROM read_csv('{path}', header=true, timestampformat='%Y-%m-%d %H:%M:%S',
  types={{'promised_ship_by':'TIMESTAMP','shipped_at':'TIMESTAMP','ordered_at':'TIMESTAMP'}})
""")
w0, w1 = "TIMESTAMP '2026-11-16 00:00:00'", "TIMESTAMP '2026-11-23 00:00:00'"
buyer = "(status IN ('cancelled','refunded') AND shipped_at IS NULL AND delay_cause IS NULL)"
late = f"(shipped_at > d OR (shipped_at IS NULL AND status NOT IN ('cancelled','refunded')) OR (shipped_at IS NULL AND status IN ('cancelled','refunded') AND delay_cause IS NOT NULL))"
totals = con.execute(f"SELECT count(*), count(*) FILTER (WHERE {late}) FROM o WHERE d >= {w0} AND d < {w1} AND NOT {buyer}").fetchall()
causes = con.execute(f"SELECT coalesce(delay_cause,'unattributed') c, count(*) n FROM o WHERE d >= {w0} AND d < {w1} AND NOT {buyer} AND {late} GROUP BY 1 ORDER BY n DESC").fetchall()
demand = con.execute(f"SELECT sku, sum(quantity) FROM o WHERE ordered_at >= TIMESTAMP '2026-10-24' AND ordered_at < {w1} AND NOT {buyer} GROUP BY 1").fetchall()
print(f"{time.perf_counter() - t0:.2f}", totals[0][0], totals[0][1], len(causes), len(demand))
PY

peak_mb() { awk '/Maximum resident set size/ {printf "%.1f", $6/1024}' "$1"; }
elapsed() { awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$1"; }

printf '%-10s %-12s %-14s %-14s %-12s %s\n' lines csv_MB report_s report_peakMB duckdb_s "due/delayed (delaybook | duckdb)"
for n in $SIZES; do
  "$BIN" -C "$PROJ" -q sample-data --orders "$n" --seed 1
  mb=$(du -m "$PROJ/data/orders.csv" | cut -f1)
  /usr/bin/time -v "$BIN" -C "$PROJ" -q report --week 2026-W47 2> "$WORK/time.txt" || { cat "$WORK/time.txt"; exit 1; }
  secs=$(elapsed "$WORK/time.txt")
  peak=$(peak_mb "$WORK/time.txt")
  ours=$(python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['totals']; print(t['due'], t['delayed'])" "$PROJ/public/reports/2026-W47/report.json")
  read -r dsecs ddue ddelayed _ _ < <(python3 "$WORK/duck.py" "$PROJ/data/orders.csv")
  printf '%-10s %-12s %-14s %-14s %-12s %s | %s %s\n' "$n" "$mb" "$secs" "$peak" "$dsecs" "$ours" "$ddue" "$ddelayed"
done
