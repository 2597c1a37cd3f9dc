//! Duplicate (`order_id`, `sku`) detection without a map of every order line.
//!
//! Pass 1 feeds a hash of every key into a (blocked) Bloom filter, in file order; a key
//! whose bits are all set already is *flagged*: a repeat of an earlier key, or now and
//! then a false positive. Every row of a key but its first is flagged, so pass 1 needs
//! to look closer only at flagged rows ([`super::candidates`]) and pass 2 folds every
//! other row straight away. Memory: the filter (about 12 bits per line, at most 64 MiB,
//! released before pass 2). The cap keeps false positives rare at 16 M lines (with
//! 16 MiB, 2 % of 16 M unique keys were flagged).

/// A blocked Bloom filter of key hashes.
#[derive(Debug, Clone)]
pub struct DupFilter {
    bits: Vec<u64>,
    mask: u64,
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
        }
    }

    /// Records one key; true when it may have been seen before (it is flagged).
    /// The filter is *blocked*: all probes of a key fall in one 64-bit word, so a key
    /// costs one cache miss instead of four (at a slightly higher false-positive rate,
    /// which only means a few more flagged rows).
    pub fn observe(&mut self, h: u64) -> bool {
        let w = ((h & self.mask) / 64) as usize;
        let bits = probe_bits(h);
        if self.bits[w] & bits == bits {
            return true;
        }
        self.bits[w] |= bits;
        false
    }

    /// Records a batch of keys (a chunk's, in file order) and appends the indices of
    /// the flagged ones to `flagged`. Keys are independent, so their cache misses
    /// overlap in this tight loop, where one key per parsed row would wait for each
    /// miss in turn.
    pub fn observe_all(&mut self, hashes: &[u64], flagged: &mut Vec<usize>) {
        for (i, &h) in hashes.iter().enumerate() {
            if self.observe(h) {
                flagged.push(i);
            }
        }
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
/// makes more rows flagged and held by their exact keys (see [`super::candidates`]).
pub fn line_key_hash(order_id: &str, sku: &str, line_id: &str) -> u64 {
    use std::hash::BuildHasher;
    const KEYS: foldhash::fast::FixedState =
        foldhash::fast::FixedState::with_seed(0x6465_6c61_7962_6f6f);
    KEYS.hash_one((order_id, sku, line_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    // A repeated key is always flagged; few first rows are.
    #[test]
    fn repeats_are_always_flagged() {
        let mut f = DupFilter::with_capacity(10_000);
        let hashes: Vec<u64> = (0..10_000)
            .map(|i| key_hash(&format!("o{i}"), "s"))
            .collect();
        let mut flagged = Vec::new();
        f.observe_all(&hashes, &mut flagged);
        assert!(flagged.len() < 150, "{}", flagged.len());
        assert!(f.observe(key_hash("o42", "s")));
        assert!(f.observe(key_hash("o9999", "s")));
    }
}
