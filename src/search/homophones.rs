//! The homophone table for reading typos: staff type Chinese with a pinyin input
//! method, and a slip picks a character that sounds the same (缺获 for 缺货, 退宽 for
//! 退款). `search.js` corrects a character pair that the site never contains into a
//! same-sounding pair that it does (see `docs/search.md`).
//!
//! Readings come from the `pinyin` crate (MIT), without tones and with the common
//! fuzzy pairs folded (zh/z, ch/c, sh/s, -ng/-n). The table covers every character of
//! the site plus the 3,755 common characters of GB 2312 level 1, so a typo with a
//! character the site never uses can still be read; only sounds that some character of
//! the site has are kept, since a correction must land on the site's text.

use std::collections::{BTreeMap, BTreeSet};

use pinyin::ToPinyinMulti;

/// At most this many readings per character (the crate lists rare ones too; a rare
/// reading would only produce wrong corrections).
const READINGS_PER_CHAR: usize = 2;

/// `key` + the site's characters with that sound + `~` + other common characters,
/// for every sound, in key order, e.g. `huo货活火~获祸`. Deterministic.
pub fn table(site_chars: &BTreeSet<char>) -> String {
    let mut by_key: BTreeMap<String, (BTreeSet<char>, BTreeSet<char>)> = BTreeMap::new();
    for &c in site_chars {
        for key in keys(c) {
            by_key.entry(key).or_default().0.insert(c);
        }
    }
    for c in common_chars().filter(|c| !site_chars.contains(c)) {
        for key in keys(c) {
            if let Some(entry) = by_key.get_mut(&key) {
                entry.1.insert(c);
            }
        }
    }
    let mut out = String::new();
    for (key, (site, other)) in by_key {
        out.push_str(&key);
        out.extend(site);
        if !other.is_empty() {
            out.push('~');
            out.extend(other);
        }
    }
    out
}

/// The fuzzy sound keys of a character (none for a character without a reading).
pub fn keys(c: char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let Some(readings) = c.to_pinyin_multi() else {
        return out;
    };
    for p in readings.into_iter().take(READINGS_PER_CHAR) {
        let key = fuzzy(p.plain());
        if !key.is_empty() && !out.contains(&key) {
            out.push(key);
        }
    }
    out
}

/// A toneless syllable with the pairs that are easy to confuse made equal:
/// `zh`/`ch`/`sh` → `z`/`c`/`s`, a final `ng` → `n`, `ü` → `v`.
fn fuzzy(plain: &str) -> String {
    let s = plain.replace('ü', "v");
    let s = ["zh", "ch", "sh"]
        .iter()
        .find_map(|p| s.strip_prefix(p).map(|rest| format!("{}{rest}", &p[..1])))
        .unwrap_or(s);
    match s.strip_suffix("ng") {
        Some(stem) if !stem.is_empty() => format!("{stem}n"),
        _ => s,
    }
    .chars()
    .filter(char::is_ascii_lowercase)
    .collect()
}

/// GB 2312 level 1: the 3,755 most common characters (rows 0xB0–0xD7), decoded with
/// `encoding_rs`.
fn common_chars() -> impl Iterator<Item = char> {
    (0xB0u8..=0xD7).flat_map(|row| {
        (0xA1u8..=0xFE).filter_map(move |col| {
            let bytes = [row, col];
            let (text, _, bad) = encoding_rs::GBK.decode(&bytes);
            let c = text.chars().next()?;
            (!bad && ('\u{4E00}'..='\u{9FFF}').contains(&c)).then_some(c)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // The pairs that pinyin typos confuse must share a key.
    #[test]
    fn confusable_sounds_share_a_key() {
        let same = |a: char, b: char| keys(a).iter().any(|k| keys(b).contains(k));
        for (a, b) in [
            ('获', '货'),
            ('宽', '款'),
            ('天', '填'),
            ('陪', '赔'),
            ('因', '应'),
            ('帐', '障'),
        ] {
            assert!(same(a, b), "{a} {:?} / {b} {:?}", keys(a), keys(b));
        }
        assert!(!same('货', '款'));
        assert_eq!(fuzzy("zhuang"), "zuan");
        assert_eq!(fuzzy("lü"), "lv");
    }

    // A typed character the site does not use is still in the table when it sounds like
    // one the site uses; sounds the site lacks are left out.
    #[test]
    fn table_keeps_site_sounds_and_their_common_homophones() {
        let site: BTreeSet<char> = "退款".chars().collect();
        let t = table(&site);
        assert!(t.contains("kuan款~"), "{t}");
        let kuan = &t[t.find("kuan").expect("kuan")..];
        assert!(kuan.contains('宽'));
        assert!(!t.contains("huo"), "{t}");
        assert_eq!(common_chars().count(), 3755);
    }
}
