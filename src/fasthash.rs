//! Hash maps and sets for the lookups made once or more per order line (SKU figures,
//! platform and cause names, duplicate candidates).
//!
//! The standard library's SipHash costs more than the rest of a short-key lookup; foldhash
//! is several times faster on ids and SKUs. Its seed is random per process, as the
//! standard one is, so a crafted export cannot aim at collisions, and nothing written
//! may depend on the iteration order of these maps (every output sorts).

/// A `HashMap` with foldhash's fast hasher.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A `HashSet` with foldhash's fast hasher.
pub type FastSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
