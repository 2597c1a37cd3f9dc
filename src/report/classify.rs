//! §3: how one order line is classified at a given `as_of`.
//!
//! "What the files say is what happened": a line with a `shipped_at` is shipped (on time
//! or late by that value) whatever its status; without one it is unshipped.

use crate::ingest::orders::OrderLine;

/// The class of a line at some `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Cancelled or refunded by the buyer (no cause, not shipped): out of every rate.
    BuyerCancelled,
    /// `shipped_at ≤ D`.
    OnTime,
    /// `shipped_at > D`.
    Late,
    /// Not shipped, not cancelled, `as_of > D`.
    Overdue,
    /// Cancelled or refunded with a cause, not shipped (the shop failed it).
    Failed,
    /// Not shipped, not cancelled, deadline not reached yet.
    Pending,
    /// Shipped (by its status), but its file has no ship-time column: on time or late
    /// cannot be told.
    ShippedUnknown,
}

impl Class {
    /// Shipped late, overdue unshipped or failed-cancelled.
    pub fn is_delayed(self) -> bool {
        matches!(self, Class::Late | Class::Overdue | Class::Failed)
    }
}

/// Classifies `l` as of `as_of` (milliseconds).
pub fn classify(l: &OrderLine, as_of: i64) -> Class {
    match l.shipped_at {
        Some(s) if s <= l.promised => Class::OnTime,
        Some(_) => Class::Late,
        None if l.ship_time_unknown => Class::ShippedUnknown,
        None if l.status.is_cancelled() => {
            if l.cause.is_empty() {
                Class::BuyerCancelled
            } else {
                Class::Failed
            }
        }
        None if as_of > l.promised => Class::Overdue,
        None => Class::Pending,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::orders::Status;

    fn line(shipped: Option<i64>, status: Status, cause: &str) -> OrderLine {
        OrderLine {
            order_id: "o".into(),
            sku: "s".into(),
            line_id: Default::default(),
            quantity: 1,
            platform: "unknown".into(),
            platform_known: true,
            ordered_at: 0,
            promised: 100,
            shipped_at: shipped,
            ship_time_unknown: false,
            status,
            cause: cause.into(),
            cause_known: true,
            detected_at: None,
            notified_at: None,
            amount: None,
        }
    }

    // One row per §3 class, including the §10 rules on statuses.
    #[test]
    fn classification_table() {
        let cases = [
            (line(Some(100), Status::Shipped, ""), Class::OnTime),
            (line(Some(101), Status::Open, ""), Class::Late),
            (line(None, Status::Open, ""), Class::Overdue),
            (line(None, Status::Shipped, ""), Class::Overdue),
            (line(None, Status::Cancelled, ""), Class::BuyerCancelled),
            (line(None, Status::Refunded, "stockout"), Class::Failed),
            (line(Some(150), Status::Refunded, ""), Class::Late),
        ];
        for (l, want) in cases {
            assert_eq!(classify(&l, 200), want, "{l:?}");
        }
        assert_eq!(classify(&line(None, Status::Open, ""), 100), Class::Pending);
        let mut unknown = line(None, Status::Shipped, "");
        unknown.ship_time_unknown = true;
        assert_eq!(classify(&unknown, 200), Class::ShippedUnknown);
    }
}
