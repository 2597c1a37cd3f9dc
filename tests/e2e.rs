//! Browser end-to-end tests: build the bundled sample, then drive a real headless
//! Chromium through `tests/e2e/run.mjs` (search, fill-and-copy, triage, quiz, check my
//! reply, and the weekly report page: Chinese text, 390 px layout, sorting, filtering,
//! collapsed rows, no JavaScript, print), once over http://127.0.0.1 and once from
//! file://, with no console errors and no request leaving the site.
//!
//! Without Chromium or Node the test prints a loud SKIPPED message and passes — unless
//! the `CI` environment variable is set, where it fails.

use std::path::Path;
use std::process::Command;

fn has_node() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

// The site is used by people who are not programmers, from a shared drive: these are
// the paths they click through every day.
#[test]
fn site_works_in_headless_chromium_over_http_and_file() {
    let (Some(chromium), true) = (delaybook::commands::handbook::find_chromium(), has_node())
    else {
        let msg =
            "Chromium (/usr/bin/chromium or $CHROMIUM) and Node are needed for the browser tests";
        assert!(
            std::env::var_os("CI").is_none(),
            "{msg}; CI must install them (see .ci/run)"
        );
        eprintln!("\n\n!!!!!!!! SKIPPED browser end-to-end tests: {msg} !!!!!!!!\n");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("public");
    let build = assert_cmd::Command::cargo_bin("delaybook")
        .expect("binary")
        .args(["-C"])
        .arg(root)
        .arg("--out")
        .arg(&site)
        .args(["-q", "build"])
        .output()
        .expect("run build");
    assert!(
        build.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let out = Command::new("node")
        .arg(root.join("tests/e2e/run.mjs"))
        .arg("--site")
        .arg(&site)
        .arg("--chromium")
        .arg(&chromium)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "browser scenarios failed:\n{stdout}");
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}
