//! Reading an amount where a reply writes one: `30`, `19.9`, `二十`, `两百`, `一百五`
//! (150), `叁拾伍`, `五六十` (a range: its lower end), `三十多` (more than 30), `五十来`
//! (about 50). The amount checks `{数字>N}` and `{数字>=实付}` compare what this reads,
//! so `补您五十块` and `补您50块` are the same to them; `{手机号码}` reads mobile numbers
//! written in Chinese digits (`一三八…`) the same way.
//!
//! `themes/default/js/reply-check.js` ports this line by line (`amountAt`, `zhAmount`):
//! change one, change the other (the parity test runs both on the whole corpus).

use super::text::Unit;

/// Every character the reader looks at, so the browser's folding table covers them.
pub const AMOUNT_CHARS: &str = "〇零一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟幺多几余来块元毛角个件条天斤包盒瓶张次份套双只箱";

/// Counters that make a digit after `块`/`元` a count, not tenths (`三块两个`).
const COUNTERS: &str = "个件条天斤包盒瓶张次份套双只箱";

/// The value of a Chinese digit (`两` and the financial forms included).
pub(super) fn zh_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' | '壹' => 1,
        '二' | '贰' | '两' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The value of a Chinese unit below 万.
fn zh_unit(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// Whether `c` is part of a written number (so a number right after it is its tail).
fn numeric(c: char) -> bool {
    c.is_ascii_digit() || c == '.' || zh_digit(c).is_some() || zh_unit(c).is_some() || c == '万'
}

/// The amount starting at `p` and where it ends (a trailing `多`/`几`/`余` counts as a
/// little more, a trailing `来` as about), or `None` when no number starts there or
/// `p` is inside a longer number (`2.50` holds no `50`).
pub(super) fn amount_at(u: &[Unit], p: usize) -> Option<(f64, usize)> {
    if p >= u.len() || (p > 0 && numeric(u[p - 1].ch)) || is_tenths(u, p) {
        return None;
    }
    let (value, q) = if u[p].ch.is_ascii_digit() {
        ascii_amount(u, p)?
    } else {
        zh_amount(u, p)?
    };
    let value = value + tenths_after(u, q);
    Some(match u.get(q).map(|x| x.ch) {
        Some('多' | '几' | '余') => (value + 0.5, q + 1),
        Some('来') => (value, q + 1),
        _ => (value, q),
    })
}

/// The tenths a single digit after `块`/`元` at `q` adds (`一块五` = 1.5, `9块9` = 9.9,
/// `五块五毛`), or 0 when none is written or the digit counts something (`三块两个`).
/// The amount still ends at the `块`, so `{数字}(元|块)` reads on.
fn tenths_after(u: &[Unit], q: usize) -> f64 {
    if !matches!(u.get(q).map(|x| x.ch), Some('块' | '元')) {
        return 0.0;
    }
    let Some(d) = u.get(q + 1).and_then(|x| one_to_nine(x.ch)) else {
        return 0.0;
    };
    let ends = u
        .get(q + 2)
        .is_none_or(|x| !numeric(x.ch) && !COUNTERS.contains(x.ch));
    if ends { f64::from(d) / 10.0 } else { 0.0 }
}

/// The digit at `p` is the tenths of the amount before it (the 五 of `一块五`).
fn is_tenths(u: &[Unit], p: usize) -> bool {
    p >= 2 && numeric(u[p - 2].ch) && tenths_after(u, p - 1) > 0.0
}

/// A digit 1–9, ASCII or Chinese.
fn one_to_nine(c: char) -> Option<u32> {
    c.to_digit(10)
        .or_else(|| zh_digit(c))
        .filter(|d| (1..=9).contains(d))
}

fn ascii_amount(u: &[Unit], p: usize) -> Option<(f64, usize)> {
    let mut q = p;
    while q < u.len() {
        let c = u[q].ch;
        let decimal_point =
            c == '.' && q > p && u.get(q + 1).is_some_and(|x| x.ch.is_ascii_digit());
        if !(c.is_ascii_digit() || decimal_point) {
            break;
        }
        q += 1;
    }
    let digits: String = u[p..q].iter().map(|x| x.ch).collect();
    digits.parse::<f64>().ok().map(|v| (v, q))
}

/// A number in Chinese numerals at `p`: it starts with a digit other than zero or
/// with `十`. Two digits in a row are a range when the second is one more (`五六十`:
/// the lower end is kept), else a digit string (`一三八零…`, read digit by digit).
/// A digit right after `百`/`千`/`万` is that unit's tenth (`一百五` = 150) unless a
/// zero came between (`一百零五` = 105).
fn zh_amount(u: &[Unit], p: usize) -> Option<(f64, usize)> {
    let start = u[p].ch;
    if !(zh_digit(start).is_some_and(|d| d > 0) || zh_unit(start) == Some(10)) {
        return None;
    }
    let (mut total, mut section) = (0u64, 0u64);
    let mut digit: Option<u32> = None;
    let (mut last_unit, mut after_unit, mut zero) = (0u32, false, false);
    let mut abbrev = false;
    let mut q = p;
    while q < u.len() {
        let c = u[q].ch;
        if let Some(d) = zh_digit(c) {
            if let Some(prev) = digit {
                let next_is_digit = u.get(q + 1).is_some_and(|x| zh_digit(x.ch).is_some());
                if d == prev + 1 && !next_is_digit {
                    q += 1;
                    continue;
                }
                if total == 0 && section == 0 {
                    return digit_string(u, p);
                }
                break;
            }
            if d == 0 {
                zero = true;
            } else {
                digit = Some(d);
                abbrev = after_unit && !zero;
            }
            after_unit = false;
        } else if let Some(unit) = zh_unit(c) {
            let n = match digit {
                Some(d) => d,
                None if unit == 10 && !after_unit => 1,
                None => break,
            };
            section += u64::from(n) * u64::from(unit);
            (digit, last_unit, after_unit, zero) = (None, unit, true, false);
        } else if c == '万' {
            let s = section + u64::from(digit.unwrap_or(0));
            if s == 0 {
                break;
            }
            total += s * 10_000;
            (section, digit, last_unit, after_unit, zero) = (0, None, 10_000, true, false);
        } else {
            break;
        }
        q += 1;
    }
    if let Some(d) = digit {
        section += if abbrev && last_unit >= 100 {
            u64::from(d) * u64::from(last_unit / 10)
        } else {
            u64::from(d)
        };
    }
    Some(((total + section) as f64, q))
}

/// A run of Chinese digits read one by one (`一三八零零` = 13800).
fn digit_string(u: &[Unit], p: usize) -> Option<(f64, usize)> {
    let mut q = p;
    let mut v = 0f64;
    while let Some(d) = u.get(q).and_then(|x| zh_digit(x.ch)) {
        v = v * 10.0 + f64::from(d);
        q += 1;
    }
    Some((v, q))
}

/// A mobile digit: ASCII, a Chinese digit, or `幺` (how 1 is read out in numbers).
pub(super) fn mobile_digit(c: char) -> bool {
    c.is_ascii_digit() || c == '幺' || zh_digit(c).is_some_and(|_| c != '两')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::text::fold;

    fn read(s: &str) -> Option<(f64, usize)> {
        amount_at(&fold(s).units, 0)
    }

    // Chinese amounts are read as the same numbers as digits.
    #[test]
    fn reads_chinese_amounts() {
        let cases = [
            ("30元", 30.0, 2),
            ("19.9的", 19.9, 4),
            ("二十块", 20.0, 2),
            ("两百", 200.0, 2),
            ("一百五", 150.0, 3),
            ("一百零五", 105.0, 4),
            ("十五块", 15.0, 2),
            ("九十九的", 99.0, 3),
            ("叁拾伍元", 35.0, 3),
            ("两百三", 230.0, 3),
            ("一万二", 12000.0, 3),
            ("五六十块", 50.0, 3),
            ("三四天", 3.0, 2),
            ("三十多块", 30.5, 3),
            ("五十来块", 50.0, 3),
            ("30多", 30.5, 3),
            ("一三八零零", 13800.0, 5),
            ("一块五的", 1.5, 1),
            ("十二块八", 12.8, 2),
            ("9块9", 9.9, 1),
            ("五块五毛", 5.5, 1),
            ("三块两个", 3.0, 1),
            ("十块五十", 10.0, 1),
            ("20元", 20.0, 2),
        ];
        for (s, v, end) in cases {
            assert_eq!(read(s), Some((v, end)), "{s}");
        }
    }

    // No amount starts at a unit, a zero, a word, or inside a longer number.
    #[test]
    fn no_amount_where_none_starts() {
        assert_eq!(read("百分之五"), None);
        assert_eq!(read("零钱"), None);
        assert_eq!(read("千万别"), None);
        assert_eq!(amount_at(&fold("2.50").units, 2), None);
        assert_eq!(amount_at(&fold("一百五").units, 2), None);
        assert_eq!(amount_at(&fold("一块五的").units, 2), None);
        assert_eq!(amount_at(&fold("三块两个").units, 2), Some((2.0, 3)));
    }
}
