//! The pattern syntax authors write in `phrases.yaml`, parsed into a small tree.
//!
//! | syntax | meaning |
//! |---|---|
//! | `加微信` | the text itself (folded: case, full width and spaces do not matter) |
//! | `(微信\|vx\|v信)` | one of the alternatives; `(个\|)` makes `个` optional |
//! | `{微信}` | one of the words of the set `微信` (`phrase_sets`, or built in) |
//! | `…` or `...` | up to 6 characters in the same clause (no `，` in between) |
//! | `…{12}` | up to 12 characters in the same clause (a number in braces right after a gap is its reach; `…{微信}` is a gap, then a set) |
//! | `……` or `......` | up to 20 characters in the same sentence (may cross `，`) |
//! | `……{30}` | up to 30 characters in the same sentence |
//! | `{数字}`, `{中文数字}` | a number: `0-9` (with `.`), or 〇零一二两三四五六七八九十百千万 |
//! | `{数字>30}` | an amount (not part of a longer number) larger than 30, in digits or Chinese numerals (`五十`, `一百五`, `三十多`; see `amount.rs`) |
//! | `{数字>=实付}` | an amount at least the amount paid, as the reply states it (set `实付金额`) |
//! | `{数字>rule:taobao.stockout_compensation_cap}` | the same, the limit read from a platform rule (resolved by [`super::compile`]) |
//! | `{手机号码}` | an eleven-digit mobile number starting with 1 (`138-0000-1111`, `一三八…` too) |
//! | `{结尾}` | the end of the reply or of a sentence (matches no character) |
//! | `{开头}` | the start of the reply or of a clause: after punctuation or a space between Chinese characters (matches no character) |
//!
//! A bare `|` outside parentheses separates alternatives of the whole pattern. There is
//! no escape (a `\` is an error): to match `(`, `|` or `{` themselves, write the full-width `（`, `｜`, `｛`
//! (they fold to the same character). Anything the parser does not accept is an error
//! with the column, never a silent literal.

use super::text::fold_literal;

/// Largest gap an author may ask for.
pub const MAX_GAP: u16 = 40;
/// Default reach of `…`.
pub const CLAUSE_GAP: u16 = 6;
/// Default reach of `……`.
pub const SENTENCE_GAP: u16 = 20;
/// Longest pattern accepted, in characters.
pub const MAX_PATTERN_CHARS: usize = 200;
const MAX_DEPTH: usize = 8;

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// Folded text that must follow exactly.
    Lit(Vec<char>),
    /// One of several sequences.
    Alt(Vec<Seq>),
    /// A word set, by name until resolved, then by index.
    Set(SetRef),
    /// Up to `max` characters; `sentence` gaps may cross clause punctuation.
    Gap {
        /// Most characters skipped.
        max: u16,
        /// Whether the gap may cross `，` (but never `。`).
        sentence: bool,
    },
    /// A run of ASCII digits (`{数字}`), or of Chinese numerals (`{中文数字}`).
    Num(NumKind),
    /// `{结尾}`: matches no character, at the end of the reply or of a sentence.
    End,
    /// `{开头}`: matches no character, at the start of the reply or of a clause.
    Start,
}

/// A set reference before and after name resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetRef {
    /// As written, with the column of `{`.
    Name(String, usize),
    /// Index into the resolved set table.
    Index(usize),
}

/// The two built-in number classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumKind {
    /// `0-9`, with `.` between digits (`4.5`).
    Ascii,
    /// 〇零一二两三四五六七八九十百千万.
    Chinese,
    /// `{数字>N}`: a number in digits, starting where no digit precedes it, larger
    /// than `N` (amounts above a cap).
    Over(u32),
    /// `{数字>=实付}`: a number in digits, starting where no digit precedes it, at
    /// least as large as the amount the reply says the buyer paid (the first match of
    /// the set `实付金额`); nothing matches when the reply states no amount.
    AtLeastPaid,
    /// `{手机号码}`: a mainland mobile number, eleven digits starting with 1 (a `-`
    /// between digits allowed), not part of a longer number.
    Mobile,
}

/// A sequence of nodes.
pub type Seq = Vec<Node>;

/// A syntax error: what is wrong and at which character of the pattern (0-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// Character index in the pattern as written.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl PatternError {
    pub(crate) fn new(column: usize, message: impl Into<String>, hint: &str) -> Self {
        PatternError {
            column,
            message: message.into(),
            hint: (!hint.is_empty()).then(|| hint.to_string()),
        }
    }
}

/// Parses one pattern. The result is one sequence; top-level `|` becomes an `Alt`.
pub fn parse(src: &str) -> Result<Seq, PatternError> {
    let chars: Vec<char> = src.chars().collect();
    if chars.len() > MAX_PATTERN_CHARS {
        return Err(PatternError::new(
            MAX_PATTERN_CHARS,
            crate::tr!("pat.too_long", max = MAX_PATTERN_CHARS),
            &crate::tr!("pat.too_long_hint"),
        ));
    }
    let mut p = Parser { chars, pos: 0 };
    let alts = p.alternatives(0)?;
    if let Some(c) = p.peek() {
        return Err(PatternError::new(
            p.pos,
            crate::tr!("pat.unexpected", c = c),
            &crate::tr!("pat.unexpected_hint"),
        ));
    }
    let seq = if alts.len() == 1 {
        alts.into_iter().next().unwrap_or_default()
    } else {
        vec![Node::Alt(alts)]
    };
    check_ends(&seq, src)?;
    Ok(seq)
}

fn check_ends(seq: &Seq, src: &str) -> Result<(), PatternError> {
    let last = src.chars().count().saturating_sub(1);
    match (seq.first(), seq.last()) {
        (None, _) => Err(PatternError::new(
            0,
            crate::tr!("pat.empty"),
            &crate::tr!("pat.empty_hint"),
        )),
        (Some(Node::Gap { .. }), _) => Err(PatternError::new(
            0,
            crate::tr!("pat.starts_gap"),
            &crate::tr!("pat.gap_joins", example = "加…微信"),
        )),
        (_, Some(Node::Gap { .. })) => Err(PatternError::new(
            last,
            crate::tr!("pat.ends_gap"),
            &crate::tr!("pat.gap_joins", example = "好评…返现"),
        )),
        _ => Ok(()),
    }
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn starts_with(&self, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(i, c)| self.chars.get(self.pos + i) == Some(&c))
    }

    /// `seq ('|' seq)*`, up to a `)` or the end.
    fn alternatives(&mut self, depth: usize) -> Result<Vec<Seq>, PatternError> {
        if depth > MAX_DEPTH {
            return Err(PatternError::new(
                self.pos,
                crate::tr!("pat.too_deep"),
                &crate::tr!("pat.too_deep_hint", max = MAX_DEPTH),
            ));
        }
        let mut alts = vec![self.sequence(depth)?];
        while self.peek() == Some('|') {
            self.pos += 1;
            alts.push(self.sequence(depth)?);
        }
        Ok(alts)
    }

    fn sequence(&mut self, depth: usize) -> Result<Seq, PatternError> {
        let mut seq: Seq = Vec::new();
        while let Some(c) = self.peek() {
            match c {
                '|' | ')' => break,
                '(' => seq.push(self.group(depth)?),
                '{' => seq.push(self.set()?),
                '}' => {
                    return Err(PatternError::new(
                        self.pos,
                        crate::tr!("pat.close_brace"),
                        &crate::tr!("pat.brace_hint", full = '｝'),
                    ));
                }
                '\\' => {
                    return Err(PatternError::new(
                        self.pos,
                        crate::tr!("pat.backslash"),
                        &crate::tr!("pat.backslash_hint"),
                    ));
                }
                _ if self.starts_with("…") || self.starts_with("...") => {
                    seq.push(self.gap()?);
                }
                _ => {
                    self.pos += 1;
                    push_literal(&mut seq, c);
                }
            }
        }
        Ok(seq)
    }

    fn group(&mut self, depth: usize) -> Result<Node, PatternError> {
        let open = self.pos;
        self.pos += 1;
        let alts = self.alternatives(depth + 1)?;
        if self.peek() != Some(')') {
            return Err(PatternError::new(
                open,
                crate::tr!("pat.unclosed_paren"),
                &crate::tr!("pat.unclosed_paren_hint"),
            ));
        }
        self.pos += 1;
        if alts.iter().all(Vec::is_empty) {
            return Err(PatternError::new(
                open,
                crate::tr!("pat.empty_group"),
                &crate::tr!("pat.empty_group_hint"),
            ));
        }
        Ok(Node::Alt(alts))
    }

    /// The text between `{` and `}`.
    fn braced(&mut self) -> Result<(usize, String), PatternError> {
        let open = self.pos;
        self.pos += 1;
        let mut name = String::new();
        loop {
            match self.peek() {
                Some('}') => break,
                Some(c) if !"{(|)…".contains(c) => {
                    name.push(c);
                    self.pos += 1;
                }
                _ => {
                    return Err(PatternError::new(
                        open,
                        crate::tr!("pat.unclosed_brace"),
                        &crate::tr!("pat.brace_hint", full = '｛'),
                    ));
                }
            }
        }
        self.pos += 1;
        Ok((open, name.trim().to_string()))
    }

    fn set(&mut self) -> Result<Node, PatternError> {
        let (open, name) = self.braced()?;
        if name.is_empty() {
            return Err(PatternError::new(
                open,
                crate::tr!("pat.empty_set"),
                &crate::tr!("pat.empty_set_hint"),
            ));
        }
        if name.chars().all(|c| c.is_ascii_digit()) {
            return Err(PatternError::new(
                open,
                crate::tr!("pat.number_set", set = name),
                &crate::tr!("pat.number_set_hint"),
            ));
        }
        if name == "数字>=实付" {
            return Ok(Node::Num(NumKind::AtLeastPaid));
        }
        if let Some(limit) = name.strip_prefix("数字>") {
            if limit.trim().starts_with("rule:") {
                // Resolved against the platform rules when the rules are compiled.
                return Ok(Node::Set(SetRef::Name(name, open)));
            }
            return match limit.trim().parse::<u32>() {
                Ok(n) => Ok(Node::Num(NumKind::Over(n))),
                Err(_) => Err(PatternError::new(
                    open,
                    crate::tr!("pat.limit", set = name),
                    &crate::tr!("pat.limit_hint"),
                )),
            };
        }
        Ok(match name.as_str() {
            "数字" => Node::Num(NumKind::Ascii),
            "中文数字" => Node::Num(NumKind::Chinese),
            "手机号码" => Node::Num(NumKind::Mobile),
            "结尾" => Node::End,
            "开头" => Node::Start,
            _ => Node::Set(SetRef::Name(name, open)),
        })
    }

    fn gap(&mut self) -> Result<Node, PatternError> {
        let start = self.pos;
        let mut dots = 0;
        while self.starts_with("…") || self.starts_with("...") {
            self.pos += if self.starts_with("…") { 1 } else { 3 };
            dots += 1;
        }
        if dots > 2 {
            return Err(PatternError::new(
                start,
                crate::tr!("pat.many_gaps"),
                &crate::tr!("pat.many_gaps_hint"),
            ));
        }
        let sentence = dots == 2;
        let mut max = if sentence { SENTENCE_GAP } else { CLAUSE_GAP };
        if self.peek() == Some('{') {
            let save = self.pos;
            let (open, n) = self.braced()?;
            if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit()) {
                // Not a length: a set right after the gap, `…{微信}`.
                self.pos = save;
                return Ok(Node::Gap { max, sentence });
            }
            max = match n.parse::<u16>() {
                Ok(v) if (1..=MAX_GAP).contains(&v) => v,
                _ => {
                    return Err(PatternError::new(
                        open,
                        crate::tr!("pat.gap_len", n = n, max = MAX_GAP),
                        &crate::tr!("pat.gap_len_hint"),
                    ));
                }
            };
        }
        Ok(Node::Gap { max, sentence })
    }
}

fn push_literal(seq: &mut Seq, c: char) {
    let folded = fold_literal(&c.to_string());
    if folded.is_empty() {
        return;
    }
    if let Some(Node::Lit(s)) = seq.last_mut() {
        s.extend(folded);
    } else {
        seq.push(Node::Lit(folded));
    }
}

/// The fewest characters a sequence can match (`sets` gives each resolved set's minimum).
pub fn min_len(seq: &Seq, sets: &dyn Fn(usize) -> usize) -> usize {
    seq.iter()
        .map(|n| match n {
            Node::Lit(s) => s.len(),
            Node::Alt(alts) => alts.iter().map(|a| min_len(a, sets)).min().unwrap_or(0),
            Node::Set(SetRef::Index(i)) => sets(*i),
            Node::Set(SetRef::Name(..)) | Node::Gap { .. } | Node::End | Node::Start => 0,
            Node::Num(_) => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Node {
        Node::Lit(s.chars().collect())
    }

    // The documented syntax parses into the documented tree.
    #[test]
    fn parses_alternatives_sets_and_gaps() {
        let seq = parse("加(个|我|)…{微信}").unwrap();
        assert_eq!(seq[0], lit("加"));
        assert_eq!(
            seq[1],
            Node::Alt(vec![vec![lit("个")], vec![lit("我")], vec![]])
        );
        assert_eq!(
            seq[2],
            Node::Gap {
                max: 6,
                sentence: false
            }
        );
        assert_eq!(seq[3], Node::Set(SetRef::Name("微信".into(), 8)));
        let seq = parse("好评......{30}返").unwrap();
        assert_eq!(
            seq[1],
            Node::Gap {
                max: 30,
                sentence: true
            }
        );
        assert_eq!(parse("Ａ b|c").unwrap().len(), 1);
        assert_eq!(parse("{数字}元").unwrap()[0], Node::Num(NumKind::Ascii));
        assert_eq!(
            parse("{数字>30}元").unwrap()[0],
            Node::Num(NumKind::Over(30))
        );
        assert!(parse("{数字>三十}").is_err());
        assert!(parse("懂吗\\?").is_err());
        let seq = parse("加…{微信}").unwrap();
        assert_eq!(seq[2], Node::Set(SetRef::Name("微信".into(), 2)));
    }

    // Every malformed pattern is an error with the column of the culprit, never a literal.
    #[test]
    fn rejects_malformed_patterns_with_columns() {
        let col = |p: &str| parse(p).unwrap_err().column;
        assert_eq!(col("加(微信"), 1);
        assert_eq!(col("加微信)"), 3);
        assert_eq!(col("…加微信"), 0);
        assert_eq!(col("加微信…"), 3);
        assert_eq!(col("加{微信"), 1);
        assert_eq!(col("加}"), 1);
        assert_eq!(col("加…{99}信"), 2);
        assert_eq!(col("加{12}信"), 1);
        assert_eq!(col("加………信"), 1);
        assert_eq!(col("加()信"), 1);
        assert_eq!(col(""), 0);
    }
}
