//! `delaybook handbook [--pdf]`: only the print handbook (`handbook.html` and
//! `handbook.md`, and with `--pdf` a `handbook.pdf` printed by a local Chromium). The rest of an existing
//! delaybook output folder is kept as it is.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Context, Status};
use crate::cli::HandbookArgs;
use crate::diag::Diagnostics;
use crate::output::{OutputTree, write_atomic};
use crate::pipeline::load_project;
use crate::render::Renderer;
use crate::render::handbook::{HANDBOOK_PATH, render_files};

/// Runs `handbook`.
pub fn run(ctx: &Context, args: &HandbookArgs) -> Status {
    let mut diag = Diagnostics::new();
    let project = load_project(&ctx.root, &mut diag);
    let Ok(target) = ctx.checked_target(ctx.target(&project.config, args.force)) else {
        return Status::Failure;
    };
    ctx.report_diagnostics(&mut diag);
    if diag.has_errors(false) {
        ctx.always(&crate::tr!(
            "handbook.failed",
            summary = super::check::summary(&project, &diag)
        ));
        return Status::ContentErrors;
    }
    let renderer = match ctx.renderer(&project.config) {
        Ok(r) => r,
        Err(e) => return ctx.fail(e),
    };
    let files = match render_files(&project.content, &project.config, &renderer) {
        Ok(h) => h,
        Err(e) => return ctx.fail(e),
    };
    let mut tree = renderer.assets();
    tree.merge("", files);
    if let Err(e) = write_atomic(&tree, &target, |_| true) {
        return ctx.fail_output(&e);
    }
    let page = ctx.out.join(HANDBOOK_PATH);
    ctx.info(&crate::tr!(
        "handbook.wrote_bytes",
        file = ctx.show(&page),
        bytes = tree.get(HANDBOOK_PATH).map_or(0, <[u8]>::len)
    ));
    if args.pdf {
        return print_pdf(ctx, &page, &ctx.out.join("handbook.pdf"));
    }
    Status::Ok
}

/// The local Chromium: `$CHROMIUM`, else the usual install paths.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
        "/usr/bin/google-chrome-stable",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.is_file())
}

/// Prints `page` to `pdf` with headless Chromium, into a temporary file first so a
/// failed print never leaves a broken PDF behind.
fn print_pdf(ctx: &Context, page: &Path, pdf: &Path) -> Status {
    let Some(chromium) = find_chromium() else {
        return ctx.fail(crate::tr!("handbook.no_chromium"));
    };
    let absolute = match std::fs::canonicalize(page) {
        Ok(p) => p,
        Err(e) => {
            return ctx.fail(crate::tr!(
                "handbook.no_page",
                file = page.display(),
                error = e
            ));
        }
    };
    let tmp = pdf.with_extension("pdf.tmp");
    let profile = std::env::temp_dir().join(format!("delaybook-pdf-{}", std::process::id()));
    let result = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
        ])
        .args([
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", tmp.display()))
        .arg(format!("file://{}", absolute.display()))
        .output();
    let _ = std::fs::remove_dir_all(&profile);
    let printed = matches!(&result, Ok(o) if o.status.success()) && is_pdf(&tmp);
    if !printed {
        let _ = std::fs::remove_file(&tmp);
        let detail = match result {
            Ok(o) => String::from_utf8_lossy(&o.stderr)
                .lines()
                .last()
                .unwrap_or("")
                .to_string(),
            Err(e) => e.to_string(),
        };
        return ctx.fail(crate::tr!(
            "handbook.print_failed",
            chromium = chromium.display(),
            detail = detail
        ));
    }
    if let Err(e) = std::fs::rename(&tmp, pdf) {
        return ctx.fail(crate::tr!(
            "handbook.move_failed",
            file = pdf.display(),
            error = e
        ));
    }
    ctx.info(&crate::tr!("handbook.wrote", file = ctx.show(pdf)));
    Status::Ok
}

fn is_pdf(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|b| b.starts_with(b"%PDF"))
}

/// The handbook page and its Markdown twin as output tree entries, for `build`.
pub fn handbook_tree(
    project: &crate::pipeline::Project,
    renderer: &Renderer,
) -> Result<OutputTree, crate::render::RenderError> {
    render_files(&project.content, &project.config, renderer)
}
