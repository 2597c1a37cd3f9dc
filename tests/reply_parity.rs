//! One engine, everywhere: the browser's reply checker (`js/reply-check.js` running
//! the compiled `reply-rules.js`) gives exactly the findings of the Rust engine —
//! same rules, spans (UTF-16 offsets), order and texts — on the whole labelled corpus,
//! on the sample's own examples and templates, and on inputs where a naive port would
//! drift (astral characters, full-width forms, CRLF, zero-width characters, spaces).
//!
//! Runs the embedded scripts in Node's `vm`; without Node the test prints SKIPPED and
//! passes, unless the `CI` environment variable is set.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use delaybook::diag::Diagnostics;
use serde::Deserialize;

#[derive(Deserialize)]
struct Corpus {
    replies: Vec<Reply>,
}

#[derive(Deserialize)]
struct Reply {
    text: String,
}

/// Inputs where UTF-16, folding or boundaries could differ between the two engines.
const TRICKY: &[&str] = &[
    "😀😀加我微信😀，好评返现😀",
    "加Ｖ信：ｘｍ６６８\r\n\r\n别催了",
    "加\u{200b}微\u{200d}信",
    "亲 不用 加微信 哈",
    "不好意思哈会发的",
    "不会退不了款的\u{2028}赔不了",
    "保证后天到",
    "𠀀𠀁别催了𠀂",
    "",
    "   ",
    "ΣΑΣ İstanbul 加VX",
    "平台上限30元，50元赔不了",
    "别催了别催了，催什么催",
    "打138-1234-5678或13812345678，订单2138123456789012",
    "后天绝对到！绝对到账",
    "說了會發就會發 別一直問，加我微信",
    "補償您５０元，賠您１００塊",
    "补偿2.50元，补偿30元，补偿30.5元，补偿0.5元，补偿1.2.3元",
    "补偿99999999999999999999999元",
];

fn node_available() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Negations and post-negations at every distance around the window edges, and
/// negators inside gaps.
fn edges() -> Vec<String> {
    let mut out = Vec::new();
    for d in 0..10 {
        let pad = "啊".repeat(d);
        out.push(format!("不{pad}加微信"));
        out.push(format!("加微信{pad}不行"));
        out.push(format!("好评{pad}不{pad}返现"));
        out.push(format!("不 {pad}赔不了"));
        // Commands before a rude word, and amounts around the amount paid.
        out.push(format!("别{pad}磨叽了"));
        out.push(format!("不要{pad}磨叽了"));
        out.push(format!("这单才{d}块，补您{}元红包", d * 3));
        out.push(format!("补您{d}元，实付{}元", d + 1));
    }
    // Amounts in Chinese numerals, ranges and approximations, phones in Chinese digits.
    let zh = [
        "五十",
        "两百",
        "一百五",
        "一百零五",
        "叁拾伍",
        "五六十",
        "三十多",
        "二十来",
        "十",
        "两万三",
        "一百五六十",
        "三四",
        "零",
        "百",
        "30多",
        "2.50",
    ];
    for n in zh {
        out.push(format!("补您{n}块红包"));
        out.push(format!("实付二十八块，赔您{n}块"));
        out.push(format!("赔个{n} 不够再说"));
    }
    // Tenths after 块/元 (一块五 = 1.5), and a digit after 块 that counts something.
    for n in [
        "一块五",
        "十二块八",
        "9块9",
        "五块五毛",
        "三块两个",
        "十块五十",
        "六元5",
        "两块零",
    ] {
        out.push(format!("这单才{n}的，补您两块钱"));
        out.push(format!("{n}的发卡，赔您{n}"));
        out.push(format!("实付{n}，补偿您十三元"));
    }
    out.push("打这个号 一三八零零一二三四五六".to_string());
    out.push("幺三八 零零幺二 三四五六".to_string());
    out
}

fn texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<String> = TRICKY.iter().map(|s| s.to_string()).collect();
    out.extend(edges());
    for name in [
        "bad.yaml",
        "good.yaml",
        "tuning.yaml",
        "heldout-a.yaml",
        "heldout-b.yaml",
        "heldout-c.yaml",
    ] {
        let text = std::fs::read_to_string(root.join("tests/replies").join(name)).expect("corpus");
        let c: Corpus = serde_saphyr::from_str(&text).expect("corpus parses");
        out.extend(c.replies.into_iter().map(|r| r.text));
    }
    out
}

/// Runs reply-rules.js + reply-check.js in Node and checks every text.
fn check_in_node(rules_js: &[u8], texts: &[String]) -> Vec<serde_json::Value> {
    let engine =
        delaybook::theme::default_file("js/reply-check.js").expect("reply-check.js embedded");
    let program = format!(
        "const vm = require('node:vm');\n\
         const ctx = vm.createContext({{ window: {{}} }});\n\
         vm.runInContext({rules}, ctx);\n\
         vm.runInContext({engine}, ctx);\n\
         const input = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));\n\
         process.stdout.write(JSON.stringify(input.map((s) => ctx.window.delaybookCheckReply(s))));\n",
        rules = serde_json::to_string(&String::from_utf8_lossy(rules_js)).expect("JSON string"),
        engine = serde_json::to_string(&String::from_utf8_lossy(engine)).expect("JSON string"),
    );
    // The program goes in a file: the rules alone outgrow one command-line argument.
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("parity.js");
    std::fs::write(&script, program).expect("write parity.js");
    let mut child = Command::new("node")
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs");
    let input = serde_json::to_vec(texts).expect("JSON texts");
    child
        .stdin
        .take()
        .expect("stdin piped")
        .write_all(&input)
        .expect("write to node");
    let out = child.wait_with_output().expect("node output");
    assert!(out.status.success(), "node failed");
    serde_json::from_slice(&out.stdout).expect("JSON from node")
}

// A reply flagged on the page but not by `check` (or the reverse) would teach staff two
// different rules; the parity must hold on every corpus reply.
#[test]
fn browser_and_rust_give_identical_findings() {
    if !node_available() {
        assert!(std::env::var_os("CI").is_none(), "Node is required in CI");
        eprintln!("SKIPPED: node is not installed");
        return;
    }
    let mut diag = Diagnostics::new();
    let project =
        delaybook::pipeline::load_project(Path::new(env!("CARGO_MANIFEST_DIR")), &mut diag);
    assert_eq!(diag.error_count(), 0);
    let linter = &project.content.linter;
    let mut all = texts();
    for r in &project.content.phrase_rules {
        all.extend(r.examples.flag.iter().chain(&r.examples.pass).cloned());
    }
    all.extend(
        project
            .content
            .templates
            .iter()
            .map(delaybook::validate::filled_with_examples),
    );
    let js = check_in_node(&delaybook::lint::emit::to_js(linter), &all);
    assert_eq!(js.len(), all.len());
    let mut flagged = 0;
    for (text, browser) in all.iter().zip(js) {
        let rust = serde_json::to_value(linter.check(text)).expect("JSON");
        assert_eq!(browser, rust, "different findings for {text:?}");
        flagged += usize::from(rust.as_array().is_some_and(|a| !a.is_empty()));
    }
    // Guard against a vacuous pass (e.g. both engines returning nothing).
    assert!(flagged > 150, "only {flagged} texts flagged");
}
