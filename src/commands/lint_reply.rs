//! `delaybook lint-reply [FILE|-] [--json]`: checks one reply draft with the project's
//! phrase rules — the same engine as the "check my reply" page — and exits 1 when a
//! finding is an error (never send), 0 when there are only warnings or none, 2 when the
//! draft cannot be read.

use std::io::{Read as _, Write as _};
use std::path::Path;

use super::{Context, Status};
use crate::cli::{LintReplyArgs, ReplyAudience};
use crate::diag::Diagnostics;
use crate::lint::Finding;
use crate::playbooks::model::{PhraseAudience, PhraseSeverity};
use crate::render::Renderer;

/// Largest draft read (a reply is a few hundred characters).
pub const MAX_DRAFT_BYTES: u64 = 1024 * 1024;

/// Runs `lint-reply`.
pub fn run(ctx: &Context, args: &LintReplyArgs) -> Status {
    let (label, draft) = match read_draft(args.file.as_deref()) {
        Ok(d) => d,
        Err(message) => return ctx.fail(message),
    };
    let mut diag = Diagnostics::new();
    let project = crate::pipeline::load_project(&ctx.root, &mut diag);
    // The findings' labels and summary speak the terminal's language (`--lang`), which
    // is the project's `site.language` unless overridden.
    let mut config = project.config.clone();
    config.site.language = match crate::i18n::lang() {
        crate::i18n::Lang::En => crate::config::Language::En,
        crate::i18n::Lang::ZhCn => crate::config::Language::ZhCn,
    };
    let renderer = match Renderer::new(&config, &ctx.root) {
        Ok(r) => r,
        Err(e) => return ctx.fail(crate::tr!("reply.theme_strings", reason = e)),
    };
    if diag.error_count() > 0 {
        let warn = renderer
            .t("lint_content_errors")
            .replace("{n}", &diag.error_count().to_string());
        eprintln!("{warn}");
    }
    let to = match args.to {
        None => PhraseAudience::All,
        Some(ReplyAudience::Buyer) => PhraseAudience::Buyer,
        Some(ReplyAudience::Supplier) => PhraseAudience::Supplier,
    };
    let findings = project.content.linter.check_to(&draft, to);
    let text = if args.json {
        match serde_json::to_string_pretty(&findings) {
            Ok(text) => text + "\n",
            Err(e) => return ctx.fail(crate::tr!("reply.json_failed", reason = e)),
        }
    } else {
        let checked = project.content.linter.categories_for(to).len();
        human(&label, &draft, &findings, checked, &renderer)
    };
    // A closed pipe (`| head`) is not an error; anything else is.
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        let reason = crate::fsx::io_reason(&e);
        return ctx.fail(crate::tr!("reply.stdout_failed", reason = reason));
    }
    if findings.iter().any(|f| f.severity == PhraseSeverity::Error) {
        Status::ContentErrors
    } else {
        Status::Ok
    }
}

/// The draft's display name and text; a usage or I/O problem as a message.
fn read_draft(file: Option<&Path>) -> Result<(String, String), String> {
    let (label, bytes) = match file {
        None => read_stdin()?,
        Some(p) if p.as_os_str() == "-" => read_stdin()?,
        Some(p) => {
            let cannot_read = |e: std::io::Error| {
                let reason = crate::fsx::io_reason(&e);
                crate::tr!("reply.cannot_read", file = p.display(), reason = reason)
            };
            let meta = std::fs::metadata(p).map_err(cannot_read)?;
            if meta.len() > MAX_DRAFT_BYTES {
                return Err(crate::tr!(
                    "reply.too_large",
                    file = p.display(),
                    bytes = meta.len(),
                    max = MAX_DRAFT_BYTES
                ));
            }
            let bytes = std::fs::read(p).map_err(cannot_read)?;
            (p.display().to_string(), bytes)
        }
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        crate::tr!(
            "reply.not_utf8",
            file = label,
            offset = e.utf8_error().valid_up_to()
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    if text.trim().is_empty() {
        return Err(crate::tr!("reply.empty", file = label));
    }
    Ok((label, text))
}

fn read_stdin() -> Result<(String, Vec<u8>), String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(MAX_DRAFT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            let reason = crate::fsx::io_reason(&e);
            crate::tr!("reply.stdin_failed", reason = reason)
        })?;
    if bytes.len() as u64 > MAX_DRAFT_BYTES {
        return Err(crate::tr!("reply.stdin_too_large", max = MAX_DRAFT_BYTES));
    }
    Ok(("<stdin>".to_string(), bytes))
}

/// `file:line:col: 不能发送 [类别] “原文”（规则 id）` + reason + better, then a summary.
fn human(label: &str, draft: &str, findings: &[Finding], checked: usize, r: &Renderer) -> String {
    let mut out = String::new();
    for f in findings {
        let (line, col) = line_col(draft, f.bytes.start);
        let severity = match f.severity {
            PhraseSeverity::Error => r.t("check_severity_error"),
            PhraseSeverity::Warning => r.t("check_severity_warning"),
        };
        let key = format!("category_{}", f.category.key());
        let category = r.t(&key);
        out.push_str(&format!(
            "{label}:{line}:{col}: {severity} [{category}] “{}”（{} {}）\n",
            f.text,
            r.t("check_rule"),
            f.rule
        ));
        out.push_str(&format!(
            "  {}{}{}\n",
            r.t("check_reason"),
            r.t("colon"),
            f.reason
        ));
        out.push_str(&format!(
            "  {}{}{}\n",
            r.t("check_better"),
            r.t("colon"),
            f.better
        ));
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == PhraseSeverity::Error)
        .count();
    let summary = if findings.is_empty() {
        r.t("check_ok").replace("{n}", &checked.to_string())
    } else {
        r.t("lint_summary")
            .replace("{n}", &findings.len().to_string())
            .replace("{e}", &errors.to_string())
            .replace("{w}", &(findings.len() - errors).to_string())
    };
    out.push_str(&summary);
    out.push('\n');
    out
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
