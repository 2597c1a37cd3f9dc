//! Reading YAML with limits, locations and field paths.
//!
//! Every YAML file (config and playbooks) goes through here, so every file gets the same
//! protection and the same kind of message: a size limit checked before reading (a 20 MB
//! file fails at once), UTF-8 checked with the byte offset of the first bad byte, a
//! parser budget against alias bombs, and errors translated into [`Diagnostic`]s with
//! file, line, column and the field path (`playbooks[1].steps[0].deadline`).
//!
//! serde-saphyr is used instead of the deprecated serde_yaml: it is maintained, never
//! panics on malformed input, reports locations, and enforces a budget on events,
//! aliases and depth.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Diagnostics, Span, did_you_mean};

mod limits;
pub use limits::{MAX_DEPTH, MAX_EXPANDED_NODES, Shape, expanded_nodes, measure, text_problem};
use limits::{control_characters, line_col_of_byte};

/// Largest YAML file delaybook reads. Real playbook files are a few KB; anything
/// larger is almost certainly a mistake (a data export saved as `.yaml`).
pub const MAX_YAML_BYTES: u64 = 2 * 1024 * 1024;

/// The text of one YAML file, with a lazily built map from field paths to positions.
#[derive(Debug)]
pub struct Source {
    /// The file as given (project-relative paths stay relative).
    pub path: PathBuf,
    /// The text, BOM removed.
    pub text: String,
    index: OnceLock<PathIndex>,
}

impl Source {
    /// Wraps text that did not come from disk (tests, embedded samples).
    pub fn from_text(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Source {
            path: path.into(),
            text: text.into(),
            index: OnceLock::new(),
        }
    }

    /// The 1-based line and column where the value at `field_path` starts, or the
    /// nearest parent that exists; `(1, 1)` for the root.
    pub fn locate(&self, field_path: &str) -> (usize, usize) {
        self.index
            .get_or_init(|| PathIndex::build(&self.text))
            .locate(field_path)
    }

    /// A span for `field_path` in this file.
    pub fn span(&self, field_path: &str) -> Span {
        let (line, column) = self.locate(field_path);
        Span::at(&self.path, line, column)
    }

    /// The field path of the innermost node starting at or before `line:column`.
    pub fn path_at(&self, line: usize, column: usize) -> String {
        self.index
            .get_or_init(|| PathIndex::build(&self.text))
            .path_at(line, column)
    }
}

/// Reads a YAML file: checks its size first, then that it is UTF-8 and not empty.
pub fn read_source(path: &Path, diag: &mut Diagnostics) -> Option<Source> {
    let cannot_read = |diag: &mut Diagnostics, e: std::io::Error| -> Option<Source> {
        diag.push(Diagnostic::error(
            "E001",
            Span::file(path),
            crate::tr!("yaml.cannot_read", error = e),
        ));
        None
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return cannot_read(diag, e),
    };
    if meta.len() > MAX_YAML_BYTES {
        diag.push(too_large(path, meta.len()));
        return None;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return cannot_read(diag, e),
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (line, column) = line_col_of_byte(e.as_bytes(), e.utf8_error().valid_up_to());
            diag.push(
                Diagnostic::error(
                    "E003",
                    Span::at(path, line, column),
                    crate::tr!("yaml.not_utf8"),
                )
                .with_hint(Some(crate::tr!("yaml.not_utf8_hint"))),
            );
            return None;
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    if text.trim().is_empty() {
        diag.push(
            Diagnostic::error("E004", Span::file(path), crate::tr!("yaml.empty"))
                .with_hint(Some(crate::tr!("yaml.empty_hint"))),
        );
        return None;
    }
    if let Some(d) = control_characters(path, &text) {
        diag.push(d);
        return None;
    }
    Some(Source {
        path: path.to_path_buf(),
        text,
        index: OnceLock::new(),
    })
}

fn too_large(path: &Path, bytes: u64) -> Diagnostic {
    Diagnostic::error(
        "E002",
        Span::file(path),
        crate::tr!("yaml.too_large", bytes = bytes, max = MAX_YAML_BYTES),
    )
    .with_hint(Some(crate::tr!("yaml.too_large_hint")))
}

/// Parser limits: generous for hand-written content, tight enough that an alias bomb
/// fails in milliseconds.
fn options() -> serde_saphyr::Options {
    let budget = serde_saphyr::Budget {
        max_events: 1_000_000,
        max_aliases: 1_000,
        max_anchors: 1_000,
        max_depth: 64,
        max_total_scalar_bytes: MAX_YAML_BYTES as usize,
        ..serde_saphyr::Budget::default()
    };
    serde_saphyr::Options {
        budget: Some(budget),
        with_snippet: false,
        ..serde_saphyr::Options::default()
    }
}

/// Deserializes `source` into `T`, turning any failure into one diagnostic.
pub fn parse<T: DeserializeOwned>(source: &Source, diag: &mut Diagnostics) -> Option<T> {
    let shape = measure(&source.text);
    if let Some((line, column)) = shape.too_deep {
        diag.push(
            Diagnostic::error(
                "E017",
                Span::at(&source.path, line, column),
                crate::tr!("yaml.too_deep", max = MAX_DEPTH),
            )
            .with_hint(Some(crate::tr!("yaml.too_deep_hint"))),
        );
        return None;
    }
    if shape.expanded > MAX_EXPANDED_NODES {
        diag.push(
            Diagnostic::error(
                "E014",
                Span::file(&source.path),
                crate::tr!("yaml.alias_bomb", max = MAX_EXPANDED_NODES),
            )
            .with_hint(Some(crate::tr!("yaml.alias_bomb_hint"))),
        );
        return None;
    }
    match serde_saphyr::from_str_with_options::<T>(&source.text, options()) {
        Ok(v) => Some(v),
        Err(e) => {
            diag.push(error_to_diagnostic(source, &e));
            None
        }
    }
}

fn error_to_diagnostic(source: &Source, err: &serde_saphyr::Error) -> Diagnostic {
    let (mut line, mut column) = err
        .location()
        .filter(|l| l.line() > 0)
        .map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
    let raw = strip_location_suffix(&err.to_string());
    let (code, message, hint) = explain(&raw);
    if code == "E010"
        && let Some(field) = raw.split('`').nth(1)
        && let Some(pos) = find_key_after(&source.text, line, field)
    {
        (line, column) = pos;
    }
    let mut d =
        Diagnostic::error(code, Span::at(&source.path, line, column), message).with_hint(hint);
    if line > 0 {
        d = d.with_path(source.path_at(line, column));
    }
    d
}

/// serde-saphyr writes "line X column Y: …" and " at line X, column Y"; we show the
/// place in the heading instead.
fn strip_location_suffix(msg: &str) -> String {
    let mut first = msg.lines().next().unwrap_or(msg);
    if first.starts_with("line ")
        && let Some(i) = first.find(": ")
    {
        first = &first[i + 2..];
    }
    match first.rfind(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

/// The position of the mapping key `key:` on or after `line` (serde reports an
/// unknown field at the start of its mapping; the key itself is more useful).
fn find_key_after(text: &str, line: usize, key: &str) -> Option<(usize, usize)> {
    for (i, l) in text.lines().enumerate().skip(line.saturating_sub(1)) {
        let body = l.trim_start();
        let body_col = l.len() - body.len();
        let (body, extra) = match body.strip_prefix("- ") {
            Some(rest) => (rest.trim_start(), body.len() - rest.trim_start().len()),
            None => (body, 0),
        };
        let name = body.strip_prefix('"').unwrap_or(body);
        if let Some(after) = name.strip_prefix(key)
            && after.trim_start_matches('"').trim_start().starts_with(':')
        {
            let col = l[..body_col + extra].chars().count() + 1;
            return Some((i + 1, col));
        }
    }
    None
}

/// Turns a serde/YAML message into (code, message, hint) a content author understands.
fn explain(raw: &str) -> (&'static str, String, Option<String>) {
    if let Some(found) = explain_field(raw) {
        return found;
    }
    if raw.starts_with("invalid type")
        || raw.starts_with("invalid value")
        || raw.contains("expected") && raw.starts_with("unexpected")
    {
        return (
            "E012",
            crate::i18n::parser::yaml_reason(raw).map_or_else(
                || crate::tr!("yaml.wrong_type", raw = raw),
                |reason| crate::tr!("yaml.wrong_type_reason", reason = reason),
            ),
            Some(crate::tr!("yaml.wrong_type_hint")),
        );
    }
    if raw.starts_with("unknown variant") {
        let variant = raw.split('`').nth(1).unwrap_or("");
        let expected: Vec<&str> = raw.split('`').skip(3).step_by(2).collect();
        let hint = did_you_mean(variant, expected.iter().copied()).or_else(|| {
            Some(crate::tr!(
                "yaml.allowed_values",
                values = expected.join(", ")
            ))
        });
        return (
            "E013",
            crate::tr!("yaml.unknown_value", value = variant),
            hint,
        );
    }
    if raw.contains("budget") {
        return (
            "E014",
            crate::tr!("yaml.budget"),
            Some(crate::tr!("yaml.budget_hint")),
        );
    }
    if raw.starts_with("duplicate") {
        let message = match raw.strip_prefix("duplicate mapping key: ") {
            Some(key) => crate::tr!("yaml.duplicate_key", key = key),
            None => crate::tr!("yaml.duplicate", raw = raw),
        };
        return ("E015", message, Some(crate::tr!("yaml.duplicate_hint")));
    }
    (
        "E016",
        crate::i18n::parser::yaml_reason(raw).map_or_else(
            || crate::tr!("yaml.malformed", raw = raw),
            |reason| crate::tr!("yaml.malformed_reason", reason = reason),
        ),
        Some(crate::tr!("yaml.malformed_hint")),
    )
}

/// An unknown (E010) or missing (E011) field.
fn explain_field(raw: &str) -> Option<(&'static str, String, Option<String>)> {
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or("");
        let list = rest.split_once("expected one of ").map_or("", |(_, l)| l);
        let expected: Vec<&str> = list
            .split(',')
            .map(|w| w.trim().trim_matches('`'))
            .filter(|w| !w.is_empty())
            .collect();
        let hint = did_you_mean(field, expected.iter().copied()).or_else(|| {
            (!expected.is_empty())
                .then(|| crate::tr!("yaml.allowed_fields", fields = expected.join(", ")))
        });
        return Some((
            "E010",
            crate::tr!("yaml.unknown_field", field = field),
            hint,
        ));
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or("");
        return Some((
            "E011",
            crate::tr!("yaml.missing_field", field = field),
            Some(crate::tr!("yaml.missing_field_hint", field = field)),
        ));
    }
    None
}

/// Field paths of every node in a YAML document with their start positions.
#[derive(Debug, Default)]
struct PathIndex {
    /// (line, column, path), in document order.
    entries: Vec<(usize, usize, String)>,
}

enum Frame {
    Map { key: Option<String> },
    Seq { index: usize },
}

impl PathIndex {
    fn build(text: &str) -> Self {
        use saphyr_parser::{Event, Parser};
        let mut idx = PathIndex::default();
        let mut stack: Vec<(String, Frame)> = Vec::new();
        for item in Parser::new_from_str(text) {
            let Ok((event, span)) = item else { break };
            let pos = (span.start.line(), span.start.col() + 1);
            match event {
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    let path = idx.value_path(&mut stack, pos);
                    let frame = match event {
                        Event::MappingStart(..) => Frame::Map { key: None },
                        _ => Frame::Seq { index: 0 },
                    };
                    stack.push((path, frame));
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                    advance(&mut stack);
                }
                Event::Scalar(value, ..) => {
                    if let Some((parent, Frame::Map { key: key @ None })) = stack.last_mut() {
                        let path = join_key(parent, &value);
                        idx.entries.push((pos.0, pos.1, path));
                        *key = Some(value.into_owned());
                    } else {
                        idx.value_path(&mut stack, pos);
                        advance(&mut stack);
                    }
                }
                Event::Alias(_) => {
                    idx.value_path(&mut stack, pos);
                    advance(&mut stack);
                }
                _ => {}
            }
        }
        idx
    }

    /// Records the path of the value about to start at `pos` and returns it.
    fn value_path(&mut self, stack: &mut [(String, Frame)], pos: (usize, usize)) -> String {
        let path = match stack.last() {
            None => String::new(),
            Some((parent, Frame::Map { key: Some(k) })) => join_key(parent, k),
            Some((parent, Frame::Map { key: None })) => parent.clone(),
            Some((parent, Frame::Seq { index })) => format!("{parent}[{index}]"),
        };
        self.entries.push((pos.0, pos.1, path.clone()));
        path
    }

    fn locate(&self, field_path: &str) -> (usize, usize) {
        let mut want = field_path.to_string();
        loop {
            // The last entry for a path is the value (the first may be its key).
            if let Some((l, c, _)) = self.entries.iter().rev().find(|(_, _, p)| *p == want) {
                return (*l, *c);
            }
            match parent_path(&want) {
                Some(p) => want = p,
                None => return (1, 1),
            }
        }
    }

    fn path_at(&self, line: usize, column: usize) -> String {
        self.entries
            .iter()
            .filter(|(l, c, _)| (*l, *c) <= (line, column))
            .max_by_key(|(l, c, _)| (*l, *c))
            .map(|(_, _, p)| p.clone())
            .unwrap_or_default()
    }
}

/// After a value ends inside a container: a map waits for its next key, a list moves on.
fn advance(stack: &mut [(String, Frame)]) {
    match stack.last_mut() {
        Some((_, Frame::Map { key })) => *key = None,
        Some((_, Frame::Seq { index })) => *index += 1,
        None => {}
    }
}

fn join_key(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

fn parent_path(path: &str) -> Option<String> {
    if path.is_empty() {
        return None;
    }
    let cut = path.rfind(['.', '[']).unwrap_or(0);
    Some(path[..cut].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Validation messages point at values through their field path; this is the lookup.
    #[test]
    fn locates_nested_paths() {
        let src = Source::from_text(
            "a.yaml",
            "playbooks:\n  - id: x\n    steps:\n      - cause: stockot\n",
        );
        assert_eq!(src.locate("playbooks[0].steps[0].cause"), (4, 16));
        assert_eq!(src.locate("playbooks[0].id"), (2, 9));
        assert_eq!(src.path_at(4, 16), "playbooks[0].steps[0].cause");
        assert_eq!(src.locate("playbooks[0].missing"), (2, 5));
    }

    // An unknown key must name the key and suggest the closest allowed one.
    #[test]
    fn unknown_field_gets_did_you_mean() {
        let (code, msg, hint) = explain("unknown field `titel`, expected one of id, title");
        assert_eq!(code, "E010");
        assert_eq!(msg, "unknown field `titel`");
        assert_eq!(hint.as_deref(), Some("did you mean `title`?"));
    }
}
