//! Exact arithmetic and small statistics: rationals for every ⌈…⌉ of the contract,
//! nearest-rank percentiles, the standard normal quantile (Wichura's AS241) and
//! rounding for money.

/// A non-negative-denominator rational `num / den`, exact (i128).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    /// Numerator.
    pub num: i128,
    /// Denominator (> 0).
    pub den: i128,
}

impl Ratio {
    /// An integer.
    pub fn int(n: i128) -> Ratio {
        Ratio { num: n, den: 1 }
    }

    /// Parses a plain decimal such as `7`, `2.5` or `-0.125` exactly.
    pub fn parse_decimal(text: &str) -> Option<Ratio> {
        let t = text.trim();
        let (neg, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let (int, frac) = t.split_once('.').unwrap_or((t, ""));
        if (int.is_empty() && frac.is_empty())
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || int.len() + frac.len() > 30
        {
            return None;
        }
        let digits = format!("{int}{frac}");
        let num: i128 = if digits.is_empty() {
            0
        } else {
            digits.parse().ok()?
        };
        let den = 10i128.checked_pow(frac.len() as u32)?;
        Some(Ratio {
            num: if neg { -num } else { num },
            den,
        })
    }

    /// The exact value of a configured `f64` threshold, read through its shortest
    /// decimal form (so `0.2` is 2/10, not the binary approximation).
    pub fn from_f64(x: f64) -> Ratio {
        let text = format!("{x}");
        Ratio::parse_decimal(&text).unwrap_or(Ratio::int(x.round() as i128))
    }

    /// `self · other`.
    pub fn times(self, other: Ratio) -> Ratio {
        Ratio {
            num: self.num * other.num,
            den: self.den * other.den,
        }
    }

    /// `self · other`, or `None` when the exact product does not fit in 128 bits (a
    /// hostile lead time of thirty digits times a large demand).
    pub fn checked_times(self, other: Ratio) -> Option<Ratio> {
        Some(Ratio {
            num: self.num.checked_mul(other.num)?,
            den: self.den.checked_mul(other.den)?,
        })
    }

    /// `self / n` for a positive integer `n`.
    pub fn div_int(self, n: i128) -> Ratio {
        Ratio {
            num: self.num,
            den: self.den * n.max(1),
        }
    }

    /// ⌈self⌉, exactly.
    pub fn ceil(self) -> i128 {
        self.num.div_euclid(self.den) + i128::from(self.num.rem_euclid(self.den) != 0)
    }

    /// The value as a float (for display only).
    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }
}

/// Nearest-rank percentile of sorted `values`: the value at 1-based position
/// ⌈p/100 · n⌉; `None` when empty.
pub fn nearest_rank(sorted: &[i64], p: u32) -> Option<i64> {
    let n = sorted.len() as u64;
    if n == 0 {
        return None;
    }
    let rank = (u64::from(p) * n).div_ceil(100).max(1);
    sorted.get((rank - 1) as usize).copied()
}

/// Population standard deviation.
pub fn population_std(values: &[u64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let n = values.len() as f64;
    let mean = values.iter().map(|&v| v as f64).sum::<f64>() / n;
    let var = values
        .iter()
        .map(|&v| (v as f64 - mean).powi(2))
        .sum::<f64>()
        / n;
    var.sqrt()
}

/// Rounds half away from zero to 2 decimals.
pub fn round2(x: f64) -> f64 {
    let scaled = x * 100.0;
    // Correct the binary representation error first (e.g. 1.005 · 100 = 100.49999…).
    let nudged = (scaled * 1e6).round() / 1e6;
    nudged.round() / 100.0
}

fn poly(c: &[f64; 8], x: f64) -> f64 {
    c.iter().rev().fold(0.0, |acc, &k| acc * x + k)
}

#[allow(
    clippy::excessive_precision,
    reason = "AS241 coefficients as published"
)]
const A: [f64; 8] = [
    3.387_132_872_796_366_6,
    133.141_667_891_784_38,
    1_971.590_950_306_551_4,
    13_731.693_765_509_461,
    45_921.953_931_549_87,
    67_265.770_927_008_7,
    33_430.575_583_588_13,
    2_509.080_928_730_122_7,
];
#[allow(
    clippy::excessive_precision,
    reason = "AS241 coefficients as published"
)]
const B: [f64; 8] = [
    1.0,
    42.313_330_701_600_91,
    687.187_007_492_057_9,
    5_394.196_021_424_751,
    21_213.794_301_586_596,
    39_307.895_800_092_71,
    28_729.085_735_721_943,
    5_226.495_278_852_854_5,
];
#[allow(
    clippy::excessive_precision,
    reason = "AS241 coefficients as published"
)]
const C: [f64; 8] = [
    1.423_437_110_749_683_6,
    4.630_337_846_156_545,
    5.769_497_221_460_691,
    3.647_848_324_763_204_5,
    1.270_458_252_452_368_4,
    0.241_780_725_177_450_6,
    0.022_723_844_989_269_184,
    0.000_774_545_014_278_341_4,
];
#[allow(
    clippy::excessive_precision,
    reason = "AS241 coefficients as published"
)]
const D: [f64; 8] = [
    1.0,
    2.053_191_626_637_758_8,
    1.676_384_830_183_803_8,
    0.689_767_334_985_1,
    0.148_103_976_427_480_07,
    0.015_198_666_563_616_457,
    0.000_547_593_808_499_534_5,
    1.050_750_071_644_416_8e-9,
];
#[allow(
    clippy::excessive_precision,
    reason = "AS241 coefficients as published"
)]
const E: [f64; 8] = [
    6.657_904_643_501_103,
    5.463_784_911_164_114,
    1.784_826_539_917_291_3,
    0.296_560_571_828_504_9,
    0.026_532_189_526_576_124,
    0.001_242_660_947_388_078_4,
    2.711_555_568_743_487_6e-5,
    2.010_334_399_292_288_1e-7,
];
#[allow(
    clippy::excessive_precision,
    reason = "AS241 coefficients as published"
)]
const F: [f64; 8] = [
    1.0,
    0.599_832_206_555_887_9,
    0.136_929_880_922_735_8,
    0.014_875_361_290_850_615,
    0.000_786_869_131_145_613_3,
    1.846_318_317_510_054_8e-5,
    1.421_511_758_316_445_9e-7,
    2.044_263_103_389_939_8e-15,
];

/// The standard normal quantile Φ⁻¹(p), Wichura's algorithm AS241 (PPND16, about 16
/// significant digits). `p` outside (0, 1) gives ±infinity.
pub fn normal_quantile(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180_625 - q * q;
        return q * poly(&A, r) / poly(&B, r);
    }
    let r = if q < 0.0 { p } else { 1.0 - p };
    let r = (-r.ln()).sqrt();
    let v = if r <= 5.0 {
        let r = r - 1.6;
        poly(&C, r) / poly(&D, r)
    } else {
        let r = r - 5.0;
        poly(&E, r) / poly(&F, r)
    };
    if q < 0.0 { -v } else { v }
}

#[cfg(test)]
mod tests {
    use super::*;

    // §10: ⌈62/30 · 15⌉ is 31 computed exactly; a float product gives 31.000000000000004.
    #[test]
    fn exact_ceiling_of_daily_demand_times_lead_time() {
        let r = Ratio::int(62).div_int(30).times(Ratio::int(15));
        assert_eq!(r.ceil(), 31);
        assert_eq!(Ratio::from_f64(0.2).times(Ratio::int(11)).ceil(), 3);
        assert_eq!(
            Ratio::parse_decimal("2.5"),
            Some(Ratio { num: 25, den: 10 })
        );
        assert_eq!(Ratio::parse_decimal("-1.5").unwrap().ceil(), -1);
    }

    // Nearest rank edge cases: n = 0, 1, 2.
    #[test]
    fn nearest_rank_edges() {
        assert_eq!(nearest_rank(&[], 50), None);
        assert_eq!(nearest_rank(&[7], 90), Some(7));
        assert_eq!(nearest_rank(&[1, 2], 50), Some(1));
        assert_eq!(nearest_rank(&[1, 2], 90), Some(2));
        assert_eq!(nearest_rank(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90), Some(9));
    }

    // The service level 0.95 must give the textbook z.
    #[test]
    fn normal_quantile_is_accurate() {
        assert!((normal_quantile(0.95) - 1.644_853_626_951_472_2).abs() < 1e-14);
        assert!((normal_quantile(0.5)).abs() < 1e-15);
        assert!((normal_quantile(0.001) + 3.090_232_306_167_813_5).abs() < 1e-13);
    }

    // Money is rounded half away from zero.
    #[test]
    fn rounds_money_half_away_from_zero() {
        assert_eq!(round2(1.005), 1.01);
        assert_eq!(round2(2.675), 2.68);
        assert_eq!(round2(-1.005), -1.01);
        assert_eq!(round2(12.3449), 12.34);
    }
}
