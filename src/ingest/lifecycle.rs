//! Where an order is in its life, beyond its status: never paid, sold on 预售 (presale),
//! or an item still waiting while its order has shipped. Real exports say these things
//! in columns of their own (a payment time, 分阶段订单信息, an item-level status), and
//! reading only the status gets them wrong: a closed order that was never paid looks
//! like a cancelled order line, a presale line looks days overdue, an item of a
//! partly shipped 淘宝 order looks shipped.

use super::orders::{Row, RowError, Status, col};
use super::problem::Kind;

/// A closed order that was never paid: cancelled, and the export has a payment-time
/// column that is empty on this row. Its time is the creation time (the fallback of
/// `ordered_at`), but it was never an order line: it is left out like an unpaid order.
pub fn never_paid(row: &impl Row, status: Status) -> bool {
    status == Status::Cancelled && row.has(col::PAID_AT) && row.text(col::PAID_AT).is_empty()
}

/// True when the row's presale column marks a 预售 line: a value naming the presale
/// (预售, 定金/订金, 尾款 — 淘宝's 分阶段订单信息 `付定金;付尾款`) or a yes.
pub fn is_presale(row: &impl Row) -> bool {
    let value = row.text(col::PRESALE);
    presale_value(&value)
}

/// See [`is_presale`].
pub fn presale_value(value: &str) -> bool {
    const WORDS: [&str; 5] = ["预售", "定金", "订金", "尾款", "预定"];
    let v = value.trim();
    WORDS.iter().any(|w| v.contains(w))
        || ["是", "yes", "true", "y"]
            .iter()
            .any(|y| v.eq_ignore_ascii_case(y))
}

/// True when an item row says it still waits to ship (its own status reads as open)
/// while the ship time is its order's: 淘宝's order report gives one 发货时间 per order,
/// and a partly shipped order has items 等待卖家发货. That item is not shipped.
pub fn item_not_shipped(row: &impl Row, status: Status) -> bool {
    status == Status::Open
        && !row.text(col::STATUS).is_empty()
        && !row.lent(col::STATUS)
        && row.lent(col::SHIPPED_AT)
}

/// A row that holds several items (`SKU-A01;SKU-B02`, quantities `2;1`): an export by
/// order (抖店's 订单维度), not by item. Its lines cannot be told apart (which SKU is
/// late, how many units), so the file must be exported again by item; this is an error.
pub fn multi_item(row: &impl Row) -> Option<RowError> {
    let quantity = row.text(col::QUANTITY);
    let sku = row.text(col::SKU);
    let listed = |v: &str| {
        v.split([';', '；'])
            .filter(|p| !p.trim().is_empty())
            .count()
            > 1
    };
    let quantities = listed(&quantity)
        && quantity
            .split([';', '；'])
            .all(|p| p.trim().chars().all(|c| c.is_ascii_digit()));
    let split_ids = listed(&sku) && listed(&row.text(col::LINE_ID));
    if !(quantities || split_ids) {
        return None;
    }
    let message = crate::tr_report!(
        "row.multi_item",
        sku = super::shown_value(&sku),
        quantity = super::shown_value(&quantity)
    );
    Some(RowError::new(col::QUANTITY, Kind::MultiItemRow, message).with_value(&quantity))
}

#[cfg(test)]
mod tests {
    use super::*;

    // 淘宝's 分阶段订单信息 and the yes/no columns mark presale; 普通订单 and 否 do not.
    #[test]
    fn presale_values() {
        assert!(presale_value("付定金;付尾款"));
        assert!(presale_value("预售订单"));
        assert!(presale_value("是"));
        assert!(presale_value("Yes"));
        assert!(!presale_value("普通订单"));
        assert!(!presale_value("否"));
        assert!(!presale_value(""));
        assert!(!presale_value("-"));
    }
}
