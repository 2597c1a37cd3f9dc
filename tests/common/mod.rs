//! Shared harness for integration tests: copy a fixture project into a temp folder, run
//! the real binary in it, and compare stderr with a snapshot (`SNAPSHOTS=overwrite`
//! rewrites the snapshots).
#![allow(
    dead_code,
    reason = "each test binary uses a different part of the harness"
)]

use std::path::{Path, PathBuf};
use std::process::Output;

/// The folder of all fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A project copied into a temporary folder.
pub struct Project {
    /// Keeps the folder alive.
    pub dir: tempfile::TempDir,
}

impl Project {
    /// Copies each of `layers` (relative to tests/fixtures) on top of each other.
    pub fn from_layers(layers: &[&str]) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        for layer in layers {
            copy_dir(&fixtures().join(layer), dir.path());
        }
        Project { dir }
    }

    /// The project root.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `delaybook -C <root> --color never --lang en <args>`: the English messages
    /// most tests assert on (see [`Project::run_in_project_language`] for the default).
    pub fn run(&self, args: &[&str]) -> Output {
        let mut all = vec!["--lang", "en"];
        all.extend_from_slice(args);
        self.run_in_project_language(&all)
    }

    /// Runs `delaybook -C <root> --color never <args>` in the language the project
    /// chooses (zh-CN unless its `delaybook.yaml` says otherwise), with the locale
    /// variables pinned so that the result does not depend on the machine.
    pub fn run_in_project_language(&self, args: &[&str]) -> Output {
        let mut cmd = assert_cmd::Command::cargo_bin("delaybook").expect("binary");
        cmd.arg("-C")
            .arg(self.root())
            .arg("--color")
            .arg("never")
            .args(args);
        cmd.env_remove("NO_COLOR")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8");
        cmd.output().expect("run delaybook")
    }

    /// stderr with the temp root replaced by `[ROOT]`.
    pub fn stderr(&self, out: &Output) -> String {
        let text = String::from_utf8_lossy(&out.stderr).into_owned();
        text.replace(&self.root().display().to_string(), "[ROOT]")
    }
}

/// Copies `from` into `to` recursively (files overwrite).
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else if rel
            .file_name()
            .is_some_and(|n| n != "expected.stderr" && n != "expected.zh-CN.stderr")
        {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Compares `actual` with the snapshot file; rewrites it when `SNAPSHOTS=overwrite`.
pub fn assert_snapshot(path: &Path, actual: &str) {
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        std::fs::write(path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "missing snapshot {}; run with SNAPSHOTS=overwrite",
            path.display()
        )
    });
    assert_eq!(
        actual,
        expected,
        "snapshot {} differs (SNAPSHOTS=overwrite to accept)",
        path.display()
    );
}

/// The `file:line:col` and code of every diagnostic heading, in order.
pub fn places(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter_map(|l| {
            let at = l.find("[E").or_else(|| l.find("[W"))?;
            let head = l[..at].rsplit_once(' ').map_or("", |(p, _)| p);
            Some(format!("{head} {}", &l[at..at + 6]))
        })
        .collect()
}

/// Both languages locate the same problems at the same places with the same codes.
pub fn assert_same_places(en: &str, zh: &str) {
    assert_eq!(places(en), places(zh), "places differ:\n{en}\n---\n{zh}");
}
