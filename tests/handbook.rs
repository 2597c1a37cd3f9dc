//! `delaybook handbook`: one standalone page with unique ids, no link to another page,
//! every anchor resolving, and a PDF when Chromium is present (style lesson 9).

mod common;

use std::collections::BTreeSet;

use common::Project;

/// Every value of `attr="…"` in `html`.
fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    html.split(&needle)
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect()
}

fn handbook_of(layers: &[&str]) -> (Project, String) {
    let project = Project::from_layers(layers);
    let out = project.run(&["handbook"]);
    assert_eq!(out.status.code(), Some(0), "{}", project.stderr(&out));
    let html = std::fs::read_to_string(project.root().join("public/handbook.html"))
        .expect("handbook.html");
    (project, html)
}

// Printing and saving the page must not depend on other pages, and anchors must work.
#[test]
fn handbook_links_stay_on_the_page_and_ids_are_unique() {
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let project = Project::from_layers(&[]);
    common::copy_dir(&sample.join("playbooks"), &project.root().join("playbooks"));
    std::fs::copy(
        sample.join("delaybook.yaml"),
        project.root().join("delaybook.yaml"),
    )
    .expect("config");
    let out = project.run(&["handbook"]);
    assert_eq!(out.status.code(), Some(0), "{}", project.stderr(&out));
    let html = std::fs::read_to_string(project.root().join("public/handbook.html"))
        .expect("handbook.html");
    let ids = attr_values(&html, "id");
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len(), "duplicate ids in handbook.html");
    for href in attr_values(&html, "href") {
        if let Some(anchor) = href.strip_prefix('#') {
            assert!(
                unique.contains(&anchor.to_string()),
                "dangling anchor #{anchor}"
            );
        } else {
            assert!(
                href.starts_with("css/") || href == "data:,",
                "link to another page: {href}"
            );
        }
    }
    // Every playbook is a chapter, and template blanks show labels instead of {{name}}.
    assert!(html.contains("id=\"pb-out-of-stock-after-order\""));
    assert!(
        !html.contains("{{"),
        "an unfilled placeholder marker leaked into the handbook"
    );
    assert!(html.contains("【"), "template blanks are missing");
}

// Content is escaped in the handbook as on the site.
#[test]
fn handbook_escapes_content() {
    let (project, _) = handbook_of(&["check/base"]);
    let path = project.root().join("playbooks/out-of-stock.yaml");
    let yaml = std::fs::read_to_string(&path).expect("read").replace(
        "applies_when: 订单已付款，但仓库没有货。",
        "applies_when: \"<script>alert(1)</script> <img src=x onerror=alert(1)>\"",
    );
    std::fs::write(&path, yaml).expect("write");
    let out = project.run(&["handbook"]);
    assert_eq!(out.status.code(), Some(0), "{}", project.stderr(&out));
    let html = std::fs::read_to_string(project.root().join("public/handbook.html")).expect("read");
    assert!(!html.contains("<script"), "script from content in handbook");
    assert!(
        !html.contains("<img"),
        "an element from content in handbook"
    );
    assert!(
        html.contains("&lt;script&gt;"),
        "script text should be shown escaped"
    );
}

// `--pdf` hands the page to Chromium; without Chromium it says so (exit 2).
#[test]
fn handbook_pdf_is_printed_with_chromium() {
    let has_chromium = delaybook::commands::handbook::find_chromium().is_some();
    let (project, _) = handbook_of(&["check/base"]);
    let out = project.run(&["handbook", "--pdf"]);
    let stderr = project.stderr(&out);
    if !has_chromium {
        assert!(std::env::var_os("CI").is_none(), "CI must install Chromium");
        eprintln!("!!!!!!!! SKIPPED the PDF check: no Chromium !!!!!!!!");
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("needs Chromium"), "{stderr}");
        return;
    }
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let pdf = std::fs::read(project.root().join("public/handbook.pdf")).expect("pdf");
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
}
