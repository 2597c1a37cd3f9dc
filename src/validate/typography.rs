//! Chinese typography lint: straight double quotes `"…"` and half-width parentheses
//! `(…)` inside Chinese text, and money placeholders without 元. Warnings, each with the
//! corrected text as the hint.
//!
//! Code spans, fenced code, link targets and tags are not text and are skipped; quotes
//! and parentheses around Latin text (`ERP (v2)`, `"OK"`) are left alone.

use super::fields::text_fields;
use super::placeholders::find_in_value;
use crate::diag::{Diagnostic, Diagnostics};
use crate::playbooks::RawContent;
use crate::playbooks::model::PlaceholderKind;

/// True for Chinese characters and Chinese/full-width punctuation.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF |
        0xFF00..=0xFFEF | 0x20000..=0x3FFFD | 0x2018..=0x201D | 0x2026)
}

pub(super) fn check(raw: &RawContent, diag: &mut Diagnostics) {
    for f in &raw.files {
        for field in text_fields(&f.content) {
            for (code, what, at, fixed) in problems(field.text) {
                let needle: String = field.text[at..].chars().take(12).collect();
                let needle = needle.lines().next().unwrap_or("").to_string();
                let span = find_in_value(&f.source, &field.path, &needle);
                diag.push(
                    Diagnostic::warning(code, span, what)
                        .with_path(&field.path)
                        .with_hint(Some(crate::tr!("typo.write", fixed = fixed))),
                );
            }
        }
        money_without_yuan(f, diag);
    }
}

/// (code, message, byte offset of the first problem, corrected excerpt) per kind.
fn problems(text: &str) -> Vec<(&'static str, String, usize, String)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let skip = skipped(&chars);
    let mut out = Vec::new();
    let quotes = straight_quotes(&chars, &skip);
    if let Some(&first) = quotes.first() {
        let what = crate::tr!("typo.quotes", count = quotes.len());
        out.push((
            "W085",
            what,
            chars[first].0,
            excerpt(&chars, first, &quotes),
        ));
    }
    let parens = half_width_parens(&chars, &skip);
    if let Some(&first) = parens.first() {
        let what = crate::tr!("typo.parens", count = parens.len());
        out.push((
            "W086",
            what,
            chars[first].0,
            excerpt(&chars, first, &parens),
        ));
    }
    out
}

/// Marks characters that are not prose: code spans and fences, `[[…]]`/`{{…}}` tags
/// and Markdown link targets `](…)`.
fn skipped(chars: &[(usize, char)]) -> Vec<bool> {
    let mut skip = vec![false; chars.len()];
    let c = |i: usize| chars.get(i).map(|x| x.1);
    let mut i = 0;
    let mut in_code = false;
    let mut in_fence = false;
    while i < chars.len() {
        let at_line_start = i == 0 || c(i - 1) == Some('\n');
        if at_line_start && chars[i..].iter().take(3).all(|x| x.1 == '`') {
            in_fence = !in_fence;
        }
        if c(i) == Some('`') {
            in_code = !in_code;
        }
        let pair = (c(i), c(i + 1));
        let close = match pair {
            (Some('['), Some('[')) => Some(']'),
            (Some('{'), Some('{')) => Some('}'),
            (Some(']'), Some('(')) => Some(')'),
            _ => None,
        };
        if let Some(close) = close.filter(|_| !in_code && !in_fence) {
            let end = (i + 1..chars.len())
                .find(|&j| c(j) == Some(close) || c(j) == Some('\n'))
                .unwrap_or(chars.len() - 1);
            for s in skip.iter_mut().take(end + 1).skip(i + 1) {
                *s = true;
            }
            i = end + 1;
            continue;
        }
        skip[i] = in_code || in_fence || c(i) == Some('`');
        if c(i) == Some('\n') {
            in_code = false;
        }
        i += 1;
    }
    skip
}

/// Indices of straight `"` that belong to Chinese text: paired on a line, a pair is
/// Chinese when its content or the character just outside it is Chinese.
fn straight_quotes(chars: &[(usize, char)], skip: &[bool]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let near_cjk = |i: usize, step: isize| -> bool {
        let j = i as isize + step;
        j >= 0 && (j as usize) < chars.len() && is_cjk(chars[j as usize].1)
    };
    for (i, &(_, ch)) in chars.iter().enumerate() {
        if ch == '\n' {
            if let Some(o) = open.take()
                && (near_cjk(o, -1) || near_cjk(o, 1))
            {
                out.push(o);
            }
            continue;
        }
        if ch != '"' || skip[i] {
            continue;
        }
        match open.take() {
            None => open = Some(i),
            Some(o) => {
                let inner = chars[o + 1..i].iter().any(|x| is_cjk(x.1));
                if inner || near_cjk(o, -1) || near_cjk(i, 1) {
                    out.extend([o, i]);
                }
            }
        }
    }
    if let Some(o) = open
        && (near_cjk(o, -1) || near_cjk(o, 1))
    {
        out.push(o);
    }
    out
}

/// Indices of `(` and `)` around Chinese text: the content or the character before
/// `(` is Chinese.
fn half_width_parens(chars: &[(usize, char)], skip: &[bool]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for (i, &(_, ch)) in chars.iter().enumerate() {
        if skip[i] {
            continue;
        }
        match ch {
            '\n' => stack.clear(),
            '(' => stack.push(i),
            ')' => {
                if let Some(o) = stack.pop() {
                    let inner = chars[o + 1..i].iter().any(|x| is_cjk(x.1));
                    let before = o > 0 && is_cjk(chars[o - 1].1);
                    if inner || before {
                        out.extend([o, i]);
                    }
                } else if i > 0 && is_cjk(chars[i - 1].1) {
                    out.push(i);
                }
            }
            _ => {}
        }
    }
    out.sort_unstable();
    out
}

/// About twenty characters around `first`, with every flagged character replaced by
/// its Chinese form.
fn excerpt(chars: &[(usize, char)], first: usize, flagged: &[usize]) -> String {
    // Start after the last clause boundary shortly before the problem, so the excerpt
    // begins at a word the author recognises.
    let look = first.saturating_sub(12);
    let boundary = (look..first)
        .rev()
        .find(|&i| "，。；：！？\n".contains(chars[i].1));
    let start = match boundary {
        Some(b) => b + 1,
        None if first <= 12 => 0,
        None => (first - 8..first)
            .find(|&i| !matches!(chars[i].1, '{' | '}'))
            .unwrap_or(first),
    };
    let end = (first + 14).min(chars.len());
    let mut quote_open = flagged
        .iter()
        .take_while(|&&i| i < start)
        .filter(|&&i| chars[i].1 == '"')
        .count()
        % 2
        == 0;
    let mut s = String::new();
    for (i, &(_, ch)) in chars.iter().enumerate().take(end).skip(start) {
        if ch == '\n' {
            s.push(' ');
        } else if flagged.binary_search(&i).is_ok() {
            s.push(match ch {
                '(' => '（',
                ')' => '）',
                _ if quote_open => '“',
                _ => '”',
            });
            if ch == '"' {
                quote_open = !quote_open;
            }
        } else {
            s.push(ch);
        }
    }
    format!("`{}`", s.trim())
}

/// A money placeholder must be followed by 元 (or preceded by ¥), so the buyer reads
/// an amount and not a bare number.
fn money_without_yuan(f: &crate::playbooks::LoadedFile, diag: &mut Diagnostics) {
    for (i, t) in f.content.templates.iter().enumerate() {
        let path = format!("templates[{i}].text");
        for p in t
            .placeholders
            .iter()
            .filter(|p| p.kind == PlaceholderKind::Money)
        {
            let marker = format!("{{{{{}}}}}", p.name);
            for (at, _) in t.text.match_indices(&marker) {
                let after = t.text[at + marker.len()..].trim_start();
                let before = t.text[..at].trim_end();
                if after.starts_with('元') || before.ends_with(['¥', '￥']) {
                    continue;
                }
                let message = crate::tr!("typo.yuan", marker = marker);
                diag.push(
                    Diagnostic::warning("W087", find_in_value(&f.source, &path, &marker), message)
                        .with_path(&path)
                        .with_hint(Some(crate::tr!("typo.yuan_hint", marker = marker))),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(&'static str, String)> {
        problems(text)
            .into_iter()
            .map(|(c, _, _, fix)| (c, fix))
            .collect()
    }

    // Straight quotes around or next to Chinese are flagged with the fix.
    #[test]
    fn straight_quotes_in_chinese() {
        assert_eq!(
            codes(r#"标题加"预售"两个字"#),
            vec![("W085", "`标题加“预售”两个字`".to_string())]
        );
        assert!(codes(r#"He said "OK" twice."#).is_empty());
        assert!(codes("代码 `\"x\"` 不算").is_empty());
    }

    // Half-width parentheses around Chinese are flagged; Latin ones are not.
    #[test]
    fn half_width_parentheses_in_chinese() {
        assert_eq!(
            codes("亚麻衬衫(米白 M码)"),
            vec![("W086", "`亚麻衬衫（米白 M码）`".to_string())]
        );
        assert!(codes("ERP (v2) 已更新").is_empty());
        assert!(codes("看[说明](https://example.com/a(b))吧").is_empty());
        assert!(codes("[[playbook:x(y)]]").is_empty());
    }
}
