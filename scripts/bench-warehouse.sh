#!/usr/bin/env bash
# Benchmark of the warehouse route (not a test): the same weekly report from generated
# order lines, three ways, on this machine, side by side —
#   streaming:  `delaybook report` on the CSV files (wall time, peak memory);
#   DuckDB:     the script of `delaybook sql --dialect duckdb` on the loaded tables;
#   chDB:       the script of `delaybook sql --dialect clickhouse` (ClickHouse in process).
# Each size is measured RUNS times (default 3) in alternating order (round r starts
# with a different tool), so a load spike on a shared machine hits every tool alike;
# the summary gives the median and the ratio to streaming (below 1 = faster than
# streaming). The engines' times are the SQL only (the tables are loaded beforehand,
# as in a warehouse; peak memory includes that load); `agg→report` is
# `delaybook report --aggregates` on their exported result tables. `agree` says
# whether both engines' report.json equal the streaming one (data_quality aside).
#
#   scripts/bench-warehouse.sh                 # 4,000,000 and 16,000,000 lines
#   SIZES="1000000" RUNS=1 scripts/bench-warehouse.sh
#
# Needs: cargo, /usr/bin/time (apt-get install time), python3 with pyarrow, duckdb, chdb.
# Loading 16M lines (CSV → typed Parquet → each engine) takes several minutes and a few
# GB of disk; it is not part of the timed figures.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SIZES="${SIZES:-4000000 16000000}"
RUNS="${RUNS:-3}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/delaybook-whbench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (apt-get install time)" >&2
  apt-get install -y time >/dev/null
fi
python3 -c "import pyarrow, duckdb, chdb" 2>/dev/null || python3 -m pip install --quiet pyarrow duckdb chdb

# DELAYBOOK_BIN=path uses a binary already built (release profile) instead.
if [ -z "${DELAYBOOK_BIN:-}" ]; then cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"; fi
BIN="${DELAYBOOK_BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/release/delaybook}"
"$BIN" new "$WORK/project" -q
PROJ="$WORK/project"

# Loads typed Parquet into an engine, runs a script, exports the result tables, prints
# the seconds the SQL took.
cat > "$WORK/engine.py" <<'PY'
import os, sys, time
sys.path.insert(0, sys.argv[1] + "/tests/warehouse")
sys.path.insert(0, sys.argv[1] + "/scripts/warehouse")
from harness import statements, TABLES
engine, typed, sql_file, out = sys.argv[2:6]
stmts = statements(open(sql_file).read())
os.makedirs(out, exist_ok=True)
if engine == "duckdb":
    import duckdb
    con = duckdb.connect(os.path.join(out, "db.duckdb"))
    for t in ("orders", "stock"):
        con.execute(f"CREATE TABLE {t} AS SELECT * FROM read_parquet('{typed}/{t}.parquet')")
    t0 = time.perf_counter()
    for s in stmts:
        con.execute(s)
    took = time.perf_counter() - t0
    for t in TABLES:
        con.execute(f"COPY {t} TO '{out}/{t}.csv' (HEADER)")
    con.close()
    os.remove(os.path.join(out, "db.duckdb"))
else:
    from chdb import session
    import load_clickhouse
    sess = session.Session(os.path.join(out, "chdb"))
    import pyarrow.parquet as pq
    for t in ("orders", "stock"):
        names = pq.read_schema(f"{typed}/{t}.parquet").names
        cols = ", ".join(f"`{c}` {load_clickhouse.TYPES[c]}" for c in names)
        sess.query(f"CREATE TABLE {t} ({cols}) ENGINE = MergeTree ORDER BY tuple()")
        sess.query(f"INSERT INTO {t} SELECT * FROM file('{typed}/{t}.parquet', Parquet)")
    t0 = time.perf_counter()
    for s in stmts:
        sess.query(s)
    took = time.perf_counter() - t0
    for t in TABLES:
        with open(f"{out}/{t}.csv", "wb") as f:
            f.write(sess.query(f"SELECT * FROM {t}", "CSVWithNames").bytes())
    sess.close()
print(f"{took:.2f}")
PY

cat > "$WORK/same.py" <<'PY'
import json, sys
def load(p):
    r = json.load(open(p)); r.pop("data_quality"); return r
a = load(sys.argv[1])
print("yes" if all(load(p) == a for p in sys.argv[2:]) else "NO")
PY

peak_mb() { awk '/Maximum resident set size/ {printf "%.0f", $6/1024}' "$1"; }
wall_s() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; printf "%.2f", s}' "$1"; }

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }

# One timed run of a tool; appends "seconds peakMB" to $WORK/<tool>.runs.
run_streaming() {
  rm -rf "$WORK/stream"
  /usr/bin/time -v "$BIN" -C "$PROJ" -q --out "$WORK/stream" report 2> "$WORK/stream.time"
  echo "$(wall_s "$WORK/stream.time") $(peak_mb "$WORK/stream.time")" >> "$WORK/streaming.runs"
}
run_engine() {
  local engine="$1" took
  rm -rf "$WORK/agg-$engine"
  took=$(/usr/bin/time -v python3 "$WORK/engine.py" "$ROOT" "$engine" "$WORK/typed" "$WORK/$engine.sql" "$WORK/agg-$engine" 2> "$WORK/$engine.time")
  rm -rf "$WORK/agg-$engine/chdb"
  rm -rf "$WORK/out-$engine"
  /usr/bin/time -v "$BIN" -C "$PROJ" -q --out "$WORK/out-$engine" report --aggregates "$WORK/agg-$engine" 2> "$WORK/$engine.rep"
  echo "$took $(peak_mb "$WORK/$engine.time") $(wall_s "$WORK/$engine.rep")" >> "$WORK/$engine.runs"
}
run_tool() { if [ "$1" = streaming ]; then run_streaming; else run_engine "$1"; fi; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg) at start; $(date -u '+%Y-%m-%d %H:%M UTC')"
tools=(streaming duckdb clickhouse)
for n in $SIZES; do
  "$BIN" -C "$PROJ" -q sample-data --orders "$n" --seed 1
  mb=$(( $(stat -c %s "$PROJ/data/orders.csv") / 1000000 ))
  python3 "$ROOT/scripts/warehouse/load_clickhouse.py" --parquet "$WORK/typed" \
    --timezone Asia/Shanghai --orders "$PROJ/data/orders.csv" --stock "$PROJ/data/stock.csv" > /dev/null
  for engine in duckdb clickhouse; do "$BIN" -C "$PROJ" -q sql --dialect "$engine" > "$WORK/$engine.sql"; done
  rm -f "$WORK"/*.runs
  echo "== $n lines ($mb MB of CSV), $RUNS alternating rounds"
  for ((r = 0; r < RUNS; r++)); do
    order=()
    for ((i = 0; i < 3; i++)); do order+=("${tools[(r + i) % 3]}"); done
    for tool in "${order[@]}"; do run_tool "$tool"; done
    printf '  round %d (%s): streaming %ss | duckdb SQL %ss | chdb SQL %ss\n' "$((r + 1))" "${order[*]}" \
      "$(tail -1 "$WORK/streaming.runs" | cut -d' ' -f1)" "$(tail -1 "$WORK/duckdb.runs" | cut -d' ' -f1)" \
      "$(tail -1 "$WORK/clickhouse.runs" | cut -d' ' -f1)"
  done
  week=$(ls "$WORK/stream/reports" | grep -- '-W' | head -1)
  agree=$(python3 "$WORK/same.py" "$WORK/stream/reports/$week/report.json" \
    "$WORK/out-duckdb/reports/$week/report.json" "$WORK/out-clickhouse/reports/$week/report.json")
  s_med=$(cut -d' ' -f1 "$WORK/streaming.runs" | median)
  s_peak=$(cut -d' ' -f2 "$WORK/streaming.runs" | sort -g | tail -1)
  printf '  median: streaming %ss (peak %s MB)' "$s_med" "$s_peak"
  for engine in duckdb clickhouse; do
    e_med=$(cut -d' ' -f1 "$WORK/$engine.runs" | median)
    e_peak=$(cut -d' ' -f2 "$WORK/$engine.runs" | sort -g | tail -1)
    e_rep=$(cut -d' ' -f3 "$WORK/$engine.runs" | median)
    label=$([ "$engine" = clickhouse ] && echo chdb || echo duckdb)
    printf ' | %s SQL %ss (peak %s MB, agg→report %ss, ratio %s)' "$label" "$e_med" "$e_peak" "$e_rep" "$(ratio "$e_med" "$s_med")"
  done
  printf ' | agree %s\n' "$agree"
  rm -rf "$WORK/typed" "$WORK/stream" "$WORK"/out-* "$WORK"/agg-*
done
