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
            return ctx.fail(format!(
                "--today `{t}` is not a date; write YYYY-MM-DD, e.g. 2026-11-30"
            ));
        }
    };
    let project = load_project_with(&ctx.root, CheckOptions { today }, &mut diag);
    ctx.detail(&format!(
        "read {} and the playbooks under {} in {:.3} s",
        crate::config::CONFIG_FILE,
        project.config.inputs.playbooks.display(),
        started.elapsed().as_secs_f64()
    ));
    let mut notes = super::data::Notes::default();
    let data = if args.no_data || diag.error_count() > 0 {
        None
    } else {
        let started = std::time::Instant::now();
        let data = super::report::check_data(ctx, &project, &mut diag, &mut notes);
        ctx.detail(&format!(
            "read the CSV data in {:.3} s",
            started.elapsed().as_secs_f64()
        ));
        data
    };
    notes.print_before(ctx);
    ctx.report_diagnostics(&mut diag);
    notes.print_after(ctx);
    let status = status_of(&diag, args.strict);
    let mut line = summary(&project, &diag);
    if let Some(d) = data {
        line.push_str("; ");
        line.push_str(&d);
    }
    if status == Status::Ok {
        ctx.info(&format!("ok: {line}"));
    } else {
        ctx.always(&format!("failed: {line}"));
    }
    status
}

/// `9 causes, 10 playbooks, 32 templates, 14 phrase rules, 5 checklists, 22 quiz questions, 0 errors, 1 warning`.
pub fn summary(project: &Project, diag: &Diagnostics) -> String {
    let c = &project.content;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    [
        plural(c.causes.len(), "cause", "causes"),
        plural(c.playbooks.len(), "playbook", "playbooks"),
        plural(c.templates.len(), "template", "templates"),
        plural(c.phrase_rules.len(), "phrase rule", "phrase rules"),
        plural(c.checklists.len(), "checklist", "checklists"),
        plural(c.quiz.len(), "quiz question", "quiz questions"),
        plural(diag.error_count(), "error", "errors"),
        plural(diag.warning_count(), "warning", "warnings"),
    ]
    .join(", ")
}
