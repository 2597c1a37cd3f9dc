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
            let line = format!("{}: read as {}", i.file, i.read_as);
            if i.platform {
                notes.before.push(line);
            } else {
                notes.detail.push(line);
            }
            notes.detail.push(format!("{}: {}", i.file, i.why));
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
                "stock file not found".to_string(),
            )
            .with_hint(Some(
                "set `inputs.stock` in delaybook.yaml or pass --stock FILE".to_string(),
            )),
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
        ctx.detail(&format!("orders file: {}", o.shown));
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
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "reading orders {bar:40} {bytes}/{total_bytes} ({eta})",
    ) {
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
            format!("no order file found at `{spec}`"),
        )
        .with_hint(Some(
            "set `inputs.orders` in delaybook.yaml (a file, a folder or a glob such as data/orders-*.csv) or pass --orders".to_string(),
        )),
        ReportError::Ingest(i) => ingest_error(i),
        ReportError::NoStockRows(file) => Diagnostic::error(
            "E316",
            Span::file(root.join(file)),
            "the stock file has no usable row (it is empty, has only a header, or every row was skipped): every SKU's stock would be taken as 0".to_string(),
        )
        .with_hint(Some(
            "export the stock (库存) list again from the shop back office, or point `inputs.stock` / --stock at the right file".to_string(),
        )),
        other => Diagnostic::error("E304", Span::file(root), other.to_string()),
    };
    diag.push(d);
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
        Some(s) => format!(
            "did you mean `{s}`? If so, map it in delaybook.yaml:\n      columns:\n        {section}:\n          {}: [\"{s}\"]\n    (under an existing `columns:`, add only the lines below it)",
            m.column
        ),
        None => {
            "add the column, or map your header onto it under `columns:` in delaybook.yaml".into()
        }
    };
    let read_as = preset
        .map(|p| format!(" (read as {p})"))
        .unwrap_or_default();
    Diagnostic::error(
        "E301",
        Span::at(file, 1, 0),
        format!(
            "missing required column `{}`{read_as}; headers found: {}",
            m.column,
            m.found.join(", ")
        ),
    )
    .with_hint(Some(hint))
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
                format!(
                    "the text holds U+FFFD (the replacement character): characters lost by an earlier conversion, or bytes that are not valid {}",
                    encoding.name()
                )
            } else {
                format!("bytes that are not valid {}", encoding.name())
            },
        )
        .with_hint(Some(format!(
                "the file was read as {} (decided from its start); it mixes encodings or was damaged by a conversion. Export it again, or save it once in one encoding (UTF-8), or set `inputs.encoding` if the whole file is in another one",
                encoding.name()
            ))),
        IngestError::TooLong { file, line, field } => Diagnostic::error(
            "E306",
            Span::at(file, *line as usize, field.unwrap_or(0)),
            match field {
                Some(_) => format!(
                    "a field is longer than {} bytes",
                    crate::ingest::limits::MAX_FIELD_BYTES
                ),
                None => format!(
                    "a record is longer than {} bytes",
                    crate::ingest::limits::MAX_RECORD_BYTES
                ),
            },
        )
        .with_hint(Some(
            "this is not an order export (or a quote is never closed): check that the file is the CSV export itself".to_string(),
        )),
        other => file_error(other),
    }
}

/// Errors about a whole file.
fn file_error(e: &IngestError) -> Diagnostic {
    match e {
        IngestError::NulBytes(file) => Diagnostic::error(
            "E307",
            Span::file(file),
            "the file contains NUL bytes: UTF-16 text without a byte-order mark, or not a text file".to_string(),
        )
        .with_hint(Some(
            "in Excel: File → Save As → \"CSV UTF-8 (comma delimited)\"; or export the CSV again from the shop back office".to_string(),
        )),
        IngestError::Workbook(file, kind) => Diagnostic::error(
            "E307",
            Span::file(file),
            format!("this is an Excel workbook (.{kind}), not a CSV file"),
        )
        .with_hint(Some(
            "open it in Excel and choose File → Save As → \"CSV UTF-8 (comma delimited)\", or export the CSV from the shop back office instead of the Excel file".to_string(),
        )),
        IngestError::Unpaired { file, label, needs } => Diagnostic::error(
            "E308",
            Span::file(file),
            format!("{label} without its {needs}"),
        ),
        IngestError::TooManyOrders { file, limit } => Diagnostic::error(
            "E309",
            Span::file(file),
            format!("more than {limit} orders to join with the item report"),
        )
        .with_hint(Some("export a shorter period (one month at a time)".to_string())),
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
