//! Header matching: which CSV column holds which canonical field.
//!
//! Names are compared after trimming, lower-casing and turning full-width brackets into
//! ASCII ones. For each canonical column the candidates are, in order: its own name, the
//! aliases of `columns.orders` / `columns.stock` in delaybook.yaml, then the aliases of
//! the enabled presets (`zh-generic` by default). The first candidate present in the
//! file wins; other headers are ignored (buyer names, phones and addresses are never
//! read).

use std::collections::BTreeMap;

use crate::config::Config;

/// Which file a header row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// orders.csv
    Orders,
    /// stock.csv
    Stock,
}

/// Canonical columns of orders.csv, in contract order.
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

/// The `zh-generic` preset: headers of a generic Chinese order and stock export.
pub const ZH_GENERIC_ORDERS: &[(&str, &[&str])] = &[
    (
        "order_id",
        &["订单号", "订单编号", "主订单编号", "子订单编号"],
    ),
    ("sku", &["商品编码", "商家编码", "sku编码", "货品编码"]),
    ("quantity", &["数量", "购买数量", "商品数量"]),
    ("platform", &["平台", "渠道", "销售平台"]),
    ("ordered_at", &["付款时间", "下单时间", "支付时间"]),
    (
        "promised_ship_by",
        &["承诺发货时间", "最晚发货时间", "发货截止时间"],
    ),
    ("shipped_at", &["发货时间", "实际发货时间"]),
    ("status", &["订单状态", "状态"]),
    ("delay_cause", &["延迟原因", "延误原因"]),
    ("detected_at", &["发现时间", "发现问题时间"]),
    ("notified_at", &["通知时间", "通知买家时间", "首次通知时间"]),
    ("resolution", &["处理方式", "处理结果"]),
    ("amount", &["实付金额", "实付款", "买家实付"]),
];
/// The `zh-generic` preset for stock.csv.
pub const ZH_GENERIC_STOCK: &[(&str, &[&str])] = &[
    ("sku", &["商品编码", "商家编码", "sku编码", "货品编码"]),
    ("name", &["商品名称", "名称", "货品名称"]),
    ("on_hand", &["可用库存", "库存", "可售库存", "现有库存"]),
    ("incoming", &["在途数量", "在途库存", "采购在途"]),
    ("restock_eta", &["预计到货日期", "预计到货时间", "到货日期"]),
    ("lead_time_days", &["采购周期(天)", "采购周期", "交期(天)"]),
    ("supplier", &["供应商", "供应商名称"]),
];

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
            c => c.to_ascii_lowercase(),
        })
        .collect::<String>()
        .to_lowercase()
}

/// The canonical columns and required ones for a file kind.
pub fn columns_of(kind: FileKind) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        FileKind::Orders => (ORDER_COLUMNS, ORDER_REQUIRED),
        FileKind::Stock => (STOCK_COLUMNS, STOCK_REQUIRED),
    }
}

/// Candidate header names for every canonical column, in priority order.
pub fn candidates(config: &Config, kind: FileKind) -> BTreeMap<&'static str, Vec<String>> {
    let (cols, _) = columns_of(kind);
    let user = match kind {
        FileKind::Orders => &config.columns.orders,
        FileKind::Stock => &config.columns.stock,
    };
    let mut out = BTreeMap::new();
    for &col in cols {
        let mut names = vec![col.to_string()];
        if let Some(extra) = user.get(col) {
            names.extend(extra.iter().map(|s| normalize(s)));
        }
        for preset in &config.columns.presets {
            if preset == "zh-generic" {
                let table = match kind {
                    FileKind::Orders => ZH_GENERIC_ORDERS,
                    FileKind::Stock => ZH_GENERIC_STOCK,
                };
                if let Some((_, aliases)) = table.iter().find(|(c, _)| *c == col) {
                    names.extend(aliases.iter().map(|s| normalize(s)));
                }
            }
        }
        out.insert(col, names);
    }
    out
}

/// Where each canonical column is in a file: index by canonical column order.
#[derive(Debug, Clone)]
pub struct HeaderMap {
    /// For each canonical column (see [`ORDER_COLUMNS`] / [`STOCK_COLUMNS`]), its field
    /// index in the file.
    pub index: Vec<Option<usize>>,
    /// The header text of each field as found in the file (trimmed).
    pub headers: Vec<String>,
}

impl HeaderMap {
    /// Field index of canonical column number `col`.
    pub fn get(&self, col: usize) -> Option<usize> {
        self.index.get(col).copied().flatten()
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

/// Maps a header row; every missing required column is returned.
pub fn map_headers(
    headers: &[String],
    config: &Config,
    kind: FileKind,
) -> Result<HeaderMap, Vec<MissingColumn>> {
    let (cols, required) = columns_of(kind);
    let cands = candidates(config, kind);
    let norm: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let mut index = Vec::with_capacity(cols.len());
    let mut missing = Vec::new();
    for &col in cols {
        let found = cands[col]
            .iter()
            .find_map(|c| norm.iter().position(|h| h == c));
        if found.is_none() && required.contains(&col) {
            missing.push(MissingColumn {
                column: col,
                found: headers.iter().map(|h| h.trim().to_string()).collect(),
                suggestion: suggest(&cands[col], headers),
            });
        }
        index.push(found);
    }
    if missing.is_empty() {
        Ok(HeaderMap {
            index,
            headers: headers.iter().map(|h| h.trim().to_string()).collect(),
        })
    } else {
        Err(missing)
    }
}

/// The header most like one of the candidate names (Jaro-Winkler ≥ 0.8), or a header
/// that contains a candidate (e.g. `订单号(主)`).
fn suggest(cands: &[String], headers: &[String]) -> Option<String> {
    let mut best: Option<(f64, &String)> = None;
    for h in headers {
        let n = normalize(h);
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
    best.map(|(_, h)| h.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strs(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    // Chinese exports work out of the box through the zh-generic preset.
    #[test]
    fn zh_generic_maps_chinese_headers() {
        let h = strs(&["订单号", "商品编码", "付款时间", "收货人手机"]);
        let m = map_headers(&h, &Config::default(), FileKind::Orders).unwrap();
        assert_eq!(m.get(0), Some(0));
        assert_eq!(m.get(4), Some(2));
        assert_eq!(m.get(3), None);
    }

    // A missing column names itself and suggests the closest header.
    #[test]
    fn missing_column_suggests_closest_header() {
        let h = strs(&["order_no", "sku", "ordered_at"]);
        let err = map_headers(&h, &Config::default(), FileKind::Orders).unwrap_err();
        assert_eq!(err[0].column, "order_id");
        assert_eq!(err[0].suggestion.as_deref(), Some("order_no"));
    }

    // Case and surrounding spaces do not matter.
    #[test]
    fn headers_match_case_insensitively() {
        let h = strs(&[" Order_ID ", "SKU", "Ordered_At"]);
        assert!(map_headers(&h, &Config::default(), FileKind::Orders).is_ok());
    }
}
