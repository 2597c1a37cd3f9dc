//! `delaybook report`: the weekly delay report only, written into
//! `<out>/reports/<week>/` (the rest of an existing output folder is kept).
//! Also the report part of `build` ([`build_latest`]) and of `check` ([`check_data`]).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::{Context, Status, status_of};
use crate::cli::ReportArgs;
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::ingest::IngestError;
use crate::output::{OutputTree, Target, write_atomic};
use crate::pipeline::{Project, load_project};
use crate::render::Renderer;
use crate::report::scan::Source;
use crate::report::{Report, ReportError, Request};

/// A rendered report, for `build`.
pub struct BuiltReport {
    /// ISO week, e.g. `2026-W47`.
    pub week: String,
    /// Files under `reports/`, including `reports/index.html`.
    pub tree: OutputTree,
    /// One line for the build summary.
    pub summary: String,
}

/// Runs `report`.
pub fn run(ctx: &Context, args: &ReportArgs) -> Status {
    let mut diag = Diagnostics::new();
    let project = load_project(&ctx.root, &mut diag);
    let Ok(target) = ctx.checked_target(target(ctx, &project.config, args)) else {
        return Status::Failure;
    };
    if diag.has_errors(false) {
        ctx.report_diagnostics(&mut diag);
        eprintln!("failed: the project has errors; nothing was written");
        return Status::ContentErrors;
    }
    if let Some(problem) = usage_problem(args, &project.config) {
        return ctx.fail(problem);
    }
    let renderer = match ctx.renderer(&project.config) {
        Ok(r) => r,
        Err(e) => return ctx.fail(e),
    };
    let opts = Options {
        orders: args.orders.clone(),
        stock: args.stock.clone(),
        week: args.week.clone(),
        as_of: args.as_of.clone(),
        no_data_ok: false,
    };
    let started = std::time::Instant::now();
    let built = build(ctx, &project, &renderer, &opts, &mut diag);
    ctx.detail(&format!(
        "read the data and rendered the report in {:.3} s",
        started.elapsed().as_secs_f64()
    ));
    ctx.report_diagnostics(&mut diag);
    let status = status_of(&diag, args.strict);
    let Some(built) = built.filter(|_| status == Status::Ok) else {
        ctx.always(&format!(
            "failed: nothing was written to `{}`",
            ctx.show(&ctx.out)
        ));
        return Status::ContentErrors;
    };
    let mut tree = renderer.assets();
    tree.merge("", built.tree);
    let week_dir = format!("reports/{}/", built.week);
    let keep = move |p: &str| !p.starts_with(&week_dir) && p != "reports/index.html";
    if let Err(e) = write_atomic(&tree, &target, keep) {
        return ctx.fail_output(&e);
    }
    ctx.info(&format!(
        "wrote {}/reports/{}/: {}",
        ctx.show(&ctx.out),
        built.week,
        built.summary
    ));
    Status::Ok
}

/// The output target, protecting `--orders` and `--stock` as well as the configured
/// inputs.
fn target(ctx: &Context, config: &crate::config::Config, args: &ReportArgs) -> Target {
    let mut target = ctx.target(config, args.force);
    if let Some(orders) = &args.orders {
        target.protected.add_orders(&ctx.root, orders);
    }
    if let Some(stock) = &args.stock {
        target
            .protected
            .add_file("the stock file", &ctx.root, stock);
    }
    target
}

/// A `--week` or `--as-of` that cannot be read is a usage error (exit 2), found before
/// any data is read.
fn usage_problem(args: &ReportArgs, config: &crate::config::Config) -> Option<String> {
    use crate::ingest::timestamp::{Clock, IsoWeek};
    if let Some(w) = &args.week
        && IsoWeek::parse(w).is_none()
    {
        return Some(format!(
            "--week `{w}` is not an ISO week; write it like 2026-W47"
        ));
    }
    let mut clock = Clock::new(config.tz(), &config.timestamp_formats);
    match &args.as_of {
        Some(a) if clock.parse(a).is_none() => Some(format!(
            "--as-of `{a}` is not a timestamp; write it like \"2026-11-19 18:00\""
        )),
        _ => None,
    }
}

/// Builds the default week's report for `build`; `None` when there is no order data.
pub fn build_latest(
    ctx: &Context,
    project: &Project,
    renderer: &Renderer,
    diag: &mut Diagnostics,
) -> Option<BuiltReport> {
    if !data_present(ctx, project) {
        return None;
    }
    let opts = Options {
        no_data_ok: true,
        ..Options::default()
    };
    build(ctx, project, renderer, &opts, diag)
}

/// Validates the CSV data for `check`: every problem goes to `diag`; returns a summary
/// such as `orders: 20,000 lines read, 19,990 used, 10 skipped; stock: 120 SKUs`, or
/// `None` when the project has no data.
pub fn check_data(ctx: &Context, project: &Project, diag: &mut Diagnostics) -> Option<String> {
    if !data_present(ctx, project) {
        return None;
    }
    let req = request(ctx, project, &Options::default(), diag)?;
    match crate::report::compute(&req) {
        Ok(r) => {
            push_problems(&r, diag);
            Some(check_summary(&r))
        }
        Err(ReportError::NoData) => Some("orders: 0 lines".into()),
        Err(e) => {
            push_error(&e, &ctx.root, diag);
            None
        }
    }
}

/// `--orders`, `--stock`, `--week`, `--as-of`.
#[derive(Debug, Clone, Default)]
struct Options {
    orders: Option<String>,
    stock: Option<PathBuf>,
    week: Option<String>,
    as_of: Option<String>,
    /// Order files without any line are "no report" (for `build`), not an error.
    no_data_ok: bool,
}

/// True when the configured orders path exists, or differs from the default (then a
/// missing file is an error worth reporting).
fn data_present(ctx: &Context, project: &Project) -> bool {
    let spec = &project.config.inputs.orders;
    let default = crate::config::InputsConfig::default().orders;
    *spec != default || crate::ingest::resolve_orders(&ctx.root, spec).is_ok()
}

fn build(
    ctx: &Context,
    project: &Project,
    renderer: &Renderer,
    opts: &Options,
    diag: &mut Diagnostics,
) -> Option<BuiltReport> {
    let req = request(ctx, project, opts, diag)?;
    let bar = req.bar.clone();
    let result = crate::report::compute(&req);
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let report = match result {
        Ok(r) => r,
        Err(ReportError::NoData) if opts.no_data_ok => return None,
        Err(e) => {
            push_error(&e, &ctx.root, diag);
            return None;
        }
    };
    push_problems(&report, diag);
    let tree = match crate::render::report_page::render(&report, renderer, project, &ctx.out) {
        Ok(t) => t,
        Err(e) => {
            diag.push(Diagnostic::error(
                "E310",
                Span::file(&ctx.root),
                e.to_string(),
            ));
            return None;
        }
    };
    Some(BuiltReport {
        week: report.week.clone(),
        summary: build_summary(&report),
        tree,
    })
}

fn request<'a>(
    ctx: &Context,
    project: &'a Project,
    opts: &Options,
    diag: &mut Diagnostics,
) -> Option<Request<'a>> {
    let config = &project.config;
    let spec = opts.orders.as_deref().unwrap_or(&config.inputs.orders);
    let files = match crate::ingest::resolve_orders(&ctx.root, spec) {
        Ok(f) => f,
        Err(e) => {
            push_error(&ReportError::Ingest(e), &ctx.root, diag);
            return None;
        }
    };
    let stock_path = opts
        .stock
        .clone()
        .unwrap_or_else(|| config.inputs.stock.clone());
    let stock_path = ctx.root.join(stock_path);
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
    let orders: Vec<Source> = files.into_iter().map(|p| source(&ctx.root, p)).collect();
    for o in &orders {
        ctx.detail(&format!("orders file: {}", o.shown));
    }
    let bar = progress_bar(ctx, &orders);
    Some(Request {
        config,
        content: &project.content,
        stock: source(&ctx.root, stock_path),
        orders,
        week: opts.week.clone(),
        as_of: opts.as_of.clone(),
        bar,
    })
}

fn source(root: &Path, path: PathBuf) -> Source {
    Source {
        shown: crate::diag::display_path(&path, root),
        path,
    }
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
fn push_error(e: &ReportError, root: &Path, diag: &mut Diagnostics) {
    match e {
        ReportError::Ingest(IngestError::MissingColumns { file, missing }) => {
            for m in missing {
                let hint = match &m.suggestion {
                    Some(s) => format!(
                        "did you mean `{s}`? If so, map it in delaybook.yaml: `columns: {{ {}: {{ {}: [\"{s}\"] }} }}`",
                        if file.contains("stock") { "stock" } else { "orders" },
                        m.column
                    ),
                    None => "add the column, or map your header onto it under `columns:` in delaybook.yaml".into(),
                };
                diag.push(
                    Diagnostic::error(
                        "E301",
                        Span::at(file, 1, 0),
                        format!(
                            "missing required column `{}`; headers found: {}",
                            m.column,
                            m.found.join(", ")
                        ),
                    )
                    .with_hint(Some(hint)),
                );
            }
        }
        ReportError::Ingest(IngestError::NoOrders(spec)) => diag.push(
            Diagnostic::error(
                "E303",
                Span::file(root.join(spec)),
                format!("no order file found at `{spec}`"),
            )
            .with_hint(Some(
                "set `inputs.orders` in delaybook.yaml (a file, a folder or a glob such as data/orders-*.csv) or pass --orders".to_string(),
            )),
        ),
        other => diag.push(Diagnostic::error("E304", Span::file(root), other.to_string())),
    }
}

fn push_problems(report: &Report, diag: &mut Diagnostics) {
    let dq = &report.data_quality;
    crate::report::quality::to_diagnostics(&dq.problems, dq.problem_count, "", diag);
}

/// Groups digits by thousands: 20000 → `20,000`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn check_summary(r: &Report) -> String {
    let dq = &r.data_quality;
    format!(
        "orders: {} lines read, {} used, {} skipped; stock: {} SKUs",
        thousands(dq.order_rows_read),
        thousands(dq.order_rows_used),
        thousands(dq.order_rows_read - dq.order_rows_used),
        thousands(dq.stock_skus)
    )
}

fn build_summary(r: &Report) -> String {
    let actions = r
        .stock
        .iter()
        .filter(|s| s.action != crate::report::types::Action::Ok)
        .count();
    format!(
        "{} lines due, {} delayed ({:.1}%), {} stock actions, {} at-risk lines",
        thousands(r.totals.due),
        thousands(r.totals.delayed),
        r.totals.late_rate * 100.0,
        actions,
        thousands(r.at_risk.count)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    // The check summary groups digits like the example in the brief.
    #[test]
    fn groups_thousands() {
        assert_eq!(thousands(20000), "20,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
