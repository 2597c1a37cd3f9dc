//! Cell values as the platforms write them, cleaned into what they mean.
//!
//! Exports protect long ids from Excel in several ways, and mark empty cells in their
//! own way; [`clean`] undoes all of them before a value is read:
//!
//! | as written | platform | read as |
//! |---|---|---|
//! | `"\t6917926768823643751"` (a tab inside the quotes) | 抖店 | `6917926768823643751` |
//! | `'18618486065`, `'6917…` | 淘宝 phones, 抖店 settlement ids | without the `'` |
//! | `="1930679858170647"` | 淘宝 订单编号 | `1930679858170647` |
//! | `-` | 抖店 (times, remarks) | empty |
//! | `null` | 淘宝 商家编码 never set | empty |
//!
//! Surrounding white space (spaces, tabs, full-width spaces) is trimmed as well.

use std::borrow::Cow;

/// The cleaned value of a trimmed cell (see the module docs).
pub fn clean(value: &str) -> &str {
    let v = match value.as_bytes().first() {
        Some(b'=') => unwrap_formula(value),
        Some(b'\'') => trim(&value[1..]),
        _ => value,
    };
    match v {
        "-" | "null" | "NULL" | "Null" => "",
        v => v,
    }
}

/// `="123"` → `123`; anything else unchanged.
fn unwrap_formula(value: &str) -> &str {
    match value.strip_prefix("=\"").and_then(|v| v.strip_suffix('"')) {
        Some(inner) if !inner.contains('"') => trim(inner),
        _ => value,
    }
}

/// `str::trim`, with a fast path for the common case of ASCII at both ends.
pub fn trim(s: &str) -> &str {
    let t = s.trim_ascii();
    let b = t.as_bytes();
    if b.first().is_some_and(|c| *c >= 0x80) || b.last().is_some_and(|c| *c >= 0x80) {
        t.trim()
    } else {
        t
    }
}

/// Longest value echoed in a message, in characters.
pub const SHOWN_CHARS: usize = 60;

/// A value as shown in messages: at most [`SHOWN_CHARS`] characters (then `…`), with
/// control characters replaced, so no input can flood the terminal or a report.
pub fn shown_value(value: &str) -> Cow<'_, str> {
    let long = value.chars().nth(SHOWN_CHARS).is_some();
    if !long && !value.chars().any(char::is_control) {
        return Cow::Borrowed(value);
    }
    let mut out: String = value
        .chars()
        .take(SHOWN_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if long {
        out.push('…');
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Every Excel-protection quirk of the platforms gives the bare value back.
    #[test]
    fn cleans_platform_quirks() {
        assert_eq!(clean("=\"1930679858170647\""), "1930679858170647");
        assert_eq!(clean("'18618486065"), "18618486065");
        assert_eq!(clean("-"), "");
        assert_eq!(clean("null"), "");
        assert_eq!(clean("-3"), "-3");
        assert_eq!(clean("=SUM(A1)"), "=SUM(A1)");
        assert_eq!(trim("\t6917926768823643751 "), "6917926768823643751");
        assert_eq!(trim("\u{3000}订单\u{3000}"), "订单");
    }

    // Messages never echo an unbounded value.
    #[test]
    fn shown_values_are_bounded() {
        let long = "x".repeat(10_000);
        assert_eq!(shown_value(&long).chars().count(), SHOWN_CHARS + 1);
        assert_eq!(shown_value("a\u{1b}[31mb"), "a [31mb");
        assert_eq!(shown_value("已关闭"), "已关闭");
    }
}
