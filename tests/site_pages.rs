//! `delaybook build` renders a page or anchor for every entry, every internal link
//! resolves, pages carry the structure the search indexer and assistive technology
//! need, and the interface follows `site.language`.

mod common;
#[path = "fixtures/site/support.rs"]
mod support;

use support::{build_ok, ids, link_problems, pages, tags};

// Every playbook, cause and template must be reachable, or search and links break.
#[test]
fn every_entry_has_its_page_or_anchor() {
    let (_p, tree) = build_ok("basic");
    for path in [
        "index.html",
        "playbooks/out-of-stock.html",
        "playbooks/buyer-chases.html",
        "causes/stockout.html",
        "causes/logistics.html",
        "templates.html",
        "check.html",
        "checklists.html",
        "quiz.html",
        "search-index.js",
        "css/site.css",
        "css/print.css",
        "js/triage.js",
        "js/templates.js",
    ] {
        assert!(tree.contains_key(path), "{path} missing");
    }
    let pages = pages(&tree);
    let lib = ids(&pages["templates.html"]);
    for id in ["notify-delay", "refund-offer", "supplier-chase"] {
        assert!(
            lib.contains(&format!("tpl-{id}")),
            "templates.html#tpl-{id}"
        );
    }
    let pb = ids(&pages["playbooks/out-of-stock.html"]);
    for id in [
        "steps",
        "templates",
        "anti-examples",
        "escalation",
        "checklists",
        "tpl-notify-delay",
        "tpl-refund-offer",
    ] {
        assert!(pb.contains(id), "playbook page lacks #{id}");
    }
    assert!(ids(&pages["checklists.html"]).contains("cl-daily-stock"));
    assert!(ids(&pages["quiz.html"]).contains("question-q1"));
}

// The site must work from file:// and offline: relative links only, all resolving.
#[test]
fn every_internal_link_resolves_and_nothing_is_absolute() {
    let (_p, tree) = build_ok("basic");
    assert_eq!(link_problems(&tree), Vec::<String>::new());
    for (path, bytes) in &tree {
        let text = String::from_utf8_lossy(bytes);
        for bad in ["http://", "https://", "fetch("] {
            if path != "js/search.js" || bad != "fetch(" {
                assert!(!text.contains(bad), "{path} contains {bad}");
            }
        }
    }
}

// The search engineer's runtime and indexer rely on these exact hooks on every page.
#[test]
fn every_page_has_the_search_hooks_and_semantic_structure() {
    let (_p, tree) = build_ok("basic");
    for (path, html) in pages(&tree) {
        assert!(html.starts_with("<!DOCTYPE html>"), "{path}");
        assert!(html.contains("<html lang=\"zh-CN\">"), "{path}");
        if path == "handbook.html" {
            // The print handbook is standalone on purpose: no navigation, no search
            // (tests/handbook.rs checks it).
            continue;
        }
        for needle in [
            "<header",
            "<nav",
            "<main id=\"content\" data-search-kind=\"",
            "<label for=\"search-input\"",
            "<div id=\"search-results\" role=\"listbox\"></div>",
            "search-index.js\"></script><script src=\"",
            "window.DELAYBOOK_ROOT = \"",
        ] {
            assert!(html.contains(needle), "{path} lacks {needle}");
        }
        let all = tags(&html);
        for t in all.iter().filter(|t| t.name == "h2" || t.name == "h3") {
            assert!(t.attr("id").is_some(), "{path}: <{}> without id", t.name);
        }
        assert_every_control_is_labelled(path, &html);
        assert_eq!(
            support::duplicate_ids(&html),
            Vec::<String>::new(),
            "{path}"
        );
    }
}

fn assert_every_control_is_labelled(path: &str, html: &str) {
    let all = tags(html);
    let labelled: Vec<&str> = all
        .iter()
        .filter(|t| t.name == "label")
        .filter_map(|t| t.attr("for"))
        .collect();
    for t in &all {
        let control = matches!(t.name.as_str(), "input" | "select" | "textarea");
        if control && t.attr("type") != Some("hidden") {
            let id = t.attr("id").unwrap_or_default();
            assert!(
                labelled.contains(&id),
                "{path}: <{} id={id}> has no <label for>",
                t.name
            );
        }
    }
}

// Each page kind tells the indexer what it is.
#[test]
fn pages_declare_their_search_kind() {
    let (_p, tree) = build_ok("basic");
    let pages = pages(&tree);
    for (path, kind) in [
        ("index.html", "home"),
        ("playbooks/out-of-stock.html", "playbook"),
        ("causes/stockout.html", "cause"),
        ("templates.html", "templates"),
        ("check.html", "check"),
        ("checklists.html", "checklists"),
        ("quiz.html", "quiz"),
    ] {
        assert!(
            pages[path].contains(&format!("data-search-kind=\"{kind}\"")),
            "{path}"
        );
    }
}

// Placeholders get typed form fields; deadlines are readable, not `2h`.
#[test]
fn playbook_page_shows_timeline_and_typed_fill_form() {
    let (_p, tree) = build_ok("basic");
    let html = &pages(&tree)["playbooks/out-of-stock.html"];
    assert!(html.contains("发现缺货后 2 小时内"), "{html}");
    assert!(html.contains("1 天内"));
    let inputs: Vec<_> = tags(html)
        .into_iter()
        .filter(|t| t.name == "input")
        .collect();
    let type_of = |id: &str| {
        inputs
            .iter()
            .find(|t| t.attr("id") == Some(id))
            .and_then(|t| t.attr("type").map(str::to_string))
    };
    assert_eq!(type_of("f-notify-delay-ship_date").as_deref(), Some("date"));
    assert_eq!(type_of("f-refund-offer-amount").as_deref(), Some("number"));
    assert_eq!(type_of("f-notify-delay-order_id").as_deref(), Some("text"));
    assert_eq!(type_of("f-supplier-chase-qty").as_deref(), Some("number"));
    // The anti-example is shown next to the better wording.
    assert!(html.contains("过几天就有货了") && html.contains("最晚11月20日前发出"));
}

// The home page carries the triage tree for the script and a static fallback.
#[test]
fn home_embeds_triage_data_and_static_fallback() {
    let (_p, tree) = build_ok("basic");
    let html = &pages(&tree)["index.html"];
    let start = html
        .find("<script type=\"application/json\" id=\"triage-data\">")
        .expect("triage data");
    let json_start = html[start..].find('>').unwrap() + start + 1;
    let json_end = html[json_start..].find("</script>").unwrap() + json_start;
    let data: serde_json::Value = serde_json::from_str(&html[json_start..json_end]).unwrap();
    assert_eq!(data["start"], "shipped");
    assert_eq!(data["nodes"].as_array().unwrap().len(), 2);
    assert!(html.contains("id=\"q-in-stock\""));
    assert!(html.contains("js/triage.js"));
    // Grouped by situation, with the most used template first.
    assert!(html.contains("<h3 id=\"situation-1\">缺货</h3>"));
    let top = html.find("id=\"top-templates\"").unwrap();
    assert!(html[top..].find("notify-delay").unwrap() < html[top..].find("refund-offer").unwrap());
    assert!(!html.contains("latest-report"), "no report without data");
}

// `site.language: en` switches every interface string.
#[test]
fn english_configuration_renders_english_ui() {
    let p = common::Project::from_layers(&["site/basic"]);
    let cfg = p.root().join("delaybook.yaml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(&cfg, text.replace("site:\n", "site:\n  language: en\n")).unwrap();
    let out = p.run(&["--out", "out", "build"]);
    support::assert_success(&p, &out);
    let tree = support::read_tree(&p.root().join("out"));
    let pages = pages(&tree);
    let pb = &pages["playbooks/out-of-stock.html"];
    assert!(pb.contains("<html lang=\"en\">"));
    assert!(
        pb.contains(">Steps</h2>") && pb.contains("within 2 h of 发现缺货"),
        "{pb}"
    );
    assert!(pages["index.html"].contains("What is the situation?"));
    assert!(!pages["check.html"].contains("检查我的回复"));
}

// A placeholder the config marks as shared is filled once for every template: it is
// in the "我的信息" box of the library and of the playbook pages using it, and marked
// shared in each card; the others stay per reply.
#[test]
fn config_shared_placeholders_are_filled_once() {
    let p = common::Project::from_layers(&["site/basic"]);
    let cfg = p.root().join("delaybook.yaml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(&cfg, text + "shared_placeholders: [qty]\n").unwrap();
    let out = p.run(&["--out", "out", "build"]);
    support::assert_success(&p, &out);
    let tree = support::read_tree(&p.root().join("out"));
    let pages = pages(&tree);
    for page in ["templates.html", "playbooks/out-of-stock.html"] {
        let html = &pages[page];
        assert!(
            html.contains("id=\"shared-qty\""),
            "{page}: no shared field for qty"
        );
        assert!(
            html.contains("data-ph=\"qty\" data-shared"),
            "{page}: the qty input is not marked shared"
        );
        assert!(
            !html.contains("data-ph=\"order_id\" data-shared")
                && !html.contains("id=\"shared-order_id\""),
            "{page}: order_id became shared"
        );
    }
}

/// The `<main>` element of a page (the header and footer are shared and tested above).
fn main_region(html: &str) -> &str {
    let start = html.find("<main").expect("<main>");
    let end = html.find("</main>").expect("</main>") + "</main>".len();
    &html[start..end]
}

// Shows every change to a playbook page's content markup in review (SNAPSHOTS=overwrite
// accepts it), as mdBook's `check_main_file` does.
#[test]
fn playbook_page_main_matches_snapshot() {
    let (_p, tree) = build_ok("basic");
    let pages = pages(&tree);
    let snapshot = common::fixtures().join("site/expected/playbook-out-of-stock.main.html");
    common::assert_snapshot(
        &snapshot,
        main_region(&pages["playbooks/out-of-stock.html"]),
    );
}

// qa1 item 20: `report` into a new output folder gives a working site: every link of
// the report page (navigation, playbooks) and of every other page resolves, and the
// search index the pages load is there.
#[test]
fn report_into_a_fresh_folder_has_no_dead_links() {
    let p = common::Project::from_layers(&["report/base", "report/metrics"]);
    let out = p.run(&["--out", "out", "report", "--week", "2026-W47"]);
    support::assert_success(&p, &out);
    let tree = support::read_tree(&p.root().join("out"));
    assert!(tree.contains_key("reports/2026-W47/index.html"));
    assert!(tree.contains_key("search-index.js"));
    assert!(tree.contains_key("playbooks/oos.html"));
    assert_eq!(link_problems(&tree), Vec::<String>::new());
}

// qa1 item 9: after `build --week` of one week, `report` of a later week into the same
// folder moves the home page's "latest report" link to the later week; the earlier
// report and a file of the user's stay.
#[test]
fn report_updates_the_home_page_link() {
    let p = common::Project::from_layers(&["report/base", "report/metrics"]);
    let out = p.run(&["--out", "out", "build", "--week", "2026-W46"]);
    support::assert_success(&p, &out);
    let home = || std::fs::read_to_string(p.root().join("out/index.html")).unwrap();
    assert!(home().contains("reports/2026-W46/index.html"));
    std::fs::write(p.root().join("out/notes.txt"), "mine").unwrap();
    let out = p.run(&["--out", "out", "report", "--week", "2026-W47"]);
    support::assert_success(&p, &out);
    assert!(home().contains("reports/2026-W47/index.html"), "{}", home());
    assert!(!home().contains("reports/2026-W46/index.html"));
    assert!(p.root().join("out/reports/2026-W46/report.json").is_file());
    assert!(p.root().join("out/notes.txt").is_file());
}
