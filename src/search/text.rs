//! Plain-text helpers for the indexer: HTML entity decoding, whitespace collapsing that
//! understands Chinese line breaks, and body truncation at a sentence end (the idea of
//! Zola's `clean_and_truncate_body`).

/// Marker the HTML walker inserts at block boundaries: always becomes one space, even
/// between two Chinese characters (a line break in the source does not).
pub const BLOCK_BREAK: char = '\u{0}';

/// Longest body kept per section, in characters. Sections are short in practice; this
/// bounds the index when an author pastes a very long text.
pub const MAX_BODY_CHARS: usize = 1500;

/// Decodes the HTML character references Tera and pulldown-cmark produce (numeric ones
/// and the common named ones). Unknown names are kept as written.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match rest.find(';').filter(|&j| j <= 12) {
            Some(j) => match decode_one(&rest[1..j]) {
                Some(c) => {
                    out.push(c);
                    rest = &rest[j + 1..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            },
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_one(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        let c = char::from_u32(code).unwrap_or('\u{FFFD}');
        return Some(if c == '\u{0}' { '\u{FFFD}' } else { c });
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "middot" => '·',
        "times" => '×',
        "rarr" => '→',
        "larr" => '←',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "copy" => '©',
        "yen" => '¥',
        _ => return None,
    })
}

/// True for characters of Chinese/Japanese writing (ideographs and CJK punctuation),
/// between which a source line break is not a space.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}')
}

/// Collapses whitespace: a run with a [`BLOCK_BREAK`] or plain spaces becomes one
/// space; a run that is only a line break between two CJK characters disappears (as
/// browsers render it); leading and trailing whitespace is dropped.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending: Option<(bool, bool)> = None; // (has block break, has non-newline space)
    for c in s.chars() {
        if c == BLOCK_BREAK || c.is_whitespace() {
            let (b, sp) = pending.unwrap_or((false, false));
            let is_space = c != '\n' && c != '\r' && c != BLOCK_BREAK;
            pending = Some((b || c == BLOCK_BREAK, sp || is_space));
            continue;
        }
        if let Some((block, space)) = pending.take() {
            let joins_cjk = out.chars().next_back().is_some_and(is_cjk) && is_cjk(c);
            if !out.is_empty() && (block || space || !joins_cjk) {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out
}

/// Cuts `s` to at most `max` characters, preferring to end after a sentence mark
/// (`。！？.!?；`) in the last fifth of the allowance.
pub fn truncate_body(s: &str, max: usize) -> &str {
    let Some((cut, _)) = s.char_indices().nth(max) else {
        return s;
    };
    let head = &s[..cut];
    let floor = head
        .char_indices()
        .nth(max * 4 / 5)
        .map_or(head.len(), |(i, _)| i);
    match head.rfind(['。', '！', '？', '.', '!', '?', '；']) {
        Some(i) if i >= floor => {
            let end = i + head[i..].chars().next().map_or(0, char::len_utf8);
            &s[..end]
        }
        _ => head,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Tera escapes `/` and quotes numerically; the index must hold the real characters.
    #[test]
    fn decodes_named_and_numeric_entities() {
        assert_eq!(
            decode_entities("a &amp; b &lt;c&gt; &#x2F; &#39; &quot;x&quot; &nbsp;&bogus; &"),
            "a & b <c> / ' \"x\"  &bogus; &"
        );
    }

    // A Markdown line break inside a Chinese sentence must not split a word for matching.
    #[test]
    fn joins_cjk_across_source_line_breaks_but_not_blocks() {
        assert_eq!(collapse_whitespace("  单号\n填错  "), "单号填错");
        assert_eq!(collapse_whitespace("单号\u{0}\n填错"), "单号 填错");
        assert_eq!(collapse_whitespace("SKU\nA1  缺货"), "SKU A1 缺货");
    }

    // Long bodies are cut at a sentence end so excerpts do not stop mid-word.
    #[test]
    fn truncates_at_sentence_end() {
        let s = "一二三四五六七八。九十";
        assert_eq!(truncate_body(s, 9), "一二三四五六七八。");
        assert_eq!(truncate_body(s, 100), s);
        assert_eq!(truncate_body("abcdefghij", 4), "abcd");
    }
}
