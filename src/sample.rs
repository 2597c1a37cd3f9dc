//! Synthetic order and stock data (temporary).

use std::path::Path;

/// What to generate.
#[derive(Debug, Clone)]
pub struct SampleSpec {
    /// Number of order lines.
    pub orders: u64,
}

impl SampleSpec {
    /// The committed sample.
    pub fn default_sample() -> Self {
        SampleSpec { orders: 20_000 }
    }
}

/// Writes orders.csv and stock.csv into `dir`.
pub fn write_files(_spec: &SampleSpec, _dir: &Path) -> Result<(), crate::fsx::FsError> {
    Ok(())
}
