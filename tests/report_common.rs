//! Helpers shared by the `report_*` integration tests (included with `#[path]`):
//! copy a fixture project into a temp folder, run the real binary, read outputs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly on broken fixtures"
)]
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The fixture folder of a case.
pub fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/report")
        .join(case)
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temp project: `base/` with `case/` copied on top (a case may be only `data/`).
pub fn project(case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("base"), dir.path());
    if case != "base" {
        copy_dir(&fixture(case), dir.path());
    }
    dir
}

/// Writes a file into the project (creating folders).
pub fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Runs `delaybook -C dir --color never --lang en <args>` (English terminal messages).
pub fn run(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    run_in_project_language(dir, &all)
}

/// Runs the binary in `dir` in the project's language (zh-CN unless its config says
/// otherwise), with the locale variables pinned.
pub fn run_in_project_language(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("delaybook")
        .unwrap()
        .arg("-C")
        .arg(dir)
        .arg("--color")
        .arg("never")
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap()
}

/// Runs `report` with `args` and returns the parsed report.json of `week`.
pub fn report(dir: &Path, week: &str, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["report", "--week", week];
    all.extend_from_slice(args);
    let out = run(dir, &all);
    assert!(
        out.status.success(),
        "report failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    read_json(dir, week)
}

/// The report.json of `week` in the default output folder.
pub fn read_json(dir: &Path, week: &str) -> serde_json::Value {
    let path = dir.join(format!("public/reports/{week}/report.json"));
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Standard orders header used by the inline fixtures.
pub const HEADER: &str = "order_id,sku,quantity,platform,ordered_at,promised_ship_by,shipped_at,status,delay_cause,detected_at,notified_at,resolution,amount\n";

/// A stock.csv with SKUs A and B.
pub const STOCK: &str = "sku,name,on_hand,incoming,restock_eta,lead_time_days,supplier\nA,杯子A,10,0,,,甲厂\nB,杯子B,10,0,,,甲厂\n";

/// Float comparison with a tolerance.
pub fn close(a: &serde_json::Value, b: f64) -> bool {
    a.as_f64().is_some_and(|x| (x - b).abs() < 1e-9)
}

/// Three or more lowercase English words in a row outside `code`: an English sentence.
pub fn english_sentence(line: &str) -> Option<String> {
    let prose: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    let mut run: Vec<&str> = Vec::new();
    for word in prose.split([' ', ',', ';', ':', '(', ')']) {
        if word.len() >= 2 && word.chars().all(|c| c.is_ascii_lowercase()) {
            run.push(word);
            if run.len() >= 3 {
                return Some(run.join(" "));
            }
        } else if !word.is_empty() {
            run.clear();
        }
    }
    None
}

/// The tile `<li>` whose label is `label`.
pub fn tile<'a>(html: &'a str, label: &str) -> &'a str {
    let at = html
        .find(&format!("<span class=\"tile-label\">{label}</span>"))
        .unwrap_or_else(|| panic!("no tile {label}"));
    let start = html[..at].rfind("<li").unwrap();
    let end = at + html[at..].find("</li>").unwrap();
    &html[start..end]
}
