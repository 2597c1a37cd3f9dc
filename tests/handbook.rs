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

/// The sample project (config and playbooks) in a temp folder.
fn sample_project() -> Project {
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let project = Project::from_layers(&[]);
    common::copy_dir(&sample.join("playbooks"), &project.root().join("playbooks"));
    std::fs::copy(
        sample.join("delaybook.yaml"),
        project.root().join("delaybook.yaml"),
    )
    .expect("config");
    project
}

/// The part of the page that prints: the course itself.
fn course_part(html: &str) -> &str {
    let start = html
        .find("<article class=\"handbook\">")
        .expect("the course");
    let end = html.rfind("</article>").expect("end of the course");
    &html[start..end]
}

// Printing and saving the page must not depend on other pages, and anchors must work;
// only the screen header (hidden in print) leads back to the site.
#[test]
fn handbook_links_stay_on_the_page_and_ids_are_unique() {
    let project = sample_project();
    let out = project.run(&["handbook"]);
    assert_eq!(out.status.code(), Some(0), "{}", project.stderr(&out));
    let html = std::fs::read_to_string(project.root().join("public/handbook.html"))
        .expect("handbook.html");
    let ids = attr_values(&html, "id");
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len(), "duplicate ids in handbook.html");
    for href in attr_values(course_part(&html), "href") {
        let anchor = href
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("link to another page in the course: {href}"));
        assert!(
            unique.contains(&anchor.to_string()),
            "dangling anchor #{anchor}"
        );
    }
    for href in attr_values(&html, "href") {
        let ok = href.starts_with('#')
            || href.starts_with("css/")
            || href == "data:,"
            || (href.ends_with(".html") && !href.contains("://") && !href.contains(".."));
        assert!(ok, "unexpected link {href}");
    }
    assert!(
        html.contains("class=\"hb-back\" href=\"index.html\""),
        "no way back to the site"
    );
    // Every playbook is taught, and template blanks show labels instead of {{name}}.
    assert!(html.contains("id=\"pb-out-of-stock-after-order\""));
    assert!(
        !html.contains("{{"),
        "an unfilled placeholder marker leaked into the handbook"
    );
    assert!(html.contains("【"), "template blanks are missing");
}

/// The chapter headings of handbook.html, in order (`第1章 为什么发货延迟很重要`).
fn chapter_titles(html: &str) -> Vec<String> {
    html.split("class=\"hb-chapter-title\">")
        .skip(1)
        .map(|s| {
            let h = s.split("</h2>").next().unwrap_or_default();
            let text = h
                .replace("<span class=\"hb-num\">", "")
                .replace("</span>", "");
            text.trim().to_string()
        })
        .collect()
}

// The course follows the configured order: the default of issue 12, each chapter with
// its goals and recap, numbered, the glossary and the answer key at the end.
#[test]
fn handbook_is_a_course_in_the_configured_order() {
    let project = sample_project();
    let out = project.run(&["handbook"]);
    assert_eq!(out.status.code(), Some(0), "{}", project.stderr(&out));
    let html = std::fs::read_to_string(project.root().join("public/handbook.html")).expect("read");
    let titles = chapter_titles(&html);
    let expected = [
        "第1章 为什么发货延迟很重要",
        "第2章 延迟的原因",
        "第3章 遇到什么情况用哪个流程",
        "第4章 72小时处理流程",
        "第5章 各种情况怎么处理",
        "第6章 催供应商发货",
        "第7章 缺货怎么办",
        "第8章 绝对不能说的话",
        "第9章 预防：把漏洞补上",
        "第10章 自测",
        "附录A 术语表",
        "附录B 平台规则一览",
        "附录C 自测题答案与解析",
    ];
    assert_eq!(titles, expected);
    assert_eq!(
        html.matches("<strong>学完这一章你能……</strong>").count(),
        10,
        "every chapter opens with its goals"
    );
    assert_eq!(
        html.matches("<strong>本章要点</strong>").count(),
        10,
        "every chapter ends with a recap"
    );
    for term in ["预售", "下架", "承诺发货时间", "揽收", "无货源", "平台介入"] {
        assert!(
            html.contains(&format!("<dt>{term}")),
            "glossary lacks {term}"
        );
    }
    // The self-test has no answers; the key at the end has one per question.
    let course = course_part(&html);
    let test_start = course.find("id=\"ch-self_test\"").expect("self-test");
    let key_start = course.find("id=\"answers\"").expect("answer key");
    assert!(!course[test_start..key_start].contains("答错了回头读"));
    let questions = course[test_start..key_start].matches("<li id=\"q-").count();
    assert_eq!(
        course[key_start..].matches("<dt id=\"answer-").count(),
        questions
    );
    // The triage is a decision chart that points at sections and steps.
    assert!(
        html.contains("从这一步开始"),
        "the chart does not point at steps"
    );
}

// Another order in delaybook.yaml gives another course, and a playbook whose chapter is
// left out is still taught (under the situations chapter).
#[test]
fn handbook_chapter_order_comes_from_the_config() {
    let project = sample_project();
    let config = project.root().join("delaybook.yaml");
    let yaml = std::fs::read_to_string(&config).expect("config")
        + "\nhandbook:\n  chapters: [self_test, why, situations]\n";
    std::fs::write(&config, yaml).expect("write");
    let out = project.run(&["handbook"]);
    assert_eq!(out.status.code(), Some(0), "{}", project.stderr(&out));
    assert!(
        project.stderr(&out).contains("W090"),
        "chapters left out are not silent"
    );
    let html = std::fs::read_to_string(project.root().join("public/handbook.html")).expect("read");
    let titles = chapter_titles(&html);
    assert_eq!(
        &titles[..3],
        [
            "第1章 自测",
            "第2章 为什么发货延迟很重要",
            "第3章 各种情况怎么处理"
        ]
    );
    assert!(
        html.contains("id=\"pb-out-of-stock-after-order\""),
        "a playbook of a chapter left out falls back to the situations chapter"
    );
}

// handbook.md goes into wikis and chat tools: Markdown only, the same chapters, the
// templates as fenced blocks with 【label】 blanks.
#[test]
fn handbook_markdown_has_the_course_and_no_raw_html() {
    use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
    let project = sample_project();
    let out = project.run(&["handbook"]);
    assert_eq!(out.status.code(), Some(0), "{}", project.stderr(&out));
    let md = std::fs::read_to_string(project.root().join("public/handbook.md")).expect("md");
    let html = std::fs::read_to_string(project.root().join("public/handbook.html")).expect("html");
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH;
    let mut in_code = false;
    let mut fenced = Vec::new();
    let mut code = String::new();
    for event in Parser::new_ext(&md, options) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in handbook.md: {h:?}"),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => in_code = true,
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                fenced.push(std::mem::take(&mut code));
            }
            Event::Text(t) if in_code => code.push_str(&t),
            _ => {}
        }
    }
    for title in chapter_titles(&html) {
        assert!(
            md.contains(&format!("\n## {title}\n")),
            "handbook.md lacks the heading {title}"
        );
    }
    assert!(
        fenced.len() > 20,
        "templates are not fenced blocks: {}",
        fenced.len()
    );
    assert!(
        fenced.iter().any(|c| c.contains("【订单号】")),
        "no 【label】 blank in the templates"
    );
    assert!(
        !md.contains("{{"),
        "a placeholder or tag marker leaked into handbook.md"
    );
    assert!(
        !md.contains("[["),
        "a cross-reference leaked into handbook.md"
    );
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

/// `pdftotext` output of `pdf`, one string per page.
fn pdf_pages(pdf: &std::path::Path) -> Vec<String> {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext failed");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Width and height in points of every page's MediaBox.
fn media_boxes(pdf: &[u8]) -> Vec<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    text.split("/MediaBox")
        .skip(1)
        .filter_map(|s| {
            let inside = s.trim_start().strip_prefix('[')?.split(']').next()?;
            let n: Vec<f64> = inside
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            (n.len() == 4).then(|| (n[2] - n[0], n[3] - n[1]))
        })
        .collect()
}

// `--pdf` hands the page to Chromium: A4 pages with numbers, the chapter title running
// at the top of its pages, chapters in order. Without Chromium it says so (exit 2).
#[test]
fn handbook_pdf_is_a4_with_page_numbers_and_chapters_in_order() {
    let has_chromium = delaybook::commands::handbook::find_chromium().is_some();
    let project = sample_project();
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
    let path = project.root().join("public/handbook.pdf");
    let pdf = std::fs::read(&path).expect("pdf");
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    let boxes = media_boxes(&pdf);
    assert!(!boxes.is_empty(), "no page size in the PDF");
    for (w, h) in &boxes {
        // A4 is 595.28 × 841.89 pt; Chromium rounds to whole pixels.
        assert!(
            (w - 595.3).abs() < 2.0 && (h - 841.9).abs() < 2.0,
            "page is {w} × {h} pt, not A4"
        );
    }
    let pages = pdf_pages(&path);
    let n = pages.len();
    assert!(n > 10, "only {n} pages");
    assert!(
        pages[1].contains('2'),
        "page 2 has no page number: {:?}",
        pages[1]
    );
    for (i, page) in pages.iter().enumerate().skip(1) {
        assert!(
            page.contains(&format!("{} / {n}", i + 1)),
            "page {} lacks its number: {page:?}",
            i + 1
        );
    }
    // Each chapter's title is the running header of its pages, in the printed order.
    let html = std::fs::read_to_string(project.root().join("public/handbook.html")).expect("html");
    let titles = chapter_titles(&html);
    let headers: Vec<&str> = pages
        .iter()
        .map(|p| p.lines().next().unwrap_or("").trim())
        .collect();
    let mut at = 0;
    for title in &titles {
        let found = headers[at..].iter().position(|h| h == title);
        let Some(k) = found else {
            panic!("chapter {title:?} is not a running header after page {at}: {headers:?}");
        };
        at += k;
    }
    assert_print_layout(&pages, &html);
}

/// The screen header and the way back stay off paper; a template never breaks across
/// pages (its title and the end of its text are on the same page).
fn assert_print_layout(pages: &[String], html: &str) {
    let flat: Vec<String> = pages
        .iter()
        .map(|p| p.split_whitespace().collect())
        .collect();
    assert!(
        !flat.iter().any(|p| p.contains("返回网站")),
        "the screen-only back link is printed"
    );
    let templates = template_blocks(html);
    assert!(templates.len() >= 5, "only {} templates", templates.len());
    for (title, tail) in &templates {
        assert!(
            flat.iter()
                .any(|p| p.contains(title.as_str()) && p.contains(tail.as_str())),
            "template {title:?} is split across pages (its end {tail:?} is not on its title's page)"
        );
    }
}

/// Title and the last ten characters (no spaces, entities decoded) of every printed
/// template in the handbook.
fn template_blocks(html: &str) -> Vec<(String, String)> {
    let unescape = |s: &str| {
        s.replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    };
    html.split("<div class=\"hb-template\">")
        .skip(1)
        .filter_map(|block| {
            let title = block.split("<strong>").nth(1)?.split("</strong>").next()?;
            let text = block
                .split("<blockquote class=\"hb-text\">")
                .nth(1)?
                .split("</blockquote>")
                .next()?;
            let text: Vec<char> = unescape(text)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let tail: String = text[text.len().saturating_sub(10)..].iter().collect();
            let title: String = unescape(title)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            Some((title, tail))
        })
        .collect()
}
