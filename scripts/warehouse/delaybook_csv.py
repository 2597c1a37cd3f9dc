"""Reads delaybook's CSV inputs (orders.csv files and stock.csv with the contract's
column names) into typed Arrow tables, the way `delaybook report` reads them:
cells cleaned (`="123"`, a leading `'`, `-` and `null` as empty), values trimmed,
timestamps without an offset read in the shop's timezone with the DST rules of
report-metrics.md §10 (a time in a gap moves forward by the gap, a repeated time takes
the earlier instant), amounts with currency signs and thousands separators.

What the report's SQL checks itself is kept as it is (a missing order_id, an unknown
status, a negative quantity or amount, shipped_at before ordered_at): the warehouse
path reports those as column-level checks. Only values a typed column cannot hold (an
unreadable timestamp or number) make a row be skipped here, with a located message,
as the streaming path skips it.

`_seq` orders the rows: file number (in the order given) × 2^32 + record number, so the
last row of a repeated (order_id, sku) wins, as in the streaming path.

Used by load_duckdb.py, load_clickhouse.py and load_spark.py, which only create the
tables in their engine.
"""

import calendar
import io
import os
import re
import sys
from datetime import datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

ORDER_COLUMNS = [
    "order_id", "sku", "quantity", "platform", "ordered_at", "promised_ship_by",
    "shipped_at", "status", "delay_cause", "detected_at", "notified_at", "resolution",
    "amount",
]
ORDER_TIMES = ["ordered_at", "promised_ship_by", "shipped_at", "detected_at", "notified_at"]
REQUIRED_ORDER = ["order_id", "sku", "ordered_at"]
STOCK_COLUMNS = ["sku", "name", "on_hand", "incoming", "restock_eta", "lead_time_days", "supplier"]
REQUIRED_STOCK = ["sku", "on_hand"]
#: Optional order columns whose absence makes figures null (report-metrics.md §10).
WATCHED = ["amount", "notified_at", "detected_at", "delay_cause", "shipped_at"]

DECIMAL_TYPE = pa.decimal128(18, 6)
TIME_TYPE = pa.timestamp("ms", tz="UTC")
SEQ_FILE = 1 << 32

FAST = re.compile(
    r"^(\d{4})([-/])(\d{1,2})\2(\d{1,2})"
    r"(?:[ Tt](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{1,2}))?)?$"
)


class Problems:
    """Located problems of skipped rows: the first ones printed, all counted."""

    def __init__(self, limit=20):
        self.limit = limit
        self.count = 0
        self.shown = []

    def add(self, file, record, column, message):
        self.count += 1
        if len(self.shown) < self.limit:
            self.shown.append(f"{file}: record {record}: column `{column}`: {message}; row skipped")

    def print(self, out=sys.stderr):
        for line in self.shown:
            print(line, file=out)
        if self.count > len(self.shown):
            print(f"… and {self.count - len(self.shown)} more skipped rows", file=out)


class Clock:
    """Timestamps and dates of the contract, in one timezone."""

    def __init__(self, tz, formats=()):
        self.tz = ZoneInfo(tz)
        self.formats = list(formats)

    def times(self, values):
        """Epoch ms of many distinct texts (see `parse_times`)."""
        return parse_times(self, values)

    times.whole_list = True

    def local_ms(self, naive):
        """Epoch ms of a local wall-clock time (fold=0: gap forward, overlap earlier)."""
        offset = naive.replace(tzinfo=self.tz, fold=0).utcoffset()
        secs = calendar.timegm(naive.timetuple()) - int(offset.total_seconds())
        return secs * 1000 + naive.microsecond // 1000

    def parse(self, text):
        """Epoch ms, or None when no accepted format reads `text`."""
        m = FAST.match(text)
        if m:
            return self._fast(m)
        for f in self.formats:
            try:
                dt = datetime.strptime(text, f)
            except ValueError:
                continue
            if not 1900 <= dt.year <= 2999:
                return None
            if dt.tzinfo is not None:
                off = dt.utcoffset()
                if abs(off) > timedelta(hours=14):
                    return None
                return calendar.timegm(dt.astimezone(timezone.utc).timetuple()) * 1000
            return self.local_ms(dt)
        return None

    def _fast(self, m):
        y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
        h = int(m.group(5) or 0)
        mi = int(m.group(6) or 0)
        s = int(m.group(7) or 0)
        frac = (m.group(8) or "")[:3]
        ms = int(frac.ljust(3, "0")) if frac else 0
        if not 1900 <= y <= 2999 or h > 23 or mi > 59 or s > 59:
            return None
        try:
            naive = datetime(y, mo, d, h, mi, s, ms * 1000)
        except ValueError:
            return None
        if m.group(9):
            return calendar.timegm(naive.timetuple()) * 1000 + ms
        if m.group(10):
            secs = int(m.group(11)) * 3600 + int(m.group(12)) * 60
            if int(m.group(12)) > 59 or secs > 14 * 3600:
                return None
            if m.group(10) == "-":
                secs = -secs
            return (calendar.timegm(naive.timetuple()) - secs) * 1000 + ms
        return self.local_ms(naive)

    def day_offset_ms(self, day):
        """The UTC offset (ms) of local day `day` (days since 1970-01-01) when it is
        the same all day, else False."""
        start = datetime(1970, 1, 1) + timedelta(days=day)
        end = start + timedelta(hours=23, minutes=59, seconds=59)
        offs = {
            dt.replace(tzinfo=self.tz, fold=f).utcoffset() for dt in (start, end) for f in (0, 1)
        }
        if len(offs) != 1:
            return False
        return int(offs.pop().total_seconds()) * 1000

    def local_date(self, ms):
        """The local calendar date of an instant."""
        return datetime.fromtimestamp(ms / 1000, tz=self.tz).date()


def clean(value):
    """delaybook's cell cleaning: `="…"` and a leading `'` removed, `-`/`null` empty."""
    v = value.strip()
    if v.startswith('="') and v.endswith('"') and len(v) >= 3 and '"' not in v[2:-1]:
        v = v[2:-1].strip()
    elif v.startswith("'"):
        v = v[1:].strip()
    if v in ("-", "null", "NULL", "Null"):
        return ""
    return v


def plain_decimal(text):
    """A plain decimal (digits, one point, a sign) as Decimal, else None."""
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def money(text):
    """delaybook's amount reading: `¥1,234.50`, `12元`."""
    t = text.lstrip("¥￥$").rstrip("元").replace(",", "").strip()
    try:
        d = Decimal(t)
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def whole(text):
    """A whole number, also `12.0` as a spreadsheet writes it."""
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    d = money(text)
    if d is not None and d == d.to_integral_value() and abs(d) < Decimal(10) ** 15:
        return int(d)
    return None


BLOCK = 64 << 20


def utf8_source(path):
    """A binary stream of the file as UTF-8 (UTF-8 with or without BOM is streamed as
    is; anything else is read whole and decoded as GB18030)."""
    with open(path, "rb") as f:
        head = f.read(BLOCK)
    try:
        head.decode("utf-8")
        ok = True
    except UnicodeDecodeError as e:
        # A multi-byte character cut at the block's end is still UTF-8.
        ok = e.start >= len(head) - 3
    if ok:
        return pa.OSFile(path, "rb")
    return io.BytesIO(open(path, "rb").read().decode("gb18030").encode("utf-8"))


def text_batches(path):
    """The file in batches of text columns: (columns by normalized header, rows,
    blank-row mask, number of rows before this batch)."""
    header_reader = pacsv.open_csv(utf8_source(path), read_options=pacsv.ReadOptions(block_size=1 << 20))
    names = header_reader.schema.names
    reader = pacsv.open_csv(
        utf8_source(path),
        read_options=pacsv.ReadOptions(block_size=BLOCK),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types={n: pa.string() for n in names}, strings_can_be_null=False
        ),
    )
    offset = 0
    for batch in reader:
        columns = {}
        for i, name in enumerate(batch.schema.names):
            key = name.lstrip("\ufeff").strip().lower()
            if key not in columns:
                columns[key] = batch.column(i)
        n = batch.num_rows
        yield columns, n, blank_rows(batch), offset
        offset += n


def header_columns(path):
    """The normalized header names of a file."""
    r = pacsv.open_csv(utf8_source(path), read_options=pacsv.ReadOptions(block_size=1 << 20))
    return [n.lstrip("\ufeff").strip().lower() for n in r.schema.names]


def blank_rows(batch):
    """Rows whose every field is only ASCII whitespace (Excel's trailing ,,,, rows)."""
    empty = lambda col: pc.equal(pc.ascii_trim_whitespace(col), "")  # noqa: E731
    blank = empty(batch.column(0))
    if not pc.any(blank).as_py():
        return blank
    for i in range(1, batch.num_columns):
        blank = pc.and_(blank, empty(batch.column(i)))
    return blank


def parse_times(clock, values):
    """Epoch ms of distinct cleaned timestamp texts (None: unreadable). The common
    shapes `YYYY-MM-DD HH:MM[:SS]` are read by Arrow and shifted by the offset of
    their local day when it has one offset all day; everything else (other shapes,
    offsets, days with a DST change) goes through `Clock.parse`."""
    arr = pa.array(values, type=pa.string())
    naive = None
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"):
        ts = pc.strptime(arr, format=fmt, unit="ms", error_is_null=True)
        # Arrow rolls 2026-11-31 over to December: only a value that reads back the
        # same is a date.
        same = pc.equal(pc.strftime(ts, format=fmt), arr)
        got = pc.if_else(pc.fill_null(same, False), ts.cast(pa.int64()), pa.scalar(None, pa.int64()))
        naive = got if naive is None else pc.coalesce(naive, got)
    lo, hi = -2208988800000, 32535215999000  # 1900-01-01 .. 2999-12-31 23:59:59
    naive_list = naive.to_pylist()
    days = {}
    out = []
    for text, ms in zip(values, naive_list):
        if ms is None or not lo <= ms <= hi or len(text) not in (16, 19):
            out.append(clock.parse(text) if text else None)
            continue
        day = ms // 86400000
        off = days.get(day)
        if off is None:
            off = days[day] = clock.day_offset_ms(day)
        out.append(ms - off if off is not False else clock.parse(text))
    return out


def parse_column(column, fn, typ):
    """fn over the distinct cleaned values of a text column (dictionary-encoded, so a
    value is parsed once however often it repeats): (values, bad, cleaned text), where
    `bad` marks a non-empty value fn could not read (None)."""
    enc = pc.dictionary_encode(pc.fill_null(column, ""))
    if isinstance(enc, pa.ChunkedArray):
        enc = enc.combine_chunks()
    cleaned = [clean(v) for v in enc.dictionary.to_pylist()]
    if getattr(fn, "whole_list", False):
        parsed = fn(cleaned)
    else:
        parsed = [fn(v) if v else None for v in cleaned]
    bad = [bool(v) and p is None for v, p in zip(cleaned, parsed)]
    idx = enc.indices
    return (
        pc.take(pa.array(parsed, type=typ), idx),
        pc.take(pa.array(bad, type=pa.bool_()), idx),
        pc.take(pa.array(cleaned, type=pa.string()), idx),
    )


def text_column(column, n):
    """A text column, cleaned ('' when the file has none)."""
    if column is None:
        return pa.array([""] * n, type=pa.string()) if n else pa.array([], type=pa.string())
    return parse_column(column, lambda v: v, pa.string())[2]


def order_columns(files):
    """The canonical order columns present in at least one file (unit_price counts as
    amount)."""
    present = set()
    for cols in files:
        present.update(c for c in ORDER_COLUMNS if c in cols)
        if "unit_price" in cols:
            present.add("amount")
    return [c for c in ORDER_COLUMNS if c in present]


class OrderReader:
    """The order files, typed, batch by batch (memory stays flat however large the
    files): `present` (the canonical columns some file has), then iterate for typed
    Arrow tables; `blank_rows` is known after the last batch."""

    def __init__(self, paths, tz, formats=(), problems=None):
        self.paths = list(paths)
        self.clock = Clock(tz, formats)
        self.problems = problems if problems is not None else Problems()
        self.present = order_columns([header_columns(p) for p in self.paths])
        missing = [c for c in REQUIRED_ORDER if c not in self.present]
        if missing:
            raise SystemExit(f"error: no orders file has the column(s) {', '.join(missing)}")
        self.schema = pa.schema([order_field(c) for c in self.present] + [pa.field("_seq", pa.int64())])
        self.blank_rows = 0

    def __iter__(self):
        for fi, path in enumerate(self.paths):
            for cols, n, blank, offset in text_batches(path):
                rows = Rows(path, n, blank, self.problems, offset)
                table = typed_orders(fi, cols, n, self.present, self.clock, rows)
                self.blank_rows += pc.sum(rows.blank).as_py() or 0
                yield table.cast(self.schema)


def read_orders(paths, tz, formats=(), problems=None):
    """All order files as one table, the present columns and the blank rows (for small
    inputs; large ones go through `OrderReader` batch by batch)."""
    reader = OrderReader(paths, tz, formats, problems)
    parts = list(reader)
    table = pa.concat_tables(parts) if parts else reader.schema.empty_table()
    return table, reader.present, reader.blank_rows


def order_field(c):
    if c in ORDER_TIMES:
        return pa.field(c, TIME_TYPE)
    if c == "quantity":
        return pa.field(c, pa.int64())
    if c == "amount":
        return pa.field(c, DECIMAL_TYPE)
    return pa.field(c, pa.string())


class Rows:
    """The rows of one file being typed: which are kept, and why others are not."""

    def __init__(self, path, n, blank, problems, offset=0):
        self.path, self.n, self.problems, self.offset = path, n, problems, offset
        self.blank = blank if n and blank is not None else pa.array([False] * n, type=pa.bool_())
        self.keep = pc.invert(self.blank)

    def parsed(self, column, name, fn, typ, what):
        """A parsed column; rows whose value cannot be read are dropped, with a problem."""
        if column is None:
            return pa.nulls(self.n, type=typ)
        values, bad, cleaned = parse_column(column, fn, typ)
        self.drop(bad, cleaned, name, what)
        return values

    def drop(self, bad, cleaned, name, what):
        bad = pc.and_(bad, self.keep)
        for i in pc.indices_nonzero(bad).to_pylist():
            self.problems.add(self.path, self.offset + i + 1, name, f"cannot read `{cleaned[i].as_py()[:40]}` as {what}")
        self.keep = pc.and_(self.keep, pc.invert(bad))


def typed_orders(fi, cols, n, present, clock, rows):
    """One batch's rows, typed; unreadable rows skipped."""
    out = {}
    for c in present:
        if c in ORDER_TIMES:
            out[c] = rows.parsed(cols.get(c), c, clock.times, pa.int64(), "a timestamp (e.g. 2026-11-20 14:30)")
            out[c] = out[c].cast(pa.timestamp("ms")).cast(TIME_TYPE)
        elif c == "quantity":
            out[c] = rows.parsed(cols.get(c), c, whole, pa.int64(), "a whole number")
        elif c == "amount":
            out[c] = amounts(cols, n, out.get("quantity"), rows)
        else:
            out[c] = text_column(cols.get(c), n)
    first = fi * SEQ_FILE + rows.offset + 1
    out["_seq"] = pa.array(range(first, first + n), type=pa.int64())
    return pa.table(out).filter(rows.keep) if n else pa.table(out)


def six(d):
    """A decimal at the table's scale (6 decimals)."""
    return d.quantize(Decimal("0.000001")) if d is not None else None


def amounts(cols, n, quantity, rows):
    """`amount`, else `unit_price` × quantity (quantity 1 when empty)."""
    amount = rows.parsed(cols.get("amount"), "amount", lambda v: six(money(v)), DECIMAL_TYPE, "an amount")
    if "unit_price" not in cols:
        return amount
    price = rows.parsed(cols.get("unit_price"), "unit_price", money, pa.decimal128(38, 10), "an amount")
    raw = text_column(cols.get("amount"), n).to_pylist()
    prices = price.to_pylist()
    qty = quantity.to_pylist() if quantity is not None else [None] * n
    values = amount.to_pylist()
    for i in range(n):
        if not raw[i] and prices[i] is not None:
            values[i] = six(prices[i] * (qty[i] if qty[i] is not None else 1))
    return pa.array(values, type=DECIMAL_TYPE)


def read_stock(path, tz, formats=(), problems=None):
    """The stock table (every stock column, NULL where the file has none) and the
    number of blank rows; rows with unreadable values are skipped into `problems`."""
    clock = Clock(tz, formats)
    problems = problems if problems is not None else Problems()
    batches = list(text_batches(path))
    names = header_columns(path)
    missing = [c for c in REQUIRED_STOCK if c not in names]
    if missing:
        raise SystemExit(f"error: {path} has no column(s) {', '.join(missing)}")
    cols = {k: pa.concat_arrays([b[0][k] for b in batches]) for k in (batches[0][0] if batches else {})}
    n = sum(b[1] for b in batches)
    blank = pa.concat_arrays([b[2] for b in batches]) if batches else None
    rows = Rows(path, n, blank, problems)

    def eta(v):
        ms = clock.parse(v)
        return clock.local_date(ms) if ms is not None else None

    out = {
        "sku": text_column(cols.get("sku"), n),
        "name": text_column(cols.get("name"), n),
        "on_hand": rows.parsed(cols.get("on_hand"), "on_hand", whole, pa.int64(), "a whole number"),
        "incoming": rows.parsed(cols.get("incoming"), "incoming", whole, pa.int64(), "a whole number"),
        "restock_eta": rows.parsed(cols.get("restock_eta"), "restock_eta", eta, pa.date32(), "a date"),
        "lead_time_days": rows.parsed(
            cols.get("lead_time_days"), "lead_time_days", lambda v: six(plain_decimal(v)),
            DECIMAL_TYPE, "a number of days",
        ),
        "supplier": text_column(cols.get("supplier"), n),
        "_seq": pa.array(range(1, n + 1), type=pa.int64()),
    }
    table = pa.table(out).filter(rows.keep) if n else pa.table(out)
    return table, pc.sum(rows.blank).as_py() or 0


def absent_watched(present):
    """The watched optional order columns no file has (for `delaybook sql --absent`)."""
    return [c for c in ORDER_COLUMNS if c not in present and c != "resolution"]


def common_args(parser):
    """The loader options every engine's script takes."""
    parser.add_argument("--timezone", default="Asia/Shanghai", help="the shop's IANA timezone (delaybook.yaml `timezone`)")
    parser.add_argument("--orders", nargs="+", required=True, help="order CSV files, in reading order")
    parser.add_argument("--stock", required=True, help="stock CSV file")
    parser.add_argument("--orders-table", default="orders")
    parser.add_argument("--stock-table", default="stock")
    parser.add_argument("--timestamp-format", action="append", default=[], help="extra strptime format (delaybook.yaml `timestamp_formats`)")


def load_into(args, create, insert):
    """Reads both inputs into an engine: `create(name, schema)` makes a table,
    `insert(name, arrow_table)` appends rows (batch by batch for the orders). Prints
    the skipped rows; returns the summary, whose `absent` list is what
    `delaybook sql --absent` needs."""
    problems = Problems()
    reader = OrderReader(args.orders, args.timezone, args.timestamp_format, problems)
    create(args.orders_table, reader.schema)
    rows = 0
    for batch in reader:
        if batch.num_rows:
            insert(args.orders_table, batch)
            rows += batch.num_rows
    stock, stock_blanks = read_stock(args.stock, args.timezone, args.timestamp_format, problems)
    create(args.stock_table, stock.schema)
    if stock.num_rows:
        insert(args.stock_table, stock)
    problems.print()
    return {
        "orders_rows": rows,
        "stock_rows": stock.num_rows,
        "skipped_rows": problems.count,
        "blank_rows": reader.blank_rows + stock_blanks,
        "absent": absent_watched(reader.present),
    }


def to_parquet(args, folder):
    """Writes the typed tables as `orders.parquet` and `stock.parquet` (for any engine
    that reads Parquet); returns the summary."""
    import pyarrow.parquet as pq

    os.makedirs(folder, exist_ok=True)
    writers = {}

    def create(name, schema):
        file = "orders.parquet" if name == args.orders_table else "stock.parquet"
        writers[name] = pq.ParquetWriter(os.path.join(folder, file), schema)

    def insert(name, table):
        writers[name].write_table(table)

    summary = load_into(args, create, insert)
    for w in writers.values():
        w.close()
    return summary
