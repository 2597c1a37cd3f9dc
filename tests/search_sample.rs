//! Search on the bundled sample project (`delaybook.yaml` + `playbooks/`): the size
//! budget of `search-index.js` and the brief's example queries, through the real
//! `delaybook build`.

use std::path::Path;
use std::process::Command;

/// Builds the sample into a temp folder and returns it.
fn build_sample() -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    let public = out.path().join("public");
    let status = Command::new(env!("CARGO_BIN_EXE_delaybook"))
        .arg("-C")
        .arg(env!("CARGO_MANIFEST_DIR"))
        .arg("--out")
        .arg(&public)
        .args(["-q", "build"])
        .status()
        .expect("run delaybook build");
    assert!(status.success(), "delaybook build of the sample failed");
    out
}

// mdBook's index reached 38 MB and crashed phones: the sample's index must stay small.
#[test]
fn sample_index_stays_within_budget() {
    let out = build_sample();
    let index = std::fs::read(out.path().join("public/search-index.js")).expect("index");
    let js = std::fs::read(out.path().join("public/js/search.js")).expect("search.js");
    assert!(
        index.len() <= 400 * 1024,
        "search-index.js is {} bytes, budget 400 KiB",
        index.len()
    );
    // The runtime reads queries (fillers, intents, typos, pinyin) as well as matching,
    // and is shipped with its comments (a fifth of it; 16 KiB gzip): 56 KiB.
    assert!(js.len() <= 56 * 1024, "search.js is {} bytes", js.len());
}

// The example queries of the brief must rank the right page first on the real content.
#[test]
fn sample_answers_the_example_questions() {
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !node_ok {
        assert!(std::env::var_os("CI").is_none(), "node is required in CI");
        eprintln!("SKIPPED sample_answers_the_example_questions: `node` not found on PATH");
        return;
    }
    let out = build_sample();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search/sample.mjs");
    let run = Command::new("node")
        .arg(script)
        .arg(out.path().join("public"))
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

// Excerpts must never show template markup or form labels: placeholders are stored as
// the label the form shows (【商品名称】), and the fill-in form is not indexed.
#[test]
fn sample_index_has_labels_not_template_markup() {
    let out = build_sample();
    let index = std::fs::read_to_string(out.path().join("public/search-index.js")).expect("index");
    assert!(
        !index.contains("{{") && !index.contains("}}"),
        "template markup in the index"
    );
    assert!(index.contains("【商品名称】"), "placeholder labels missing");
    assert!(!index.contains("填写内容"), "form legend indexed");
    assert!(
        index.contains("\"tri\":\"index.html#triage\""),
        "triage link missing"
    );
}
