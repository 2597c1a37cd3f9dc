//! `delaybook lint-reply`: reads a draft from a file or standard input, prints each
//! finding with its place, reason and better wording (or what was checked), exits 1
//! only on an error-level finding, and refuses drafts it cannot read with exit 2.

mod common;

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

use common::Project;

fn project() -> Project {
    Project::from_layers(&["check/base", "lint_reply"])
}

/// Runs `lint-reply ARGS` with `stdin` piped in.
fn lint(p: &Project, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("delaybook"))
        .arg("-C")
        .arg(p.root())
        .args(["--color", "never", "lint-reply"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run delaybook");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("output")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

// A reply that must not be sent fails (exit 1) and says where, why and what instead.
#[test]
fn error_finding_exits_1_with_place_reason_and_better() {
    let p = project();
    let out = lint(&p, &[], "亲，加我微信吧".as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("<stdin>:1:3: 不能发送 [引导到平台外联系或交易] “加我微信”（规则 wechat）"),
        "{text}"
    );
    assert!(
        text.contains("原因：引导到平台外。") && text.contains("可以改成：在平台里沟通。"),
        "{text}"
    );
    assert!(
        text.contains("共 1 处：1 处不能发送，0 处建议改写。"),
        "{text}"
    );
}

// Warnings are printed but do not fail; a clean draft says what was checked, never "fine".
#[test]
fn warnings_exit_0_and_clean_says_what_was_checked() {
    let p = project();
    let out = lint(&p, &["-"], "耐心等哦，会发的".as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("建议改写 [含糊其辞、没有时间] “会发的”"),
        "{}",
        stdout(&out)
    );
    let out = lint(&p, &[], "会发的，明天18点前发出".as_bytes());
    assert_eq!(out.status.code(), Some(0));
    // base has one vague rule, this layer adds two rules: two categories in all.
    assert_eq!(
        stdout(&out).trim(),
        "没有命中已知的2类问题，发送前请再读一遍。"
    );
}

// The JSON is the browser's: same fields, UTF-16 offsets (an emoji counts two).
#[test]
fn json_matches_the_browser_shape() {
    let p = project();
    let out = lint(&p, &["--json"], "😀加vx".as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        v,
        serde_json::json!([{
            "rule": "wechat", "category": "off_platform_contact", "severity": "error",
            "start": 2, "end": 5, "text": "加vx", "reason": "引导到平台外。", "better": "在平台里沟通。"
        }])
    );
}

// A file argument gives file:line:column of the match.
#[test]
fn file_draft_gives_line_and_column() {
    let p = project();
    let draft = p.root().join("draft.txt");
    std::fs::write(&draft, "\u{feff}您好\r\n有事打13812345678\n").expect("write");
    let out = lint(&p, &[draft.to_str().expect("utf-8 path")], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("draft.txt:2:4: 不能发送"),
        "{}",
        stdout(&out)
    );
}

// A message to a supplier may carry a phone number; one to a buyer may not.
#[test]
fn audience_leaves_out_buyer_rules_for_suppliers() {
    let p = project();
    let msg = "王总，有事打我手机13812345678".as_bytes();
    assert_eq!(lint(&p, &["--to", "supplier"], msg).status.code(), Some(0));
    assert_eq!(lint(&p, &["--to", "buyer"], msg).status.code(), Some(1));
}

// Drafts that cannot be read are usage errors with a clear message, not findings: in
// the project's language (Chinese), and in English with `--lang en`.
#[test]
fn unreadable_drafts_exit_2() {
    let p = project();
    let cases: [(&[&str], &[u8], &str, &str); 3] = [
        (
            &["missing.txt"],
            b"",
            "错误：无法读取 `missing.txt`：文件或文件夹不存在",
            "error: cannot read `missing.txt`",
        ),
        (
            &[],
            b"\xff\xfe\x00",
            "错误：`<stdin>` 不是 UTF-8 文本（第一个无效字节的偏移量是 0）；请另存为 UTF-8 编码",
            "is not UTF-8 text (first bad byte at offset 0)",
        ),
        (
            &[],
            b"  \n ",
            "错误：`<stdin>` 是空的：没有要检查的回复",
            "is empty",
        ),
    ];
    for (args, input, zh, en) in cases {
        let out = lint(&p, args, input);
        assert_eq!(out.status.code(), Some(2), "{zh}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(zh), "{zh}: {err}");
        let english: Vec<&str> = ["--lang", "en"]
            .into_iter()
            .chain(args.iter().copied())
            .collect();
        let out = lint(&p, &english, input);
        assert_eq!(out.status.code(), Some(2), "{en}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(en), "{en}: {err}");
    }
    let big = vec![b'a'; 1024 * 1024 + 1];
    let out = lint(&p, &[], &big);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("标准输入超过 1048576 字节"));
}
