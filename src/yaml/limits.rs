//! The limits every YAML text is checked against before a parser builds anything:
//! no control characters (the parser stopped at a NUL and dropped the rest of the file
//! silently), bounded nesting (`- - - … x` took memory quadratic in its depth) and a
//! bounded alias expansion (billion laughs).

use std::path::Path;

use crate::diag::{Diagnostic, Span};

/// A control character other than tab, newline and carriage return: YAML does not allow
/// them, and the parser would stop at a NUL and silently drop the rest of the file.
fn is_forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// One error naming the first control character (line and column) and how many there
/// are, or `None` for a clean file.
pub(super) fn control_characters(path: &Path, text: &str) -> Option<Diagnostic> {
    let first = text.find(is_forbidden_control)?;
    let c = text[first..].chars().next().unwrap_or('\0');
    let count = text.chars().filter(|&c| is_forbidden_control(c)).count();
    let (line, column) = line_col_of_byte(text.as_bytes(), first);
    let name = match c {
        '\0' => " (NUL)".to_string(),
        '\u{1b}' => " (ESC)".to_string(),
        _ => String::new(),
    };
    let code = format!("{:04X}", c as u32);
    let message = match count {
        1 => crate::tr!("yaml.control", code = code, name = name),
        n => crate::tr!("yaml.control_more", code = code, name = name, more = n - 1),
    };
    Some(
        Diagnostic::error("E008", Span::at(path, line, column), message)
            .with_hint(Some(crate::tr!("yaml.control_hint"))),
    )
}

pub(super) fn line_col_of_byte(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// The first reason `text` must not be handed to a YAML parser (a control character,
/// nesting deeper than [`MAX_DEPTH`], an alias bomb), as a sentence with the line and
/// column; for YAML that does not go through [`crate::yaml::parse`] (the theme's interface strings).
pub fn text_problem(text: &str) -> Option<String> {
    if let Some(d) = control_characters(Path::new(""), text) {
        return Some(crate::tr!(
            "yaml.at",
            line = d.span.line,
            column = d.span.column,
            problem = d.message
        ));
    }
    let shape = measure(text);
    if let Some((line, column)) = shape.too_deep {
        let problem = crate::tr!("yaml.too_deep_plain", max = MAX_DEPTH);
        return Some(crate::tr!(
            "yaml.at",
            line = line,
            column = column,
            problem = problem
        ));
    }
    (shape.expanded > MAX_EXPANDED_NODES)
        .then(|| crate::tr!("yaml.alias_bomb_plain", max = MAX_EXPANDED_NODES))
}

/// Most values a document may expand to once aliases are replayed.
pub const MAX_EXPANDED_NODES: u64 = 100_000;

/// Deepest nesting of lists and mappings accepted. Real files need under ten levels;
/// the bound keeps the work on a `- - - … x` file linear and small (without it, field
/// paths of 40,000 nested lists took gigabytes).
pub const MAX_DEPTH: usize = 32;

/// What the event stream says about a document before it is deserialised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shape {
    /// Values after every alias is expanded (saturating).
    pub expanded: u64,
    /// Where nesting first goes deeper than [`MAX_DEPTH`] (1-based line, column).
    pub too_deep: Option<(usize, usize)>,
}

/// The number of values the document holds after every alias is expanded (see
/// [`measure`]).
pub fn expanded_nodes(text: &str) -> u64 {
    measure(text).expanded
}

/// Measures `text` from the event stream without building anything: the expanded size
/// (computed, not expanded, so a billion-laughs document is measured in microseconds)
/// and the first place nesting exceeds [`MAX_DEPTH`], where the scan stops.
pub fn measure(text: &str) -> Shape {
    use saphyr_parser::{Event, Parser};
    let mut sizes: std::collections::BTreeMap<usize, u64> = std::collections::BTreeMap::new();
    let mut stack: Vec<(usize, u64)> = vec![(0, 0)];
    let add = |stack: &mut Vec<(usize, u64)>, n: u64| {
        if let Some(top) = stack.last_mut() {
            top.1 = top.1.saturating_add(n);
        }
    };
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { break };
        match event {
            Event::Scalar(_, _, anchor, _) => {
                if anchor > 0 {
                    sizes.insert(anchor, 1);
                }
                add(&mut stack, 1);
            }
            Event::Alias(id) => {
                let n = sizes.get(&id).copied().unwrap_or(1);
                add(&mut stack, n);
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                // The stack holds the document level plus one entry per open container.
                if stack.len() > MAX_DEPTH {
                    return Shape {
                        expanded: 0,
                        too_deep: Some((span.start.line(), span.start.col() + 1)),
                    };
                }
                stack.push((anchor, 1));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if stack.len() > 1
                    && let Some((anchor, n)) = stack.pop()
                {
                    if anchor > 0 {
                        sizes.insert(anchor, n);
                    }
                    add(&mut stack, n);
                }
            }
            _ => {}
        }
    }
    let expanded = stack
        .iter()
        .fold(0u64, |acc, (_, n)| acc.saturating_add(*n));
    Shape {
        expanded,
        too_deep: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A NUL silently dropped everything after it and `check` said ok (issue 14, item 2).
    #[test]
    fn refuses_control_characters_with_their_place() {
        let d = control_characters(Path::new("a.yaml"), "id: a\ntitle: x\0y\u{1b}\n").unwrap();
        assert_eq!(d.code, "E008");
        assert_eq!((d.span.line, d.span.column), (2, 9));
        assert_eq!(
            d.message,
            "control character U+0000 (NUL) in the text; 1 more in this file"
        );
        assert!(control_characters(Path::new("a.yaml"), "a:\tb\r\n").is_none());
        assert!(text_problem("k: \u{7f}").is_some());
    }

    // `- - - … x` took memory quadratic in depth (80 KB → 4.9 GB, issue 14, item 5):
    // the depth is measured first and an input just over the bound is refused at once.
    #[test]
    fn refuses_nesting_just_over_the_bound_quickly() {
        let ok = format!("{}x\n", "- ".repeat(MAX_DEPTH));
        assert_eq!(measure(&ok).too_deep, None);
        let deep = format!("{}x\n", "- ".repeat(MAX_DEPTH + 1));
        assert_eq!(measure(&deep).too_deep, Some((1, 2 * MAX_DEPTH + 1)));
        let huge = format!("{}x\n", "- ".repeat(1_000_000));
        let started = std::time::Instant::now();
        assert!(measure(&huge).too_deep.is_some());
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        let flow = format!("k: {}{}\n", "[".repeat(40), "]".repeat(40));
        assert_eq!(
            measure(&flow).too_deep,
            Some((1, 3 + MAX_DEPTH)),
            "the mapping is level 1"
        );
    }
}
