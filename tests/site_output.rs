//! How `delaybook build` writes its output: byte-identical on rebuild, untouched on
//! failure, never over a folder it did not create (unless `--force`), and themed by the
//! project's override folder.

mod common;
#[path = "fixtures/site/support.rs"]
mod support;

use common::{Project, copy_dir, fixtures};
use support::{assert_success, read_tree};

// Same input → same bytes, so the output can be diffed, cached and committed.
#[test]
fn second_build_is_byte_identical() {
    let p = Project::from_layers(&["site/basic"]);
    assert_success(&p, &p.run(&["--out", "a", "build"]));
    assert_success(&p, &p.run(&["--out", "b", "build"]));
    let a = read_tree(&p.root().join("a"));
    let b = read_tree(&p.root().join("b"));
    assert!(a.len() > 10);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(b[path] == *bytes, "{path} differs between builds");
    }
    // Rebuilding in place gives the same bytes too.
    assert_success(&p, &p.run(&["--out", "a", "build"]));
    assert_eq!(read_tree(&p.root().join("a")), b);
}

// A broken playbook must not leave a half-written or emptied site behind.
#[test]
fn failed_build_leaves_previous_output_untouched() {
    let p = Project::from_layers(&["site/basic"]);
    assert_success(&p, &p.run(&["build"]));
    let before = read_tree(&p.root().join("public"));
    copy_dir(&fixtures().join("site/bad-playbook"), p.root());
    let out = p.run(&["build"]);
    let stderr = p.stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("broken.yaml") && stderr.contains("stockuot"),
        "{stderr}"
    );
    assert_eq!(read_tree(&p.root().join("public")), before);
    let leftovers: Vec<_> = std::fs::read_dir(p.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

// A user's folder must never be replaced by mistake (Zola #1378).
#[test]
fn foreign_output_folder_is_refused_unless_forced() {
    let p = Project::from_layers(&["site/basic"]);
    let docs = p.root().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("notes.txt"), "precious").unwrap();
    let out = p.run(&["--out", "docs", "build"]);
    let stderr = p.stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("docs") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(docs.join("notes.txt")).unwrap(),
        "precious"
    );
    assert!(!docs.join("index.html").exists());
    assert_success(&p, &p.run(&["--out", "docs", "build", "--force"]));
    assert!(docs.join("index.html").exists() && !docs.join("notes.txt").exists());
}

// `theme:` replaces single files by path, may add strings, and keeps the other defaults.
#[test]
fn theme_folder_overrides_files_by_path() {
    let p = Project::from_layers(&["site/basic", "site/theme-override"]);
    assert_success(&p, &p.run(&["build"]));
    let tree = read_tree(&p.root().join("public"));
    let css = String::from_utf8_lossy(&tree["css/site.css"]).into_owned();
    assert!(css.contains("project override"), "{css}");
    let cause = String::from_utf8_lossy(&tree["causes/stockout.html"]).into_owned();
    assert!(
        cause.contains("id=\"custom-cause\"") && cause.contains("自定义"),
        "{cause}"
    );
    // Untouched defaults still come from the binary.
    assert!(tree.contains_key("js/templates.js") && tree.contains_key("css/print.css"));
    let pb = String::from_utf8_lossy(&tree["playbooks/out-of-stock.html"]).into_owned();
    assert!(pb.contains("id=\"steps\""));
}

// The summary tells the user what was built, and -q silences it.
#[test]
fn summary_on_stderr_unless_quiet() {
    let p = Project::from_layers(&["site/basic"]);
    let out = p.run(&["build"]);
    let stderr = p.stderr(&out);
    assert!(
        stderr.contains("11 pages") && stderr.contains("search index"),
        "{stderr}"
    );
    let out = p.run(&["-q", "build"]);
    assert_eq!(p.stderr(&out), "");
}

// A mistake in the project's own theme is reported like a content error (exit 1, names
// the template and the setting) and nothing is written.
#[test]
fn broken_theme_override_is_a_content_error() {
    let p = Project::from_layers(&["site/basic", "site/theme-broken"]);
    let out = p.run(&["build"]);
    let stderr = p.stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("E070") && stderr.contains("cause.html"),
        "{stderr}"
    );
    assert!(stderr.contains("mytheme"), "{stderr}");
    assert!(!p.root().join("public").exists());
    // A `theme:` folder that does not exist is named too.
    let cfg = p.root().join("delaybook.yaml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(&cfg, text.replace("theme: mytheme", "theme: mythem")).unwrap();
    let out = p.run(&["build"]);
    let stderr = p.stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("mythem") && stderr.contains("does not exist"),
        "{stderr}"
    );
}
