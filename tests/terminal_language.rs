//! The command line speaks the project's language: on the Chinese sample every progress,
//! summary and data-quality line is Chinese (codes and places as they are), `--lang en`
//! switches the terminal to English, and the report keeps the project's language.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly on broken fixtures"
)]

#[path = "report_common.rs"]
mod common;

use std::path::Path;
use std::process::Output;

use common::*;

/// Runs the binary with `args`, the locale variables set to `lang` (or unset).
fn run_with_locale(dir: &Path, lang: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = assert_cmd::Command::cargo_bin("delaybook").unwrap();
    cmd.arg("-C")
        .arg(dir)
        .arg("--color")
        .arg("never")
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    if let Some(l) = lang {
        cmd.env("LANG", l);
    }
    cmd.output().unwrap()
}

fn assert_no_english(stderr: &str) {
    for line in stderr.lines() {
        assert!(
            english_sentence(line).is_none(),
            "English in a Chinese run: {line:?}\n{stderr}"
        );
    }
}

// The sample project (zh-CN): `new`, `check` and `build` print Chinese only; `--lang en`
// prints the same figures in English.
#[test]
fn sample_project_speaks_chinese_and_english_on_request() {
    let tmp = tempfile::tempdir().unwrap();
    // Outside a project without a locale: zh-CN, and no literal `\n` in the output.
    let new = run_with_locale(tmp.path(), None, &["new", "shop"]);
    let err = stderr(&new);
    assert!(new.status.success(), "{err}");
    assert!(err.contains("新建 delaybook 项目"), "{err}");
    assert!(
        err.contains("下一步：cd ") && err.contains("shop && delaybook build"),
        "{err}"
    );
    assert!(!err.contains("\\n"), "{err}");
    let dir = tmp.path().join("shop");

    // The project is Chinese: a machine in an English locale does not change that.
    let check = run_with_locale(&dir, Some("en_US.UTF-8"), &["check"]);
    let err = stderr(&check);
    assert!(check.status.success(), "{err}");
    assert!(
        err.contains("通过：11 个原因，15 个流程，63 个回复模板"),
        "{err}"
    );
    assert!(err.contains("订单：读取 20,000 行"), "{err}");
    assert_no_english(&err);

    let build = run_with_locale(&dir, Some("C.UTF-8"), &["build"]);
    let err = stderr(&build);
    assert!(build.status.success(), "{err}");
    assert!(
        err.contains("2026-W47（2026-11-16 至 2026-11-22）"),
        "{err}"
    );
    assert!(err.contains("已生成 public：35 个页面"), "{err}");
    assert!(
        err.contains("延迟 384 行（20.9%）") && err.contains("有风险的未发订单 230 行"),
        "{err}"
    );
    assert_no_english(&err);

    let en = run_with_locale(&dir, None, &["--lang", "en", "build"]);
    let err = stderr(&en);
    assert!(en.status.success(), "{err}");
    assert!(err.contains("built public: 35 pages"), "{err}");
    assert!(err.contains("delayed 384 (20.9%)"), "{err}");
    assert!(!err.contains("已生成"), "{err}");
}

// Outside a project the locale decides: English for an English locale.
#[test]
fn outside_a_project_the_locale_decides() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run_with_locale(tmp.path(), Some("en_US.UTF-8"), &["new", "p"]);
    assert!(stderr(&out).contains("created a new delaybook project in "));
    let out = run_with_locale(tmp.path(), Some("zh_CN.UTF-8"), &["new", "q"]);
    assert!(stderr(&out).contains("新建 delaybook 项目"));
}

// A project configured in English speaks English without any flag.
#[test]
fn english_project_speaks_english() {
    let dir = project("row_problems");
    let config = std::fs::read_to_string(dir.path().join("delaybook.yaml")).unwrap();
    let config = if config.contains("site:") {
        config.replace("site:", "site:\n  language: en")
    } else {
        format!("{config}\nsite:\n  language: en\n")
    };
    write(dir.path(), "delaybook.yaml", config);
    let out = run_with_locale(
        dir.path(),
        Some("zh_CN.UTF-8"),
        &["report", "--week", "2026-W47"],
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("warning[W301]"), "{err}");
    assert!(
        err.contains("column `quantity`: cannot read `abc`"),
        "{err}"
    );
    let r = read_json(dir.path(), "2026-W47");
    let first = r["data_quality"]["problems"][0]["message"]
        .as_str()
        .unwrap();
    assert!(first.contains("cannot read"), "{first}");
}

// Data problems on a Chinese project: Chinese on the terminal, in report.json and in the
// page's data-quality table; with --lang en the terminal is English, the report is not.
#[test]
fn data_problems_follow_the_report_language() {
    let dir = project("row_problems");
    let out = run_in_project_language(dir.path(), &["report", "--week", "2026-W47"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("data/orders.csv:2:3: 警告[W301]："), "{err}");
    assert!(err.contains("  = 字段：quantity"), "{err}");
    assert!(err.contains("数据："), "{err}");
    assert_no_english(&err);
    let page =
        std::fs::read_to_string(dir.path().join("public/reports/2026-W47/index.html")).unwrap();
    assert!(
        page.contains("读成数量"),
        "no Chinese data problem on the page"
    );
    assert!(
        !page.contains("cannot read"),
        "English data problem on the page"
    );
    let md = std::fs::read_to_string(dir.path().join("public/reports/2026-W47/report.md"))
        .unwrap_or_default();
    assert!(
        !md.contains("cannot read"),
        "English data problem in report.md"
    );

    let out = run(dir.path(), &["report", "--week", "2026-W47", "--force"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("data/orders.csv:2:3: warning[W301]: "),
        "{err}"
    );
    assert!(err.contains("rows skipped"), "{err}");
    assert!(!err.contains("读成"), "{err}");
    let r = read_json(dir.path(), "2026-W47");
    let messages = r["data_quality"]["problems"].to_string();
    assert!(messages.contains("读成数量"), "{messages}");
    // The machine keys and codes stay English.
    assert!(messages.contains("\"kind\":\"bad_number\""), "{messages}");
}

// A usage error is Chinese too, with its label.
#[test]
fn usage_errors_are_chinese() {
    let dir = project("row_problems");
    let out = run_in_project_language(dir.path(), &["report", "--week", "47"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("错误：--week `47` 不是 ISO 周，请写成 2026-W47 这样"),
        "{err}"
    );
}

/// Neither an English sentence nor the fallback labels of a message the catalogue
/// lacks ("详情（英文）", "提示（英文）").
fn assert_all_chinese(text: &str) {
    assert_no_english(text);
    assert!(!text.contains("（英文）"), "untranslated message:\n{text}");
}

// The last English corners on a Chinese project (issue 9 item 5): the output folder
// guard speaks Chinese; `--lang en` gives the same in English.
#[test]
fn output_guard_speaks_chinese() {
    let dir = project("row_problems");
    let root = dir.path();

    // The output folder may never be an input: refused, in Chinese, with its hint.
    let out = run_in_project_language(
        root,
        &["report", "--week", "2026-W47", "--out", "playbooks"],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.starts_with("错误：不会把输出写到 `"), "{err}");
    assert!(
        err.contains("playbooks`：它就是流程文件夹 `playbooks`"),
        "{err}"
    );
    assert!(
        err.contains("  = 提示：每次生成都会把输出文件夹整个替换掉"),
        "{err}"
    );
    assert_all_chinese(&err);
    let out = run(
        root,
        &["report", "--week", "2026-W47", "--out", "playbooks"],
    );
    let err = stderr(&out);
    assert!(
        err.contains("playbooks`: it is the playbooks folder `playbooks`"),
        "{err}"
    );

    // A folder delaybook did not make is not replaced.
    write(root, "notes/keep.txt", "mine");
    let out = run_in_project_language(root, &["report", "--week", "2026-W47", "--out", "notes"]);
    let err = stderr(&out);
    assert!(
        err.contains("notes`：这个文件夹不是空的，也不是 delaybook 生成的"),
        "{err}"
    );
    assert!(err.contains("提示：用 --out 换一个文件夹"), "{err}");
    assert_all_chinese(&err);
    assert_eq!(
        std::fs::read_to_string(root.join("notes/keep.txt")).unwrap(),
        "mine"
    );
}

// Phrase rules with a broken pattern, an unknown set, a rule that misses its own
// example and one without examples: Chinese, English with `--lang en`.
#[test]
fn phrase_rule_errors_speak_chinese() {
    let dir = project("row_problems");
    let root = dir.path();
    write(
        root,
        "playbooks/rules.yaml",
        "phrase_rules:\n  - id: wechat\n    category: off_platform_contact\n    phrases: [\"加(个|我微信\", \"好评…{微心}\", 加微信]\n    reason: 引导到平台外。\n    better: 在平台里沟通。\n    examples:\n      flag: [加个vx]\n      pass: [不用了]\n  - id: nothing\n    category: off_platform_contact\n    phrases: [\"\"]\n    reason: 空的。\n    better: 写上词句。\n",
    );
    let out = run_in_project_language(root, &["check", "--no-data"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for want in [
        "playbooks/rules.yaml:4:17: 错误[E053]：模式 `加(个|我微信`：`(` 没有闭合",
        "错误[E054]：模式 `好评…{微心}`：未知的词组 `{微心}`",
        "错误[E055]：规则 `wechat` 没有标记出自己的 `flag` 示例",
        "错误[E052]：话术规则 `nothing` 没有要查找的词句",
        "警告[W051]：话术规则 `nothing` 没有 `flag` 示例",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
    assert_all_chinese(&err);
    let out = run(root, &["check", "--no-data"]);
    let err = stderr(&out);
    assert!(
        err.contains("error[E053]: pattern `加(个|我微信`: `(` is never closed"),
        "{err}"
    );
    assert!(
        err.contains("error[E055]: rule `wechat` does not flag its own example"),
        "{err}"
    );
}

// A trainee checks a draft on a Chinese project: findings, labels, summary and usage
// errors in Chinese; the labels follow `--lang en`.
#[test]
fn lint_reply_speaks_chinese() {
    let dir = project("row_problems");
    let root = dir.path();
    write(
        root,
        "playbooks/rules.yaml",
        "phrase_rules:\n  - id: wechat\n    category: off_platform_contact\n    phrases: [加微信]\n    reason: 引导到平台外。\n    better: 在平台里沟通。\n    examples:\n      flag: [加微信吧]\n      pass: [不用了]\n",
    );
    write(root, "draft.txt", "亲，加微信吧\n");
    let draft = root.join("draft.txt");
    let draft = draft.to_str().unwrap();
    let out = run_in_project_language(root, &["lint-reply", draft]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{text}{}", stderr(&out));
    assert!(
        text.contains("draft.txt:1:3: 不能发送 [引导到平台外联系或交易] “加微信”"),
        "{text}"
    );
    assert!(text.contains("原因：引导到平台外。"), "{text}");
    assert!(text.contains("共 1 处：1 处不能发送"), "{text}");
    assert_all_chinese(&text);
    assert_all_chinese(&stderr(&out));
    let out = run(root, &["lint-reply", draft]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(text.contains("draft.txt:1:3: "), "{text}");
    assert!(
        !text.contains("不能发送"),
        "labels follow --lang en:\n{text}"
    );
    let out = run_in_project_language(root, &["lint-reply", "missing.txt"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("错误：无法读取 `missing.txt`：文件或文件夹不存在"),
        "{err}"
    );
}
