//! Frozen copy of `report::classify` for the owned order line of the reference.

use super::orders::OrderLine;

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
