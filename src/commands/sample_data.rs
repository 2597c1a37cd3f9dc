//! `delaybook sample-data`: deterministic synthetic orders.csv and stock.csv.

use super::{Context, Status};
use crate::cli::SampleDataArgs;
use crate::sample::{SampleSpec, write_files};

/// Runs `sample-data`.
pub fn run(ctx: &Context, args: &SampleDataArgs) -> Status {
    let Ok(end) = chrono::NaiveDate::parse_from_str(args.end.trim(), "%Y-%m-%d") else {
        return ctx.fail(format!(
            "`{}` is not a date; write --end like 2026-11-23",
            args.end
        ));
    };
    if args.weeks == 0 {
        return ctx.fail("--weeks must be at least 1");
    }
    let spec = SampleSpec {
        orders: args.orders,
        seed: args.seed,
        weeks: args.weeks,
        end,
    };
    let dir = match &args.dir {
        Some(d) if d.is_absolute() => d.clone(),
        Some(d) => ctx.root.join(d),
        None => ctx.root.join("data"),
    };
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
