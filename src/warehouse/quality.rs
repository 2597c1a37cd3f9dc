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

/// The kind of problem a check is, and the catalogue key of its whole sentence
/// (`{n}` rows, `{table}`, `{column}`, `{examples}`, `{check}`), in the report's language.
fn meaning(table: &str, check: &str) -> (Kind, &'static str) {
    match check {
        "missing_value" => (Kind::MissingValue, "wh.check.missing_value"),
        "unknown_status" => (Kind::UnknownStatus, "wh.check.unknown_status"),
        "bad_quantity" => (Kind::BadNumber, "wh.check.bad_quantity"),
        "negative_amount" => (Kind::BadNumber, "wh.check.negative_amount"),
        "shipped_before_ordered" => (
            Kind::ShippedBeforeOrdered,
            "wh.check.shipped_before_ordered",
        ),
        "missing_seq" => (Kind::Duplicate, "wh.check.missing_seq"),
        "duplicate" if table == "stock" => (Kind::Duplicate, "wh.check.stock_duplicate"),
        "duplicate" => (Kind::Duplicate, "wh.check.duplicate"),
        "seq_tie" => (Kind::Duplicate, "wh.check.seq_tie"),
        "unknown_cause" => (Kind::UnknownCause, "wh.check.unknown_cause"),
        "unknown_platform" => (Kind::UnknownPlatform, "wh.check.unknown_platform"),
        "sku_not_in_stock" => (Kind::MissingSku, "wh.check.sku_not_in_stock"),
        "negative_incoming" => (Kind::BadNumber, "wh.check.negative_incoming"),
        "bad_lead_time" => (Kind::BadNumber, "wh.check.bad_lead_time"),
        _ => (Kind::MissingValue, "wh.check.other"),
    }
}

fn examples_text(c: &ColumnCheck) -> String {
    let shown: Vec<String> = c
        .examples
        .iter()
        .map(|e| {
            let order = shown_value(&e.order_id);
            let sku = shown_value(&e.sku);
            let value = shown_value(&e.value);
            match (
                e.order_id.is_empty(),
                !e.value.is_empty() && e.value != e.sku,
            ) {
                (false, true) => {
                    crate::tr_report!(
                        "wh.example_order_value",
                        order = order,
                        sku = sku,
                        value = value
                    )
                }
                (false, false) => crate::tr_report!("wh.example_order", order = order, sku = sku),
                (true, true) => crate::tr_report!("wh.example_value", sku = sku, value = value),
                (true, false) => crate::tr_report!("wh.example_sku", sku = sku),
            }
        })
        .collect();
    if shown.is_empty() {
        String::new()
    } else {
        crate::tr_report!(
            "wh.examples",
            list = shown.join(crate::tr_report!("wh.list_sep").as_str())
        )
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
        let (kind, key) = meaning(&c.table, &c.check);
        let message = crate::tr_report!(
            key,
            n = c.rows,
            table = shown_value(table),
            column = c.column,
            check = c.check,
            examples = examples_text(c)
        );
        let value = c.examples.first().map_or("", |e| e.value.as_str());
        let place = crate::tr_report!("wh.table_place", table = table);
        problems.push(Problem::new(kind, &place, 0, (&c.column, 0), message).with_value(value));
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
        let message = crate::tr_report!(
            "wh.absent_column",
            table = shown_value(&run.orders_table),
            column = name,
            zh = crate::report::refs::zh_name(name)
        );
        problems.push(
            Problem::new(
                Kind::AbsentColumn,
                &crate::tr_report!("wh.table_place", table = run.orders_table),
                0,
                (name, 0),
                message,
            )
            .with_value(name),
        );
    }
}
