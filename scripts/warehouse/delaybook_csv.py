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


def decode(path):
    """The file's text as UTF-8 bytes (UTF-8 with or without BOM, else GB18030)."""
    data = open(path, "rb").read()
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:]
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        return data.decode("gb18030").encode("utf-8")


def read_text_table(path):
    """Every field as text, the header names normalized (trimmed, lower case)."""
    data = decode(path)
    table = pacsv.read_csv(
        io.BytesIO(data),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types={}, strings_can_be_null=False, auto_dict_encode=False
        ),
        read_options=pacsv.ReadOptions(autogenerate_column_names=False),
    )
    columns = {}
    for i, name in enumerate(table.column_names):
        key = name.strip().lower()
        if key not in columns:
            columns[key] = table.column(i).cast(pa.string())
    # Blank rows: every field only ASCII whitespace (Excel's trailing ,,,, rows).
    blank = None
    for i in range(table.num_columns):
        col = table.column(i).cast(pa.string())
        empty = pc.match_substring_regex(pc.fill_null(col, ""), r"^[ \t\n\f\r]*$")
        blank = empty if blank is None else pc.and_(blank, empty)
    return columns, table.num_rows, blank


def map_unique(column, fn):
    """fn over the distinct cleaned values of a text column (dictionary-encoded)."""
    enc = pc.dictionary_encode(pc.fill_null(column, "")).combine_chunks()
    values = [fn(clean(v)) for v in enc.dictionary.to_pylist()]
    return [values[i] for i in enc.indices.to_pylist()]


def order_columns(files):
    """The canonical order columns present in at least one file (unit_price counts as
    amount)."""
    present = set()
    for cols in files:
        present.update(c for c in ORDER_COLUMNS if c in cols)
        if "unit_price" in cols:
            present.add("amount")
    return [c for c in ORDER_COLUMNS if c in present]


def read_orders(paths, tz, formats=(), problems=None):
    """The orders table of every file (in order), the present columns, and the number
    of blank rows; rows with unreadable values are skipped into `problems`."""
    clock = Clock(tz, formats)
    problems = problems if problems is not None else Problems()
    files = [read_text_table(p) for p in paths]
    present = order_columns([f[0] for f in files])
    missing = [c for c in REQUIRED_ORDER if c not in present]
    if missing:
        raise SystemExit(f"error: no orders file has the column(s) {', '.join(missing)}")
    parts, blanks = [], 0
    for fi, (path, (cols, n, blank)) in enumerate(zip(paths, files)):
        part, b = typed_orders(path, fi, cols, n, blank, present, clock, problems)
        parts.append(part)
        blanks += b
    schema = pa.schema([order_field(c) for c in present] + [pa.field("_seq", pa.int64())])
    parts = [p.cast(schema) for p in parts]
    return pa.concat_tables(parts) if parts else schema.empty_table(), present, blanks


def order_field(c):
    if c in ORDER_TIMES:
        return pa.field(c, TIME_TYPE)
    if c == "quantity":
        return pa.field(c, pa.int64())
    if c == "amount":
        return pa.field(c, DECIMAL_TYPE)
    return pa.field(c, pa.string())


def typed_orders(path, fi, cols, n, blank, present, clock, problems):
    """One file's rows, typed; unreadable rows skipped."""
    keep = [not b for b in blank.to_pylist()] if n else []
    out = {}
    empty = [""] * n
    for c in present:
        raw = cols.get(c)
        if c in ORDER_TIMES:
            vals = map_unique(raw, lambda v: (clock.parse(v) if v else None, v)) if raw is not None else [(None, "")] * n
            out[c] = check(vals, keep, path, c, "a timestamp (e.g. 2026-11-20 14:30)", problems)
        elif c == "quantity":
            vals = map_unique(raw, lambda v: (whole(v) if v else None, v)) if raw is not None else [(None, "")] * n
            out[c] = check(vals, keep, path, c, "a whole number", problems)
        elif c == "amount":
            out[c] = amounts(cols, n, out.get("quantity"), keep, path, problems)
        else:
            out[c] = map_unique(raw, lambda v: v) if raw is not None else empty
    seq = [fi * SEQ_FILE + i + 1 for i in range(n)]
    arrays = {c: pa.array([v for v, k in zip(out[c], keep) if k], type=order_field(c).type) for c in present}
    arrays["_seq"] = pa.array([s for s, k in zip(seq, keep) if k], type=pa.int64())
    return pa.table(arrays), sum(1 for b in (blank.to_pylist() if n else []) if b)


def check(vals, keep, path, column, what, problems):
    """Values of (parsed, raw) pairs; a raw value that did not parse skips its row."""
    out = []
    for i, (v, raw) in enumerate(vals):
        if v is None and raw and keep[i]:
            keep[i] = False
            problems.add(path, i + 1, column, f"cannot read `{raw[:40]}` as {what}")
        out.append(v)
    return out


def amounts(cols, n, quantity, keep, path, problems):
    """`amount`, else `unit_price` × quantity (quantity 1 when empty)."""
    amount = map_unique(cols["amount"], lambda v: (money(v) if v else None, v)) if "amount" in cols else [(None, "")] * n
    price = map_unique(cols["unit_price"], lambda v: (money(v) if v else None, v)) if "unit_price" in cols else [(None, "")] * n
    out = []
    for i in range(n):
        a, raw = amount[i]
        if raw:
            value, shown, col = a, raw, "amount"
        else:
            p, praw = price[i]
            q = quantity[i] if quantity is not None and quantity[i] is not None else 1
            value = p * q if p is not None else None
            shown, col = praw, "unit_price"
        if value is None and shown and keep[i]:
            keep[i] = False
            problems.add(path, i + 1, col, f"cannot read `{shown[:40]}` as an amount")
        if value is not None and value != value.quantize(Decimal("0.000001")):
            print(f"warning: {path}: record {i + 1}: amount `{shown}` rounded to 6 decimals", file=sys.stderr)
        out.append(value.quantize(Decimal("0.000001")) if value is not None else None)
    return out


def read_stock(path, tz, formats=(), problems=None):
    """The stock table (every stock column, NULL where the file has none) and the
    number of blank rows; rows with unreadable values are skipped into `problems`."""
    clock = Clock(tz, formats)
    problems = problems if problems is not None else Problems()
    cols, n, blank = read_text_table(path)
    missing = [c for c in REQUIRED_STOCK if c not in cols]
    if missing:
        raise SystemExit(f"error: {path} has no column(s) {', '.join(missing)}")
    blank_list = blank.to_pylist() if n else []
    keep = [not b for b in blank_list]
    none = [(None, "")] * n

    def parsed(c, fn):
        return map_unique(cols[c], lambda v: (fn(v) if v else None, v)) if c in cols else none

    def eta(v):
        ms = clock.parse(v)
        return clock.local_date(ms) if ms is not None else None

    out = {
        "sku": map_unique(cols["sku"], lambda v: v),
        "name": map_unique(cols["name"], lambda v: v) if "name" in cols else [""] * n,
        "on_hand": check(parsed("on_hand", whole), keep, path, "on_hand", "a whole number", problems),
        "incoming": check(parsed("incoming", whole), keep, path, "incoming", "a whole number", problems),
        "restock_eta": check(parsed("restock_eta", eta), keep, path, "restock_eta", "a date", problems),
        "lead_time_days": check(
            parsed("lead_time_days", plain_decimal), keep, path, "lead_time_days", "a number of days", problems
        ),
        "supplier": map_unique(cols["supplier"], lambda v: v) if "supplier" in cols else [""] * n,
    }
    types = {
        "on_hand": pa.int64(), "incoming": pa.int64(), "restock_eta": pa.date32(),
        "lead_time_days": DECIMAL_TYPE,
    }
    arrays = {
        c: pa.array([v for v, k in zip(out[c], keep) if k], type=types.get(c, pa.string()))
        for c in STOCK_COLUMNS
    }
    arrays["_seq"] = pa.array([i + 1 for i, k in enumerate(keep) if k], type=pa.int64())
    return pa.table(arrays), sum(1 for b in blank_list if b)


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


def load_inputs(args):
    """Reads both inputs, prints the skipped rows, returns (orders, stock, absent, summary)."""
    problems = Problems()
    orders, present, order_blanks = read_orders(args.orders, args.timezone, args.timestamp_format, problems)
    stock, stock_blanks = read_stock(args.stock, args.timezone, args.timestamp_format, problems)
    problems.print()
    absent = absent_watched(present)
    summary = {
        "orders_rows": orders.num_rows,
        "stock_rows": stock.num_rows,
        "skipped_rows": problems.count,
        "blank_rows": order_blanks + stock_blanks,
        "absent": absent,
    }
    return orders, stock, absent, summary
