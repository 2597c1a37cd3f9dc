//! `delaybook report`: the weekly delay report only.

use super::{Context, Status};
use crate::cli::ReportArgs;
use crate::diag::Diagnostics;
use crate::pipeline::Project;

/// Runs `report`.
pub fn run(ctx: &Context, args: &ReportArgs) -> Status {
    let _ = args;
    ctx.fail("report: not yet wired")
}

/// Validates the CSV data for `check`; returns a summary for the check line.
pub fn check_data(_ctx: &Context, _project: &Project, _diag: &mut Diagnostics) -> Option<String> {
    None
}
