//! The `data_quality` section of a warehouse report: the row counts of both tables,
//! the column-level checks with their examples (`checks` in report.json), and one
//! problem per failed check and per absent column, so the terminal, the page and
//! `--strict` treat them like the streaming path's problems.

use std::collections::BTreeMap;

use super::adapt::Run;
use super::read::Tables;
use super::tables as t;
use crate::ingest::{Kind, Problem, shown_value};
use crate::report::quality::Problems;
use crate::report::types::{CheckExample, ColumnCheck, DataQuality};

/// The kind of problem a check is, and what it means, in one sentence after the count.
fn meaning(table: &str, check: &str, column: &str) -> (Kind, String) {
    let skipped = "; those rows are skipped";
    match check {
        "missing_value" => (Kind::MissingValue, format!("have no `{column}`{skipped}")),
        "unknown_status" => (
            Kind::UnknownStatus,
            format!("have a status nothing maps to open, shipped, cancelled or refunded (map it under `status_map`){skipped}"),
        ),
        "bad_quantity" => (Kind::BadNumber, format!("have a quantity below 1{skipped}")),
        "negative_amount" => (Kind::BadNumber, format!("have a negative amount{skipped}")),
        "shipped_before_ordered" => (
            Kind::ShippedBeforeOrdered,
            format!("have shipped_at before ordered_at{skipped}"),
        ),
        "missing_seq" => (
            Kind::Duplicate,
            "have no `_seq`: which row of a repeated (order_id, sku) wins is not defined".to_string(),
        ),
        "duplicate" if table == "stock" => (
            Kind::Duplicate,
            format!("are superseded by a row of the same SKU with a higher `_seq`{skipped}"),
        ),
        "duplicate" => (
            Kind::Duplicate,
            format!("are superseded by a row of the same (order_id, sku) with a higher `_seq`{skipped}"),
        ),
        "seq_tie" => (
            Kind::Duplicate,
            "are repeated (order_id, sku) pairs whose highest `_seq` is shared: the engine picks one; give every row its own `_seq`".to_string(),
        ),
        "unknown_cause" => (
            Kind::UnknownCause,
            "have a cause that is not a code, name or alias of the causes catalogue; counted under their own text, at-risk lines go to triage".to_string(),
        ),
        "unknown_platform" => (
            Kind::UnknownPlatform,
            "have a platform that is not a key, name or alias; the default promise hours and compensation are used".to_string(),
        ),
        "sku_not_in_stock" => (
            Kind::MissingSku,
            "have a SKU missing from the stock table; its stock is taken as 0".to_string(),
        ),
        "negative_incoming" => (Kind::BadNumber, format!("have incoming below 0{skipped}")),
        "bad_lead_time" => (Kind::BadNumber, format!("have lead_time_days of 0 or less{skipped}")),
        other => (Kind::MissingValue, format!("failed the check `{other}`")),
    }
}

fn examples_text(c: &ColumnCheck) -> String {
    let shown: Vec<String> = c
        .examples
        .iter()
        .map(|e| {
            let mut s = String::new();
            if !e.order_id.is_empty() {
                s.push_str(&format!("order `{}` ", shown_value(&e.order_id)));
            }
            s.push_str(&format!("SKU `{}`", shown_value(&e.sku)));
            if !e.value.is_empty() && e.value != e.sku {
                s.push_str(&format!(": `{}`", shown_value(&e.value)));
            }
            s
        })
        .collect();
    if shown.is_empty() {
        String::new()
    } else {
        format!(" (e.g. {})", shown.join(", "))
    }
}

/// The checks of `dbk_checks` with their examples, in the SQL's order; shards' rows of
/// one check are added up and their examples merged (the first `limit` by key).
pub fn checks(tables: &Tables, limit: usize) -> Vec<ColumnCheck> {
    type Key = (String, String, String);
    let mut examples: BTreeMap<Key, Vec<CheckExample>> = BTreeMap::new();
    let e = &t::CHECK_EXAMPLES;
    for r in tables.of(e) {
        let key = (
            r.text(e, "table_name"),
            r.text(e, "column_name"),
            r.text(e, "check_name"),
        );
        examples.entry(key).or_default().push(CheckExample {
            order_id: r.text(e, "order_id"),
            sku: r.text(e, "sku"),
            value: r.text(e, "value"),
        });
    }
    let c = &t::CHECKS;
    let mut out: Vec<ColumnCheck> = Vec::new();
    for r in tables.of(c) {
        let key: Key = (
            r.text(c, "table_name"),
            r.text(c, "column_name"),
            r.text(c, "check_name"),
        );
        let rows = u64::try_from(r.int(c, "rows")).unwrap_or(0);
        if let Some(existing) = out
            .iter_mut()
            .find(|x| (&x.table, &x.column, &x.check) == (&key.0, &key.1, &key.2))
        {
            existing.rows += rows;
            continue;
        }
        let mut ex = examples.remove(&key).unwrap_or_default();
        ex.sort_by(|a, b| (&a.order_id, &a.sku, &a.value).cmp(&(&b.order_id, &b.sku, &b.value)));
        ex.dedup();
        ex.truncate(limit);
        out.push(ColumnCheck {
            table: key.0,
            column: key.1,
            check: key.2,
            rows,
            examples: ex,
        });
    }
    out
}

/// The data-quality section of the run.
pub fn data_quality(tables: &Tables, run: &Run, limit: usize) -> DataQuality {
    let checks = checks(tables, run.examples);
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let ct = &t::COUNTS_TABLE;
    for r in tables.of(ct) {
        *counts.entry(r.text(ct, "name")).or_default() +=
            u64::try_from(r.int(ct, "value")).unwrap_or(0);
    }
    let n = |k: &str| counts.get(k).copied().unwrap_or(0);
    let mut problems = Problems::new(limit);
    for c in checks.iter().filter(|c| c.rows > 0) {
        let table = if c.table == "stock" {
            &run.stock_table
        } else {
            &run.orders_table
        };
        let (kind, what) = meaning(&c.table, &c.check, &c.column);
        let message = format!(
            "{} row{} of table `{}` {what}{}",
            c.rows,
            if c.rows == 1 { "" } else { "s" },
            shown_value(table),
            examples_text(c)
        );
        let value = c.examples.first().map_or("", |e| e.value.as_str());
        problems.push(
            Problem::new(kind, &format!("table {table}"), 0, (&c.column, 0), message)
                .with_value(value),
        );
    }
    absent_problems(run, &mut problems);
    let (list, total, groups) = problems.finish();
    let read = n("order_rows_read") + n("stock_rows_read");
    let used = n("lines_used") + n("stock_rows_used");
    DataQuality {
        rows_read: read,
        rows_used: used,
        rows_skipped: read.saturating_sub(used),
        blank_rows: n("order_blank_rows") + n("stock_blank_rows"),
        problems: list,
        unpaid_rows: n("order_rows_unpaid"),
        problem_count: total,
        groups,
        order_rows_read: n("order_rows_read"),
        order_rows_used: n("lines_used"),
        stock_skus: n("stock_rows_used"),
        checks,
    }
}

/// One problem per absent column whose figures become unknown.
fn absent_problems(run: &Run, problems: &mut Problems) {
    for &col in &run.absent {
        let name = crate::ingest::plan::Plan::column_name(col);
        if !crate::ingest::plan::WATCHED.contains(&col) {
            continue;
        }
        let message = format!(
            "table `{}` has no `{name}` column ({}): its figures are unknown (null, shown as —)",
            shown_value(&run.orders_table),
            crate::report::refs::zh_name(name)
        );
        problems.push(
            Problem::new(
                Kind::AbsentColumn,
                &format!("table {}", run.orders_table),
                0,
                (name, 0),
                message,
            )
            .with_value(name),
        );
    }
}
