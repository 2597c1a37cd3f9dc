//! The rows pass 2 holds back because their key may repeat (see [`super::dedupe`]): the
//! last one so far of each (order, SKU, sub-order) key, with how many earlier rows it
//! superseded.
//!
//! These are the only rows kept in memory, so they are kept small: a held row is found
//! by the 64-bit key hash pass 1 already computed, and the key itself is read from the
//! row (no second copy of it). The map holds boxes, so its free slots (a hash table is
//! up to half empty after it grows) cost a pointer each, not a whole row. Two different keys with the same hash — possible, if
//! unlikely, and an export could be crafted for it — go to a small exact map instead, so
//! no row is ever taken for another key's duplicate.

use std::collections::hash_map::Entry;

use compact_str::CompactString;

use super::accum::Loc;
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

/// The exact duplicate key of a line.
type DupKey = (CompactString, CompactString, CompactString);

fn key_of(l: &OrderLine) -> DupKey {
    (l.order_id.clone(), l.sku.clone(), l.line_id.clone())
}

fn same_key(a: &OrderLine, b: &OrderLine) -> bool {
    a.order_id == b.order_id && a.sku == b.sku && a.line_id == b.line_id
}

/// Held rows by key.
#[derive(Default)]
pub struct HeldRows {
    /// By key hash (nearly every row).
    by_hash: FastMap<u64, Box<Held>>,
    /// Rows whose key hash is taken by another key, by exact key.
    collided: FastMap<DupKey, Box<Held>>,
}

impl HeldRows {
    /// Holds `held`, whose key hashes to `hash`. Returns true when an earlier row of its
    /// key was held (and is now superseded).
    pub fn hold(&mut self, hash: u64, held: Held) -> bool {
        self.hold_boxed(hash, Box::new(held))
    }

    fn hold_boxed(&mut self, hash: u64, held: Box<Held>) -> bool {
        match self.by_hash.entry(hash) {
            Entry::Vacant(v) => {
                v.insert(held);
                false
            }
            Entry::Occupied(mut o) if same_key(&o.get().line, &held.line) => {
                o.get_mut().combine(*held);
                true
            }
            Entry::Occupied(_) => match self.collided.entry(key_of(&held.line)) {
                Entry::Vacant(v) => {
                    v.insert(held);
                    false
                }
                Entry::Occupied(mut o) => {
                    o.get_mut().combine(*held);
                    true
                }
            },
        }
    }

    /// Number of keys held.
    pub fn len(&self) -> usize {
        self.by_hash.len() + self.collided.len()
    }

    /// Merges the rows another worker held; returns how many keys both held (one more
    /// superseded row each).
    pub fn merge(mut self, mut other: HeldRows) -> (HeldRows, u64) {
        if other.len() > self.len() {
            std::mem::swap(&mut self, &mut other);
        }
        let mut both = 0;
        for (hash, held) in other.by_hash {
            both += u64::from(self.hold_boxed(hash, held));
        }
        for (key, held) in other.collided {
            match self.collided.entry(key) {
                Entry::Vacant(v) => {
                    v.insert(held);
                }
                Entry::Occupied(mut o) => {
                    o.get_mut().combine(*held);
                    both += 1;
                }
            }
        }
        (self, both)
    }

    /// The held rows in file order. Only a small list of locations is built next to the
    /// map; rows are moved out of it one by one.
    pub fn into_file_order(mut self) -> impl Iterator<Item = Box<Held>> {
        let mut order: Vec<(Loc, Option<u64>)> = self
            .by_hash
            .iter()
            .map(|(hash, h)| (h.loc, Some(*hash)))
            .collect();
        let mut collided: Vec<Box<Held>> = self.collided.drain().map(|(_, h)| h).collect();
        collided.sort_by_key(|h| std::cmp::Reverse(h.loc));
        order.extend(collided.iter().map(|h| (h.loc, None)));
        order.sort_unstable();
        order.into_iter().filter_map(move |(_, hash)| match hash {
            Some(hash) => self.by_hash.remove(&hash),
            None => collided.pop(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(order: &str, sku: &str) -> OrderLine {
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

    // Two keys forced onto one hash stay two keys; the last row of each wins, and the
    // rows come back in file order.
    #[test]
    fn colliding_hashes_keep_keys_apart() {
        let mut held = HeldRows::default();
        assert!(!held.hold(7, Held::new((0, 2), line("A", "s"))));
        assert!(!held.hold(7, Held::new((0, 3), line("B", "s"))));
        assert!(held.hold(7, Held::new((0, 5), line("A", "s"))));
        assert!(held.hold(7, Held::new((0, 4), line("B", "s"))));
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
        a.hold(1, Held::new((0, 9), line("A", "s")));
        b.hold(1, Held::new((0, 3), line("A", "s")));
        b.hold(2, Held::new((0, 4), line("C", "s")));
        let (merged, both) = a.merge(b);
        assert_eq!(both, 1);
        let rows: Vec<Box<Held>> = merged.into_file_order().collect();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[1].loc, rows[1].superseded), ((0, 9), 1));
    }
}
