//! Browser end-to-end tests: build the bundled sample, then drive a real headless
//! Chromium through `tests/e2e/run.mjs` (search, fill-and-copy, shared fields, triage to
//! the step, quiz, checklists, contents, breadcrumbs, check my reply, and the weekly
//! report page: Chinese text, 390 px layout, sorting, filtering, collapsed rows, no
//! JavaScript, print), once over http://127.0.0.1 and once from file://, with no console
//! errors and no request leaving the site; and `tests/e2e/serve_overlay.mjs` against a
//! running `delaybook serve` (a failed rebuild shows in the browser).
//!
//! Without Chromium or Node the tests print a loud SKIPPED message and pass — unless
//! the `CI` environment variable is set, where they fail.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

fn has_node() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Chromium, or `None` after printing why the test is skipped (CI must have both).
fn browser() -> Option<PathBuf> {
    let (Some(chromium), true) = (delaybook::commands::handbook::find_chromium(), has_node())
    else {
        let msg =
            "Chromium (/usr/bin/chromium or $CHROMIUM) and Node are needed for the browser tests";
        assert!(
            std::env::var_os("CI").is_none(),
            "{msg}; CI must install them (see .ci/run)"
        );
        eprintln!("\n\n!!!!!!!! SKIPPED browser end-to-end tests: {msg} !!!!!!!!\n");
        return None;
    };
    Some(chromium)
}

// The site is used by people who are not programmers, from a shared drive: these are
// the paths they click through every day.
#[test]
fn site_works_in_headless_chromium_over_http_and_file() {
    let Some(chromium) = browser() else { return };
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

/// Kills the server when the test ends, even on failure.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

// An author watching the browser must see why a save did not show: the overlay comes
// with the broken playbook and goes with the fix.
#[test]
fn serve_overlay_shows_a_failed_rebuild_until_the_fix() {
    let Some(chromium) = browser() else { return };
    let project = common::Project::from_layers(&["check/base"]);
    let child = Command::new(assert_cmd::cargo::cargo_bin("delaybook"))
        .arg("-C")
        .arg(project.root())
        .args(["--color", "never", "serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve");
    let mut server = Server(child);
    let mut line = String::new();
    BufReader::new(server.0.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("read the address line");
    let base = line
        .split_whitespace()
        .find_map(|w| w.find("http://").map(|i| &w[i..]))
        .and_then(|w| w.split(|c: char| !c.is_ascii() || c == ')').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("node")
        .arg(root.join("tests/e2e/serve_overlay.mjs"))
        .arg("--base")
        .arg(&base)
        .arg("--file")
        .arg(project.root().join("playbooks/out-of-stock.yaml"))
        .arg("--chromium")
        .arg(&chromium)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success(),
        "serve overlay scenario failed:\n{stdout}"
    );
    drop(server);
}
