//! The reply as the matcher sees it: one [`Unit`] per kept character, folded so that
//! spelling tricks do not matter, each remembering where it came from in the original.
//!
//! Folding, character by character (`js/reply-check.js` does exactly the same):
//! full-width ASCII forms (`Ｖ信`, `１０`, `，`) become ASCII, ASCII letters become
//! lower case, Traditional characters become Simplified (`別催`
//! is `别催`; OpenCC's table, shared with search), zero-width characters disappear, line breaks become `\n`, and every
//! other white-space character is dropped — but remembered on the next unit as a
//! *break* when it stood between two non-ASCII characters, because in Chinese chat a
//! space is where a comma would be (`亲 这个我们发不了 您先取消`).

/// One character of the folded reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// The folded character.
    pub ch: char,
    /// A space between two non-ASCII characters stood right before this unit.
    pub brk: bool,
    /// UTF-16 offset of the original character (what the browser reports).
    pub u16_start: usize,
    /// UTF-16 offset just past it.
    pub u16_end: usize,
    /// Byte offset of the original character.
    pub byte_start: usize,
    /// Byte offset just past it.
    pub byte_end: usize,
}

/// The folded reply.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// The units, in order.
    pub units: Vec<Unit>,
}

/// Characters that end a sentence: gaps written `……` and context exceptions stop here.
pub fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | '\n' | '｡')
}

/// Characters that end a clause: gaps written `…` and the reach of a negation stop here.
pub fn ends_clause(c: char) -> bool {
    ends_sentence(c) || matches!(c, ',' | '、' | ':' | '…' | '~' | '(' | ')' | '【' | '】')
}

/// Characters removed before matching: zero-width spaces and joiners, soft hyphen,
/// word joiner, BOM.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
    )
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{b}' | '\u{c}'
    )
}

/// Folds one character: full-width ASCII to ASCII, ASCII upper case to lower case,
/// Traditional to Simplified (`說`→`说`).
pub fn fold_char(c: char) -> char {
    let c = match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        crate::search::normalize::to_simplified(c)
    }
}

/// Folds `text` into units.
pub fn fold(text: &str) -> Folded {
    let mut units: Vec<Unit> = Vec::with_capacity(text.len() / 2);
    let mut u16_pos = 0;
    let mut pending_space = false;
    for (byte, raw) in text.char_indices() {
        let u16_start = u16_pos;
        u16_pos += raw.len_utf16();
        if is_invisible(raw) {
            continue;
        }
        let c = fold_char(raw);
        if is_line_break(raw) {
            if units.last().is_some_and(|u| u.ch == '\n') {
                continue;
            }
            pending_space = false;
        } else if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        let ch = if is_line_break(raw) { '\n' } else { c };
        let brk = pending_space && !ch.is_ascii() && units.last().is_some_and(|u| !u.ch.is_ascii());
        pending_space = false;
        units.push(Unit {
            ch,
            brk,
            u16_start,
            u16_end: u16_pos,
            byte_start: byte,
            byte_end: byte + raw.len_utf8(),
        });
    }
    Folded { units }
}

/// Folds a piece of pattern text the same way (no offsets needed): white space and
/// invisible characters go, the rest is folded.
pub fn fold_literal(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| !is_invisible(*c))
        .map(fold_char)
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(t: &str) -> String {
        fold(t).units.iter().map(|u| u.ch).collect()
    }

    // Spelling tricks (full-width letters, spaces, zero-width joiners) must not hide a phrase.
    #[test]
    fn folds_widths_case_and_spaces() {
        assert_eq!(chars("加Ｖ信 ：ｘｍ６６８"), "加v信:xm668");
        assert_eq!(chars("微\u{200b}信"), "微信");
        assert_eq!(chars("a\r\n\r\nb"), "a\nb");
        assert_eq!(chars("加我微信 別催"), "加我微信别催");
        assert_eq!(chars("說了會發"), "说了会发");
    }

    // A space between Chinese characters acts like a comma; one next to Latin text does not.
    #[test]
    fn marks_breaks_between_cjk_only() {
        let f = fold("亲 这个 vx 号");
        let brk: Vec<bool> = f.units.iter().map(|u| u.brk).collect();
        assert_eq!(brk, vec![false, true, false, false, false, false]);
    }

    // The browser reports UTF-16 offsets; an emoji is two UTF-16 units.
    #[test]
    fn keeps_utf16_offsets() {
        let f = fold("😀加 微信");
        assert_eq!(f.units[0].u16_start, 0);
        assert_eq!(f.units[1].u16_start, 2);
        assert_eq!(f.units[2].u16_start, 4);
        assert_eq!(f.units[2].byte_start, 8);
    }
}
