//! Which row of a repeated (order, SKU, sub-order) key is used, decided before pass 2
//! reads it, so that pass 2 keeps no rows back.
//!
//! The rule (report-metrics §8, §10): among valid rows, the last row of a key wins.
//! Pass 1 feeds every key to the Bloom filter of [`super::dedupe`] *in file order*, so
//! every row of a key but its first is *flagged* (and now and then a first row too: the
//! filter's false positives). Flagged rows are few; pass 1 parses them whole and keeps,
//! per key hash, the location of the last valid one. In pass 2 a valid row of a flagged
//! key is then used at once when it is that row, or when its key has no valid flagged
//! row at all (it is the key's first row and its only valid one); every other valid row
//! of the key is superseded. Memory: one small entry per flagged key hash instead of a
//! whole held row, so memory no longer grows with the repeated rows of a long history.
//!
//! Exactness without keeping the keys: an entry also keeps a 64-bit *fingerprint* of
//! the key of its valid flagged rows — SipHash under keys drawn at random for this run,
//! unrelated to the filter's hash. Two different keys that share a key hash are told
//! apart by it: a valid flagged row with another fingerprint marks the entry
//! *collided*, and the rows of a collided entry are resolved by their exact keys
//! ([`super::held`]). A wrong answer would need two keys with equal key hashes and
//! equal fingerprints under keys nobody knows in advance: odds of 2⁻⁶⁴ per such pair.

use std::collections::BTreeMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU32, Ordering};

use compact_str::CompactString;

use super::accum::Loc;
use crate::fasthash::FastMap;
use crate::ingest::orders::OrderLine;

/// A location packed in a word: file index in the high 24 bits, line in the low 40
/// (0 = none; lines start at 1).
type Packed = u64;

const LINE_BITS: u32 = 40;

/// `None` past 16 M files or a trillion lines (such rows are held by exact key).
fn pack(loc: Loc) -> Option<Packed> {
    let (file, line) = (u64::try_from(loc.0).ok()?, u64::try_from(loc.1).ok()?);
    (file < 1 << (64 - LINE_BITS) && line < 1 << LINE_BITS).then_some((file << LINE_BITS) | line)
}

fn unpack(p: Packed) -> Loc {
    (
        (p >> LINE_BITS) as usize,
        (p & ((1 << LINE_BITS) - 1)) as usize,
    )
}

/// What is known of one flagged key hash.
#[derive(Debug, Default)]
struct Entry {
    /// The last valid flagged row (0 = none).
    last: Packed,
    /// The fingerprint of that row's key.
    print: u64,
    /// Valid flagged rows of more than one key share the hash.
    collided: bool,
    /// Valid rows of the entry's key seen by pass 2.
    valid: AtomicU32,
}

/// What pass 2 does with a valid row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Fold it: its key is not repeated, or this is the row the key uses.
    Use,
    /// Skip it: a later valid row of its key is used.
    Superseded,
    /// Two keys share its hash: hold it by its exact key ([`super::held`]).
    Exact,
}

/// Fingerprints of keys: SipHash under keys drawn at random once per run (clones
/// share them).
#[derive(Debug, Default, Clone)]
pub struct Printer(RandomState);

impl Printer {
    /// The fingerprint of a line's key.
    pub fn print(&self, l: &OrderLine) -> u64 {
        self.0
            .hash_one((l.order_id.as_str(), l.sku.as_str(), l.line_id.as_str()))
    }
}

/// The flagged key hashes, filled by pass 1 and read by pass 2.
#[derive(Debug, Default)]
pub struct Candidates {
    entries: FastMap<u64, Entry>,
    printer: Printer,
}

impl Candidates {
    /// The fingerprinter, for pass-1 workers (the same keys as this table's).
    pub fn printer(&self) -> Printer {
        self.printer.clone()
    }

    /// Pass 1: a row with key hash `h` was flagged.
    pub fn flag(&mut self, h: u64) {
        self.entries.entry(h).or_default();
    }

    /// Pass 1: a flagged row with key hash `h` and fingerprint `print` is valid, at
    /// `loc`. Workers call this in any order: the result is the same.
    pub fn valid_at(&mut self, h: u64, print: u64, loc: Loc) {
        let e = self.entries.entry(h).or_default();
        let Some(at) = pack(loc) else {
            e.collided = true;
            return;
        };
        if e.last == 0 {
            (e.last, e.print) = (at, print);
        } else if e.print == print {
            e.last = e.last.max(at);
        } else {
            e.collided = true;
        }
    }

    /// Pass 2: what to do with the valid row `l` at `loc`, whose key hash is `h`. The
    /// second valid row of a repeated key also gets the location of the row its key
    /// uses (for the duplicate problem's message, see [`DupNames`]).
    pub fn verdict(&self, h: u64, l: &OrderLine, loc: Loc) -> (Verdict, Option<Loc>) {
        let Some(e) = self.entries.get(&h) else {
            return (Verdict::Use, None);
        };
        if e.collided {
            return (Verdict::Exact, None);
        }
        // No valid flagged row, or none of this key: this row is the first row of the
        // hash (the only one not flagged), the only valid row of its key.
        if e.last == 0 || e.print != self.printer.print(l) {
            return (Verdict::Use, None);
        }
        let second = e.valid.fetch_add(1, Ordering::Relaxed) == 1;
        let named = second.then(|| unpack(e.last));
        if pack(loc) == Some(e.last) {
            (Verdict::Use, named)
        } else {
            (Verdict::Superseded, named)
        }
    }

    /// After pass 2: the keys with more than one valid row, as (location of the row
    /// used, number of valid rows), in file order. (Rows of a collided entry are not
    /// counted here: [`super::held`] reports them.)
    pub fn repeated(&self) -> Vec<(Loc, u32)> {
        let mut out: Vec<(Loc, u32)> = self
            .entries
            .values()
            .filter_map(|e| {
                let n = e.valid.load(Ordering::Relaxed);
                (n > 1).then(|| (unpack(e.last), n))
            })
            .collect();
        out.sort_unstable();
        out
    }
}

/// The exact key of a line: order id, SKU, sub-order id.
pub type DupKey = (CompactString, CompactString, CompactString);

/// The keys of the repeated lines whose duplicate problem can be listed: only the
/// first `cap` by where the problem is (file name, line) — the problem list keeps no
/// more — so this stays bounded however many keys repeat. The others are counted.
#[derive(Debug)]
pub struct DupNames {
    cap: usize,
    /// (rank of the file by name, line) → key.
    by_place: BTreeMap<(usize, usize), DupKey>,
}

impl DupNames {
    /// Keeps at most `cap` keys.
    pub fn new(cap: usize) -> Self {
        DupNames {
            cap,
            by_place: BTreeMap::new(),
        }
    }

    /// Notes the key of `l`, used on `line` of the file of rank `rank` (the files
    /// sorted by name, as problems are).
    pub fn note(&mut self, rank: usize, line: usize, l: &OrderLine) {
        let place = (rank, line);
        if self.by_place.len() >= self.cap
            && self
                .by_place
                .last_key_value()
                .is_none_or(|(k, _)| *k < place)
        {
            return;
        }
        let key = (l.order_id.clone(), l.sku.clone(), l.line_id.clone());
        self.by_place.insert(place, key);
        if self.by_place.len() > self.cap {
            self.by_place.pop_last();
        }
    }

    /// Adds the keys another worker noted.
    pub fn merge(&mut self, other: DupNames) {
        for (place, v) in other.by_place {
            self.by_place.insert(place, v);
        }
        while self.by_place.len() > self.cap {
            self.by_place.pop_last();
        }
    }

    /// The key used on `line` of the file of rank `rank`, if noted.
    pub fn key_at(&self, rank: usize, line: usize) -> Option<&DupKey> {
        self.by_place.get(&(rank, line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(order: &str) -> OrderLine {
        let mut l = crate::report::held::tests::line(order, "s");
        l.line_id = CompactString::default();
        l
    }

    // Rows of one key: the last valid flagged row is used, the others are superseded,
    // and the second valid row seen names the row used (whatever the order pass 2
    // sees them in).
    #[test]
    fn last_valid_flagged_row_is_used() {
        let mut c = Candidates::default();
        let a = line("A");
        let pa = c.printer().print(&a);
        c.flag(7);
        c.flag(7);
        c.valid_at(7, pa, (0, 9));
        c.valid_at(7, pa, (0, 4));
        assert_eq!(c.verdict(7, &a, (0, 9)), (Verdict::Use, None));
        assert_eq!(
            c.verdict(7, &a, (0, 2)),
            (Verdict::Superseded, Some((0, 9)))
        );
        assert_eq!(c.verdict(7, &a, (0, 4)), (Verdict::Superseded, None));
        assert_eq!(c.repeated(), [((0, 9), 3)]);
        // A key hash not flagged: used, not counted.
        assert_eq!(c.verdict(8, &a, (0, 3)), (Verdict::Use, None));
    }

    // No valid flagged row: the first row of the key is its only valid row.
    #[test]
    fn first_row_used_when_later_rows_are_invalid() {
        let mut c = Candidates::default();
        c.flag(7);
        assert_eq!(c.verdict(7, &line("A"), (0, 2)), (Verdict::Use, None));
        assert!(c.repeated().is_empty());
    }

    // Two keys on one hash. The first row of the hash belongs to another key than the
    // valid flagged rows: it is used on its own. Valid flagged rows of two keys: the
    // entry is held by exact key.
    #[test]
    fn keys_sharing_a_hash_are_kept_apart() {
        let mut c = Candidates::default();
        let (a, b) = (line("A"), line("B"));
        let p = c.printer();
        c.flag(7);
        c.valid_at(7, p.print(&a), (0, 9));
        assert_eq!(c.verdict(7, &b, (0, 2)), (Verdict::Use, None));
        assert_eq!(c.verdict(7, &a, (0, 9)), (Verdict::Use, None));
        c.valid_at(7, p.print(&b), (0, 12));
        assert_eq!(c.verdict(7, &a, (0, 9)), (Verdict::Exact, None));
        assert_eq!(c.verdict(7, &b, (0, 12)), (Verdict::Exact, None));
        assert!(c.repeated().is_empty());
    }

    // A location that does not fit the packed word sends its hash to exact holding.
    #[test]
    fn unpackable_locations_are_held_by_key() {
        let mut c = Candidates::default();
        let a = line("A");
        let print = c.printer().print(&a);
        c.flag(7);
        c.valid_at(7, print, (1 << 30, 2));
        assert_eq!(c.verdict(7, &a, (1 << 30, 2)), (Verdict::Exact, None));
        assert_eq!(unpack(pack((3, 9)).unwrap_or_default()), (3, 9));
    }

    // Fingerprints: equal for equal keys (also on another clone), different otherwise.
    #[test]
    fn fingerprints_tell_keys_apart() {
        let p = Printer::default();
        let q = p.clone();
        assert_eq!(p.print(&line("A")), q.print(&line("A")));
        assert_ne!(p.print(&line("A")), p.print(&line("B")));
        let mut sub = line("A");
        sub.line_id = "1".into();
        assert_ne!(p.print(&line("A")), p.print(&sub));
    }

    // Names: only the first `cap` places (file rank, line) are kept, across workers.
    #[test]
    fn names_keep_the_first_places() {
        let mut a = DupNames::new(2);
        let mut b = DupNames::new(2);
        a.note(1, 5, &line("A"));
        a.note(0, 90, &line("B"));
        a.note(1, 2, &line("C"));
        b.note(0, 7, &line("D"));
        a.merge(b);
        assert_eq!(a.key_at(0, 7).map(|k| k.0.as_str()), Some("D"));
        assert_eq!(a.key_at(0, 90).map(|k| k.0.as_str()), Some("B"));
        assert!(a.key_at(1, 2).is_none());
        assert!(a.key_at(1, 5).is_none());
    }
}
