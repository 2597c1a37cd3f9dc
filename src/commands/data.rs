//! The data side shared by `report`, `build` and `check`: which order and stock files
//! to read (from `inputs` or the flags), how fatal data errors become diagnostics, and
//! the lines printed around the data problems (what each file was read as and the
//! chosen week before them, the summary after them).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::Context;
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::ingest::plan::Source;
use crate::ingest::{IngestError, PresetChoice};
use crate::pipeline::Project;
use crate::report::{Report, ReportError, Request};

/// `--orders`, `--stock`, `--week`, `--as-of`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--orders` (every path given; empty: `inputs.orders`).
    pub orders: Vec<String>,
    /// `--stock`.
    pub stock: Option<PathBuf>,
    /// `--week`.
    pub week: Option<String>,
    /// `--as-of`.
    pub as_of: Option<String>,
    /// Order files without any line are "no report" (for `build`), not an error.
    pub no_data_ok: bool,
}

/// Lines printed before the diagnostics (what was read, the week) and after them (the
/// data summary), so the summary is the last thing on the terminal.
#[derive(Debug, Clone, Default)]
pub struct Notes {
    /// Shown unless `-q`.
    pub before: Vec<String>,
    /// Shown only with `-v`.
    pub detail: Vec<String>,
    /// Shown after the diagnostics unless `-q`.
    pub after: Vec<String>,
}

impl Notes {
    /// The notes of a computed report; `json_path` (where report.json goes) also adds
    /// the chosen week, for `report` and `build`.
    pub fn of(report: &Report, json_path: Option<&str>) -> Self {
        let mut notes = Notes::default();
        for i in &report.inputs {
            let line = crate::tr!("report.read_as", file = i.file, read_as = i.read_as);
            if i.platform {
                notes.before.push(line);
            } else {
                notes.detail.push(line);
            }
            let sep = crate::diag::label_separator();
            notes.detail.push(format!("{}{sep}{}", i.file, i.why));
        }
        if json_path.is_some() && !report.week_note.is_empty() {
            notes.before.push(report.week_note.clone());
        }
        if let Some(s) = crate::report::quality::summary(&report.data_quality, json_path) {
            notes.after.push(s);
        }
        notes
    }

    /// Prints the lines that come before the diagnostics.
    pub fn print_before(&self, ctx: &Context) {
        for l in &self.before {
            ctx.info(l);
        }
        for l in &self.detail {
            ctx.detail(l);
        }
    }

    /// Prints the lines that come after the diagnostics.
    pub fn print_after(&self, ctx: &Context) {
        for l in &self.after {
            ctx.info(l);
        }
    }
}

/// True when order data is configured: the orders setting differs from the default, or
/// the default file exists (then a missing file is worth reporting).
pub fn data_present(ctx: &Context, project: &Project) -> bool {
    let orders = &project.config.inputs.orders;
    !orders.is_default()
        || orders
            .entries()
            .iter()
            .any(|e| crate::ingest::resolve_orders(&ctx.root, &e.path).is_ok())
}

/// The request for `compute`, or `None` after pushing why it cannot be made.
pub fn request<'a>(
    ctx: &Context,
    project: &'a Project,
    opts: &Options,
    diag: &mut Diagnostics,
) -> Option<Request<'a>> {
    let config = &project.config;
    let stock_path = ctx.root.join(
        opts.stock
            .clone()
            .unwrap_or_else(|| config.inputs.stock.clone()),
    );
    if !stock_path.is_file() {
        diag.push(
            Diagnostic::error(
                "E302",
                Span::file(&stock_path),
                crate::tr!("data.stock_missing"),
            )
            .with_hint(Some(crate::tr!("data.stock_missing_hint"))),
        );
        return None;
    }
    let orders = match sources(ctx, project, opts, &stock_path) {
        Ok(o) => o,
        Err(e) => {
            push_error(&ReportError::Ingest(e), &ctx.root, diag);
            return None;
        }
    };
    for o in &orders {
        ctx.detail(&crate::tr!("data.orders_file", file = o.shown));
    }
    let bar = progress_bar(ctx, &orders);
    Some(Request {
        config,
        content: &project.content,
        stock: Source::new(
            stock_path.clone(),
            crate::diag::display_path(&stock_path, &ctx.root),
        ),
        orders,
        week: opts.week.clone(),
        as_of: opts.as_of.clone(),
        bar,
    })
}

/// Every order file, from `--orders` or from each `inputs.orders` entry (with its
/// platform and preset); a file is read once, and a folder never yields the stock file.
fn sources(
    ctx: &Context,
    project: &Project,
    opts: &Options,
    stock: &Path,
) -> Result<Vec<Source>, IngestError> {
    let entries = if opts.orders.is_empty() {
        project.config.inputs.orders.entries()
    } else {
        opts.orders
            .iter()
            .map(|spec| crate::inputs::OrderInput {
                path: spec.clone(),
                ..Default::default()
            })
            .collect()
    };
    let mut out: Vec<Source> = Vec::new();
    for entry in entries {
        let preset = match entry.preset.as_deref() {
            None | Some("auto") => PresetChoice::Auto,
            Some("none") => PresetChoice::Off,
            Some(key) => {
                crate::ingest::presets::by_key(key).map_or(PresetChoice::Auto, PresetChoice::Named)
            }
        };
        let files = crate::ingest::resolve_orders(&ctx.root, &entry.path)?;
        for path in files {
            let same_as_stock =
                path == stock || path.canonicalize().ok() == stock.canonicalize().ok();
            if same_as_stock || out.iter().any(|s| s.path == path) {
                continue;
            }
            out.push(Source {
                shown: crate::diag::display_path(&path, &ctx.root),
                path,
                platform: entry.platform.clone(),
                preset,
            });
        }
    }
    if out.is_empty() {
        let spec = if opts.orders.is_empty() {
            "inputs.orders".to_string()
        } else {
            opts.orders.join(" ")
        };
        return Err(IngestError::NoOrders(spec));
    }
    Ok(out)
}

/// A byte progress bar on stderr for inputs over 50 MB, only on a terminal and not
/// with `-q`. Both passes advance it, so its length is twice the order bytes.
fn progress_bar(ctx: &Context, orders: &[Source]) -> Option<indicatif::ProgressBar> {
    let bytes: u64 = orders
        .iter()
        .filter_map(|s| std::fs::metadata(&s.path).ok())
        .map(|m| m.len())
        .sum();
    if ctx.quiet || bytes < 50_000_000 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(bytes * 2);
    if let Ok(style) = indicatif::ProgressStyle::with_template(&format!(
        "{} {{bar:40}} {{bytes}}/{{total_bytes}} ({{eta}})",
        crate::tr!("report.progress")
    )) {
        bar.set_style(style);
    }
    Some(bar)
}

/// Turns a fatal report error into diagnostics (missing columns name the file, the
/// headers found and the closest one).
pub fn push_error(e: &ReportError, root: &Path, diag: &mut Diagnostics) {
    let d = match e {
        ReportError::Ingest(IngestError::MissingColumns {
            file,
            missing,
            preset,
        }) => {
            for m in missing {
                diag.push(missing_column(file, m, *preset));
            }
            return;
        }
        ReportError::Ingest(IngestError::NoOrders(spec)) => Diagnostic::error(
            "E303",
            Span::file(root.join(spec)),
            crate::tr!("data.no_orders", spec = spec),
        )
        .with_hint(Some(crate::tr!("data.no_orders_hint"))),
        ReportError::Ingest(IngestError::NoOrdersIn { spec, found }) => {
            no_orders_in(root, spec, found)
        }
        ReportError::Ingest(i) => ingest_error(i),
        ReportError::AllSkipped(report) => {
            push_problems(report, root, diag);
            all_skipped(report)
        }
        ReportError::NoData => {
            Diagnostic::error("E304", Span::file(root), crate::tr!("error.no_data"))
        }
        ReportError::BadWeek(w) => Diagnostic::error(
            "E304",
            Span::file(root),
            crate::tr!("error.bad_week", value = crate::ingest::shown_value(w)),
        ),
        ReportError::BadAsOf(a) => Diagnostic::error(
            "E304",
            Span::file(root),
            crate::tr!("error.bad_as_of", value = crate::ingest::shown_value(a)),
        ),
        ReportError::NoStockRows(file) => Diagnostic::error(
            "E316",
            Span::file(root.join(file)),
            crate::tr!("data.no_stock_rows"),
        )
        .with_hint(Some(crate::tr!("data.no_stock_rows_hint"))),
    };
    diag.push(d);
}

/// E303 for a folder: what it holds instead, and how to save an export as CSV.
fn no_orders_in(root: &Path, spec: &str, found: &[String]) -> Diagnostic {
    let quoted = |files: &[String]| {
        files
            .iter()
            .map(|f| format!("`{f}`"))
            .collect::<Vec<_>>()
            .join(&crate::tr!("list.sep"))
    };
    let holds = match found.len() {
        0 => crate::tr!("data.folder_empty"),
        n if n > 5 => crate::tr!("data.folder_holds_more", files = quoted(&found[..5])),
        _ => crate::tr!("data.folder_holds", files = quoted(found)),
    };
    Diagnostic::error(
        "E303",
        Span::file(root.join(spec)),
        crate::tr!("data.no_orders_in", spec = spec, holds = holds),
    )
    .with_hint(Some(crate::tr!("data.no_orders_in_hint")))
}

/// E318: every order row was skipped; the problems pushed before it say why.
fn all_skipped(report: &Report) -> Diagnostic {
    let dq = &report.data_quality;
    let file = dq.problems.first().map_or("", |p| p.file.as_str());
    Diagnostic::error(
        "E318",
        Span::file(file),
        crate::tr!(
            "data.all_skipped",
            rows = crate::commands::report::thousands(dq.order_rows_read)
        ),
    )
    .with_hint(Some(crate::tr!("data.all_skipped_hint")))
}

fn missing_column(
    file: &str,
    m: &crate::ingest::columns::MissingColumn,
    preset: Option<&str>,
) -> Diagnostic {
    let section = if file.contains("stock") {
        "stock"
    } else {
        "orders"
    };
    let hint = match &m.suggestion {
        Some(s) => crate::tr!(
            "data.missing_column_map",
            found = s,
            section = section,
            column = m.column
        ),
        None => crate::tr!("data.missing_column_add"),
    };
    let found = m.found.join(", ");
    let message = match preset {
        Some(p) => crate::tr!(
            "data.missing_column_preset",
            column = m.column,
            preset = p,
            found = found
        ),
        None => crate::tr!("data.missing_column", column = m.column, found = found),
    };
    Diagnostic::error("E301", Span::at(file, 1, 0), message).with_hint(Some(hint))
}

fn ingest_error(e: &IngestError) -> Diagnostic {
    match e {
        IngestError::BadEncoding {
            file,
            line,
            field,
            encoding,
            replacement,
        } => Diagnostic::error(
            "E305",
            Span::at(file, *line, *field),
            if *replacement {
                crate::tr!("data.bad_encoding_fffd", encoding = encoding.name())
            } else {
                crate::tr!("data.bad_encoding", encoding = encoding.name())
            },
        )
        .with_hint(Some(crate::tr!(
            "data.bad_encoding_hint",
            encoding = encoding.name()
        ))),
        IngestError::TooLong { file, line, field } => Diagnostic::error(
            "E306",
            Span::at(file, *line as usize, field.unwrap_or(0)),
            match field {
                Some(_) => crate::tr!(
                    "data.field_too_long",
                    bytes = crate::ingest::limits::MAX_FIELD_BYTES
                ),
                None => crate::tr!(
                    "data.record_too_long",
                    bytes = crate::ingest::limits::MAX_RECORD_BYTES
                ),
            },
        )
        .with_hint(Some(crate::tr!("data.too_long_hint"))),
        other => file_error(other),
    }
}

/// Errors about a whole file.
fn file_error(e: &IngestError) -> Diagnostic {
    match e {
        IngestError::NulBytes(file) => {
            Diagnostic::error("E307", Span::file(file), crate::tr!("data.nul_bytes"))
                .with_hint(Some(crate::tr!("data.nul_bytes_hint")))
        }
        IngestError::Workbook(file, kind) => Diagnostic::error(
            "E307",
            Span::file(file),
            crate::tr!("data.workbook", kind = kind),
        )
        .with_hint(Some(crate::tr!("data.workbook_hint"))),
        IngestError::Unpaired { file, label, needs } => Diagnostic::error(
            "E308",
            Span::file(file),
            match label {
                l if l.starts_with("淘宝/天猫宝贝报表") => {
                    crate::tr!("data.unpaired_items")
                }
                l if l.starts_with("淘宝/天猫订单报表") => {
                    crate::tr!("data.unpaired_orders")
                }
                _ => crate::tr!("data.unpaired", label = label, needs = needs),
            },
        ),
        IngestError::TooManyOrders { file, limit } => Diagnostic::error(
            "E309",
            Span::file(file),
            crate::tr!("data.too_many_orders", limit = limit),
        )
        .with_hint(Some(crate::tr!("data.too_many_orders_hint"))),
        IngestError::Csv {
            file,
            line,
            message,
        } => Diagnostic::error(
            "E304",
            Span::at(file, *line as usize, 0),
            crate::tr!("error.csv", message = message),
        ),
        IngestError::Encoding(value) => Diagnostic::error(
            "E304",
            Span::file(crate::config::CONFIG_FILE),
            crate::tr!("data.unknown_encoding", value = value),
        )
        .with_path("inputs.encoding")
        .with_hint(Some(crate::tr!("data.unknown_encoding_hint"))),
        other => Diagnostic::error("E304", Span::file(""), other.to_string()),
    }
}

/// Pushes the grouped data problems into `diag`, with fixes written against the
/// project's `delaybook.yaml`.
pub fn push_problems(report: &Report, root: &Path, diag: &mut Diagnostics) {
    let text = std::fs::read_to_string(root.join(crate::config::CONFIG_FILE)).unwrap_or_default();
    let fixes = crate::report::fixes::Fixes::new(&text);
    crate::report::quality::to_diagnostics(&report.data_quality.groups, &fixes, diag);
}
