#!/usr/bin/env python3
"""Runs delaybook's warehouse route in one real engine for tests/warehouse.rs.

For each job of the jobs file: load the job's CSV inputs with the engine's loader
(scripts/warehouse/), ask `delaybook sql` for the script (with the `--absent` columns
the loader found), run every statement in the engine, and export every dbk_* table as
CSV with a header into the job's folder, the way a user's nightly job would:
DuckDB with COPY … (HEADER), ClickHouse with FORMAT CSVWithNames, Spark as a folder of
part files with header and '"' as the escape character.

    harness.py --engine duckdb|clickhouse|spark --delaybook BIN --jobs JOBS.json --work DIR

Scratch files (chDB sessions, Spark's warehouse) go under DIR.

A job: {"name", "project", "orders": [files], "stock", "timezone", "formats": [...],
"sql_args": [...], "out"}. Prints one line per job; exits 1 on the first failure.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts", "warehouse"))

TABLES = [
    "dbk_run", "dbk_trend", "dbk_due", "dbk_delays", "dbk_prev_week", "dbk_prev_delays",
    "dbk_counts", "dbk_sku", "dbk_at_risk_groups",
    "dbk_sku_daily", "dbk_at_risk", "dbk_stock", "dbk_checks", "dbk_check_examples",
]


def statements(script):
    """The script's statements: each ends with ';' at the end of a line."""
    out, cur = [], []
    for line in script.split("\n"):
        if not cur and (not line.strip() or line.startswith("--")):
            continue
        cur.append(line)
        if line.rstrip().endswith(";"):
            out.append("\n".join(cur).rstrip()[:-1])
            cur = []
    if any(line.strip() for line in cur):
        raise SystemExit("the script does not end with ';'")
    return out


def sql_script(args, job, dialect, absent):
    cmd = [args.delaybook, "-q", "-C", job["project"], "sql", "--dialect", dialect]
    cmd += job.get("sql_args", [])
    if absent:
        cmd += ["--absent", ",".join(absent)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"delaybook sql failed ({r.returncode}): {r.stderr}")
    return r.stdout


def load_args(job):
    return argparse.Namespace(
        timezone=job["timezone"], orders=job["orders"], stock=job["stock"],
        orders_table=job.get("orders_table", "orders"), stock_table=job.get("stock_table", "stock"),
        timestamp_format=job.get("formats", []),
    )


class DuckDB:
    dialect = "duckdb"

    def __init__(self, work):
        import duckdb
        import load_duckdb

        self.duckdb, self.loader = duckdb, load_duckdb

    def run(self, args, job):
        con = self.duckdb.connect()
        summary = self.loader.load(con, load_args(job))
        for s in statements(sql_script(args, job, self.dialect, summary["absent"])):
            con.execute(s)
        for t in TABLES:
            path = os.path.join(job["out"], t + ".csv").replace("'", "''")
            con.execute(f"COPY {t} TO '{path}' (HEADER)")
        con.close()


class ClickHouse:
    dialect = "clickhouse"

    def __init__(self, work):
        from chdb import session
        import load_clickhouse

        self.session, self.loader = session, load_clickhouse

    def run(self, args, job):
        with tempfile.TemporaryDirectory(dir=args.work) as d:
            sess = self.session.Session(os.path.join(d, "chdb"))
            summary = self.loader.load(sess, load_args(job))
            for s in statements(sql_script(args, job, self.dialect, summary["absent"])):
                sess.query(s)
            for t in TABLES:
                data = sess.query(f"SELECT * FROM {t}", "CSVWithNames").bytes()
                with open(os.path.join(job["out"], t + ".csv"), "wb") as f:
                    f.write(data)
            sess.close()


class Spark:
    dialect = "spark"

    def __init__(self, work):
        import load_spark

        self.loader = load_spark
        self.spark = load_spark.session(os.path.join(work, "spark-warehouse"))
        self.spark.sparkContext.setLogLevel("ERROR")

    def run(self, args, job):
        summary = self.loader.load(self.spark, load_args(job))
        for s in statements(sql_script(args, job, self.dialect, summary["absent"])):
            self.spark.sql(s)
        for t in TABLES:
            (self.spark.table(t).coalesce(1).write.mode("overwrite")
             .option("header", True).option("escape", '"')
             .csv(os.path.join(job["out"], t)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["duckdb", "clickhouse", "spark"], required=True)
    parser.add_argument("--delaybook", required=True)
    parser.add_argument("--jobs", required=True)
    parser.add_argument("--work", required=True, help="folder for scratch files")
    args = parser.parse_args()
    jobs = json.load(open(args.jobs, encoding="utf-8"))
    engine = {"duckdb": DuckDB, "clickhouse": ClickHouse, "spark": Spark}[args.engine](args.work)
    for job in jobs:
        os.makedirs(job["out"], exist_ok=True)
        started = time.time()
        try:
            engine.run(args, job)
        except Exception as e:  # the engine's message is the useful part
            print(f"FAILED {job['name']}: {type(e).__name__}: {e}", flush=True)
            sys.exit(1)
        print(f"ok {job['name']} {time.time() - started:.1f}s", flush=True)


if __name__ == "__main__":
    main()
