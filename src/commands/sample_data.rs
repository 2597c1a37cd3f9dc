//! `delaybook sample-data`: deterministic synthetic orders.csv and stock.csv.

use super::{Context, Status};
use crate::cli::SampleDataArgs;
use crate::sample::{SampleSpec, check_spec, not_sample_data, write_files};

/// Runs `sample-data`.
pub fn run(ctx: &Context, args: &SampleDataArgs) -> Status {
    let Ok(end) = chrono::NaiveDate::parse_from_str(args.end.trim(), "%Y-%m-%d") else {
        return ctx.fail(format!(
            "`{}` is not a date; write --end like 2026-11-23",
            args.end
        ));
    };
    let spec = SampleSpec {
        orders: args.orders,
        seed: args.seed,
        weeks: args.weeks,
        end,
    };
    if let Some(problem) = check_spec(&spec) {
        return ctx.fail(problem);
    }
    let dir = match &args.dir {
        Some(d) if d.is_absolute() => d.clone(),
        Some(d) => ctx.root.join(d),
        None => ctx.root.join("data"),
    };
    if let Some(file) = not_sample_data(&dir) {
        return ctx.fail(format!(
            "`{}` was not written by sample-data (its header differs), so it is left alone; write the sample elsewhere with --dir, or move the file away first",
            ctx.show(&file)
        ));
    }
    if let Err(e) = write_files(&spec, &dir) {
        return ctx.fail(e);
    }
    ctx.info(&format!(
        "wrote {} order lines over {} weeks ending {} to {}/orders.csv and stock.csv (seed {})",
        super::report::thousands(args.orders),
        args.weeks,
        end,
        ctx.show(&dir),
        args.seed
    ));
    Status::Ok
}
