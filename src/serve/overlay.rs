//! What open pages learn about the last build: its number (pages reload when it
//! changes) and, after a failed rebuild, its problems, which every open page shows in
//! an overlay — file:line:col, the message, the source line and the hint, as in the
//! terminal — until the next good build reloads it. An author watching the browser
//! sees at once why the save did not show.
//!
//! The script is added to served HTML only, never written to disk; it builds the
//! overlay with text nodes, so a message quoting content cannot inject markup.

use std::path::Path;
use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

use crate::config::Language;
use crate::diag::{Diagnostics, Severity, display_path, render_one};

/// The path pages poll for the build number and the problems (JSON).
pub const STATUS_PATH: &str = "/__delaybook/status";

/// Most problems sent to the browser; the terminal has them all.
const MAX_SHOWN: usize = 50;

/// The last build as pages see it.
#[derive(Debug, Default)]
pub struct BuildState {
    version: AtomicU64,
    failure: RwLock<Option<Failure>>,
}

/// A failed rebuild, as the overlay shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    /// The overlay's heading.
    pub title: String,
    /// What to do.
    pub intro: String,
    /// The errors (at most [`MAX_SHOWN`]).
    pub problems: Vec<Problem>,
    /// How many errors there were in all.
    pub total: usize,
    /// What precedes a hint shown without its source line ("hint: ", "提示：").
    pub hint_label: String,
}

/// One error of a failed rebuild.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// `playbooks/x.yaml:12:7`.
    pub location: String,
    /// `error[E016]: …`.
    pub message: String,
    /// The hint, if any.
    pub hint: Option<String>,
    /// The whole diagnostic as the terminal prints it (source line and caret included).
    pub text: String,
}

#[derive(Serialize)]
struct StatusJson<'a> {
    version: u64,
    failure: Option<&'a Failure>,
}

impl BuildState {
    /// The state before the first build: version 1, nothing failed.
    pub fn new() -> Self {
        BuildState {
            version: AtomicU64::new(1),
            failure: RwLock::new(None),
        }
    }

    /// The build number pages compare.
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::SeqCst)
    }

    /// A build succeeded: the overlay goes, and open pages reload.
    pub fn succeeded(&self) {
        self.set(None);
        self.version.fetch_add(1, Ordering::SeqCst);
    }

    /// A build failed: open pages show `failure` (and keep their content).
    pub fn failed(&self, failure: Failure) {
        self.set(Some(failure));
    }

    fn set(&self, value: Option<Failure>) {
        match self.failure.write() {
            Ok(mut g) => *g = value,
            Err(poisoned) => *poisoned.into_inner() = value,
        }
    }

    /// The JSON answered on [`STATUS_PATH`].
    pub fn json(&self) -> String {
        let failure = match self.failure.read() {
            Ok(g) => g.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        };
        let status = StatusJson {
            version: self.version(),
            failure: failure.as_ref(),
        };
        serde_json::to_string(&status).unwrap_or_else(|_| "{}".to_string())
    }
}

/// The overlay of a failed build: its errors from `diag` (paths relative to `root`),
/// or, when it failed without one (an I/O problem printed in the terminal), a line
/// that says so.
pub fn failure_of(diag: &Diagnostics, root: &Path, lang: Language) -> Failure {
    let mut errors: Vec<_> = diag
        .items()
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    // A broken YAML file (E010–E017) makes others report unknown ids: show it first.
    errors.sort_by_key(|d| !d.code.starts_with("E01"));
    let lang = crate::i18n::Lang::from(lang);
    let text = |key: &str| crate::i18n::text(lang, key).to_string();
    let title = crate::i18n::format(lang, "overlay.title", &[("n", &errors.len().max(1))]);
    let mut problems: Vec<Problem> = errors
        .iter()
        .take(MAX_SHOWN)
        .map(|d| Problem {
            location: location(d, root),
            message: crate::i18n::format(
                lang,
                "overlay.problem",
                &[("code", &d.code), ("message", &d.message)],
            ),
            hint: d.hint.clone(),
            text: snippet(d, root),
        })
        .collect();
    if problems.is_empty() {
        problems.push(Problem {
            location: String::new(),
            message: text("overlay.no_diagnostic"),
            hint: None,
            text: String::new(),
        });
    }
    Failure {
        title,
        intro: text("overlay.intro"),
        problems,
        total: errors.len(),
        hint_label: text("overlay.hint_label"),
    }
}

/// The diagnostic as the terminal prints it, without its first line (the location and
/// message, shown above it).
fn snippet(d: &crate::diag::Diagnostic, root: &Path) -> String {
    let text = render_one(d, root, false);
    text.split_once('\n')
        .map_or(String::new(), |(_, rest)| rest.trim_end().to_string())
}

fn location(d: &crate::diag::Diagnostic, root: &Path) -> String {
    let file = display_path(&d.span.file, root);
    match (d.span.line, d.span.column) {
        (0, _) => file,
        (l, 0) => format!("{file}:{l}"),
        (l, c) => format!("{file}:{l}:{c}"),
    }
}

/// Added before `</body>` of every served HTML page: polls [`STATUS_PATH`], reloads the
/// page when the build number changes, and shows the overlay while the last build
/// failed.
pub const RELOAD_SNIPPET: &str = r#"<script>(function(){var v=null,shown="";
function box(f){var o=document.getElementById("delaybook-overlay");if(!f){if(o){o.remove();}shown="";return;}
var key=JSON.stringify(f);if(key===shown&&o){return;}shown=key;if(o){o.remove();}
o=document.createElement("div");o.id="delaybook-overlay";o.setAttribute("role","alert");
o.style.cssText="position:fixed;inset:0;z-index:2147483647;background:rgba(20,10,10,.82);overflow:auto;padding:4vh 4vw;font:15px/1.6 system-ui,sans-serif;color:#fff";
var card=document.createElement("div");card.style.cssText="max-width:60rem;margin:0 auto;background:#fff;color:#1f2328;border-top:6px solid #a40e26;border-radius:6px;padding:1.2rem 1.5rem";
function el(t,css,text){var e=document.createElement(t);if(css){e.style.cssText=css;}if(text!==undefined){e.textContent=text;}return e;}
card.appendChild(el("h2","margin:0 0 .4rem;color:#a40e26;font-size:1.3rem",f.title));
card.appendChild(el("p","margin:0 0 .8rem",f.intro));
f.problems.forEach(function(p){var d=el("div","border-left:4px solid #a40e26;background:#fff0f0;padding:.5rem .8rem;margin:.6rem 0");d.className="delaybook-problem";
if(p.location){d.appendChild(el("p","margin:0;font-weight:700;font-family:monospace",p.location));}
d.appendChild(el("p","margin:0",p.message));
if(p.text){d.appendChild(el("pre","margin:.3rem 0;white-space:pre-wrap;font:13px/1.45 monospace;color:#333",p.text));}
else if(p.hint){d.appendChild(el("p","margin:0;color:#57606a",f.hint_label+p.hint));}
card.appendChild(d);});
o.appendChild(card);document.body.appendChild(o);}
function poll(){var x=new XMLHttpRequest();x.open("GET","/__delaybook/status");
x.onload=function(){var s;try{s=JSON.parse(x.responseText);}catch(e){return;}
if(v!==null&&s.version!==v){location.reload();return;}v=s.version;box(s.failure);};x.send();}
poll();setInterval(poll,1000);})();</script>"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostic, Span};

    // The overlay names the place, the message and the hint, and goes at the next good
    // build; the page reloads then because the version moved.
    #[test]
    fn a_failure_is_shown_until_the_next_good_build() {
        let state = BuildState::new();
        let mut diag = Diagnostics::new();
        diag.push(
            Diagnostic::error(
                "E016",
                Span::at("/p/playbooks/a.yaml", 3, 7),
                "malformed YAML",
            )
            .with_hint(Some("check the indentation".into())),
        );
        diag.push(Diagnostic::warning(
            "W082",
            Span::file("/p/x.yaml"),
            "no owner",
        ));
        state.failed(failure_of(&diag, Path::new("/p"), Language::ZhCn));
        let json: serde_json::Value = serde_json::from_str(&state.json()).unwrap();
        assert_eq!(json["version"], 1);
        let p = &json["failure"]["problems"][0];
        assert_eq!(p["location"], "playbooks/a.yaml:3:7");
        assert_eq!(p["message"], "错误[E016]：malformed YAML");
        assert!(
            json["failure"]["title"]
                .as_str()
                .unwrap()
                .starts_with("重新生成失败")
        );
        let en = failure_of(&diag, Path::new("/p"), Language::En);
        assert_eq!(en.problems[0].message, "error[E016]: malformed YAML");
        assert_eq!(en.title, "Rebuild failed: 1 error");
        assert_eq!(p["hint"], "check the indentation");
        assert_eq!(json["failure"]["total"], 1, "warnings are not errors");
        state.succeeded();
        let json: serde_json::Value = serde_json::from_str(&state.json()).unwrap();
        assert_eq!(json["version"], 2);
        assert!(json["failure"].is_null());
    }

    // A build that failed without a diagnostic (an I/O error) still shows something.
    #[test]
    fn a_failure_without_diagnostics_points_at_the_terminal() {
        let f = failure_of(&Diagnostics::new(), Path::new("."), Language::En);
        assert_eq!(f.problems.len(), 1);
        assert!(f.problems[0].message.contains("terminal"));
    }
}
