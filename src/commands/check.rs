//! `delaybook check`: validate config, playbooks and (unless `--no-data`) the CSV data,
//! print every problem, and end with a one-line summary.

use super::{Context, Status, status_of};
use crate::cli::CheckArgs;
use crate::diag::Diagnostics;
use crate::pipeline::{Project, load_project_with};
use crate::validate::CheckOptions;
use crate::validate::governance::parse_date;

/// Runs `check`.
pub fn run(ctx: &Context, args: &CheckArgs) -> Status {
    let mut diag = Diagnostics::new();
    let started = std::time::Instant::now();
    let today = match args.today.as_deref().map(|t| (t, parse_date(t))) {
        None => None,
        Some((_, Some(d))) => Some(d),
        Some((t, None)) => {
            return ctx.fail(crate::tr!("check.today_bad", value = t));
        }
    };
    let project = load_project_with(&ctx.root, CheckOptions { today }, &mut diag);
    ctx.detail(&crate::tr!(
        "check.detail_read",
        config = crate::config::CONFIG_FILE,
        dir = project.config.inputs.playbooks.display(),
        secs = format!("{:.3}", started.elapsed().as_secs_f64())
    ));
    let mut notes = super::data::Notes::default();
    let data = if args.no_data || diag.error_count() > 0 {
        None
    } else {
        let started = std::time::Instant::now();
        let data = super::report::check_data(ctx, &project, &mut diag, &mut notes);
        ctx.detail(&crate::tr!(
            "check.detail_data",
            secs = format!("{:.3}", started.elapsed().as_secs_f64())
        ));
        data
    };
    notes.print_before(ctx);
    ctx.report_diagnostics(&mut diag);
    notes.print_after(ctx);
    let status = status_of(&diag, args.strict);
    let mut line = summary(&project, &diag);
    if let Some(d) = data {
        line.push_str(&crate::tr!("list.part"));
        line.push_str(&d);
    }
    if status == Status::Ok {
        ctx.info(&crate::tr!("check.ok", summary = line));
    } else {
        ctx.always(&crate::tr!("check.failed", summary = line));
    }
    status
}

/// `9 causes, 10 playbooks, 32 templates, 14 phrase rules, 5 checklists, 22 quiz questions, 0 errors, 1 warning`.
pub fn summary(project: &Project, diag: &Diagnostics) -> String {
    let c = &project.content;
    let plural = |n: usize, what: &str| {
        let key = format!("n.{what}.{}", if n == 1 { "1" } else { "n" });
        crate::tr!(&key, n = n)
    };
    [
        plural(c.causes.len(), "cause"),
        plural(c.playbooks.len(), "playbook"),
        plural(c.templates.len(), "template"),
        plural(c.phrase_rules.len(), "rule"),
        plural(c.checklists.len(), "checklist"),
        plural(c.quiz.len(), "quiz"),
        plural(diag.error_count(), "error"),
        plural(diag.warning_count(), "warning"),
    ]
    .join(&crate::tr!("list.sep"))
}
