//! Regression tests of the hardening pass (issue 14) that need the real binary: output
//! folders that must never be replaced, builds killed at any instant or run at the same
//! time, what a theme folder may publish, `sample-data` arguments, and escaped names.
//! The YAML cases (control characters, nesting, field lengths, config ranges, escaped
//! ids) are fixtures of `check_fixtures.rs`.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::Project;

fn sample_project() -> Project {
    let project = Project::from_layers(&["check/base"]);
    let data = project.root().join("data");
    std::fs::create_dir_all(&data).expect("mkdir");
    std::fs::write(data.join("orders.csv"), "订单号,商品编码\nA1,SKU-1\n").expect("write");
    project
}

/// Every file under `dir`, relative and sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    out.sort();
    out
}

// `build --out . --force` deleted the project and exited 0, and the refusal without
// `--force` suggested `--force` even for `/` (issue 14, item 1). Every command that
// writes refuses the root, its inputs, `/` and the home folder, whatever `--force`
// says, and says what to do instead.
#[test]
fn never_replaces_the_project_its_inputs_root_or_home() {
    let project = sample_project();
    let home = tempfile::tempdir().expect("home");
    let before = files(project.root());
    let home_str = home.path().display().to_string();
    let cases = [
        (".", "build", "it is the project folder"),
        ("..", "build", "it contains the project folder"),
        (
            "playbooks",
            "build",
            "it is the playbooks folder `playbooks`",
        ),
        (
            "data",
            "build",
            "it contains the orders file `data/orders.csv`",
        ),
        (
            "playbooks/site",
            "handbook",
            "it is inside the playbooks folder",
        ),
        ("data", "report", "it contains the orders file"),
        ("/", "build", "it is the root of the file system"),
        (&home_str, "build", "it is your home folder"),
    ];
    for (out, command, why) in cases {
        let mut cmd = assert_cmd::Command::cargo_bin("delaybook").expect("binary");
        cmd.arg("-C").arg(project.root()).args([
            "--color", "never", "--lang", "en", "--out", out, command, "--force",
        ]);
        if out == home_str {
            cmd.env("HOME", home.path());
        }
        let run = cmd.output().expect("run");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "--out {out}: {stderr}");
        assert!(
            stderr.contains("refusing to write the output to"),
            "{stderr}"
        );
        assert!(stderr.contains(why), "--out {out}: {stderr}");
        assert!(
            !stderr.contains("--force"),
            "--out {out} suggests --force: {stderr}"
        );
    }
    assert_eq!(files(project.root()), before, "a source was touched");
}

// A kill between the two renames of the swap left no output, and temp folders of
// killed builds were never removed (issue 14, item 11). Kill builds at many instants:
// an output is always there, and the next build leaves only the output and its lock.
#[cfg(unix)]
#[test]
fn a_killed_build_always_leaves_an_output_and_its_leftovers_go() {
    let project = Project::from_layers(&["check/base"]);
    assert!(project.run(&["build"]).status.success());
    let public = project.root().join("public");
    let bin = assert_cmd::cargo::cargo_bin("delaybook");
    for i in 0..16u64 {
        let mut child = Command::new(&bin)
            .arg("-C")
            .arg(project.root())
            .args(["-q", "build"])
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(i * 23 % 300));
        let _ = child.kill();
        let _ = child.wait();
        assert!(
            public.join(".delaybook-output").is_file() && public.join("index.html").is_file(),
            "no complete output after a kill at {} ms",
            i * 23 % 300
        );
    }
    assert!(project.run(&["build"]).status.success());
    let mut left: Vec<String> = std::fs::read_dir(project.root())
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    left.sort();
    assert_eq!(left, [".public.lock"]);
}

// A second build while one is writing lost the race and leaked a temp folder (issue
// 14, item 11): it now fails at once with a clear message and touches nothing.
#[cfg(unix)]
#[test]
fn a_build_while_another_writes_fails_clearly() {
    use rustix::fs::{FlockOperation, flock};
    let project = Project::from_layers(&["check/base"]);
    assert!(project.run(&["build"]).status.success());
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(project.root().join(".public.lock"))
        .expect("lock file");
    flock(&lock, FlockOperation::NonBlockingLockExclusive).expect("hold the lock");
    let run = project.run(&["build"]);
    let stderr = project.stderr(&run);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("another delaybook build is writing `[ROOT]/public` right now"),
        "{stderr}"
    );
    // The same in the project's language.
    let run = project.run_in_project_language(&["build"]);
    let stderr = project.stderr(&run);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("错误：另一个 delaybook 正在写入 `[ROOT]/public`：请等它写完再试"),
        "{stderr}"
    );
    drop(lock);
    assert!(project.run(&["build"]).status.success());
}

// Builds started together: each either writes or says another is writing; the output
// is complete and no temp folder is left.
#[test]
fn concurrent_builds_leave_one_complete_output() {
    let project = Project::from_layers(&["check/base"]);
    let bin = assert_cmd::cargo::cargo_bin("delaybook");
    let children: Vec<_> = (0..4)
        .map(|_| {
            Command::new(&bin)
                .arg("-C")
                .arg(project.root())
                .args(["--color", "never", "--lang", "en", "build"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() || stderr.contains("another delaybook build is writing"),
            "{stderr}"
        );
    }
    assert!(project.root().join("public/index.html").is_file());
    let leaked = std::fs::read_dir(project.root())
        .expect("read")
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().contains(".public.tmp-"));
    assert!(!leaked, "a temp folder was left behind");
}

// A `.ssh` key in the theme folder ended up in `public/` (issue 14, item 10).
#[test]
fn a_theme_publishes_only_theme_files() {
    let project = Project::from_layers(&["check/base"]);
    let root = project.root();
    for (path, text) in [
        ("theme/css/extra.css", "body{}"),
        ("theme/.ssh/id_ed25519", "PRIVATE KEY"),
        ("theme/.env", "TOKEN=1"),
        ("theme/notes.txt", "draft"),
    ] {
        std::fs::create_dir_all(root.join(path).parent().expect("parent")).expect("mkdir");
        std::fs::write(root.join(path), text).expect("write");
    }
    let config = root.join("delaybook.yaml");
    let yaml = std::fs::read_to_string(&config).expect("read") + "theme: theme\n";
    std::fs::write(&config, yaml).expect("write");
    let run = project.run(&["build"]);
    let stderr = project.stderr(&run);
    assert!(run.status.success(), "{stderr}");
    let published = files(&root.join("public"));
    assert!(published.contains(&"css/extra.css".to_string()));
    for secret in [".ssh/id_ed25519", ".env", "notes.txt"] {
        assert!(
            !published.contains(&secret.to_string()),
            "{secret} published"
        );
    }
    assert!(
        stderr.contains("warning[W072]: 3 files of the theme folder `theme` are not published"),
        "{stderr}"
    );
}

// `theme:` accepted any path (issue 14, item 10): outside the project it needs the
// explicit flag.
#[test]
fn a_theme_outside_the_project_needs_the_flag() {
    let project = Project::from_layers(&["check/base"]);
    let outside = tempfile::tempdir().expect("outside");
    std::fs::create_dir_all(outside.path().join("css")).expect("mkdir");
    std::fs::write(outside.path().join("css/extra.css"), "body{}").expect("write");
    let config = project.root().join("delaybook.yaml");
    let yaml = std::fs::read_to_string(&config).expect("read")
        + &format!("theme: {}\n", outside.path().display());
    std::fs::write(&config, yaml).expect("write");
    let run = project.run(&["build"]);
    let stderr = project.stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[E070]") && stderr.contains("is outside the project folder"));
    assert!(stderr.contains("--allow-external-theme"), "{stderr}");
    assert!(!project.root().join("public").exists());
    let run = project.run(&["--allow-external-theme", "build"]);
    assert!(run.status.success(), "{}", project.stderr(&run));
    assert!(project.root().join("public/css/extra.css").is_file());
}

// `sample-data --weeks 100000000` panicked (issue 14, item 9); a real export must
// never be replaced by made-up rows.
#[test]
fn sample_data_checks_its_arguments_and_keeps_real_exports() {
    let project = Project::from_layers(&["check/base"]);
    let cases: [(&[&str], &str); 4] = [
        (&["--weeks", "100000000"], "--weeks must be from 1 to 520"),
        (&["--weeks", "0"], "--weeks must be from 1 to 520"),
        (&["--orders", "0"], "--orders must be from 1 to 100000000"),
        (
            &["--end", "9999-12-31"],
            "--end 9999-12-31 with --weeks 10 gives dates outside",
        ),
    ];
    for (args, message) in cases {
        let mut all = vec!["sample-data"];
        all.extend_from_slice(args);
        let run = project.run(&all);
        let stderr = project.stderr(&run);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    let data = project.root().join("data");
    std::fs::create_dir_all(&data).expect("mkdir");
    std::fs::write(data.join("orders.csv"), "订单号,商品编码\nA1,SKU-1\n").expect("write");
    let run = project.run(&["sample-data", "--orders", "10"]);
    let stderr = project.stderr(&run);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("`data/orders.csv` was not written by sample-data"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(data.join("orders.csv")).expect("read"),
        "订单号,商品编码\nA1,SKU-1\n"
    );
    let run = project.run(&["sample-data", "--orders", "10", "--dir", "sample"]);
    assert!(run.status.success(), "{}", project.stderr(&run));
    let run = project.run(&["sample-data", "--orders", "20", "--dir", "sample"]);
    assert!(
        run.status.success(),
        "sample-data may replace its own files"
    );
}

// File names are shown in messages too, and a name can hold an escape sequence
// (issue 14, item 13).
#[cfg(unix)]
#[test]
fn escapes_control_characters_in_file_names() {
    let project = Project::from_layers(&["check/base"]);
    let name = project.root().join("playbooks/\u{1b}[31mred.yaml");
    std::fs::write(&name, "checklists: 3\n").expect("write");
    let run = project.run(&["check", "--no-data"]);
    let stderr = project.stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(
        stderr.contains("playbooks/\\u{1b}[31mred.yaml:1:"),
        "{stderr}"
    );
}
