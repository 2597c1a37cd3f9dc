//! Helpers of `tests/warehouse.rs`: the cases (a project folder, its input files, the
//! week flags), running the streaming report, the engine harness
//! (`tests/warehouse/harness.py`) and `report --aggregates`, and comparing the outputs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly on broken fixtures"
)]
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// One project to report on both ways.
pub struct Case {
    /// Shown in messages; also the output folder name.
    pub name: String,
    /// The project folder (a temp copy, or the repository for the sample).
    pub project: PathBuf,
    /// Keeps the temp copy alive.
    _dir: Option<tempfile::TempDir>,
    /// Order files in the streaming path's reading order.
    pub orders: Vec<PathBuf>,
    /// The stock file.
    pub stock: PathBuf,
    /// The project's timezone.
    pub timezone: String,
    /// The project's `timestamp_formats`.
    pub formats: Vec<String>,
    /// `--week` / `--as-of` for both `report` and `sql`.
    pub args: Vec<String>,
    /// Run as this many shards (orders split by `order_id`, each with the whole stock
    /// table), merged by `report --aggregates DIR…`; 1 is one run.
    pub shards: usize,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The `timezone:` of a project's delaybook.yaml (Asia/Shanghai when unset).
fn timezone_of(project: &Path) -> String {
    let text = std::fs::read_to_string(project.join("delaybook.yaml")).unwrap_or_default();
    text.lines()
        .find_map(|l| l.strip_prefix("timezone:"))
        .map(|v| v.split('#').next().unwrap_or("").trim().to_string())
        .unwrap_or_else(|| "Asia/Shanghai".to_string())
}

impl Case {
    fn from_parts(name: &str, layers: &[PathBuf], args: &[&str]) -> Case {
        let dir = tempfile::tempdir().unwrap();
        for layer in layers {
            copy_dir(layer, dir.path());
        }
        let project = dir.path().to_path_buf();
        let folder = project.join("data/orders");
        let orders = if folder.is_dir() {
            let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&folder)
                .sort_by_file_name()
                .into_iter()
                .map(|e| e.unwrap().into_path())
                .filter(|p| p.extension().is_some_and(|x| x == "csv"))
                .collect();
            files.sort();
            files
        } else {
            vec![project.join("data/orders.csv")]
        };
        Case {
            name: name.to_string(),
            timezone: timezone_of(&project),
            stock: project.join("data/stock.csv"),
            orders,
            project,
            _dir: Some(dir),
            formats: Vec::new(),
            args: args.iter().map(|s| (*s).to_string()).collect(),
            shards: 1,
        }
    }

    /// A case of `tests/fixtures/report/` (on top of its `base`).
    pub fn report_fixture(case: &str, args: &[&str]) -> Case {
        let f = root().join("tests/fixtures/report");
        Case::from_parts(case, &[f.join("base"), f.join(case)], args)
    }

    /// A case of `tests/fixtures/warehouse/` (on top of the report fixtures' `base`).
    pub fn warehouse_fixture(case: &str, args: &[&str]) -> Case {
        let f = root().join("tests/fixtures");
        Case::from_parts(
            case,
            &[f.join("report/base"), f.join("warehouse").join(case)],
            args,
        )
    }

    /// The repository's own sample project (20,000 lines, the default week).
    pub fn sample() -> Case {
        let project = root();
        Case {
            name: "sample".to_string(),
            orders: vec![project.join("data/orders.csv")],
            stock: project.join("data/stock.csv"),
            timezone: timezone_of(&project),
            formats: vec!["%m/%d/%Y %H:%M".to_string()],
            args: Vec::new(),
            project,
            _dir: None,
            shards: 1,
        }
    }

    /// The same case under another name.
    pub fn named(mut self, name: &str) -> Case {
        self.name = name.to_string();
        self
    }

    /// The same case run as `n` shards.
    pub fn sharded(mut self, n: usize) -> Case {
        self.name = format!("{}_{n}_shards", self.name);
        self.shards = n;
        self
    }
}

/// Splits each order file into `n` files by `order_id` (every line of an order in one
/// shard, as docs/warehouse.md requires); shard k keeps the files' order.
fn split_orders(c: &Case, dir: &Path) -> Vec<Vec<PathBuf>> {
    let mut shards = vec![Vec::new(); c.shards];
    for (i, file) in c.orders.iter().enumerate() {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_path(file)
            .unwrap();
        let header = reader.byte_headers().unwrap().clone();
        let key = header.iter().position(|h| h == b"order_id").unwrap();
        let mut writers: Vec<csv::Writer<std::fs::File>> = (0..c.shards)
            .map(|k| {
                let p = dir.join(format!("s{k}-{i:03}.csv"));
                shards[k].push(p.clone());
                let mut w = csv::WriterBuilder::new()
                    .flexible(true)
                    .from_path(p)
                    .unwrap();
                w.write_byte_record(&header).unwrap();
                w
            })
            .collect();
        for record in reader.byte_records() {
            let record = record.unwrap();
            let id = record.get(key).unwrap_or_default();
            let k = id.iter().map(|b| usize::from(*b)).sum::<usize>() % c.shards;
            writers[k].write_byte_record(&record).unwrap();
        }
        for mut w in writers {
            w.flush().unwrap();
        }
    }
    shards
}

/// The engine jobs of a case: one, or one per shard (with the streaming report's week,
/// since a shard's own latest order may fall in another week).
fn jobs_of(c: &Case, tmp: &Path) -> Vec<serde_json::Value> {
    let mut sql_args = c.args.clone();
    sql_args.extend(["--examples".to_string(), "3".to_string()]);
    let job = |name: String, orders: &[PathBuf], sql_args: &[String], out: PathBuf| {
        serde_json::json!({
            "name": name,
            "project": c.project,
            "orders": orders,
            "stock": c.stock,
            "timezone": c.timezone,
            "formats": c.formats,
            "sql_args": sql_args,
            "out": out,
        })
    };
    if c.shards <= 1 {
        return vec![job(
            c.name.clone(),
            &c.orders,
            &sql_args,
            agg_dirs(c, tmp)[0].clone(),
        )];
    }
    if !sql_args.iter().any(|a| a == "--week") {
        let week = week_dir(&tmp.join("stream").join(&c.name));
        let week = week.file_name().unwrap().to_string_lossy().into_owned();
        sql_args.extend(["--week".to_string(), week]);
    }
    let dir = tmp.join("shards").join(&c.name);
    std::fs::create_dir_all(&dir).unwrap();
    let split = split_orders(c, &dir);
    split
        .iter()
        .zip(agg_dirs(c, tmp))
        .enumerate()
        .map(|(k, (orders, out))| job(format!("{} shard {k}", c.name), orders, &sql_args, out))
        .collect()
}

/// Where the engine writes the case's result tables (one folder per shard).
fn agg_dirs(c: &Case, tmp: &Path) -> Vec<PathBuf> {
    let base = tmp.join("agg").join(&c.name);
    if c.shards <= 1 {
        return vec![base];
    }
    (0..c.shards).map(|k| base.join(k.to_string())).collect()
}

/// Runs `delaybook -C project --out out <args>`; panics with stderr on failure.
fn delaybook(project: &Path, out: &Path, args: &[&str]) -> String {
    let o = assert_cmd::Command::cargo_bin("delaybook")
        .unwrap()
        .arg("-C")
        .arg(project)
        .arg("--out")
        .arg(out)
        .args(["--color", "never"])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "delaybook {args:?} failed:\n{stderr}");
    stderr
}

/// The single week folder of an output.
fn week_dir(out: &Path) -> PathBuf {
    let reports = out.join("reports");
    let weeks: Vec<PathBuf> = std::fs::read_dir(&reports)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(weeks.len(), 1, "{weeks:?}");
    weeks[0].clone()
}

/// Python with `modules`, or why not.
fn python_has(modules: &[&str]) -> Result<(), String> {
    let code = format!("import {}", modules.join(", "));
    match Command::new("python3").args(["-c", &code]).output() {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => Err(String::from_utf8_lossy(&o.stderr).trim().to_string()),
        Err(e) => Err(format!("python3: {e}")),
    }
}

/// Skips loudly (or fails under CI) when the engine cannot run here.
fn available(engine: &str, modules: &[&str]) -> bool {
    let mut missing = python_has(modules).err();
    if engine == "spark" && missing.is_none() {
        let java = Command::new("java").arg("-version").output();
        if !java.is_ok_and(|o| o.status.success()) {
            missing = Some("no Java runtime (`java -version` fails)".to_string());
        }
    }
    let Some(why) = missing else {
        return true;
    };
    let msg = format!(
        "the {engine} warehouse tests need python3 with {} ({why})",
        modules.join(", ")
    );
    assert!(
        std::env::var_os("CI").is_none(),
        "{msg}; CI must install them (see .ci/run)"
    );
    eprintln!("\n\n!!!!!!!! SKIPPED {engine} warehouse tests: {msg} !!!!!!!!\n");
    false
}

/// The report.md above its last section (data quality, which describes the input).
fn md_without_quality(text: &str) -> &str {
    text.rfind("\n## ").map_or(text, |i| &text[..i])
}

/// Runs every case in `engine` and compares it with the streaming path.
pub fn run_cases(engine: &str, modules: &[&str], cases: Vec<Case>) {
    if !available(engine, modules) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut jobs = Vec::new();
    for c in &cases {
        delaybook(
            &c.project,
            &tmp.path().join("stream").join(&c.name),
            &with_report(&c.args),
        );
        jobs.extend(jobs_of(c, tmp.path()));
    }
    let jobs_file = tmp.path().join("jobs.json");
    std::fs::write(&jobs_file, serde_json::to_vec(&jobs).unwrap()).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("delaybook");
    let out = Command::new("python3")
        .arg(root().join("tests/warehouse/harness.py"))
        .args(["--engine", engine, "--delaybook"])
        .arg(&bin)
        .arg("--jobs")
        .arg(&jobs_file)
        .arg("--work")
        .arg(tmp.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{engine} harness failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{engine}:\n{stdout}");
    for c in &cases {
        compare(c, tmp.path());
    }
}

fn with_report(args: &[String]) -> Vec<&str> {
    let mut all = vec!["-q", "report"];
    all.extend(args.iter().map(String::as_str));
    all
}

/// The case's warehouse report against its streaming report.
fn compare(c: &Case, tmp: &Path) {
    let wh_out = tmp.join("wh").join(&c.name);
    let dirs: Vec<String> = agg_dirs(c, tmp)
        .iter()
        .map(|d| d.to_str().unwrap().to_string())
        .collect();
    let mut args = vec!["-q", "report", "--aggregates"];
    args.extend(dirs.iter().map(String::as_str));
    delaybook(&c.project, &wh_out, &args);
    let stream = week_dir(&tmp.join("stream").join(&c.name));
    let wh = week_dir(&wh_out);
    let json = |d: &Path| -> Value {
        serde_json::from_slice(&std::fs::read(d.join("report.json")).unwrap()).unwrap()
    };
    let (mut a, mut b) = (json(&stream), json(&wh));
    let checks = b["data_quality"]["checks"].clone();
    a.as_object_mut().unwrap().remove("data_quality");
    b.as_object_mut().unwrap().remove("data_quality");
    assert!(
        a == b,
        "{}: report.json differs\nstreaming: {}\nwarehouse: {}",
        c.name,
        serde_json::to_string_pretty(&a).unwrap(),
        serde_json::to_string_pretty(&b).unwrap()
    );
    assert!(
        checks.as_array().is_some_and(|c| !c.is_empty()),
        "{}: no checks",
        c.name
    );
    let read = |d: &Path, f: &str| std::fs::read_to_string(d.join(f)).unwrap();
    assert_eq!(
        read(&stream, "actions.csv"),
        read(&wh, "actions.csv"),
        "{}",
        c.name
    );
    let (ma, mb) = (read(&stream, "report.md"), read(&wh, "report.md"));
    assert_eq!(
        md_without_quality(&ma),
        md_without_quality(&mb),
        "{}",
        c.name
    );
    expect_checks(c, &checks);
}

/// Hand-counted column-level checks of the cases built to trip them.
fn expect_checks(c: &Case, checks: &Value) {
    let want: &[(&str, &str, &str, u64)] = match c.name.as_str() {
        "messy" => &[
            ("orders", "order_id", "missing_value", 1),
            ("orders", "status", "unknown_status", 1),
            ("orders", "quantity", "bad_quantity", 2),
            ("orders", "amount", "negative_amount", 1),
            ("orders", "shipped_at", "shipped_before_ordered", 1),
            ("orders", "delay_cause", "unknown_cause", 1),
            ("orders", "platform", "unknown_platform", 1),
            ("orders", "sku", "sku_not_in_stock", 4),
            ("orders", "", "duplicate", 0),
            ("stock", "incoming", "negative_incoming", 1),
        ],
        "duplicates" => &[
            ("orders", "", "duplicate", 5),
            ("orders", "status", "unknown_status", 1),
            ("orders", "_seq", "seq_tie", 0),
            ("stock", "", "duplicate", 1),
        ],
        // Each shard read the whole stock table: its repeat is counted once per shard.
        "duplicates_2_shards" => &[
            ("orders", "", "duplicate", 5),
            ("orders", "status", "unknown_status", 1),
            ("orders", "_seq", "seq_tie", 0),
            ("stock", "", "duplicate", 2),
        ],
        _ => &[],
    };
    for (table, column, check, rows) in want {
        let found = checks
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["table"] == *table && x["column"] == *column && x["check"] == *check);
        let got = found.and_then(|x| x["rows"].as_u64());
        assert_eq!(got, Some(*rows), "{}: {table}.{column} {check}", c.name);
    }
}
