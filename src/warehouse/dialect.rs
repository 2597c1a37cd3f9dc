//! What differs between the SQL engines: literals and identifiers, instants as epoch
//! milliseconds, local days and UTC offsets in the shop's timezone, ISO week names,
//! Unicode case and whitespace, exact decimals, number series and how result and
//! scratch tables are created. Everything else in the generated script is plain SQL
//! that all three engines read the same way.

use std::fmt::Write;

/// An SQL engine `delaybook sql` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Dialect {
    /// DuckDB (1.1 or later; the `icu` extension for timezones, built into the Python
    /// and CLI builds).
    Duckdb,
    /// ClickHouse (clickhouse-server, clickhouse-local or chDB).
    Clickhouse,
    /// Spark SQL (3.4 or later).
    Spark,
}

/// Every Unicode White_Space character (what Rust's `str::trim` removes), as a regular
/// expression class body in RE2 / Java syntax.
const WHITESPACE_CLASS: &str = r"\x{9}-\x{d}\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}";

impl Dialect {
    /// The name used on the command line and in `dbk_run`.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Duckdb => "duckdb",
            Dialect::Clickhouse => "clickhouse",
            Dialect::Spark => "spark",
        }
    }

    /// A string literal. Control characters are escaped so that no literal spans lines
    /// (a statement always ends with `;` at the end of a line).
    pub fn string(self, value: &str) -> String {
        let mut out = String::with_capacity(value.len() + 2);
        match self {
            Dialect::Duckdb => {
                // No backslash escapes in standard strings: quotes are doubled, control
                // characters joined in with chr().
                out.push('\'');
                for c in value.chars() {
                    match c {
                        '\'' => out.push_str("''"),
                        c if c.is_control() => {
                            let _ = write!(out, "' || chr({}) || '", u32::from(c));
                        }
                        c => out.push(c),
                    }
                }
                out.push('\'');
            }
            Dialect::Clickhouse | Dialect::Spark => {
                out.push('\'');
                for c in value.chars() {
                    match c {
                        '\\' => out.push_str("\\\\"),
                        '\'' => out.push_str("\\'"),
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        '\t' => out.push_str("\\t"),
                        c if c.is_control() && self == Dialect::Clickhouse => {
                            let _ = write!(out, "\\x{:02X}", u32::from(c) & 0xff);
                        }
                        c if c.is_control() => {
                            let _ = write!(out, "\\u{:04X}", u32::from(c));
                        }
                        c => out.push(c),
                    }
                }
                out.push('\'');
            }
        }
        out
    }

    /// A table name, each dot-separated part quoted (`db.orders` → `"db"."orders"`).
    pub fn table(self, name: &str) -> String {
        name.split('.')
            .map(|part| match self {
                Dialect::Duckdb => format!("\"{}\"", part.replace('"', "\"\"")),
                Dialect::Clickhouse => {
                    format!("`{}`", part.replace('\\', "\\\\").replace('`', "\\`"))
                }
                Dialect::Spark => format!("`{}`", part.replace('`', "``")),
            })
            .collect::<Vec<_>>()
            .join(".")
    }

    /// A column name of an input table.
    pub fn column(self, name: &str) -> String {
        self.table(name)
    }

    /// Epoch milliseconds (BIGINT) of an instant column.
    pub fn epoch_ms(self, instant: &str) -> String {
        match self {
            Dialect::Duckdb => format!("epoch_ms({instant})"),
            Dialect::Clickhouse => format!("toUnixTimestamp64Milli(toDateTime64({instant}, 3))"),
            Dialect::Spark => format!("unix_millis({instant})"),
        }
    }

    /// The local calendar day (days since 1970-01-01, BIGINT) of an instant column, in
    /// timezone `tz` (an already quoted literal).
    pub fn local_day(self, instant: &str, tz: &str) -> String {
        match self {
            Dialect::Duckdb => {
                format!("(CAST(timezone({tz}, {instant}) AS DATE) - DATE '1970-01-01')")
            }
            Dialect::Clickhouse => format!("toInt64(toInt32(toDate32({instant}, {tz})))"),
            Dialect::Spark => format!(
                "CAST(floor(unix_millis(from_utc_timestamp({instant}, {tz})) / 86400000D) AS BIGINT)"
            ),
        }
    }

    /// The UTC offset in milliseconds (BIGINT) in force in `tz` at the instant given as
    /// epoch milliseconds.
    pub fn offset_ms(self, epoch_ms: &str, tz: &str) -> String {
        match self {
            Dialect::Duckdb => format!(
                "(epoch_ms(timezone({tz}, timezone('UTC', epoch_ms(CAST({epoch_ms} AS BIGINT))))) - ({epoch_ms}))"
            ),
            Dialect::Clickhouse => format!(
                "(toInt64(timeZoneOffset(fromUnixTimestamp64Milli(toInt64({epoch_ms}), {tz}))) * 1000)"
            ),
            Dialect::Spark => format!(
                "(unix_millis(from_utc_timestamp(timestamp_millis(CAST({epoch_ms} AS BIGINT)), {tz})) - ({epoch_ms}))"
            ),
        }
    }

    /// The DATE of a day number.
    pub fn date_of_day(self, day: &str) -> String {
        match self {
            Dialect::Duckdb => format!("CAST(DATE '1970-01-01' + CAST({day} AS INTEGER) AS DATE)"),
            Dialect::Clickhouse => format!("toDate32(toInt32({day}))"),
            Dialect::Spark => format!("date_from_unix_date(CAST({day} AS INT))"),
        }
    }

    /// The ISO week (`2026-W47`) of the date of a day number.
    pub fn iso_week(self, day: &str) -> String {
        let date = self.date_of_day(day);
        match self {
            Dialect::Duckdb => format!("strftime({date}, '%G-W%V')"),
            Dialect::Clickhouse => format!("formatDateTime({date}, '%G-W%V')"),
            Dialect::Spark => format!(
                "format_string('%d-W%02d', extract(YEAROFWEEK FROM {date}), weekofyear({date}))"
            ),
        }
    }

    /// Unicode lower case.
    pub fn lower(self, text: &str) -> String {
        match self {
            Dialect::Clickhouse => format!("lowerUTF8({text})"),
            Dialect::Duckdb | Dialect::Spark => format!("lower({text})"),
        }
    }

    /// The text with Unicode whitespace removed at both ends; NULL becomes ''.
    pub fn trim(self, text: &str) -> String {
        let class = WHITESPACE_CLASS;
        let pattern = format!("^[{class}]+|[{class}]+$");
        self.regex_remove(&format!("coalesce({}, '')", self.text(text)), &pattern)
    }

    /// The text with every Unicode whitespace character removed.
    pub fn strip_whitespace(self, text: &str) -> String {
        self.regex_remove(text, &format!("[{WHITESPACE_CLASS}]"))
    }

    fn regex_remove(self, text: &str, pattern: &str) -> String {
        let p = self.string(pattern);
        match self {
            Dialect::Duckdb => format!("regexp_replace({text}, {p}, '', 'g')"),
            Dialect::Clickhouse => format!("replaceRegexpAll({text}, {p}, '')"),
            Dialect::Spark => format!("regexp_replace({text}, {p}, '')"),
        }
    }

    /// A value as text.
    pub fn text(self, value: &str) -> String {
        match self {
            Dialect::Duckdb => format!("CAST({value} AS VARCHAR)"),
            Dialect::Clickhouse => format!("toString({value})"),
            Dialect::Spark => format!("CAST({value} AS STRING)"),
        }
    }

    /// An exact decimal with `scale` digits after the point, from a value or column.
    pub fn decimal(self, value: &str, precision: u32, scale: u32) -> String {
        match self {
            Dialect::Clickhouse => format!("toDecimal128({value}, {scale})"),
            Dialect::Duckdb | Dialect::Spark => {
                format!("CAST({value} AS DECIMAL({precision}, {scale}))")
            }
        }
    }

    /// A NULL of decimal type.
    pub fn null_decimal(self, precision: u32, scale: u32) -> String {
        match self {
            Dialect::Clickhouse => format!("CAST(NULL AS Nullable(Decimal({precision}, {scale})))"),
            Dialect::Duckdb | Dialect::Spark => {
                format!("CAST(NULL AS DECIMAL({precision}, {scale}))")
            }
        }
    }

    /// A decimal literal (given as text, e.g. `0.05`).
    pub fn decimal_literal(self, text: &str, precision: u32, scale: u32) -> String {
        self.decimal(&format!("'{text}'"), precision, scale)
    }

    /// The type name for a result column.
    pub fn type_name(self, ty: ColumnType) -> &'static str {
        match (self, ty) {
            (Dialect::Duckdb, ColumnType::Int) => "BIGINT",
            (Dialect::Duckdb, ColumnType::Text) => "VARCHAR",
            (Dialect::Duckdb, ColumnType::Date) => "DATE",
            (Dialect::Duckdb | Dialect::Spark, ColumnType::Decimal) => "DECIMAL(38, 15)",
            (Dialect::Clickhouse, ColumnType::Decimal) => "Decimal128(15)",
            (Dialect::Clickhouse, ColumnType::Int) => "Int64",
            (Dialect::Clickhouse, ColumnType::Text) => "String",
            (Dialect::Clickhouse, ColumnType::Date) => "Date32",
            (Dialect::Spark, ColumnType::Int) => "BIGINT",
            (Dialect::Spark, ColumnType::Text) => "STRING",
            (Dialect::Spark, ColumnType::Date) => "DATE",
        }
    }

    /// `value` cast to a result column type, NULL kept.
    pub fn cast(self, value: &str, ty: ColumnType, nullable: bool) -> String {
        let name = self.type_name(ty);
        match self {
            Dialect::Clickhouse if nullable => format!("CAST({value} AS Nullable({name}))"),
            _ => format!("CAST({value} AS {name})"),
        }
    }

    /// A FROM item with one BIGINT column `k` = 0, 1, …, n − 1.
    pub fn series(self, n: usize) -> String {
        match self {
            Dialect::Duckdb => format!("(SELECT CAST(range AS BIGINT) AS k FROM range(0, {n}))"),
            Dialect::Clickhouse => format!("(SELECT toInt64(number) AS k FROM numbers({n}))"),
            Dialect::Spark => format!("(SELECT CAST(id AS BIGINT) AS k FROM range(0, {n}))"),
        }
    }

    /// Statements that create result table `name` from `select` (replacing it).
    pub fn create_result(self, name: &str, select: &str) -> String {
        let t = self.table(name);
        match self {
            Dialect::Duckdb => format!("CREATE OR REPLACE TABLE {t} AS\n{select};\n"),
            Dialect::Clickhouse => format!(
                "DROP TABLE IF EXISTS {t};\nCREATE TABLE {t} ENGINE = MergeTree ORDER BY tuple() AS\n{select};\n"
            ),
            Dialect::Spark => {
                format!("DROP TABLE IF EXISTS {t};\nCREATE TABLE {t} USING parquet AS\n{select};\n")
            }
        }
    }

    /// Statements that create a scratch table (dropped at the end of the script).
    pub fn create_scratch(self, name: &str, select: &str) -> String {
        let t = self.table(name);
        match self {
            Dialect::Duckdb => format!("CREATE OR REPLACE TEMP TABLE {t} AS\n{select};\n"),
            Dialect::Clickhouse => format!(
                "DROP TABLE IF EXISTS {t};\nCREATE TABLE {t} ENGINE = Memory AS\n{select};\n"
            ),
            Dialect::Spark => format!("CACHE TABLE {t} AS\n{select};\n"),
        }
    }

    /// The statement that drops a scratch table.
    pub fn drop_scratch(self, name: &str) -> String {
        let t = self.table(name);
        match self {
            Dialect::Duckdb | Dialect::Clickhouse => format!("DROP TABLE IF EXISTS {t};\n"),
            Dialect::Spark => format!("UNCACHE TABLE IF EXISTS {t};\nDROP VIEW IF EXISTS {t};\n"),
        }
    }

    /// The statement creating (or replacing) a view.
    pub fn create_view(self, name: &str, select: &str) -> String {
        let t = self.table(name);
        match self {
            Dialect::Duckdb => format!("CREATE OR REPLACE TEMP VIEW {t} AS\n{select};\n"),
            Dialect::Clickhouse => {
                format!("DROP VIEW IF EXISTS {t};\nCREATE VIEW {t} AS\n{select};\n")
            }
            Dialect::Spark => format!("CREATE OR REPLACE TEMPORARY VIEW {t} AS\n{select};\n"),
        }
    }

    /// The statement dropping a view.
    pub fn drop_view(self, name: &str) -> String {
        format!("DROP VIEW IF EXISTS {};\n", self.table(name))
    }

    /// True when text `expr` starts with `prefix` (a quoted literal).
    pub fn starts_with(self, expr: &str, prefix: &str) -> String {
        match self {
            Dialect::Duckdb => format!("starts_with({expr}, {prefix})"),
            Dialect::Clickhouse => format!("startsWith({expr}, {prefix})"),
            Dialect::Spark => format!("startswith({expr}, {prefix})"),
        }
    }

    /// ⌊expr / divisor⌋ as a 64-bit integer, also for negative values.
    pub fn floor_div(self, expr: &str, divisor: i64) -> String {
        match self {
            Dialect::Duckdb => format!("CAST(floor(({expr}) / {divisor}.0) AS BIGINT)"),
            Dialect::Clickhouse => format!("toInt64(floor(({expr}) / {divisor}))"),
            Dialect::Spark => format!("CAST(floor(({expr}) / {divisor}D) AS BIGINT)"),
        }
    }

    /// Statements at the top of the script (settings the rest relies on).
    pub fn preamble(self) -> &'static str {
        match self {
            Dialect::Duckdb => "",
            // NULL for the missing side of a LEFT JOIN, as in the other engines.
            Dialect::Clickhouse => "SET join_use_nulls = 1;\n",
            Dialect::Spark => "",
        }
    }
}

/// The type of a result column. There are no floats and no timestamps: instants are
/// epoch milliseconds and money is an exact decimal, so no engine's float or timestamp
/// formatting can change a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// A 64-bit integer.
    Int,
    /// Text.
    Text,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// An exact decimal with 15 digits after the point (money).
    Decimal,
}

#[cfg(test)]
mod tests {
    use super::*;

    // Content reaches literals (cause aliases, status values): quotes, backslashes and
    // line breaks must stay inside the literal in every dialect.
    #[test]
    fn literals_cannot_break_out() {
        let nasty = "a'); DROP TABLE orders; --\\\n";
        assert_eq!(
            Dialect::Duckdb.string(nasty),
            "'a''); DROP TABLE orders; --\\' || chr(10) || ''"
        );
        assert_eq!(
            Dialect::Clickhouse.string(nasty),
            "'a\\'); DROP TABLE orders; --\\\\\\n'"
        );
        assert_eq!(Dialect::Spark.string("\u{1}"), "'\\u0001'");
        assert_eq!(
            Dialect::Duckdb.table("db.or\"ders"),
            "\"db\".\"or\"\"ders\""
        );
        assert_eq!(Dialect::Spark.table("a`b"), "`a``b`");
        assert_eq!(Dialect::Clickhouse.table("a`b"), "`a\\`b`");
    }
}
