//! The judged query set (`tests/search/queries.tsv`): what new staff type, with the page
//! that answers it, run through the real `delaybook build` of the sample and the real
//! `search.js`. Fails when recall@5 < 0.95 or MRR@10 < 0.85, when fewer than 90% of
//! the off-topic queries find nothing, when a judged answer no longer exists in the
//! site, or when typing a query one character at a time ranks differently from
//! pasting it. Figures per class: `node tests/search/eval.mjs <public dir>`.

use std::path::Path;
use std::process::Command;

fn node_available() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

// The owner measures search on held-out trainee queries; this set is our own, written
// before tuning, and keeps the figures from sliding back.
#[test]
fn judged_queries_meet_the_recall_and_mrr_thresholds() {
    if !node_available() {
        assert!(std::env::var_os("CI").is_none(), "node is required in CI");
        eprintln!(
            "SKIPPED judged_queries_meet_the_recall_and_mrr_thresholds: `node` not found on PATH"
        );
        return;
    }
    let out = tempfile::tempdir().expect("temp dir");
    let public = out.path().join("public");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let status = Command::new(env!("CARGO_BIN_EXE_delaybook"))
        .arg("-C")
        .arg(root)
        .arg("--out")
        .arg(&public)
        .args(["-q", "build"])
        .status()
        .expect("run delaybook build");
    assert!(status.success(), "delaybook build of the sample failed");
    let run = Command::new("node")
        .arg(root.join("tests/search/eval.mjs"))
        .arg(&public)
        .arg("--check")
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("thresholds met"), "{stdout}");
}
