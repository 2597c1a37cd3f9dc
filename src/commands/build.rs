//! `delaybook build`: check everything, render the site and the latest report, build
//! the search index, and write the output atomically.
//!
//! Nothing is written when the content has errors: the previous `public/` stays as it
//! was. Reports of earlier weeks already in the output are kept.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

use super::report::BuiltReport;
use super::{Context, Status};
use crate::cli::BuildArgs;
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::output::{MARKER, OutputTree, write_atomic};
use crate::pipeline::{Project, load_project};
use crate::render::Renderer;
use crate::render::site::{SiteInput, render_home, render_pages};

/// Runs `build`.
pub fn run(ctx: &Context, args: &BuildArgs) -> Status {
    run_with(ctx, args, &mut Diagnostics::new())
}

/// Runs `build`, leaving every problem it printed in `diag` (for `serve`, which shows
/// them in the browser).
pub fn run_with(ctx: &Context, args: &BuildArgs, diag: &mut Diagnostics) -> Status {
    let started = Instant::now();
    let project = load_project(&ctx.root, diag);
    ctx.detail(&crate::tr!(
        "build.detail_loaded",
        secs = format!("{:.3}", started.elapsed().as_secs_f64())
    ));
    let Ok(target) = ctx.checked_target(ctx.target(&project.config, args.force)) else {
        return Status::Failure;
    };
    if let Some(status) = stop_early(ctx, args, &project, diag) {
        return status;
    }
    let mut renderer = match ctx.renderer(&project.config) {
        Ok(r) => r,
        Err(e) => return theme_failure(ctx, &project, diag, &e),
    };
    let mut notes = super::data::Notes::default();
    let report = build_report(ctx, args, (&project, &renderer), diag, &mut notes);
    if diag.has_errors(args.strict) {
        return content_failure_with(ctx, &project, diag, &notes);
    }
    renderer.set_has_reports(report.is_some() || previous_has_reports(&ctx.out));
    let report_line = report.as_ref().map(|r| (r.week.clone(), r.summary.clone()));
    let stage = Instant::now();
    let tree = match assemble(&project, &renderer, report, &ctx.out) {
        Ok(t) => t,
        Err(e) => return theme_failure(ctx, &project, diag, &e),
    };
    ctx.detail(&crate::tr!(
        "build.detail_rendered",
        files = tree.len(),
        secs = format!("{:.3}", stage.elapsed().as_secs_f64())
    ));
    warn_if_index_is_large(&tree, &ctx.root, diag);
    warn_about_skipped_theme_files(&project, &renderer, &ctx.root, diag);
    ctx.report_diagnostics(diag);
    notes.print_after(ctx);
    let stage = Instant::now();
    let keep = keep_earlier_reports(&tree);
    if let Err(e) = write_atomic(&tree, &target, keep) {
        return ctx.fail_output(&e);
    }
    ctx.detail(&crate::tr!(
        "build.detail_wrote",
        bytes = tree.total_bytes(),
        out = ctx.show(&ctx.out),
        secs = format!("{:.3}", stage.elapsed().as_secs_f64())
    ));
    let summary = summary(ctx, &project, &renderer, &tree, report_line.as_ref());
    ctx.info(&crate::tr!(
        "build.summary_time",
        summary = summary,
        secs = format!("{:.2}", started.elapsed().as_secs_f64())
    ));
    Status::Ok
}

/// Renders the site and the print handbook, merges the report, and adds the search index.
pub(super) fn assemble(
    project: &Project,
    renderer: &Renderer,
    report: Option<BuiltReport>,
    out: &Path,
) -> Result<OutputTree, crate::render::RenderError> {
    assemble_with(
        project,
        renderer,
        site_pages(project, renderer)?,
        report,
        out,
    )
}

/// What does not depend on the report: every page but the home page (see
/// [`crate::render::site::render_pages`]) and the print handbook.
pub(super) fn site_pages(
    project: &Project,
    renderer: &Renderer,
) -> Result<OutputTree, crate::render::RenderError> {
    let mut tree = render_pages(&project.content, &project.config, renderer)?;
    tree.merge("", super::handbook::handbook_tree(project, renderer)?);
    Ok(tree)
}

/// [`site_pages`] with the home page, the report and the search index (also used by
/// `report`, which renders the pages while it reads the orders).
pub(super) fn assemble_with(
    project: &Project,
    renderer: &Renderer,
    mut tree: OutputTree,
    report: Option<BuiltReport>,
    out: &Path,
) -> Result<OutputTree, crate::render::RenderError> {
    // The home page links the newest report in the output folder, this one included.
    let newest = match &report {
        Some(r) => Some(r.newest_week.clone()),
        None => crate::render::report_page::newest_week(out),
    };
    let input = SiteInput {
        content: &project.content,
        config: &project.config,
        latest_report: newest.as_deref(),
    };
    tree.insert("index.html", render_home(input, renderer)?);
    if let Some(r) = report {
        let prefixed = r.tree.files().all(|(p, _)| p.starts_with("reports/"));
        tree.merge(if prefixed { "" } else { "reports/" }, r.tree);
    }
    let index = crate::search::build_index(&tree, &project.content, &project.config);
    tree.insert("search-index.js", index);
    Ok(tree)
}

/// Content errors, or a `--week`/`--as-of` that cannot be read (exit 2), stop the build
/// before any data is read.
fn stop_early(
    ctx: &Context,
    args: &BuildArgs,
    project: &Project,
    diag: &mut Diagnostics,
) -> Option<Status> {
    if diag.has_errors(false) {
        return Some(content_failure(ctx, project, diag));
    }
    let (week, as_of) = (args.week.as_deref(), args.as_of.as_deref());
    super::report::usage_problem(week, as_of, &project.config).map(|p| ctx.fail(p))
}

/// The report of `--week` (default: §2's week), timed; notes about it are printed now.
fn build_report(
    ctx: &Context,
    args: &BuildArgs,
    (project, renderer): (&Project, &Renderer),
    diag: &mut Diagnostics,
    notes: &mut super::data::Notes,
) -> Option<BuiltReport> {
    let stage = Instant::now();
    let when = (args.week.clone(), args.as_of.clone());
    let report = super::report::build_latest(ctx, project, renderer, when, diag, notes);
    ctx.detail(&crate::tr!(
        "build.detail_report",
        secs = format!("{:.3}", stage.elapsed().as_secs_f64())
    ));
    notes.print_before(ctx);
    report
}

fn content_failure_with(
    ctx: &Context,
    project: &Project,
    diag: &mut Diagnostics,
    notes: &super::data::Notes,
) -> Status {
    ctx.report_diagnostics(diag);
    notes.print_after(ctx);
    eprintln!(
        "{}",
        crate::tr!(
            "cli.failed_nothing_written",
            summary = super::check::summary(project, diag),
            out = ctx.show(&ctx.out)
        )
    );
    Status::ContentErrors
}

fn content_failure(ctx: &Context, project: &Project, diag: &mut Diagnostics) -> super::Status {
    ctx.report_diagnostics(diag);
    ctx.always(&crate::tr!(
        "cli.failed_nothing_written",
        summary = super::check::summary(project, diag),
        out = ctx.show(&ctx.out)
    ));
    Status::ContentErrors
}

/// The embedded theme always loads and renders (tested), so a failure here comes from
/// the project's `theme:` folder: report it like a content error, naming the setting.
fn theme_failure(
    ctx: &Context,
    project: &Project,
    diag: &mut Diagnostics,
    e: &crate::render::RenderError,
) -> Status {
    let config = ctx.root.join(crate::config::CONFIG_FILE);
    let hint = match &project.config.theme {
        Some(_)
            if matches!(
                e,
                crate::render::RenderError::Theme(crate::theme::ThemeError::Outside(_))
            ) =>
        {
            crate::tr!("theme.outside_hint")
        }
        Some(dir) => crate::tr!("build.theme_fix", dir = dir.display()),
        None => crate::tr!("build.theme_bug"),
    };
    diag.push(
        Diagnostic::error("E070", Span::file(config), e.to_string())
            .with_path("theme")
            .with_hint(Some(hint)),
    );
    content_failure(ctx, project, diag)
}

/// True when the current output was made by delaybook and has a reports index that the
/// new build will keep.
fn previous_has_reports(out: &Path) -> bool {
    out.join(MARKER).is_file() && out.join("reports/index.html").is_file()
}

/// The `keep` rule for [`write_atomic`]: files of `reports/<week>/` for weeks the new
/// tree does not contain, and `reports/index.html` when the new tree has none.
pub fn keep_earlier_reports(tree: &OutputTree) -> impl Fn(&str) -> bool + use<> {
    let weeks: BTreeSet<String> = tree
        .files()
        .filter_map(|(p, _)| report_week(p).map(str::to_string))
        .collect();
    let has_index = tree.get("reports/index.html").is_some();
    move |path: &str| match report_week(path) {
        Some(w) => !weeks.contains(w),
        None => path == "reports/index.html" && !has_index,
    }
}

/// `reports/2026-W47/index.html` → `2026-W47`.
fn report_week(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("reports/")?;
    rest.split_once('/').map(|(w, _)| w)
}

/// `built public/: 41 pages, 32 reply templates, 12 theme templates, search index 81234
/// bytes; report 2026-W47: …`.
/// Above this size the search index slows down phones (mdBook's 38 MB index crashed
/// Mobile Safari), so the build says so.
pub const SEARCH_INDEX_WARN_BYTES: usize = 10 * 1024 * 1024;

fn warn_if_index_is_large(tree: &OutputTree, root: &Path, diag: &mut Diagnostics) {
    let bytes = tree.get("search-index.js").map_or(0, <[u8]>::len);
    if bytes > SEARCH_INDEX_WARN_BYTES {
        diag.push(
            Diagnostic::warning(
                "W071",
                Span::file(root.join(crate::config::CONFIG_FILE)),
                crate::tr!(
                    "build.index_large",
                    mb = format!("{:.1}", bytes as f64 / 1_048_576.0)
                ),
            )
            .with_hint(Some(crate::tr!("build.index_large_hint"))),
        );
    }
}

/// Files of the theme folder that are not published are listed once, grouped: an
/// author who put a file there may have expected it in the output.
fn warn_about_skipped_theme_files(
    project: &Project,
    renderer: &Renderer,
    root: &Path,
    diag: &mut Diagnostics,
) {
    let skipped = renderer.theme_skipped();
    let (Some(dir), false) = (&project.config.theme, skipped.is_empty()) else {
        return;
    };
    let shown: Vec<String> = skipped
        .iter()
        .take(5)
        .map(|s| crate::tr!("theme.skipped_item", path = s.path, why = crate::tr!(s.why)))
        .collect();
    let (count, dir, files) = (
        skipped.len(),
        dir.display(),
        shown.join(&crate::tr!("list.sep")),
    );
    let message = match skipped.len() {
        n if n > 5 => crate::tr!(
            "build.theme_skipped_more",
            count = count,
            dir = dir,
            files = files,
            more = n - 5
        ),
        _ => crate::tr!(
            "build.theme_skipped",
            count = count,
            dir = dir,
            files = files
        ),
    };
    diag.push(
        Diagnostic::warning(
            "W072",
            Span::file(root.join(crate::config::CONFIG_FILE)),
            message,
        )
        .with_path("theme")
        .with_hint(Some(crate::tr!(
            "build.theme_skipped_hint",
            exts = crate::theme::ASSET_EXTENSIONS.join(", ")
        ))),
    );
}

fn summary(
    ctx: &Context,
    project: &Project,
    renderer: &Renderer,
    tree: &OutputTree,
    report: Option<&(String, String)>,
) -> String {
    let pages = tree.files().filter(|(p, _)| p.ends_with(".html")).count();
    let index = tree.get("search-index.js").map_or(0, <[u8]>::len);
    let s = crate::tr!(
        "build.summary",
        out = ctx.show(&ctx.out),
        pages = pages,
        templates = project.content.templates.len(),
        theme = renderer.template_count(),
        index = index
    );
    match report {
        Some((week, line)) => crate::tr!(
            "build.summary_report",
            summary = s,
            week = week,
            report = line
        ),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Rebuilding must not lose last weeks' reports, nor keep stale files of a rebuilt week.
    #[test]
    fn keeps_only_reports_of_weeks_not_rebuilt() {
        let mut tree = OutputTree::new();
        tree.insert("reports/2026-W47/index.html", "new");
        tree.insert("reports/index.html", "list");
        let keep = keep_earlier_reports(&tree);
        assert!(keep("reports/2026-W46/index.html"));
        assert!(!keep("reports/2026-W47/old.svg"));
        assert!(!keep("reports/index.html"));
        assert!(!keep("index.html"));
        let keep_all = keep_earlier_reports(&OutputTree::new());
        assert!(keep_all("reports/index.html"));
    }

    // A huge index must not pass silently: it is what crashed mdBook sites on phones.
    #[test]
    fn warns_only_about_a_large_search_index() {
        let mut diag = Diagnostics::new();
        let mut tree = OutputTree::new();
        tree.insert("search-index.js", vec![b' '; 1024]);
        warn_if_index_is_large(&tree, Path::new("."), &mut diag);
        assert_eq!(diag.warning_count(), 0);
        tree.insert("search-index.js", vec![b' '; SEARCH_INDEX_WARN_BYTES + 1]);
        warn_if_index_is_large(&tree, Path::new("."), &mut diag);
        assert_eq!(diag.items()[0].code, "W071");
    }
}
