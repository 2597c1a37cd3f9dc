//! `delaybook sample-data`: deterministic synthetic orders.csv and stock.csv.

use super::{Context, Status};
use crate::cli::SampleDataArgs;

/// Runs `sample-data`.
pub fn run(ctx: &Context, args: &SampleDataArgs) -> Status {
    let _ = args;
    ctx.fail("sample-data: not yet wired")
}
