//! The browser's phrase matching (`themes/default/js/phrases.js`) agrees with
//! `delaybook check` (`crate::validate::normalize_phrase` / `phrase_hits`), so "check my
//! reply" and the template warnings flag exactly what `check` flags.
//!
//! Runs the embedded script in Node's `vm`; without Node the test prints SKIPPED and
//! passes, unless the `CI` environment variable is set.

use std::io::Write as _;
use std::process::{Command, Stdio};

use delaybook::validate::normalize_phrase;

/// Texts where a naive JavaScript port would differ from Rust: Unicode spaces, a final
/// sigma, dotted capital I, a BOM (not white space in Rust), CJK and mixed case.
const SAMPLES: &[&str] = &[
    "催 什么\u{3000}催",
    "A\u{a0}B\tc\nD\r\n",
    "ΣΑΣ ΟΔΟΣ",
    "İstanbul",
    "\u{2028}x\u{205f}y\u{1680}z\u{85}",
    "\u{feff}BOM",
    "ＦＵＬＬ　ｗｉｄｔｈ",
    "亲，过几天 就 发货了！OK",
];

fn node_available() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs phrases.js in a Node vm context and returns `normalize` of every sample.
fn normalize_in_node(samples: &[&str]) -> Vec<String> {
    let script = delaybook::theme::default_file("js/phrases.js").expect("phrases.js embedded");
    let program = format!(
        "const vm = require('node:vm');\n\
         const ctx = vm.createContext({{ window: {{}}, document: {{}} }});\n\
         vm.runInContext({script}, ctx);\n\
         const input = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));\n\
         process.stdout.write(JSON.stringify(input.map((s) => ctx.window.DelaybookPhrases.normalize(s))));\n",
        script = serde_json::to_string(&String::from_utf8_lossy(script)).expect("JSON string")
    );
    let mut child = Command::new("node")
        .arg("-e")
        .arg(program)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs");
    let input = serde_json::to_vec(samples).expect("JSON samples");
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

// A phrase the browser misses (or flags wrongly) would teach staff the wrong thing.
#[test]
fn browser_normalisation_matches_rust() {
    if !node_available() {
        assert!(std::env::var_os("CI").is_none(), "Node is required in CI");
        eprintln!("SKIPPED: node is not installed");
        return;
    }
    let expected: Vec<String> = SAMPLES.iter().map(|s| normalize_phrase(s)).collect();
    assert_eq!(normalize_in_node(SAMPLES), expected);
}
