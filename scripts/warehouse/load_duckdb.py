#!/usr/bin/env python3
"""Creates the `orders` and `stock` tables of delaybook's warehouse route in a DuckDB
database from delaybook's CSV inputs (see docs/warehouse.md).

    python3 scripts/warehouse/load_duckdb.py --db shop.duckdb --timezone Asia/Shanghai \\
        --orders data/orders.csv --stock data/stock.csv

It prints a JSON summary; its `absent` list is what `delaybook sql --absent` needs.
Then: delaybook sql --dialect duckdb [--absent …] > report.sql
      duckdb shop.duckdb < report.sql
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import delaybook_csv  # noqa: E402

TYPES = {
    "order_id": "VARCHAR", "sku": "VARCHAR", "quantity": "BIGINT", "platform": "VARCHAR",
    "ordered_at": "TIMESTAMPTZ", "promised_ship_by": "TIMESTAMPTZ", "shipped_at": "TIMESTAMPTZ",
    "status": "VARCHAR", "delay_cause": "VARCHAR", "detected_at": "TIMESTAMPTZ",
    "notified_at": "TIMESTAMPTZ", "resolution": "VARCHAR", "amount": "DECIMAL(18, 6)",
    "name": "VARCHAR", "on_hand": "BIGINT", "incoming": "BIGINT", "restock_eta": "DATE",
    "lead_time_days": "DECIMAL(18, 6)", "supplier": "VARCHAR", "_seq": "BIGINT",
}


def quote(name):
    return ".".join('"' + p.replace('"', '""') + '"' for p in name.split("."))


def load(con, args):
    """Reads the CSV inputs and creates both tables; returns the summary."""

    def create(name, schema):
        columns = ", ".join(f'"{c}" {TYPES[c]}' for c in schema.names)
        con.execute(f"CREATE OR REPLACE TABLE {quote(name)} ({columns})")

    def insert(name, table):
        con.register("dbk_load_src", table)
        con.execute(f"INSERT INTO {quote(name)} SELECT * FROM dbk_load_src")
        con.unregister("dbk_load_src")

    return delaybook_csv.load_into(args, create, insert)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="DuckDB database file (created if missing)")
    delaybook_csv.common_args(parser)
    args = parser.parse_args()
    import duckdb

    con = duckdb.connect(args.db)
    summary = load(con, args)
    con.close()
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
