//! Index-time text normalisation for matching: Traditional → Simplified Chinese
//! (OpenCC's `TSCharacters.txt`, Apache-2.0, see `data/LICENSE-OpenCC.txt`), full-width
//! letters, digits and `％` → ASCII, and ASCII upper → lower case.
//!
//! Every mapping keeps the UTF-16 length of the character, so a position in the
//! normalised text is the same position in the display text. That lets the index store
//! only the normalised text plus a short list of the places where the display text
//! differs ([`Normalized::restore`]), instead of a second full copy for excerpts.
//! `search.js` applies the same folding to queries, char by char.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

/// OpenCC's Traditional → Simplified character table, one `T<TAB>S [S2 …]` per line.
const TS_CHARACTERS: &str = include_str!("data/TSCharacters.txt");

/// The parsed table: pairs in file order (for deterministic output) and a lookup map.
struct TsTable {
    pairs: Vec<(char, char)>,
    map: HashMap<char, char>,
}

fn ts_table() -> &'static TsTable {
    static TABLE: OnceLock<TsTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let pairs: Vec<(char, char)> = TS_CHARACTERS.lines().filter_map(parse_line).collect();
        let map = pairs.iter().copied().collect();
        TsTable { pairs, map }
    })
}

/// One table line → `(traditional, first simplified)`, when both are single characters
/// of the same UTF-16 length and differ (so positions survive the mapping).
fn parse_line(line: &str) -> Option<(char, char)> {
    if line.starts_with('#') {
        return None;
    }
    let (t, s) = line.split_once('\t')?;
    let mut t_chars = t.chars();
    let tc = t_chars.next()?;
    let sc = s.split(' ').next()?.chars().next()?;
    let single = t_chars.next().is_none();
    (single && tc != sc && tc.len_utf16() == sc.len_utf16()).then_some((tc, sc))
}

/// The matching form of one character: full-width ASCII letters/digits and `％` to
/// ASCII, `A`–`Z` to lower case, Traditional to Simplified. Never changes UTF-16 length.
pub fn fold_char(c: char) -> char {
    let c = match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '\u{FF05}' => '%',
        _ => c,
    };
    if c.is_ascii_uppercase() {
        return c.to_ascii_lowercase();
    }
    ts_table().map.get(&c).copied().unwrap_or(c)
}

/// The Simplified form of a Traditional character (OpenCC's first choice), or `c`.
/// Keeps the UTF-16 length. The reply checker folds replies with it too.
pub fn to_simplified(c: char) -> char {
    ts_table().map.get(&c).copied().unwrap_or(c)
}

/// The matching form of a string (see [`fold_char`]).
pub fn normalize(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// A normalised string plus what is needed to show the original again.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Normalized {
    /// The text in matching form.
    pub text: String,
    /// Runs where the display text differs: (UTF-16 offset into `text`, original run).
    /// Each run has the same UTF-16 length as the text it replaces.
    pub restore: Vec<(usize, String)>,
}

impl Normalized {
    /// The display text: `text` with the restore runs put back.
    pub fn display(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        let mut runs = self.restore.iter().peekable();
        let mut pos = 0usize;
        let mut skip = 0usize;
        for c in self.text.chars() {
            if let Some((_, run)) = runs.next_if(|(start, _)| *start == pos) {
                out.push_str(run);
                skip = run.encode_utf16().count();
            }
            if skip == 0 {
                out.push(c);
            }
            let w = c.len_utf16();
            skip = skip.saturating_sub(w);
            pos += w;
        }
        out
    }
}

/// Normalises `s` and records where the display text differs (upper-case letters,
/// Traditional characters, full-width digits), merged into runs.
///
/// Linear in the length of `s`: the end of the open run is tracked, not recounted (a
/// 100,000-character upper-case title took 22 s when it was).
pub fn normalize_with_restore(s: &str) -> Normalized {
    let mut out = Normalized::default();
    out.text.reserve(s.len());
    let mut pos = 0usize;
    // UTF-16 offset just past the last restore run.
    let mut run_end = usize::MAX;
    for c in s.chars() {
        let n = fold_char(c);
        out.text.push(n);
        if n != c {
            match out.restore.last_mut() {
                Some((_, run)) if run_end == pos => run.push(c),
                _ => out.restore.push((pos, c.to_string())),
            }
            run_end = pos + c.len_utf16();
        }
        pos += c.len_utf16();
    }
    out
}

/// The Traditional → Simplified pairs whose Simplified character is in `present`, as
/// one string `T1S1T2S2…` in table order. Queries only need these: a query character
/// whose simplified form is nowhere in the site cannot match anything anyway.
pub fn ts_pairs_for(present: &BTreeSet<char>) -> String {
    let mut out = String::new();
    for &(t, s) in &ts_table().pairs {
        if present.contains(&s) {
            out.push(t);
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // The core promise: Traditional text is stored and matched in Simplified form.
    #[test]
    fn folds_traditional_to_simplified() {
        assert_eq!(normalize("延遲發貨"), "延迟发货");
        assert_eq!(normalize("單號填錯"), "单号填错");
    }

    // Full-width digits/letters and upper case must match what staff type on any keyboard.
    #[test]
    fn folds_width_and_case() {
        assert_eq!(normalize("ＳＫＵ ４８小时 ５％"), "sku 48小时 5%");
        assert_eq!(normalize("SKU"), "sku");
    }

    // Excerpts are rebuilt from the normalised text, so the restore runs must be exact.
    #[test]
    fn restore_runs_rebuild_the_display_text() {
        let n = normalize_with_restore("按SKU查發貨");
        assert_eq!(n.text, "按sku查发货");
        assert_eq!(
            n.restore,
            vec![(1, "SKU".to_string()), (5, "發貨".to_string())]
        );
    }

    // Folding was quadratic in the length of a run of folded characters (issue 14, item
    // 6): 200,000 upper-case letters must fold in well under a second even unoptimised.
    #[test]
    fn folding_a_long_run_is_linear() {
        let long: String = "ABCＤ發".repeat(40_000);
        let started = std::time::Instant::now();
        let n = normalize_with_restore(&long);
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        assert_eq!(n.restore.len(), 1);
        assert_eq!(n.display(), long);
    }

    // Deduplicated template bodies are cut from the display text, so it must round-trip.
    #[test]
    fn display_round_trips() {
        for s in ["按SKU查發貨", "", "ABC", "a發b", "ＳＫＵ４８"] {
            assert_eq!(normalize_with_restore(s).display(), s);
        }
    }

    // Only pairs useful for the site are shipped, keeping the index small.
    #[test]
    fn ships_only_pairs_whose_simplified_char_is_present() {
        let present: BTreeSet<char> = "迟发".chars().collect();
        let pairs = ts_pairs_for(&present);
        assert!(pairs.contains("遲迟") && pairs.contains("發发"));
        assert!(!pairs.contains('货'));
    }
}
