#!/usr/bin/env python3
"""The DuckDB side of scripts/bench-report.sh: the aggregations of `delaybook report`
(report-metrics.md §3-§7) in SQL, on the same CSV files, for a side-by-side timing.

    python3 scripts/bench_report_duckdb.py ORDERS.csv STOCK.csv 2026-11-16

The third argument is the Monday of the report week; as_of is the next Monday 00:00,
the sample project's config is assumed (promise 48 h, tiktok_shop 72 h; compensation
5 %, cap 30; 8 trend weeks; 30 demand days; at-risk horizon 24 h, 200 rows). Like
delaybook, it keeps the last row of each (order_id, sku) pair (file order), then
computes totals, delay percentiles, causes, platforms, top SKUs with their top cause,
notification, the trend, compensation, per-SKU demand (30 daily buckets, sigma),
backlog and buyers waiting joined to stock.csv, and the at-risk lines. The files are
read once into a table; every query runs on that table.

Prints one JSON line: seconds spent (after `import duckdb`) and the headline figures,
which the bench script compares with delaybook's report.json.
"""
import json
import sys
import time

import duckdb


def main():
    orders, stock, monday = sys.argv[1], sys.argv[2], sys.argv[3]
    t0 = time.perf_counter()
    con = duckdb.connect()
    w0 = f"TIMESTAMP '{monday} 00:00:00'"
    w1 = f"({w0} + INTERVAL 7 DAY)"
    asof = w1
    ts = "'TIMESTAMP'"
    con.execute(f"""
    CREATE TEMP TABLE raw AS SELECT * FROM read_csv('{orders}', header=true,
      timestampformat='%Y-%m-%d %H:%M:%S',
      types={{'order_id':'VARCHAR','sku':'VARCHAR','quantity':'INTEGER','platform':'VARCHAR',
              'ordered_at':{ts},'promised_ship_by':{ts},'shipped_at':{ts},'status':'VARCHAR',
              'delay_cause':'VARCHAR','detected_at':{ts},'notified_at':{ts},
              'resolution':'VARCHAR','amount':'DOUBLE'}})""")
    con.execute(f"""
    CREATE TEMP TABLE o AS
    SELECT *,
      CASE
        WHEN shipped_at IS NOT NULL AND shipped_at <= d THEN 'on_time'
        WHEN shipped_at IS NOT NULL THEN 'late'
        WHEN status IN ('cancelled','refunded') AND delay_cause IS NULL THEN 'buyer'
        WHEN status IN ('cancelled','refunded') THEN 'failed'
        WHEN {asof} > d THEN 'overdue'
        ELSE 'pending' END AS cls,
      d >= {w0} AND d < {w1} AND d < {asof} AS due_w
    FROM (
      SELECT *, coalesce(promised_ship_by, ordered_at + to_hours(
        CASE lower(platform) WHEN 'tiktok_shop' THEN 72 ELSE 48 END)) AS d
      FROM raw
      QUALIFY row_number() OVER (PARTITION BY order_id, sku ORDER BY rowid DESC) = 1)""")
    delayed = "cls IN ('late','overdue','failed')"
    due = "due_w AND cls <> 'buyer'"
    delay_h = f"epoch(CASE cls WHEN 'late' THEN shipped_at - d ELSE {asof} - d END) / 3600.0"
    q = lambda sql: con.execute(sql).fetchall()
    out = {}
    out["totals"] = q(f"""
      SELECT count(*) FILTER (WHERE {due}),
             count(*) FILTER (WHERE {due} AND {delayed}),
             count(*) FILTER (WHERE {due} AND cls = 'late' AND shipped_at - d <= INTERVAL 72 HOUR),
             (SELECT count(*) FROM o WHERE ordered_at >= {w0} AND ordered_at < {w1}
                AND ordered_at < {asof})
      FROM o""")[0]
    out["delay_hours"] = q(f"""
      SELECT quantile_disc({delay_h}, [0.5, 0.9]), max({delay_h})
      FROM o WHERE {due} AND cls IN ('late','overdue')""")[0]
    out["causes"] = q(f"""
      SELECT coalesce(delay_cause, 'unattributed') c, count(*) n FROM o
      WHERE {due} AND {delayed} GROUP BY 1 ORDER BY n DESC, c""")
    out["platforms"] = q(f"""
      SELECT lower(coalesce(platform, 'unknown')) p, count(*),
             count(*) FILTER (WHERE {delayed}) FROM o WHERE {due} GROUP BY 1 ORDER BY 1""")
    out["skus"] = q(f"""
      WITH c AS (SELECT sku, coalesce(delay_cause, 'unattributed') cause, count(*) n
                 FROM o WHERE {due} AND {delayed} GROUP BY 1, 2)
      SELECT sku, sum(n) total, arg_max(cause, n * 1000000 - ascii(cause)) FROM c
      GROUP BY 1 ORDER BY total DESC, sku LIMIT 10""")
    out["notification"] = q(f"""
      SELECT count(*) FILTER (WHERE notified_at <= d),
             count(*) FILTER (WHERE notified_at > d),
             count(*) FILTER (WHERE notified_at IS NULL),
             count(*) FILTER (WHERE notified_at - detected_at <= INTERVAL 2 HOUR),
             count(*) FILTER (WHERE detected_at IS NOT NULL)
      FROM o WHERE {due} AND {delayed}""")[0]
    out["trend"] = q(f"""
      SELECT date_trunc('week', d) w, count(*),
             count(*) FILTER (WHERE cls IN ('late','overdue','failed','pending'))
      FROM o WHERE d >= {w0} - INTERVAL 49 DAY AND d < {w0} AND cls <> 'buyer'
      GROUP BY 1 ORDER BY 1""")
    out["compensation"] = q(f"""
      SELECT round(sum(least(0.05 * amount, 30)), 2) FROM o
      WHERE {due} AND cls = 'failed' AND amount IS NOT NULL""")[0][0]
    out["stock"] = q(f"""
      WITH daily AS (
        SELECT sku, datediff('day', ordered_at::DATE, {asof}::DATE) AS ago, sum(quantity) u
        FROM o WHERE cls <> 'buyer' AND ordered_at >= {asof} - INTERVAL 30 DAY
          AND ordered_at < {asof}::DATE GROUP BY 1, 2),
      demand AS (SELECT sku, sum(u) d30, sqrt(sum(u * u) / 30.0 - (sum(u) / 30.0) ^ 2) sigma
                 FROM daily GROUP BY 1),
      backlog AS (SELECT sku, sum(quantity) backlog, count(DISTINCT order_id) buyers
                  FROM o WHERE shipped_at IS NULL AND status NOT IN ('cancelled','refunded')
                    AND ordered_at < {asof} GROUP BY 1),
      s AS (SELECT * FROM read_csv('{stock}', header=true, types={{'sku':'VARCHAR'}}))
      SELECT count(*), sum(coalesce(d30, 0)), sum(coalesce(backlog, 0)),
             count(*) FILTER (WHERE coalesce(on_hand, 0) - coalesce(backlog, 0) < 0)
      FROM (SELECT sku FROM s UNION SELECT sku FROM o) k
      LEFT JOIN s USING (sku) LEFT JOIN demand USING (sku) LEFT JOIN backlog USING (sku)""")[0]
    out["at_risk"] = q(f"""
      SELECT count(*) OVER (), order_id, sku, d FROM o
      WHERE shipped_at IS NULL AND status NOT IN ('cancelled','refunded')
        AND ordered_at < {asof} AND d < {asof} + INTERVAL 24 HOUR
      ORDER BY d, order_id, sku LIMIT 200""")
    secs = time.perf_counter() - t0
    t = out["totals"]
    print(json.dumps({
        "seconds": round(secs, 3),
        "due": t[0], "delayed": t[1], "resolved_within_72h": t[2], "orders_placed": t[3],
        "causes": len(out["causes"]), "stock_rows": out["stock"][0],
        "at_risk": out["at_risk"][0][0] if out["at_risk"] else 0,
    }))


if __name__ == "__main__":
    main()
