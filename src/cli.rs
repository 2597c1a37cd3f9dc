//! Command-line types (clap derive). Parsing only: every command is run by
//! [`crate::commands`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// delaybook: playbooks and shop exports → an offline handbook site and a weekly
/// delay-cause report.
#[derive(Debug, Parser)]
#[command(
    name = "delaybook",
    version,
    about,
    long_about = None,
    propagate_version = true,
    after_help = "中文说明：README.md 的中文部分，docs/configuration.zh-CN.md，docs/report.zh-CN.md，docs/warehouse.zh-CN.md，docs/errors.zh-CN.md。\nTerminal messages follow --lang, else the project's site.language (zh-CN when unset), else (outside a project) LANG."
)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by every command.
#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// Project root (the folder with delaybook.yaml).
    #[arg(
        short = 'C',
        long = "root",
        global = true,
        default_value = ".",
        value_name = "DIR"
    )]
    pub root: PathBuf,
    /// Output folder, relative to the project root unless absolute.
    #[arg(long, global = true, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more detail: the files read and the time of each stage.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Allow `theme:` in delaybook.yaml to name a folder outside the project folder
    /// (its theme files are published).
    #[arg(long, global = true)]
    pub allow_external_theme: bool,
    /// When to use colours on the terminal.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Language of the terminal messages (default: the project's `site.language`, else
    /// LC_ALL/LC_MESSAGES/LANG, else zh-CN).
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<LangChoice>,
}

/// The language of terminal messages.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LangChoice {
    /// Simplified Chinese.
    #[value(name = "zh-CN", alias = "zh", alias = "zh-cn")]
    ZhCn,
    /// English.
    #[value(name = "en")]
    En,
}

impl From<LangChoice> for crate::i18n::Lang {
    fn from(l: LangChoice) -> Self {
        match l {
            LangChoice::ZhCn => crate::i18n::Lang::ZhCn,
            LangChoice::En => crate::i18n::Lang::En,
        }
    }
}

/// When to colour terminal output.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour when stderr is a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check everything, then write the site and the latest weekly report into the output folder.
    Build(BuildArgs),
    /// Validate playbooks, config and data; print every problem with file:line:column.
    Check(CheckArgs),
    /// Only the weekly delay report (into OUT/reports/WEEK/).
    Report(ReportArgs),
    /// Only the print handbook (handbook.html; with --pdf also handbook.pdf).
    Handbook(HandbookArgs),
    /// Build, serve the output on 127.0.0.1, rebuild and reload pages on every change.
    Serve(ServeArgs),
    /// Create a new project with the sample playbooks, config and data.
    New(NewArgs),
    /// Print the JSON Schema of the playbook files (for editor validation).
    Schema(SchemaArgs),
    /// Write realistic synthetic orders.csv and stock.csv (deterministic for a seed).
    SampleData(SampleDataArgs),
    /// Print the SQL that computes the weekly report's aggregates inside a warehouse
    /// (DuckDB, ClickHouse, Spark SQL); see docs/warehouse.md.
    Sql(SqlArgs),
    /// Check a reply draft with the phrase rules; exit 1 when it must not be sent.
    LintReply(LintReplyArgs),
}

/// Options of `build`.
#[derive(Debug, Args, Clone, Default)]
pub struct BuildArgs {
    /// Replace the output folder even if delaybook did not create it.
    #[arg(long)]
    pub force: bool,
    /// Treat every data-quality problem as an error.
    #[arg(long)]
    pub strict: bool,
    /// ISO week of the report, e.g. 2026-W47 (default: the latest week whose Sunday is
    /// on or before the day of the latest order).
    #[arg(long, value_name = "YYYY-Www")]
    pub week: Option<String>,
    /// The report's "now" (default: the end of the week), e.g. "2026-11-19 18:00".
    #[arg(long, value_name = "TIMESTAMP")]
    pub as_of: Option<String>,
}

/// Options of `check`.
#[derive(Debug, Args, Clone, Default)]
pub struct CheckArgs {
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Only check playbooks and config, not the CSV data.
    #[arg(long)]
    pub no_data: bool,
    /// Today's date (YYYY-MM-DD) for review ages of platform rules and playbooks;
    /// default: the newest `reviewed`/`verified_on` date in the content.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

/// Options of `report`.
#[derive(Debug, Args, Clone, Default)]
pub struct ReportArgs {
    /// ISO week to report on, e.g. 2026-W47 (default: the latest week whose Sunday is on
    /// or before the day of the latest order).
    #[arg(long, value_name = "YYYY-Www")]
    pub week: Option<String>,
    /// The report's "now" (default: the end of the week), e.g. "2026-11-19 18:00".
    #[arg(long, value_name = "TIMESTAMP")]
    pub as_of: Option<String>,
    /// Fail (exit 1, write nothing) on any data-quality problem.
    #[arg(long)]
    pub strict: bool,
    /// Orders CSV: a file, a folder or a glob (overrides inputs.orders). Repeat it, or
    /// give several paths after it, for several files: `--orders 订单报表.csv
    /// 宝贝报表.csv`, or an unquoted glob the shell expands.
    #[arg(long, value_name = "PATH", num_args = 1.., action = clap::ArgAction::Append)]
    pub orders: Vec<String>,
    /// Stock CSV (overrides inputs.stock).
    #[arg(long, value_name = "FILE")]
    pub stock: Option<PathBuf>,
    /// Replace the output folder even if delaybook did not create it.
    #[arg(long)]
    pub force: bool,
    /// Read the result tables of `delaybook sql` (DIR/dbk_*.csv) instead of the CSV
    /// exports; the week and as_of are the ones the SQL used. Several folders (shards
    /// of one run, e.g. one per shop) are merged.
    #[arg(
        long,
        value_name = "DIR",
        num_args = 1..,
        conflicts_with_all = ["week", "as_of", "orders", "stock"]
    )]
    pub aggregates: Vec<PathBuf>,
}

/// Options of `sql`.
#[derive(Debug, Args, Clone)]
pub struct SqlArgs {
    /// The SQL engine.
    #[arg(long, value_enum)]
    pub dialect: crate::warehouse::Dialect,
    /// ISO week to report on, e.g. 2026-W47 (default: chosen by the SQL from the data,
    /// as `report` does).
    #[arg(long, value_name = "YYYY-Www")]
    pub week: Option<String>,
    /// The report's "now" (default: the end of the week), e.g. "2026-11-19 18:00".
    #[arg(long, value_name = "TIMESTAMP")]
    pub as_of: Option<String>,
    /// The orders table (may be qualified, e.g. shop.orders).
    #[arg(long, value_name = "NAME", default_value = "orders")]
    pub orders_table: String,
    /// The stock table.
    #[arg(long, value_name = "NAME", default_value = "stock")]
    pub stock_table: String,
    /// Optional order columns the orders table does not have (comma-separated, e.g.
    /// notified_at,amount): their figures are null, as for a CSV without them.
    #[arg(long, value_name = "COLUMNS", value_delimiter = ',')]
    pub absent: Vec<String>,
    /// Example rows kept per data-quality check.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub examples: usize,
}

/// Options of `handbook`.
#[derive(Debug, Args, Clone, Default)]
pub struct HandbookArgs {
    /// Also print handbook.pdf with a local Chromium.
    #[arg(long)]
    pub pdf: bool,
    /// Replace the output folder even if delaybook did not create it.
    #[arg(long)]
    pub force: bool,
}

/// Options of `serve`.
#[derive(Debug, Args, Clone)]
pub struct ServeArgs {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// Replace the output folder even if delaybook did not create it.
    #[arg(long)]
    pub force: bool,
}

/// Options of `new`.
#[derive(Debug, Args, Clone)]
pub struct NewArgs {
    /// The folder to create (must not exist or be empty).
    pub dir: PathBuf,
}

/// Options of `schema`.
#[derive(Debug, Args, Clone, Default)]
pub struct SchemaArgs {
    /// Print the schema of delaybook.yaml instead of the playbook files.
    #[arg(long)]
    pub config: bool,
}

/// Options of `sample-data`.
#[derive(Debug, Args, Clone)]
pub struct SampleDataArgs {
    /// Number of order lines to generate.
    #[arg(long, default_value_t = 20_000)]
    pub orders: u64,
    /// Random seed; the same seed gives the same files.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Number of weeks the orders span.
    #[arg(long, default_value_t = 10)]
    pub weeks: u32,
    /// The last day with orders, YYYY-MM-DD (with the default, the default report week
    /// is 2026-W47).
    #[arg(long, default_value = "2026-11-23")]
    pub end: String,
    /// Folder to write into (default: ROOT/data, or ROOT/data/PRESET with --preset).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Write the orders as a platform's own export (Chinese headers, its encoding and
    /// quirks) instead of orders.csv: douyin, pinduoduo or taobao (two files).
    #[arg(long, value_enum)]
    pub preset: Option<SamplePreset>,
    /// The shape of the files: `sample` (the teaching sample) or `independent` (another
    /// system's export: 5,000 SKUs, quoted free text, repeated lines; for benchmarks).
    #[arg(long, value_enum, default_value_t = SampleStyle::Sample, conflicts_with = "preset")]
    pub style: SampleStyle,
}

/// The shape of the files `sample-data` writes.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SampleStyle {
    /// delaybook's teaching sample: 120 SKUs, every cause, stock trouble to act on.
    Sample,
    /// Another system's export (see `sample::independent`).
    Independent,
}

/// Platform shapes `sample-data` can write.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SamplePreset {
    /// 抖店: UTF-8 with BOM, tab-protected ids, `-` for empty cells.
    Douyin,
    /// 拼多多: UTF-8, hyphenated order numbers, `(元)`/`(件)` headers.
    Pinduoduo,
    /// 淘宝/天猫: GBK order report + item report, `="…"` ids.
    Taobao,
}

/// Options of `lint-reply`.
#[derive(Debug, Args, Clone, Default)]
pub struct LintReplyArgs {
    /// The draft: a UTF-8 text file, or `-` (the default) for standard input.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Print the findings as JSON (the same fields as the browser's
    /// `delaybookCheckReply`, offsets in UTF-16 code units).
    #[arg(long)]
    pub json: bool,
    /// Who the message is for: `buyer` or `supplier` (rules that only concern the
    /// other are left out); by default every rule runs.
    #[arg(long, value_enum, value_name = "WHO")]
    pub to: Option<ReplyAudience>,
}

/// Who a checked message is for.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ReplyAudience {
    /// A buyer (chat, phone, SMS).
    Buyer,
    /// A supplier.
    Supplier,
}

#[cfg(test)]
mod tests {
    use super::*;

    // clap's own consistency checks (like mdBook's verify_app).
    #[test]
    fn verify_cli() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
