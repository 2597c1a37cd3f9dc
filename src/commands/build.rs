//! `delaybook build`: check everything, render the site and the latest report, write
//! the output atomically.

use super::{Context, Status};
use crate::cli::BuildArgs;

/// Runs `build`.
pub fn run(ctx: &Context, args: &BuildArgs) -> Status {
    let _ = args;
    ctx.fail("build: not yet wired")
}
