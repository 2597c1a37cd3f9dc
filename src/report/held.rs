//! The rows pass 2 holds back by their exact key: those of a key hash that two
//! different keys share (see [`super::candidates`]; rare, unless an export was crafted
//! for it). The last valid row of each key wins, with how many earlier valid rows it
//! superseded; they are folded in file order after pass 2.

use std::collections::hash_map::Entry;

use super::accum::Loc;
pub use super::candidates::DupKey;
use crate::fasthash::FastMap;
use crate::ingest::orders::OrderLine;

/// A held row: where it was read, the line, and how many earlier rows of its key it
/// replaced.
pub struct Held {
    /// Where the row was read.
    pub loc: Loc,
    /// The row.
    pub line: OrderLine,
    /// Earlier rows of the same key, now skipped.
    pub superseded: u64,
}

impl Held {
    /// A row seen for the first time.
    pub fn new(loc: Loc, line: OrderLine) -> Self {
        Held {
            loc,
            line,
            superseded: 0,
        }
    }

    /// Folds in another held row of the same key: the later row wins and every other
    /// row of the key is superseded (order-independent, so workers merge in any order).
    fn combine(&mut self, other: Held) {
        let superseded = self.superseded + other.superseded + 1;
        if other.loc > self.loc {
            self.loc = other.loc;
            self.line = other.line;
        }
        self.superseded = superseded;
    }
}

fn key_of(l: &OrderLine) -> DupKey {
    (l.order_id.clone(), l.sku.clone(), l.line_id.clone())
}

/// Held rows by exact key.
#[derive(Default)]
pub struct HeldRows {
    rows: FastMap<DupKey, Box<Held>>,
}

impl HeldRows {
    /// Holds `held`. Returns true when an earlier row of its key was held (and is now
    /// superseded).
    pub fn hold(&mut self, held: Held) -> bool {
        self.hold_boxed(key_of(&held.line), Box::new(held))
    }

    fn hold_boxed(&mut self, key: DupKey, held: Box<Held>) -> bool {
        match self.rows.entry(key) {
            Entry::Vacant(v) => {
                v.insert(held);
                false
            }
            Entry::Occupied(mut o) => {
                o.get_mut().combine(*held);
                true
            }
        }
    }

    fn len(&self) -> usize {
        self.rows.len()
    }

    /// Merges the rows another worker held; returns how many keys both held (one more
    /// superseded row each).
    pub fn merge(mut self, mut other: HeldRows) -> (HeldRows, u64) {
        if other.len() > self.len() {
            std::mem::swap(&mut self, &mut other);
        }
        let mut both = 0;
        for (key, held) in other.rows {
            both += u64::from(self.hold_boxed(key, held));
        }
        (self, both)
    }

    /// The held rows in file order.
    pub fn into_file_order(self) -> impl Iterator<Item = Box<Held>> {
        let mut rows: Vec<Box<Held>> = self.rows.into_values().collect();
        rows.sort_by_key(|h| h.loc);
        rows.into_iter()
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use compact_str::CompactString;

    pub fn line(order: &str, sku: &str) -> OrderLine {
        OrderLine {
            order_id: order.into(),
            sku: sku.into(),
            line_id: CompactString::default(),
            quantity: 1,
            platform: "douyin".into(),
            platform_known: true,
            ordered_at: 0,
            promised: 0,
            shipped_at: None,
            ship_time_unknown: false,
            status: crate::ingest::orders::Status::Open,
            cause: CompactString::default(),
            cause_known: true,
            detected_at: None,
            notified_at: None,
            amount: None,
        }
    }

    // The last row of each key wins, and the rows come back in file order.
    #[test]
    fn last_row_of_each_key_wins() {
        let mut held = HeldRows::default();
        assert!(!held.hold(Held::new((0, 2), line("A", "s"))));
        assert!(!held.hold(Held::new((0, 3), line("B", "s"))));
        assert!(held.hold(Held::new((0, 5), line("A", "s"))));
        assert!(held.hold(Held::new((0, 4), line("B", "s"))));
        let rows: Vec<Box<Held>> = held.into_file_order().collect();
        let seen: Vec<(&str, Loc, u64)> = rows
            .iter()
            .map(|h| (h.line.order_id.as_str(), h.loc, h.superseded))
            .collect();
        assert_eq!(seen, [("B", (0, 4), 1), ("A", (0, 5), 1)]);
    }

    // Merging two workers' rows: the later row of a key wins whichever side holds it.
    #[test]
    fn merge_keeps_the_later_row() {
        let mut a = HeldRows::default();
        let mut b = HeldRows::default();
        a.hold(Held::new((0, 9), line("A", "s")));
        b.hold(Held::new((0, 3), line("A", "s")));
        b.hold(Held::new((0, 4), line("C", "s")));
        let (merged, both) = a.merge(b);
        assert_eq!(both, 1);
        let rows: Vec<Box<Held>> = merged.into_file_order().collect();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[1].loc, rows[1].superseded), ((0, 9), 1));
    }
}
