//! Smoke test: the bundled sample project (what `delaybook new` gives a user) builds,
//! deterministically, and every internal link of the result resolves.

mod common;
#[path = "fixtures/site/support.rs"]
mod support;

use std::path::Path;

use support::{link_problems, read_tree};

// The first thing a new user does is build the sample; it must give a working site.
#[test]
fn bundled_sample_builds_with_working_links() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        repo.join("delaybook.yaml"),
        dir.path().join("delaybook.yaml"),
    )
    .unwrap();
    common::copy_dir(&repo.join("playbooks"), &dir.path().join("playbooks"));
    if repo.join("data").is_dir() {
        common::copy_dir(&repo.join("data"), &dir.path().join("data"));
    }
    let build = |out_dir: &str| {
        let out = assert_cmd::Command::cargo_bin("delaybook")
            .unwrap()
            .arg("-C")
            .arg(dir.path())
            .args(["--color", "never", "--out", out_dir, "build"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        read_tree(&dir.path().join(out_dir))
    };
    let tree = build("out");
    // The whole output, report included, is byte-identical on a second build.
    assert!(build("again") == tree, "second build of the sample differs");
    assert!(tree.contains_key("index.html") && tree.contains_key("search-index.js"));
    assert_eq!(link_problems(&tree), Vec::<String>::new());
    for (path, html) in support::pages(&tree) {
        assert_eq!(
            support::duplicate_ids(&html),
            Vec::<String>::new(),
            "{path}"
        );
    }
    if repo.join("data/orders.csv").is_file() {
        // With order data the latest report is built and linked from the home page.
        assert!(tree.contains_key("reports/index.html"));
        let home = String::from_utf8_lossy(&tree["index.html"]).into_owned();
        assert!(
            home.contains("id=\"latest-report\""),
            "no report link on the home page"
        );
    }
}
