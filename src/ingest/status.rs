//! Order statuses: the four canonical ones of the contract, and the status values the
//! platforms' exports write (抖店, 拼多多, 淘宝/天猫, 京东, ERPs), mapped onto them.
//!
//! Values are compared after [`normalize`]: trimmed, lower case, spaces removed and the
//! full-width comma as ASCII (`已发货，待签收` = `已发货,待签收`; 淘宝 writes both). A
//! 京东 value prefixed `(删除)` is a deleted order: cancelled, whatever follows.
//! `status_map` in delaybook.yaml is tried first, so a shop can map any value its own
//! way. Sources: `docs/exports.md`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::fasthash::FastMap;

/// What a status value means for the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Waiting to be shipped (also the default for an empty value).
    Open,
    /// Shipped.
    Shipped,
    /// Cancelled.
    Cancelled,
    /// Refunded.
    Refunded,
}

impl Status {
    /// True for `cancelled` and `refunded`.
    pub fn is_cancelled(self) -> bool {
        matches!(self, Status::Cancelled | Status::Refunded)
    }

    /// The contract's name (`open`, `shipped`, …).
    pub fn name(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Shipped => "shipped",
            Status::Cancelled => "cancelled",
            Status::Refunded => "refunded",
        }
    }

    /// A contract name (`open` …), as written in `status_map`.
    pub fn from_name(name: &str) -> Option<Status> {
        Some(match name {
            "open" => Status::Open,
            "shipped" => Status::Shipped,
            "cancelled" => Status::Cancelled,
            "refunded" => Status::Refunded,
            _ => return None,
        })
    }
}

/// A status value read: an order line status, or an order that was never paid (not an
/// order line yet: counted, not used).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// One of the four statuses.
    Line(Status),
    /// 待支付, 等待买家付款 …
    Unpaid,
}

/// Built-in values (normalized) and what they mean.
const BUILT_IN: &[(&str, Reading)] = {
    use Reading::{Line, Unpaid};
    use Status::{Cancelled, Open, Refunded, Shipped};
    &[
        ("", Line(Open)),
        ("open", Line(Open)),
        ("待发货", Line(Open)),
        ("备货中", Line(Open)),
        ("待出库", Line(Open)),
        ("等待出库", Line(Open)),
        ("待配货", Line(Open)),
        ("已付款", Line(Open)),
        ("部分发货", Line(Open)),
        ("买家已付款,等待卖家发货", Line(Open)),
        ("等待卖家发货", Line(Open)),
        ("退款中", Line(Open)),
        ("shipped", Line(Shipped)),
        ("已发货", Line(Shipped)),
        ("已签收", Line(Shipped)),
        ("已收货", Line(Shipped)),
        ("待收货", Line(Shipped)),
        ("已完成", Line(Shipped)),
        ("完成", Line(Shipped)),
        ("交易成功", Line(Shipped)),
        ("交易完成", Line(Shipped)),
        ("售后中", Line(Shipped)),
        ("已发货,待签收", Line(Shipped)),
        ("已发货,待收货", Line(Shipped)),
        ("卖家已发货,等待买家确认", Line(Shipped)),
        ("等待确认收货", Line(Shipped)),
        ("cancelled", Line(Cancelled)),
        ("canceled", Line(Cancelled)),
        ("已取消", Line(Cancelled)),
        ("取消", Line(Cancelled)),
        ("已关闭", Line(Cancelled)),
        ("交易关闭", Line(Cancelled)),
        ("订单关闭", Line(Cancelled)),
        ("refunded", Line(Refunded)),
        ("已退款", Line(Refunded)),
        ("退款成功", Line(Refunded)),
        ("未发货,退款成功", Line(Refunded)),
        ("已发货,退款成功", Line(Refunded)),
        ("待支付", Unpaid),
        ("待付款", Unpaid),
        ("未付款", Unpaid),
        ("等待买家付款", Unpaid),
    ]
};

/// Normalizes a status value for lookup (see the module docs).
pub fn normalize(value: &str) -> Cow<'_, str> {
    let plain = value.bytes().all(|b| b.is_ascii_lowercase() || b >= 0x80)
        && !value.contains(['，', ' ', '\u{3000}']);
    if plain {
        return Cow::Borrowed(value);
    }
    Cow::Owned(
        value
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c == '，' { ',' } else { c })
            .collect::<String>()
            .to_lowercase(),
    )
}

/// Status values of one project: `status_map` (normalized) and the built-in table in
/// one hash map (this is looked up for every row).
#[derive(Debug, Clone)]
pub struct Statuses {
    table: FastMap<String, Reading>,
}

impl Default for Statuses {
    fn default() -> Self {
        Statuses::new(&BTreeMap::new())
    }
}

impl Statuses {
    /// The table for a config's `status_map` (targets already validated); its entries
    /// win over the built-in ones.
    pub fn new(status_map: &BTreeMap<String, String>) -> Self {
        let mut table: FastMap<String, Reading> = BUILT_IN
            .iter()
            .map(|(k, r)| ((*k).to_string(), *r))
            .collect();
        for (k, v) in status_map {
            if let Some(s) = Status::from_name(v.trim()) {
                table.insert(normalize(k).into_owned(), Reading::Line(s));
            }
        }
        Statuses { table }
    }

    /// What `value` means; `None` when nothing knows it.
    pub fn read(&self, value: &str) -> Option<Reading> {
        let key = normalize(value);
        if let Some(r) = self.table.get(key.as_ref()) {
            return Some(*r);
        }
        if key.starts_with("(删除)") || key.starts_with("（删除）") {
            return Some(Reading::Line(Status::Cancelled));
        }
        None
    }
}

/// A guess at the status an unknown value means, from its words, for the fix lines
/// printed with an unknown-status problem: (status, the word it was guessed from).
pub fn guess(value: &str) -> Option<(Status, &'static str)> {
    const WORDS: &[(&str, Status)] = &[
        ("退款", Status::Refunded),
        ("取消", Status::Cancelled),
        ("关闭", Status::Cancelled),
        ("未发货", Status::Open),
        ("待发", Status::Open),
        ("发货", Status::Shipped),
        ("签收", Status::Shipped),
        ("收货", Status::Shipped),
        ("完成", Status::Shipped),
        ("成功", Status::Shipped),
        ("送达", Status::Shipped),
        ("配送", Status::Shipped),
        ("运输", Status::Shipped),
        ("cancel", Status::Cancelled),
        ("refund", Status::Refunded),
        ("ship", Status::Shipped),
        ("deliver", Status::Shipped),
    ];
    let lower = value.to_lowercase();
    WORDS
        .iter()
        .find(|(w, _)| lower.contains(w))
        .map(|(w, s)| (*s, *w))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Platform spellings (full-width or ASCII comma, 京东's deleted prefix) are known.
    #[test]
    fn platform_values_are_known() {
        let s = Statuses::default();
        let line = |v| s.read(v);
        assert_eq!(line("已发货，待签收"), Some(Reading::Line(Status::Shipped)));
        assert_eq!(
            line("买家已付款,等待卖家发货"),
            Some(Reading::Line(Status::Open))
        );
        assert_eq!(
            line("(删除)等待出库"),
            Some(Reading::Line(Status::Cancelled))
        );
        assert_eq!(line("交易关闭"), Some(Reading::Line(Status::Cancelled)));
        assert_eq!(line("等待买家付款"), Some(Reading::Unpaid));
        assert_eq!(line("SHIPPED"), Some(Reading::Line(Status::Shipped)));
        assert_eq!(line("lost"), None);
    }

    // status_map wins over the built-in meaning.
    #[test]
    fn status_map_comes_first() {
        let mut map = BTreeMap::new();
        map.insert("已关闭".to_string(), "refunded".to_string());
        map.insert("Delivered".to_string(), "shipped".to_string());
        let s = Statuses::new(&map);
        assert_eq!(s.read("已关闭"), Some(Reading::Line(Status::Refunded)));
        assert_eq!(s.read("delivered"), Some(Reading::Line(Status::Shipped)));
    }

    // Fix lines guess from the words of the value.
    #[test]
    fn guesses_from_words() {
        assert_eq!(guess("退款关闭").map(|g| g.0), Some(Status::Refunded));
        assert_eq!(guess("已揽收未发货").map(|g| g.0), Some(Status::Open));
        assert_eq!(guess("神秘状态"), None);
    }
}
