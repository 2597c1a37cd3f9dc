//! Behaviour of the search runtime (`themes/default/js/search.js`) on the fixture
//! index, run by Node (`tests/search/run.mjs`). Without `node`, the test is skipped
//! loudly on a developer machine and fails in CI (`CI` set).

#[path = "search/fixture.rs"]
mod fixture;

use std::path::Path;
use std::process::Command;

fn node_available() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

// The JS matching and ranking rules of the brief (substrings, Traditional script,
// numbers, natural questions, synonyms) only exist in search.js; this runs them.
#[test]
fn search_js_finds_expected_pages_first() {
    if !node_available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "node is required in CI to test search.js"
        );
        eprintln!("SKIPPED search_js_finds_expected_pages_first: `node` not found on PATH");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let index = dir.path().join("search-index.js");
    std::fs::write(&index, fixture::fixture_index()).expect("write index");
    if let Some(copy) = std::env::var_os("SEARCH_FIXTURE_OUT") {
        // For debugging rankings by hand: `node /tmp/x.mjs $SEARCH_FIXTURE_OUT …`.
        std::fs::copy(&index, copy).expect("copy index");
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("node")
        .arg(root.join("tests/search/run.mjs"))
        .arg(&index)
        .arg(root.join("themes/default/js/search.js"))
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "search.js behaviour tests failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}

// Index text is content from many authors: the UI must build results with
// textContent/DOM APIs only, so no markup from the index can ever run.
#[test]
fn search_js_never_uses_inner_html() {
    let js = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/js/search.js"),
    )
    .expect("search.js");
    for banned in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!js.contains(banned), "search.js uses {banned}");
    }
}
