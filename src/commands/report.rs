//! `delaybook report`: the weekly delay report, written into `<out>/reports/<week>/`,
//! with the site it links to (home page, playbooks, search index) rendered afresh;
//! other weeks' reports and any other file in an existing output folder are kept.
//! Also the report part of `build` ([`build_latest`]) and of `check` ([`check_data`]).

use super::data::{Notes, Options, data_present, push_error, push_problems, request};
use super::{Context, Status, status_of};
use crate::cli::ReportArgs;
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::output::{OutputTree, Target, write_atomic};
use crate::pipeline::Project;
use crate::render::Renderer;
use crate::report::{Report, ReportError};

/// A rendered report, for `build`.
pub struct BuiltReport {
    /// ISO week, e.g. `2026-W47`.
    pub week: String,
    /// Files under `reports/`, including `reports/index.html`.
    pub tree: OutputTree,
    /// One line for the build summary.
    pub summary: String,
    /// The newest week among this one and those already in the output folder.
    pub newest_week: String,
}

/// Runs `report`.
pub fn run(ctx: &Context, args: &ReportArgs) -> Status {
    let mut diag = Diagnostics::new();
    let (project, renderer) = crate::pipeline::load_project_alongside(
        &ctx.root,
        crate::validate::CheckOptions::default(),
        &mut diag,
        |config| ctx.renderer(config),
    );
    let Ok(target) = ctx.checked_target(target(ctx, &project.config, args)) else {
        return Status::Failure;
    };
    if diag.has_errors(false) {
        ctx.report_diagnostics(&mut diag);
        ctx.always(&crate::tr!("cli.failed_project"));
        return Status::ContentErrors;
    }
    if let Some(problem) =
        usage_problem(args.week.as_deref(), args.as_of.as_deref(), &project.config)
    {
        return ctx.fail(problem);
    }
    let renderer = match renderer {
        Ok(r) => r,
        Err(e) => return ctx.fail(e),
    };
    let mut notes = Notes::default();
    let (built, pages) = read_beside_pages(ctx, (&project, &renderer), args, &mut diag, &mut notes);
    notes.print_before(ctx);
    ctx.report_diagnostics(&mut diag);
    notes.print_after(ctx);
    let status = status_of(&diag, args.strict);
    let Some(built) = built.filter(|_| status == Status::Ok) else {
        ctx.always(&crate::tr!("cli.failed_out", out = ctx.show(&ctx.out)));
        return Status::ContentErrors;
    };
    let (week, summary) = (built.week.clone(), built.summary.clone());
    // The whole site with it, as `build` makes it: the home page links this week, and
    // the page's navigation, playbook links and search work in a fresh output folder.
    let assembled = pages.and_then(|pages| {
        super::build::assemble_with(&project, &renderer, pages, Some(built), &ctx.out)
    });
    let tree = match assembled {
        Ok(t) => t,
        Err(e) => return ctx.fail(e),
    };
    let week_dir = format!("reports/{week}/");
    let keep = move |p: &str| !p.starts_with(&week_dir) && p != "reports/index.html";
    if let Err(e) = write_atomic(&tree, &target, keep) {
        return ctx.fail_output(&e);
    }
    ctx.info(&crate::tr!(
        "report.wrote",
        out = ctx.show(&ctx.out),
        week = week,
        summary = summary
    ));
    Status::Ok
}

/// [`read_and_render`], with the site's pages rendered on a second thread meanwhile:
/// they do not depend on the orders, and reading uses every core only part of the time.
fn read_beside_pages(
    ctx: &Context,
    (project, renderer): (&Project, &Renderer),
    args: &ReportArgs,
    diag: &mut Diagnostics,
    notes: &mut Notes,
) -> (
    Option<BuiltReport>,
    Result<OutputTree, crate::render::RenderError>,
) {
    std::thread::scope(|scope| {
        let pages = scope.spawn(|| super::build::site_pages(project, renderer));
        let built = read_and_render(ctx, project, renderer, args, diag, notes);
        let pages = pages
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (built, pages)
    })
}

/// The report from the CSV exports, or from the warehouse's result tables with
/// `--aggregates`.
fn read_and_render(
    ctx: &Context,
    project: &Project,
    renderer: &Renderer,
    args: &ReportArgs,
    diag: &mut Diagnostics,
    notes: &mut Notes,
) -> Option<BuiltReport> {
    let started = std::time::Instant::now();
    let built = if args.aggregates.is_empty() {
        let opts = Options {
            orders: args.orders.clone(),
            stock: args.stock.clone(),
            week: args.week.clone(),
            as_of: args.as_of.clone(),
            no_data_ok: false,
        };
        build(ctx, project, renderer, &opts, diag, notes)
    } else {
        from_aggregates(ctx, project, renderer, &args.aggregates, diag, notes)
    };
    ctx.detail(&crate::tr!(
        "report.detail_rendered",
        secs = format!("{:.3}", started.elapsed().as_secs_f64())
    ));
    built
}

/// The output target, protecting `--orders` and `--stock` as well as the configured
/// inputs.
fn target(ctx: &Context, config: &crate::config::Config, args: &ReportArgs) -> Target {
    let mut target = ctx.target(config, args.force);
    for orders in &args.orders {
        target.protected.add_orders(&ctx.root, orders);
    }
    if let Some(stock) = &args.stock {
        target
            .protected
            .add_file(crate::output::InputKind::Stock, &ctx.root, stock);
    }
    target
}

/// A `--week` or `--as-of` that cannot be read is a usage error (exit 2), found before
/// any data is read.
pub fn usage_problem(
    week: Option<&str>,
    as_of: Option<&str>,
    config: &crate::config::Config,
) -> Option<String> {
    use crate::ingest::timestamp::{Clock, IsoWeek};
    if let Some(w) = week
        && IsoWeek::parse(w).is_none()
    {
        return Some(crate::tr!(
            "report.week_bad",
            value = crate::ingest::shown_value(w)
        ));
    }
    let mut clock = Clock::new(config.tz(), &config.timestamp_formats);
    match as_of {
        Some(a) if clock.parse(a).is_none() => Some(crate::tr!(
            "report.as_of_bad",
            value = crate::ingest::shown_value(a)
        )),
        _ => None,
    }
}

/// Builds the report for `build` (the default week unless `week` is given); `None` when
/// there is no order data.
pub fn build_latest(
    ctx: &Context,
    project: &Project,
    renderer: &Renderer,
    when: (Option<String>, Option<String>),
    diag: &mut Diagnostics,
    notes: &mut Notes,
) -> Option<BuiltReport> {
    if !data_present(ctx, project) {
        return None;
    }
    let opts = Options {
        no_data_ok: true,
        week: when.0,
        as_of: when.1,
        ..Options::default()
    };
    build(ctx, project, renderer, &opts, diag, notes)
}

/// Validates the CSV data for `check`: every problem goes to `diag`; returns a summary
/// such as `orders: 20,000 lines read, 19,990 used, 10 skipped; stock: 120 SKUs`, or
/// `None` when the project has no data.
pub fn check_data(
    ctx: &Context,
    project: &Project,
    diag: &mut Diagnostics,
    notes: &mut Notes,
) -> Option<String> {
    if !data_present(ctx, project) {
        return None;
    }
    let req = request(ctx, project, &Options::default(), diag)?;
    match crate::report::compute(&req) {
        Ok(r) => {
            push_problems(&r, &ctx.root, diag);
            *notes = Notes::of(&r, None);
            Some(check_summary(&r))
        }
        Err(ReportError::NoData) => Some(crate::tr!("check.no_order_lines")),
        Err(e) => {
            push_error(&e, &ctx.root, diag);
            None
        }
    }
}

fn build(
    ctx: &Context,
    project: &Project,
    renderer: &Renderer,
    opts: &Options,
    diag: &mut Diagnostics,
    notes: &mut Notes,
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
    render(ctx, project, renderer, &report, diag, notes)
}

/// `report --aggregates DIR…`: the report from the warehouse's result tables.
fn from_aggregates(
    ctx: &Context,
    project: &Project,
    renderer: &Renderer,
    dirs: &[std::path::PathBuf],
    diag: &mut Diagnostics,
    notes: &mut Notes,
) -> Option<BuiltReport> {
    let dirs: Vec<std::path::PathBuf> = dirs.iter().map(|d| ctx.root.join(d)).collect();
    match crate::warehouse::adapt::report(&dirs, &project.config, &project.content) {
        Ok(report) => render(ctx, project, renderer, &report, diag, notes),
        Err(errors) => {
            for e in errors {
                diag.push(
                    Diagnostic::error(e.code, Span::at(&e.file, e.line, e.column), e.message)
                        .with_hint(e.hint),
                );
            }
            None
        }
    }
}

/// Problems, notes and pages of a computed report.
fn render(
    ctx: &Context,
    project: &Project,
    renderer: &Renderer,
    report: &Report,
    diag: &mut Diagnostics,
    notes: &mut Notes,
) -> Option<BuiltReport> {
    push_problems(report, &ctx.root, diag);
    let json = format!("{}/reports/{}/report.json", ctx.show(&ctx.out), report.week);
    *notes = Notes::of(report, Some(&json));
    let (tree, newest_week) =
        match crate::render::report_page::render(report, renderer, project, &ctx.out) {
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
        summary: build_summary(report),
        tree,
        newest_week,
    })
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
    crate::tr!(
        "check.data_summary",
        read = thousands(dq.order_rows_read),
        used = thousands(dq.order_rows_used),
        skipped = thousands(dq.order_rows_read - dq.order_rows_used),
        skus = thousands(dq.stock_skus)
    )
}

fn build_summary(r: &Report) -> String {
    let actions = r
        .stock
        .iter()
        .filter(|s| s.action != crate::report::types::Action::Ok)
        .count();
    let (due, at_risk) = (thousands(r.totals.due), thousands(r.at_risk.count));
    match (r.totals.delayed, r.totals.late_rate) {
        (Some(d), Some(rate)) => crate::tr!(
            "report.summary",
            due = due,
            delayed = thousands(d),
            rate = format!("{:.1}", rate * 100.0),
            actions = actions,
            at_risk = at_risk
        ),
        _ => crate::tr!(
            "report.summary_unknown",
            due = due,
            unknown = thousands(r.totals.shipped_time_unknown),
            actions = actions,
            at_risk = at_risk
        ),
    }
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
