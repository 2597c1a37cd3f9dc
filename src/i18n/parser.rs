//! What a parser said, in the terminal's language. The CSV reader and the YAML parser
//! write English ("found record with 3 fields, but the previous record has 5 fields",
//! "did not find expected key"); a Chinese project shows the common kinds as a Chinese
//! sentence a non-programmer can act on, and the parser's own words only for a kind
//! this module does not know (marked as English by the caller's template).

use super::{Lang, format, lang};

/// The reason of a CSV reader error, in the terminal's language (the place — file and
/// line — is shown by the caller).
pub fn csv_reason(e: &csv::Error) -> String {
    csv_reason_in(lang(), e)
}

fn csv_reason_in(lang: Lang, e: &csv::Error) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e.kind() {
        csv::ErrorKind::Io(io) => crate::fsx::io_reason(io),
        csv::ErrorKind::Utf8 { err, .. } => {
            format(lang, "parser.csv_utf8", &[("field", &(err.field() + 1))])
        }
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format(
            lang,
            "parser.csv_fields",
            &[("found", len), ("expected", expected_len)],
        ),
        _ => format(lang, "parser.csv_other", &[("raw", &e)]),
    }
}

/// The YAML or serde message `raw` (location already removed) as a sentence in the
/// terminal's language; `None` for English or for a message this module does not know.
pub fn yaml_reason(raw: &str) -> Option<String> {
    yaml_reason_in(lang(), raw)
}

fn yaml_reason_in(lang: Lang, raw: &str) -> Option<String> {
    if lang == Lang::En {
        return None;
    }
    for (prefix, key) in [
        ("invalid type: ", "parser.yaml_type"),
        ("invalid value: ", "parser.yaml_value"),
    ] {
        if let Some(rest) = raw.strip_prefix(prefix) {
            let (found, expected) = rest.split_once(", expected ")?;
            return Some(format(
                lang,
                key,
                &[
                    ("found", &found_value(lang, found)),
                    ("expected", &expected_kind(lang, expected)),
                ],
            ));
        }
    }
    if let Some(expected) = raw.strip_prefix("unexpected event: expected ") {
        return Some(format(
            lang,
            "parser.yaml_type_here",
            &[("expected", &expected_kind(lang, expected))],
        ));
    }
    // serde-saphyr's own scalar errors: "invalid u32", "invalid floating point (f64
    // value)", "invalid boolean (strict mode expects true/false)".
    if let Some(rest) = raw.strip_prefix("invalid ")
        && let Some(key) = kind_key(rest)
    {
        let expected = format(lang, key, &[]);
        return Some(format(
            lang,
            "parser.yaml_type_here",
            &[("expected", &expected)],
        ));
    }
    let key = SYNTAX.iter().find(|(pat, _)| raw.contains(pat))?.1;
    Some(format(lang, key, &[]))
}

/// Parser messages (a distinctive part) and the catalogue key of their sentence; the
/// first match wins, so the more specific come first.
const SYNTAX: &[(&str, &str)] = &[
    ("tab", "parser.yaml_tab"),
    ("did not find expected key", "parser.yaml_expected_key"),
    ("mapping values are not allowed", "parser.yaml_colon"),
    ("block sequence entries are not allowed", "parser.yaml_dash"),
    (
        "did not find expected '-' indicator",
        "parser.yaml_list_indent",
    ),
    ("multiline quoted scalar", "parser.yaml_quoted_indent"),
    ("invalid indentation", "parser.yaml_indent"),
    ("wrongly indented", "parser.yaml_indent"),
    ("unclosed quote", "parser.yaml_quote"),
    (
        "trailing content after double-quoted",
        "parser.yaml_after_quote",
    ),
    ("quoted scalar", "parser.yaml_escape"),
    ("flow sequence", "parser.yaml_bracket"),
    ("flow mapping", "parser.yaml_brace"),
    ("unclosed bracket", "parser.yaml_bracket"),
    ("misplaced bracket", "parser.yaml_bracket"),
    ("unknown anchor", "parser.yaml_anchor"),
    ("duplicated anchor", "parser.yaml_anchor_twice"),
    ("anchor or alias", "parser.yaml_anchor_name"),
    ("must be quoted", "parser.yaml_must_quote"),
    ("unexpected end of input", "parser.yaml_eof"),
    ("unexpected EOF", "parser.yaml_eof"),
    ("unexpected eof", "parser.yaml_eof"),
    ("did not find expected node content", "parser.yaml_no_value"),
    ("simple key", "parser.yaml_colon_missing"),
    ("list or mapping end with no start", "parser.yaml_bracket"),
    ("unexpected character", "parser.yaml_character"),
];

/// serde's "expected" part (`a sequence`, `u32`, `struct Playbook` …) as a noun.
fn expected_kind(lang: Lang, expected: &str) -> String {
    let e = expected.trim();
    match kind_key(e) {
        Some(key) => format(lang, key, &[]),
        None => format(lang, "parser.kind_other", &[("raw", &e)]),
    }
}

/// The catalogue key of a kind of value named by serde or the YAML parser.
fn kind_key(e: &str) -> Option<&'static str> {
    const INTEGERS: &[&str] = &[
        "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize",
    ];
    let key = if e.starts_with("a path, or a list") {
        "parser.kind_paths"
    } else if e.starts_with("a path, or a") {
        "parser.kind_path"
    } else if e.contains("sequence") || e.contains("list") {
        "parser.kind_list"
    } else if e.contains("map") || e.starts_with("struct ") {
        "parser.kind_map"
    } else if e.contains("bool") {
        "parser.kind_bool"
    } else if INTEGERS
        .iter()
        .any(|t| e.split([' ', '(', ')']).any(|w| w == *t))
        || e.contains("integer")
    {
        "parser.kind_int"
    } else if e.contains("f32") || e.contains("f64") || e.contains("float") || e.contains("number")
    {
        "parser.kind_number"
    } else if e == "scalar" || e.starts_with("scalar") {
        "parser.kind_scalar"
    } else if e.contains("string") || e.contains("char") {
        "parser.kind_text"
    } else {
        return None;
    };
    Some(key)
}

/// serde's "found" part (`string "abc"`, `integer `5``, `sequence`, `map`) as a noun
/// with the value quoted.
fn found_value(lang: Lang, found: &str) -> String {
    let f = found.trim();
    let quoted = |rest: &str| {
        rest.trim()
            .trim_matches(|c| c == '`' || c == '"')
            .to_string()
    };
    let (key, value) = if let Some(rest) = f.strip_prefix("string ") {
        ("parser.found_text", quoted(rest))
    } else if let Some(rest) = f.strip_prefix("integer ") {
        ("parser.found_number", quoted(rest))
    } else if let Some(rest) = f.strip_prefix("floating point ") {
        ("parser.found_number", quoted(rest))
    } else if let Some(rest) = f.strip_prefix("boolean ") {
        ("parser.found_bool", quoted(rest))
    } else if f.starts_with("sequence") {
        ("parser.found_list", String::new())
    } else if f.starts_with("map") {
        ("parser.found_map", String::new())
    } else if f.starts_with("unit") || f.starts_with("null") || f.starts_with("Option") {
        ("parser.found_empty", String::new())
    } else {
        ("parser.found_other", f.to_string())
    };
    let value = crate::ingest::shown_value(&value);
    format(lang, key, &[("value", &value)])
}

#[cfg(test)]
mod tests {
    use super::*;

    // Each common parser message becomes a Chinese sentence without English words.
    #[test]
    fn common_parser_messages_become_chinese() {
        let cases = [
            ("invalid type: string \"abc\", expected u32", "整数"),
            ("invalid type: sequence, expected a string", "列表"),
            ("invalid type: map, expected a sequence", "映射"),
            ("invalid value: integer `-1`, expected u32", "-1"),
            (
                "invalid type: integer `3`, expected a path, or a list of paths and `{ path, platform, preset }` entries",
                "路径",
            ),
            ("unexpected event: expected sequence start", "列表"),
            (
                "while parsing a block mapping, did not find expected key",
                "缩进",
            ),
            ("mapping values are not allowed in this context", "冒号"),
            ("invalid indentation in multiline quoted scalar", "引号"),
            ("unclosed quote", "引号"),
            (
                "tabs disallowed within this context (block indentation)",
                "Tab",
            ),
            (
                "while parsing a flow sequence, expected ',' or ']'",
                "方括号",
            ),
            ("unexpected end of input", "结束"),
            ("invalid floating point (f64 value)", "数字"),
            ("invalid u32", "整数"),
            (
                "invalid boolean (strict mode expects true/false)",
                "true 或 false",
            ),
            ("unexpected event: expected scalar", "不是列表"),
            (
                "invalid trailing content after double-quoted scalar",
                "结尾引号后面",
            ),
        ];
        for (raw, part) in cases {
            let text = yaml_reason_in(Lang::ZhCn, raw).unwrap_or_default();
            assert!(text.contains(part), "{raw}: {text}");
            let prose: String = text.split('`').step_by(2).collect();
            assert!(
                !prose
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| w.len() > 3 && w != "YAML" && w != "true" && w != "false"),
                "{raw}: {text}"
            );
        }
        assert_eq!(yaml_reason_in(Lang::ZhCn, "something new"), None);
        assert_eq!(yaml_reason_in(Lang::ZhCn, "unknown field `x`"), None);
        assert_eq!(yaml_reason_in(Lang::En, "unclosed quote"), None);
    }

    // A short row read strictly: the counts, in Chinese; English keeps the reader's text.
    #[test]
    fn csv_reader_errors_become_chinese() {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader("a,b,c\n1,2\n".as_bytes());
        let e = reader.records().find_map(Result::err).unwrap();
        assert_eq!(
            csv_reason_in(Lang::ZhCn, &e),
            "这一行有 2 个字段，而表头有 3 个"
        );
        assert!(csv_reason_in(Lang::En, &e).contains("found record with 2 fields"));
    }
}
