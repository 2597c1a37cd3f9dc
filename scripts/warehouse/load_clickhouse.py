#!/usr/bin/env python3
"""Creates the `orders` and `stock` tables of delaybook's warehouse route in ClickHouse
from delaybook's CSV inputs (see docs/warehouse.md), in-process with chDB: the tables
live in a chDB session folder. For a ClickHouse server, `--parquet DIR` writes the
typed tables as Parquet files instead, to load with the CREATE TABLE of
docs/warehouse.md and `INSERT INTO orders FROM INFILE 'orders.parquet' FORMAT Parquet`.

    python3 scripts/warehouse/load_clickhouse.py --session shop.chdb --timezone Asia/Shanghai \\
        --orders data/orders.csv --stock data/stock.csv

It prints a JSON summary; its `absent` list is what `delaybook sql --absent` needs.
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import delaybook_csv  # noqa: E402

TYPES = {
    "order_id": "String", "sku": "String", "quantity": "Nullable(Int64)", "platform": "String",
    "ordered_at": "Nullable(DateTime64(3, 'UTC'))", "promised_ship_by": "Nullable(DateTime64(3, 'UTC'))",
    "shipped_at": "Nullable(DateTime64(3, 'UTC'))", "status": "String", "delay_cause": "String",
    "detected_at": "Nullable(DateTime64(3, 'UTC'))", "notified_at": "Nullable(DateTime64(3, 'UTC'))",
    "resolution": "String", "amount": "Nullable(Decimal(18, 6))", "name": "String",
    "on_hand": "Nullable(Int64)", "incoming": "Nullable(Int64)", "restock_eta": "Nullable(Date32)",
    "lead_time_days": "Nullable(Decimal(18, 6))", "supplier": "String", "_seq": "Int64",
}


def quote(name):
    return ".".join("`" + p.replace("\\", "\\\\").replace("`", "\\`") + "`" for p in name.split("."))


def load(sess, args):
    """Reads the CSV inputs and creates both tables; returns the summary."""

    def create(name, schema):
        columns = ", ".join(f"`{c}` {TYPES[c]}" for c in schema.names)
        sess.query(f"DROP TABLE IF EXISTS {quote(name)}")
        sess.query(f"CREATE TABLE {quote(name)} ({columns}) ENGINE = MergeTree ORDER BY tuple()")

    def insert(name, table):
        dbk_load_src = table  # noqa: F841 (read by chDB's Python() table function)
        select = ", ".join(f"CAST(`{c}` AS {TYPES[c]})" for c in table.column_names)
        sess.query(f"INSERT INTO {quote(name)} SELECT {select} FROM Python(dbk_load_src)")

    return delaybook_csv.load_into(args, create, insert)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--session", help="chDB session folder (created if missing)")
    target.add_argument("--parquet", help="write orders.parquet and stock.parquet into this folder")
    delaybook_csv.common_args(parser)
    args = parser.parse_args()
    if args.parquet:
        summary = delaybook_csv.to_parquet(args, args.parquet)
    else:
        from chdb import session

        sess = session.Session(args.session)
        summary = load(sess, args)
        sess.close()
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
