//! The machine and spreadsheet outputs of a report: `report.json` (the contract's
//! codes and keys) and `actions.csv` (in the site's language, safe to open in a
//! spreadsheet), plus the formatting helpers shared with `report.md` and the page.

use super::types::{Action, Report};
use super::wording::Words;

/// `report.json`: every figure with the contract's keys, pretty-printed, ending in a
/// newline.
pub fn to_json(report: &Report) -> Vec<u8> {
    // Sized up front (a pretty stock row is about 600 bytes): a file of 100 MB for a
    // shop with 200,000 SKUs must not be doubled into 128 MB on its last growth.
    let estimate = 64 * 1024 + 640 * report.stock.len() + 400 * report.data_quality.problems.len();
    let mut out = Vec::with_capacity(estimate);
    if serde_json::to_writer_pretty(&mut out, report).is_err() {
        out = b"{}".to_vec();
    }
    out.push(b'\n');
    out
}

/// A percentage with one decimal, e.g. `12.5%`.
pub fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// Hours with one decimal, or `–`.
pub fn hours(x: Option<f64>) -> String {
    x.map_or_else(|| "–".into(), |h| format!("{h:.1}"))
}

/// The i18n key of the reason why a figure is unknown ("absent is not zero").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// No amount column: compensation unknown.
    Amount,
    /// No notified_at column: notification unknown.
    Notified,
    /// No detected_at column: within 2 h unknown.
    Detected,
    /// Shipped lines without a ship time: on time, late, delayed unknown.
    ShipTime,
}

impl Gap {
    /// The interface string that explains it.
    pub fn key(self) -> &'static str {
        match self {
            Gap::Amount => "report_missing_amount",
            Gap::Notified => "report_missing_notified_at",
            Gap::Detected => "report_missing_detected_at",
            Gap::ShipTime => "report_missing_shipped_at",
        }
    }

    /// The gap behind ship-time figures of `r`, if they are unknown.
    pub fn ship(r: &Report) -> Option<Gap> {
        (r.totals.shipped_time_unknown > 0).then_some(Gap::ShipTime)
    }
}

/// A figure for people: its text, or `—` and why.
pub fn or_gap<T>(
    v: Option<T>,
    gap: Gap,
    show: impl Fn(T) -> String,
    t: &dyn Fn(&str) -> String,
) -> String {
    match v {
        Some(v) => show(v),
        None => gap_text(t(gap.key()), t),
    }
}

/// `— （reason）` (or `— (reason)` in English).
pub fn gap_text(reason: String, t: &dyn Fn(&str) -> String) -> String {
    format!(
        "—{}{reason}{}",
        t("report_paren_open"),
        t("report_paren_close")
    )
}

/// A count, or `—` and why.
pub fn count_or(v: Option<u64>, gap: Gap, t: &dyn Fn(&str) -> String) -> String {
    or_gap(v, gap, |n| n.to_string(), t)
}

/// `within_2h / with_detected_at`, or `—` and why.
pub fn within_2h(r: &Report, t: &dyn Fn(&str) -> String) -> String {
    match &r.notification {
        None => count_or(None, Gap::Notified, t),
        Some(n) => match (n.within_2h, n.with_detected_at) {
            (Some(a), Some(b)) => format!("{a} / {b}"),
            _ => count_or(None, Gap::Detected, t),
        },
    }
}

/// Makes a cell safe for spreadsheets: text starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return gets a leading `'`, so it is shown, never run as a formula. Plain
/// numbers (such as `-3`) are left as numbers.
pub fn neutralise(value: &str) -> String {
    let is_number = value.parse::<f64>().is_ok() && !value.starts_with('+');
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if !is_number => format!("'{value}"),
        _ => value.to_string(),
    }
}

/// A text cell (SKU, name, supplier) that a spreadsheet would turn into a number or a
/// date — `0012345` (leading zeros lost), a 19-digit id (`3.61E+18`), `1E5`, `11-28` —
/// written as `="0012345"`, which Excel and WPS show as the text itself. Only digits,
/// `.`, `E`/`e`, `-` and `/` reach the quotes, so the cell can hold nothing else.
pub fn keep_as_text(value: &str) -> String {
    if looks_numeric(value) {
        format!("=\"{value}\"")
    } else {
        neutralise(value)
    }
}

/// Whether a spreadsheet would read `value` as a number or date and change how it shows.
fn looks_numeric(value: &str) -> bool {
    let b = value.as_bytes();
    if b.is_empty() || !b[0].is_ascii_digit() {
        return false;
    }
    let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
    let all_digits = digits == b.len();
    let leading_zero = b.len() > 1 && b[0] == b'0' && b[1].is_ascii_digit();
    let exponent = value.parse::<f64>().is_ok() && value.bytes().any(|c| c == b'e' || c == b'E');
    let date = is_date_like(value);
    (all_digits && (leading_zero || digits > 11)) || exponent || date
}

/// `11-28`, `2026/11/28`, `3-4-2026`: digit groups joined by one kind of `-` or `/`.
fn is_date_like(value: &str) -> bool {
    for sep in ['-', '/'] {
        let parts: Vec<&str> = value.split(sep).collect();
        if (2..=3).contains(&parts.len())
            && parts
                .iter()
                .all(|p| (1..=4).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit()))
        {
            return true;
        }
    }
    false
}

/// The columns of `actions.csv`: the i18n key of each header.
const CSV_COLUMNS: [&str; 15] = [
    "csv_sku",
    "csv_name",
    "csv_supplier",
    "csv_action",
    "csv_what_to_do",
    "csv_restock_qty",
    "csv_ship_date",
    "csv_eta_days",
    "csv_on_hand",
    "csv_incoming",
    "csv_backlog",
    "csv_available",
    "csv_buyers_waiting",
    "csv_demand_30d",
    "csv_days_of_cover",
];

/// `actions.csv`: the stock rows with an action other than `ok`, with the header and
/// the action names in the site's language (report.json keeps the codes), UTF-8 with a
/// BOM (so Excel shows Chinese correctly), every cell neutralised.
pub fn to_actions_csv(r: &Report, w: &Words<'_>) -> Vec<u8> {
    let mut out = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = out.write_record(CSV_COLUMNS.iter().map(|k| w.t(k)));
    for s in r.stock.iter().filter(|s| s.action != Action::Ok) {
        let opt = |v: Option<String>| v.unwrap_or_default();
        let row = [
            s.sku.clone(),
            s.name.clone(),
            s.supplier.clone(),
            w.action(s.action),
            w.what_to_do(s, &r.as_of),
            s.restock_qty.to_string(),
            opt(s.ship_date.clone()),
            opt(s.eta_days.map(|d| d.to_string())),
            s.on_hand.to_string(),
            opt(s.incoming.map(|n| n.to_string())),
            s.backlog.to_string(),
            s.available.to_string(),
            s.buyers_waiting.to_string(),
            s.demand_30d.to_string(),
            opt(s.days_of_cover.map(|d| format!("{d:.1}"))),
        ];
        // The text columns (SKU, name, supplier) keep their exact characters.
        let cells = row.iter().enumerate().map(|(i, c)| {
            if i < 3 {
                keep_as_text(c)
            } else {
                neutralise(c)
            }
        });
        let _ = out.write_record(cells);
    }
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(out.into_inner().unwrap_or_default());
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    // qa1 item 10: SKUs a spreadsheet would change keep their text; others as before.
    #[test]
    fn numeric_looking_text_stays_text() {
        assert_eq!(keep_as_text("0012345"), "=\"0012345\"");
        assert_eq!(
            keep_as_text("3611111111111000067"),
            "=\"3611111111111000067\""
        );
        assert_eq!(keep_as_text("1E5"), "=\"1E5\"");
        assert_eq!(keep_as_text("11-28"), "=\"11-28\"");
        assert_eq!(keep_as_text("2026/11/28"), "=\"2026/11/28\"");
        assert_eq!(keep_as_text("12345"), "12345");
        assert_eq!(keep_as_text("SKU-A01"), "SKU-A01");
        assert_eq!(keep_as_text("0"), "0");
        assert_eq!(keep_as_text("=1+1"), "'=1+1");
        assert_eq!(keep_as_text("1-2-3-4"), "1-2-3-4");
    }

    // A formula in a SKU name must never run when the CSV is opened.
    #[test]
    fn neutralises_formulas_but_not_numbers() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("-3"), "-3");
        assert_eq!(neutralise("普通"), "普通");
    }
}
