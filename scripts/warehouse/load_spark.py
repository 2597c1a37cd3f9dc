#!/usr/bin/env python3
"""Creates the `orders` and `stock` tables of delaybook's warehouse route in Spark
(saved as Parquet tables of the session's warehouse) from delaybook's CSV inputs (see
docs/warehouse.md). Needs pyspark and a Java runtime (17 or later).

    python3 scripts/warehouse/load_spark.py --warehouse ./spark-warehouse --timezone Asia/Shanghai \\
        --orders data/orders.csv --stock data/stock.csv

It prints a JSON summary; its `absent` list is what `delaybook sql --absent` needs.
Then: delaybook sql --dialect spark [--absent …] > report.sql
      spark-sql --conf spark.sql.warehouse.dir=./spark-warehouse -f report.sql
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import delaybook_csv  # noqa: E402

TYPES = {
    "order_id": "STRING", "sku": "STRING", "quantity": "BIGINT", "platform": "STRING",
    "ordered_at": "TIMESTAMP", "promised_ship_by": "TIMESTAMP", "shipped_at": "TIMESTAMP",
    "status": "STRING", "delay_cause": "STRING", "detected_at": "TIMESTAMP",
    "notified_at": "TIMESTAMP", "resolution": "STRING", "amount": "DECIMAL(18, 6)",
    "name": "STRING", "on_hand": "BIGINT", "incoming": "BIGINT", "restock_eta": "DATE",
    "lead_time_days": "DECIMAL(18, 6)", "supplier": "STRING", "_seq": "BIGINT",
}


def quote(name):
    return ".".join("`" + p.replace("`", "``") + "`" for p in name.split("."))


def session(warehouse=None):
    """A local Spark session (one core's worth of partitions: the inputs are small)."""
    from pyspark.sql import SparkSession

    b = (
        SparkSession.builder.master("local[2]")
        .appName("delaybook-warehouse")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.default.parallelism", "1")
        .config("spark.sql.session.timeZone", "UTC")
    )
    if warehouse:
        b = b.config("spark.sql.warehouse.dir", os.path.abspath(warehouse))
    return b.getOrCreate()


def load(spark, args):
    """Reads the CSV inputs and creates both tables; returns the summary."""
    parts = {}

    def create(name, schema):
        parts[name] = [schema.empty_table()]

    def insert(name, table):
        parts[name].append(table)

    summary = delaybook_csv.load_into(args, create, insert)
    import pyarrow as pa

    for name, tables in parts.items():
        table = pa.concat_tables(tables)
        schema = ", ".join(f"`{c}` {TYPES[c]}" for c in table.column_names)
        df = spark.createDataFrame(table.to_pandas(), schema=schema)
        spark.sql(f"DROP TABLE IF EXISTS {quote(name)}")
        df.write.format("parquet").saveAsTable(name)
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warehouse", default="spark-warehouse", help="spark.sql.warehouse.dir")
    delaybook_csv.common_args(parser)
    args = parser.parse_args()
    spark = session(args.warehouse)
    summary = load(spark, args)
    spark.stop()
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
