//! Diagnostics: problems are values collected by a [`Diagnostics`] sink, not log lines.
//!
//! Every stage pushes what it finds here and keeps going, so that one run reports every
//! problem at once. The sink decides the exit code, and [`Diagnostics::render`] prints
//! each problem as `file:line:col: error[E012]: message`, the source line, a caret and a
//! hint, the way rustc and the toml crate do.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop the pipeline before rendering, warnings do not
/// (unless `--strict` turns them into errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Reported, but the output is still written.
    Warning,
    /// Stops the run before anything is written.
    Error,
}

/// A place in a source file: 1-based line and column (columns count characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Span {
    /// The file, relative to the project root when possible.
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub column: usize,
}

impl Span {
    /// A span pointing at a whole file (no line).
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Span {
            file: path.into(),
            line: 0,
            column: 0,
        }
    }

    /// A span pointing at `line:column` of `path`.
    pub fn at(path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Span {
            file: path.into(),
            line,
            column,
        }
    }
}

/// One problem found in the input, with everything a person needs to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable code such as `E012`, documented in `docs/errors.md`.
    pub code: &'static str,
    /// Where the problem is.
    pub span: Span,
    /// The path of the offending field, e.g. `playbooks[1].steps[0].deadline`.
    pub field_path: Option<String>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, e.g. "did you mean `stockout`?".
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A new error at `span`.
    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            span,
            field_path: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A new warning at `span`.
    pub fn warning(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, span, message)
        }
    }

    /// Attaches the field path of the offending value.
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        let path = path.into();
        if !path.is_empty() {
            self.field_path = Some(path);
        }
        self
    }

    /// Attaches a hint; `None` leaves the diagnostic unchanged.
    pub fn with_hint(mut self, hint: impl Into<Option<String>>) -> Self {
        if let Some(h) = hint.into() {
            self.hint = Some(h);
        }
        self
    }
}

/// The sink every stage reports into. It keeps the order problems were found in.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty sink.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// All recorded problems, in the order they were found.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Moves every problem of `other` into this sink.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// True when at least one error was recorded (or a warning, when `strict`).
    pub fn has_errors(&self, strict: bool) -> bool {
        self.error_count() > 0 || (strict && self.warning_count() > 0)
    }

    /// Sorts problems by file, line and column so output is stable across runs.
    pub fn sort(&mut self) {
        self.items
            .sort_by(|a, b| a.span.cmp(&b.span).then_with(|| a.code.cmp(b.code)));
    }

    /// Renders every problem for a terminal; `root` is stripped from file names and
    /// used to read the source line for the snippet.
    pub fn render(&self, root: &Path, color: bool) -> String {
        let mut out = String::new();
        let mut sources = Sources::default();
        for d in &self.items {
            out.push_str(&render_with(d, root, color, &mut sources));
            out.push('\n');
        }
        out
    }
}

/// Formats one diagnostic: the heading, the source line with a caret, and the hint.
pub fn render_one(d: &Diagnostic, root: &Path, color: bool) -> String {
    render_with(d, root, color, &mut Sources::default())
}

/// Source files already read for snippets, with the byte offset of each line start:
/// a file with a thousand problems is read once, not a thousand times.
#[derive(Default)]
struct Sources {
    files: std::collections::BTreeMap<PathBuf, Option<(String, Vec<usize>)>>,
}

impl Sources {
    /// Line `line` (1-based) of `path`, read at most once (files over 8 MB never).
    fn line(&mut self, path: &Path, line: usize) -> Option<&str> {
        let entry = self
            .files
            .entry(path.to_path_buf())
            .or_insert_with(|| read_with_line_starts(path));
        let (text, starts) = entry.as_ref()?;
        let start = *starts.get(line.checked_sub(1)?)?;
        let end = starts.get(line).map_or(text.len(), |&e| e - 1);
        Some(&text[start..end])
    }
}

fn read_with_line_starts(path: &Path) -> Option<(String, Vec<usize>)> {
    if std::fs::metadata(path).ok()?.len() > 8 * 1024 * 1024 {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    // Data exports may be GBK or UTF-16: their lines are shown as their text. Other files
    // (YAML) must be UTF-8, and a bad byte shows as what it is.
    let data = path.extension().is_some_and(|x| {
        ["csv", "tsv", "txt"]
            .iter()
            .any(|e| x.eq_ignore_ascii_case(e))
    });
    let text = if data {
        crate::ingest::encoding::decode_for_display(&bytes)
    } else {
        String::from_utf8_lossy(&bytes).into_owned()
    };
    let starts = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    Some((text, starts))
}

fn render_with(d: &Diagnostic, root: &Path, color: bool, sources: &mut Sources) -> String {
    let (label, paint) = match d.severity {
        Severity::Error => (crate::tr!("diag.error"), "\x1b[1;31m"),
        Severity::Warning => (crate::tr!("diag.warning"), "\x1b[1;33m"),
    };
    let mut place = display_path(&d.span.file, root);
    if d.span.line > 0 {
        let _ = write!(place, ":{}", d.span.line);
        if d.span.column > 0 {
            let _ = write!(place, ":{}", d.span.column);
        }
    }
    let mut out = String::new();
    // A problem with no file (e.g. a command-line value) has no place prefix.
    if !place.is_empty() {
        out.push_str(&place);
        out.push_str(": ");
    }
    let head = format!("{label}[{}]", d.code);
    // A message not yet in the catalogue keeps its English text on a line of its own,
    // under the code's title in the terminal's language.
    let message_untranslated = untranslated(&d.message);
    let title;
    let message = if message_untranslated {
        title = crate::i18n::text(crate::i18n::lang(), &format!("code.{}", d.code));
        std::borrow::Cow::Borrowed(title)
    } else {
        // Everything below may quote file content or CSV values: control characters are
        // escaped so that nothing from the input can drive the terminal.
        escape_controls(&d.message)
    };
    let sep = label_separator();
    if color {
        let _ = write!(out, "{paint}{head}\x1b[0m{sep}\x1b[1m{message}\x1b[0m");
    } else {
        let _ = write!(out, "{head}{sep}{message}");
    }
    if message_untranslated {
        let _ = write!(
            out,
            "\n  = {}{sep}{}",
            crate::tr!("diag.detail"),
            escape_controls(&d.message)
        );
    }
    if let Some(path) = &d.field_path {
        let _ = write!(
            out,
            "\n  = {}{sep}{}",
            crate::tr!("diag.field"),
            escape_controls(path)
        );
    }
    if let Some(snippet) = snippet(&d.span, root, sources) {
        out.push('\n');
        out.push_str(&snippet);
    }
    if let Some(hint) = &d.hint {
        push_hint(&mut out, hint, root);
    }
    out
}

/// Appends `= hint: …` (a hint the catalogue does not cover yet says it is English).
fn push_hint(out: &mut String, hint: &str, root: &Path) {
    let sep = label_separator();
    // Paths quoted in hints are shown relative to the project root, like the heading.
    let root_prefix = format!("{}/", root.display());
    let hint = hint.replace(&root_prefix, "");
    // A hint may span lines (a fix to paste, several hints): the line breaks are the
    // program's own, every line's content is escaped.
    let lines: Vec<std::borrow::Cow<'_, str>> = hint.split('\n').map(escape_controls).collect();
    let label = if untranslated(hint.split('\n').next().unwrap_or("")) {
        crate::tr!("diag.hint_en")
    } else {
        crate::tr!("diag.hint")
    };
    let _ = write!(out, "\n  = {label}{sep}{}", lines.join("\n"));
}

/// What follows a label such as `error[E050]` or `hint`: `: `, or `：` in Chinese.
pub fn label_separator() -> &'static str {
    match crate::i18n::lang() {
        crate::i18n::Lang::En => ": ",
        crate::i18n::Lang::ZhCn => "：",
    }
}

/// `\n  = hint: ` in the terminal's language: joins several hints of one diagnostic.
pub fn hint_joint() -> String {
    format!("\n  = {}{}", crate::tr!("diag.hint"), label_separator())
}

/// True when the terminal speaks Chinese and `message` has no Chinese outside its
/// `quoted` values: a message the catalogue does not cover yet.
fn untranslated(message: &str) -> bool {
    crate::i18n::lang() == crate::i18n::Lang::ZhCn
        && !message
            .split('`')
            .step_by(2)
            .flat_map(str::chars)
            .any(|c| matches!(c, '\u{3000}'..='\u{303F}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}'))
}

/// The file name as the user should see it: relative to the project root when inside it,
/// with control characters escaped (a file name can hold any byte but `/` and NUL).
pub fn display_path(file: &Path, root: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap_or(file);
    escape_controls(&rel.to_string_lossy().replace('\\', "/")).into_owned()
}

/// `text` with every character that could act on a terminal written as a visible
/// escape: C0 and C1 controls (ESC, NUL, BEL, CR, newline …) and DEL as `\u{1b}` (or
/// `\n`, `\r`, `\t`), and the invisible direction marks and overrides (U+202E …) that
/// can make a line read differently from what it holds. Applied to every message
/// printed, since messages quote YAML ids, file names and CSV values.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe_for_terminal) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe_for_terminal(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Controls, and the Unicode format characters that reorder or hide text
/// (bidirectional marks, embeddings, overrides and isolates; line/paragraph separators).
fn is_unsafe_for_terminal(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}'
            | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn snippet(span: &Span, root: &Path, sources: &mut Sources) -> Option<String> {
    // CSV lines are not shown: they can hold buyer contact details, and a large export
    // would be read again for every problem.
    if span.line == 0
        || span
            .file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        return None;
    }
    // Spans hold `root.join(…)`, so a relative path is relative to the working folder
    // (with `-C project` too); a bare project-relative path is tried under `root`.
    let full = if span.file.is_absolute() || span.file.exists() {
        span.file.clone()
    } else {
        root.join(&span.file)
    };
    let line = sources.line(&full, span.line)?;
    let line: String = line.trim_end_matches('\r').chars().take(160).collect();
    // Escaped before the caret is placed, so the caret stays under the right character.
    let column = span.column.min(line.chars().count() + 1);
    let before: String = line.chars().take(column.saturating_sub(1)).collect();
    let shown = escape_controls(&line);
    let num = span.line.to_string();
    let pad = " ".repeat(num.len());
    let mut out = format!("{pad} |\n{num} | {shown}");
    if span.column > 0 {
        let before: usize = escape_controls(&before).chars().map(char_width).sum();
        let _ = write!(out, "\n{pad} | {}^", " ".repeat(before));
    }
    Some(out)
}

/// Display width of a character in a terminal: CJK and full-width forms take two cells.
fn char_width(c: char) -> usize {
    let cp = c as u32;
    let wide = matches!(cp,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF |
        0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF |
        0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide { 2 } else { 1 }
}

/// Suggests the closest of `candidates` to `word` (Jaro-Winkler ≥ 0.8), for "did you mean".
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(word, c);
        if score >= 0.8 && best.is_none_or(|(s, b)| score > s || (score == s && c < b)) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| crate::tr!("diag.did_you_mean", word = c))
}

/// The candidate most like `word`: Jaro-Winkler ≥ 0.8, or, for a word in Chinese (or
/// any non-ASCII script, where words are two to four characters and one wrong
/// character drops Jaro-Winkler far below 0.8: 却货 for 缺货), one character
/// inserted, deleted or replaced.
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let wide = !word.is_ascii() && word.chars().count() >= 2;
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let mut score = strsim::jaro_winkler(word, c);
        if wide && c != word && strsim::levenshtein(word, c) == 1 {
            score = score.max(0.85);
        }
        if score >= 0.8 && best.is_none_or(|(s, b)| score > s || (score == s && c < b)) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The suggestion is what makes an unknown-id error fixable in one edit.
    #[test]
    fn suggests_closest_candidate() {
        let hint = did_you_mean("stockot", ["stockout", "logistics"]);
        assert_eq!(hint.as_deref(), Some("did you mean `stockout`?"));
        assert_eq!(did_you_mean("zzz", ["stockout"]), None);
    }

    // One wrong character of a short Chinese word is a typo, not a new word.
    #[test]
    fn suggests_for_chinese_typos() {
        assert_eq!(closest("却货", ["缺货", "物流异常"]), Some("缺货"));
        assert_eq!(closest("物流异长", ["缺货", "物流异常"]), Some("物流异常"));
        assert_eq!(closest("拼多朵", ["拼多多", "淘宝"]), Some("拼多多"));
        assert_eq!(closest("快团团", ["拼多多", "淘宝"]), None);
    }

    // Errors decide the exit code; warnings only under --strict.
    #[test]
    fn strict_turns_warnings_into_failures() {
        let mut d = Diagnostics::new();
        d.push(Diagnostic::warning("W001", Span::file("a.csv"), "x"));
        assert!(!d.has_errors(false));
        assert!(d.has_errors(true));
    }
}
