//! Duplicate (`order_id`, `sku`) detection without a map of every order line.
//!
//! Pass 1 feeds a hash of every key into a (blocked) Bloom filter; a key whose bits are all set
//! already is a *candidate* duplicate (a real repeat, or a rare false positive) and its
//! 64-bit hash is remembered. Pass 2 then folds non-candidate rows straight into the
//! accumulators (they are unique for sure) and keeps only candidate rows in a map, so
//! "the last row wins" is exact. Memory: the filter (about 12 bits per line, at most
//! 64 MiB, and released before pass 2) plus the candidate rows, instead of a map of all
//! lines. The cap is set so that the candidates stay few at 16 M lines (with 16 MiB,
//! 2 % of 16 M unique keys were false candidates, each held back as a whole row).

use crate::fasthash::FastSet;

/// Bloom filter plus the set of candidate-duplicate hashes.
#[derive(Debug, Clone)]
pub struct DupFilter {
    bits: Vec<u64>,
    mask: u64,
    candidates: FastSet<u64>,
}

const PROBES: u32 = 4;

impl DupFilter {
    /// A filter sized for about `expected` keys (12 bits each, power of two, 1 Mi to
    /// 512 Mi bits).
    pub fn with_capacity(expected: u64) -> Self {
        let want = expected.saturating_mul(12).clamp(1 << 20, 1 << 29);
        let nbits = want.next_power_of_two();
        DupFilter {
            bits: vec![0; (nbits / 64) as usize],
            mask: nbits - 1,
            candidates: FastSet::default(),
        }
    }

    /// Records one key; marks it as a candidate when it may have been seen before.
    /// The filter is *blocked*: all probes of a key fall in one 64-bit word, so a key
    /// costs one cache miss instead of four (at a slightly higher false-positive rate,
    /// which only means a few more rows are held back in pass 2).
    pub fn observe(&mut self, h: u64) {
        let w = ((h & self.mask) / 64) as usize;
        let bits = probe_bits(h);
        if self.bits[w] & bits == bits {
            self.candidates.insert(h);
        } else {
            self.bits[w] |= bits;
        }
    }

    /// Records a batch of keys (a chunk's). Keys are independent, so their cache
    /// misses overlap in this tight loop, where one key per parsed row would wait for
    /// each miss in turn.
    pub fn observe_all(&mut self, hashes: &[u64]) {
        for &h in hashes {
            self.observe(h);
        }
    }

    /// True when the key may occur more than once.
    pub fn is_candidate(&self, h: u64) -> bool {
        self.candidates.contains(&h)
    }

    /// Releases the filter bits (only the candidates are needed in pass 2).
    pub fn drop_bits(&mut self) {
        self.bits = Vec::new();
    }
}

/// `PROBES` bit positions inside one word, from the high bits of the hash.
fn probe_bits(h: u64) -> u64 {
    let mut bits = 0u64;
    for i in 0..PROBES {
        bits |= 1 << ((h >> (40 + 6 * i)) & 63);
    }
    bits
}

/// A 64-bit hash of (`order_id`, `sku`): [`line_key_hash`] without a sub-order id.
pub fn key_hash(order_id: &str, sku: &str) -> u64 {
    line_key_hash(order_id, sku, "")
}

/// How a duplicate line is named in messages: `order`, or `order/sub-order` when the
/// export has a sub-order id.
pub fn shown_line(order_id: &str, line_id: &str) -> String {
    let order = crate::ingest::shown_value(order_id);
    if line_id.is_empty() {
        order.into_owned()
    } else {
        format!("{order}/{}", crate::ingest::shown_value(line_id))
    }
}

/// The duplicate key of an order line: (`order_id`, `sku`), plus the sub-order id when
/// the export has one (two sub-orders of one order may have the same SKU). Without a
/// `line_id` it equals [`key_hash`].
///
/// foldhash with a fixed seed: the same key hashes the same on every thread and in both
/// passes, and it reads eight bytes at a time where a byte-wise hash (FNV) spent a
/// multiply per byte on every line, twice. A crafted export that makes keys collide only
/// makes more rows candidates: pass 2 compares the keys themselves.
pub fn line_key_hash(order_id: &str, sku: &str, line_id: &str) -> u64 {
    use std::hash::BuildHasher;
    const KEYS: foldhash::fast::FixedState =
        foldhash::fast::FixedState::with_seed(0x6465_6c61_7962_6f6f);
    KEYS.hash_one((order_id, sku, line_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    // A repeated key always becomes a candidate; most unique keys do not.
    #[test]
    fn repeats_are_always_candidates() {
        let mut f = DupFilter::with_capacity(10_000);
        for i in 0..10_000 {
            f.observe(key_hash(&format!("o{i}"), "s"));
        }
        f.observe(key_hash("o42", "s"));
        assert!(f.is_candidate(key_hash("o42", "s")));
        let false_pos = (0..10_000)
            .filter(|i| f.is_candidate(key_hash(&format!("o{i}"), "s")))
            .count();
        assert!(false_pos < 150, "{false_pos}");
    }
}
