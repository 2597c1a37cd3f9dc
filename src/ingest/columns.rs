//! Header matching: which CSV column holds which canonical field.
//!
//! For each canonical column the candidate headers are, in order: its own name, the
//! aliases of `columns.orders` / `columns.stock` in delaybook.yaml, the names of the
//! file's platform preset (see [`super::presets`] and [`super::detect`]), then those of
//! the generic presets (`zh-generic` by default). Every candidate present in the file is
//! kept in that order: a cell takes the first non-empty one (抖店's 商家编码, else
//! 商品ID). Names are compared after [`loose`]; other headers are ignored (buyer names,
//! phones and addresses are never read).

use std::collections::BTreeMap;

use super::presets::{self, Columns, Preset};
use crate::config::Config;

/// Which file a header row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// orders.csv
    Orders,
    /// stock.csv
    Stock,
}

/// Canonical columns of orders.csv, in contract order, then columns that are not in the
/// contract but that real exports carry: `unit_price` (the line amount is `unit_price ×
/// quantity` when there is no amount), `line_id` (the sub-order id: two lines of one
/// order with the same SKU are two lines, not a duplicate), `paid_at` (the payment time
/// alone: a closed order never paid is not an order line) and `presale` (a 预售 mark:
/// without a ship-by date its deadline is unknown).
pub const ORDER_COLUMNS: &[&str] = &[
    "order_id",
    "sku",
    "quantity",
    "platform",
    "ordered_at",
    "promised_ship_by",
    "shipped_at",
    "status",
    "delay_cause",
    "detected_at",
    "notified_at",
    "resolution",
    "amount",
    "unit_price",
    "line_id",
    "paid_at",
    "presale",
];
/// Required columns of orders.csv.
pub const ORDER_REQUIRED: &[&str] = &["order_id", "sku", "ordered_at"];
/// Canonical columns of stock.csv, in contract order.
pub const STOCK_COLUMNS: &[&str] = &[
    "sku",
    "name",
    "on_hand",
    "incoming",
    "restock_eta",
    "lead_time_days",
    "supplier",
];
/// Required columns of stock.csv.
pub const STOCK_REQUIRED: &[&str] = &["sku", "on_hand"];

/// Normalises a header for comparison: trimmed, BOM removed, lower case, full-width
/// brackets as ASCII.
pub fn normalize(header: &str) -> String {
    header
        .trim_start_matches('\u{feff}')
        .trim()
        .chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
}

/// [`normalize`], then without a trailing unit: `实付金额(元)` → `实付金额`.
pub fn loose(header: &str) -> String {
    let n = normalize(header);
    for unit in ["(元)", "(件)", "(天)", "(个)", "(单)"] {
        if let Some(stripped) = n.strip_suffix(unit) {
            return stripped.trim_end().to_string();
        }
    }
    n
}

/// The canonical columns and required ones for a file kind.
pub fn columns_of(kind: FileKind) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        FileKind::Orders => (ORDER_COLUMNS, ORDER_REQUIRED),
        FileKind::Stock => (STOCK_COLUMNS, STOCK_REQUIRED),
    }
}

fn generic_table(name: &str, kind: FileKind) -> Option<Columns> {
    match (name, kind) {
        ("zh-generic", FileKind::Orders) => Some(presets::ZH_GENERIC_ORDERS),
        ("zh-generic", FileKind::Stock) => Some(presets::ZH_GENERIC_STOCK),
        _ => None,
    }
}

/// Candidate header names (after [`loose`]) for every canonical column, in priority
/// order, for a file read with `preset` (if any).
pub fn candidates(
    config: &Config,
    kind: FileKind,
    preset: Option<&Preset>,
) -> BTreeMap<&'static str, Vec<String>> {
    let (cols, _) = columns_of(kind);
    let user = match kind {
        FileKind::Orders => &config.columns.orders,
        FileKind::Stock => &config.columns.stock,
    };
    let mut out = BTreeMap::new();
    for &col in cols {
        let mut names = vec![col.to_string()];
        if let Some(extra) = user.get(col) {
            names.extend(extra.iter().map(|s| loose(s)));
        }
        if let Some(p) = preset.filter(|_| kind == FileKind::Orders) {
            names.extend(presets::names_of(p.columns, col).iter().map(|s| loose(s)));
        }
        for name in &config.columns.presets {
            if let Some(table) = generic_table(name, kind) {
                names.extend(presets::names_of(table, col).iter().map(|s| loose(s)));
            }
        }
        let mut seen = std::collections::HashSet::new();
        names.retain(|n| seen.insert(n.clone()));
        out.insert(col, names);
    }
    out
}

/// Where each canonical column is in a file.
#[derive(Debug, Clone, Default)]
pub struct HeaderMap {
    /// For each canonical column (see [`ORDER_COLUMNS`] / [`STOCK_COLUMNS`]), the field
    /// indexes of its candidates present in the file, best first.
    pub fields: Vec<Vec<usize>>,
    /// The header text of each field as found in the file (trimmed).
    pub headers: Vec<String>,
}

impl HeaderMap {
    /// Field index of canonical column number `col` (its best candidate).
    pub fn get(&self, col: usize) -> Option<usize> {
        self.fields.get(col).and_then(|f| f.first()).copied()
    }

    /// Every field that may hold column `col`, best first.
    pub fn all(&self, col: usize) -> &[usize] {
        self.fields.get(col).map_or(&[], Vec::as_slice)
    }

    /// True when the file has column `col`.
    pub fn has(&self, col: usize) -> bool {
        self.get(col).is_some()
    }

    /// The header as written in the file for canonical column number `col`.
    pub fn header(&self, col: usize) -> &str {
        self.get(col)
            .and_then(|i| self.headers.get(i))
            .map_or("", String::as_str)
    }
}

/// A required column that is not in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingColumn {
    /// The canonical name.
    pub column: &'static str,
    /// The headers found.
    pub found: Vec<String>,
    /// The closest header found, if any looks like it.
    pub suggestion: Option<String>,
}

/// Maps a header row read with `preset`. Without `required` checks it never fails
/// (an order-header file has no SKU column); otherwise every missing required column
/// is returned.
pub fn map_headers(
    headers: &[String],
    config: &Config,
    kind: FileKind,
    preset: Option<&Preset>,
    required: &[&str],
) -> Result<HeaderMap, Vec<MissingColumn>> {
    let (cols, _) = columns_of(kind);
    let cands = candidates(config, kind, preset);
    let norm: Vec<String> = headers.iter().map(|h| loose(h)).collect();
    let mut fields = Vec::with_capacity(cols.len());
    let mut missing = Vec::new();
    for &col in cols {
        let found: Vec<usize> = cands[col]
            .iter()
            .filter_map(|c| norm.iter().position(|h| h == c))
            .collect();
        if found.is_empty() && required.contains(&col) {
            missing.push(MissingColumn {
                column: col,
                found: headers.iter().map(|h| shown(h)).collect(),
                suggestion: suggest(&cands[col], headers),
            });
        }
        fields.push(found);
    }
    if missing.is_empty() {
        Ok(HeaderMap {
            fields,
            headers: headers.iter().map(|h| shown(h)).collect(),
        })
    } else {
        Err(missing)
    }
}

/// A header as shown: trimmed, BOM removed, bounded.
fn shown(h: &str) -> String {
    super::shown_value(h.trim_start_matches('\u{feff}').trim()).into_owned()
}

/// The header most like one of the candidate names (Jaro-Winkler ≥ 0.8), or a header
/// that contains a candidate (e.g. `订单号(主)`).
fn suggest(cands: &[String], headers: &[String]) -> Option<String> {
    let mut best: Option<(f64, &String)> = None;
    for h in headers {
        let n = loose(h);
        for c in cands {
            let mut score = strsim::jaro_winkler(&n, c);
            if n.contains(c.as_str()) || (!n.is_empty() && c.contains(n.as_str())) {
                score = score.max(0.9);
            }
            if score >= 0.8 && best.is_none_or(|(s, _)| score > s) {
                best = Some((score, h));
            }
        }
    }
    best.map(|(_, h)| shown(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strs(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn map(h: &[&str]) -> Result<HeaderMap, Vec<MissingColumn>> {
        map_headers(
            &strs(h),
            &Config::default(),
            FileKind::Orders,
            None,
            ORDER_REQUIRED,
        )
    }

    // Chinese exports work out of the box through the zh-generic preset.
    #[test]
    fn zh_generic_maps_chinese_headers() {
        let m = map(&["订单号", "商品编码", "付款时间", "收货人手机"]).unwrap();
        assert_eq!(m.get(0), Some(0));
        assert_eq!(m.get(4), Some(2));
        assert_eq!(m.get(3), None);
    }

    // `实付金额(元)` and `实付金额（元）` are the amount; a unit never hides a column.
    #[test]
    fn unit_suffixes_do_not_matter() {
        let m = map(&["订单号", "商品编码", "付款时间", "实付金额(元)"]).unwrap();
        assert_eq!(m.get(12), Some(3));
        let m = map(&["订单号", "商品编码", "付款时间", "实付金额（元）"]).unwrap();
        assert_eq!(m.get(12), Some(3));
    }

    // Every present candidate is kept, best first, so an empty cell can fall back.
    #[test]
    fn keeps_fallback_candidates() {
        let m = map(&["订单号", "商品编码", "下单时间", "付款时间"]).unwrap();
        assert_eq!(m.all(4), &[3, 2]);
    }

    // A missing column names itself and suggests the closest header.
    #[test]
    fn missing_column_suggests_closest_header() {
        let err = map(&["order_no", "sku", "ordered_at"]).unwrap_err();
        assert_eq!(err[0].column, "order_id");
        assert_eq!(err[0].suggestion.as_deref(), Some("order_no"));
    }

    // Case and surrounding spaces do not matter.
    #[test]
    fn headers_match_case_insensitively() {
        assert!(map(&[" Order_ID ", "SKU", "Ordered_At"]).is_ok());
    }
}
