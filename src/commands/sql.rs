//! `delaybook sql`: prints the SQL script of the warehouse route for one engine (see
//! [`crate::warehouse`] and docs/warehouse.md). The project is loaded for its settings
//! (timezone, promise hours, compensation, thresholds, status map, platform and cause
//! names); no data is read.

use std::io::Write;

use super::{Context, Status};
use crate::cli::SqlArgs;
use crate::diag::Diagnostics;
use crate::ingest::columns::ORDER_COLUMNS;
use crate::ingest::timestamp::{Clock, IsoWeek};
use crate::pipeline::load_project;
use crate::warehouse::{OPTIONAL_ORDER_COLUMNS, Spec};

/// Most example rows per check (each is a row of `dbk_check_examples`).
const MAX_EXAMPLES: usize = 1000;

/// Runs `sql`.
pub fn run(ctx: &Context, args: &SqlArgs) -> Status {
    let mut diag = Diagnostics::new();
    let project = load_project(&ctx.root, &mut diag);
    if diag.has_errors(false) {
        ctx.report_diagnostics(&mut diag);
        ctx.always(&crate::tr!("sql.failed_project"));
        return Status::ContentErrors;
    }
    let spec = match spec(args, &project.config) {
        Ok(s) => s,
        Err(message) => return ctx.fail(message),
    };
    let script = crate::warehouse::script(&spec, &project.config, &project.content);
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(script.as_bytes()).and_then(|()| out.flush()) {
        return ctx.fail(crate::tr!(
            "sql.cannot_write",
            error = crate::fsx::io_reason(&e)
        ));
    }
    Status::Ok
}

/// The spec of the flags, or a usage message.
fn spec(args: &SqlArgs, config: &crate::config::Config) -> Result<Spec, String> {
    if let Some(problem) =
        super::report::usage_problem(args.week.as_deref(), args.as_of.as_deref(), config)
    {
        return Err(problem);
    }
    let week = args.week.as_deref().and_then(IsoWeek::parse);
    let mut clock = Clock::new(config.tz(), &config.timestamp_formats);
    let as_of = args.as_of.as_deref().and_then(|t| clock.parse(t));
    for (flag, name) in [
        ("--orders-table", &args.orders_table),
        ("--stock-table", &args.stock_table),
    ] {
        if name.trim().is_empty()
            || name.chars().any(char::is_control)
            || name.split('.').any(str::is_empty)
        {
            return Err(crate::tr!(
                "sql.bad_table",
                flag = flag,
                name = crate::ingest::shown_value(name)
            ));
        }
    }
    if args.examples > MAX_EXAMPLES {
        return Err(crate::tr!(
            "sql.too_many_examples",
            n = args.examples,
            max = MAX_EXAMPLES
        ));
    }
    Ok(Spec {
        dialect: args.dialect,
        orders_table: args.orders_table.clone(),
        stock_table: args.stock_table.clone(),
        week,
        as_of,
        absent: absent_columns(&args.absent)?,
        examples: args.examples,
    })
}

/// `--absent` names as canonical column indices (in canonical order, no repeats).
fn absent_columns(names: &[String]) -> Result<Vec<usize>, String> {
    let mut out: Vec<usize> = Vec::new();
    for raw in names {
        let name = raw.trim().to_lowercase();
        if name.is_empty() {
            continue;
        }
        let found = ORDER_COLUMNS.iter().position(|c| *c == name);
        match found {
            Some(i) if OPTIONAL_ORDER_COLUMNS.contains(&i) => {
                if !out.contains(&i) {
                    out.push(i);
                }
            }
            Some(_) => {
                return Err(crate::tr!("sql.absent_required", name = name));
            }
            None => {
                let optional = OPTIONAL_ORDER_COLUMNS
                    .iter()
                    .filter_map(|&i| ORDER_COLUMNS.get(i).copied());
                let shown = crate::ingest::shown_value(&name);
                let list = optional.clone().collect::<Vec<_>>().join(", ");
                return Err(match crate::diag::did_you_mean(&name, optional) {
                    Some(hint) => crate::tr!(
                        "sql.absent_unknown_hint",
                        name = shown,
                        hint = hint,
                        list = list
                    ),
                    None => crate::tr!("sql.absent_unknown", name = shown, list = list),
                });
            }
        }
    }
    out.sort_unstable();
    Ok(out)
}
