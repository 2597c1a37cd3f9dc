//! `delaybook check` on the bad inputs of the training-content model: platform rules,
//! cross-references and rule tags, governance fields and review ages, quiz questions and
//! the Chinese typography lint. Like `check_fixtures.rs`, each case is the valid `base`
//! project with the case's files on top, and `expected.stderr` is the full output.

mod common;
#[path = "report_common.rs"]
mod report_common;

use report_common::english_sentence;

use common::{Project, assert_same_places, assert_snapshot, fixtures};

/// Runs `check --no-data <extra>` on base + case, asserts exit 1, compares the snapshot
/// and returns stderr.
fn check_fails_with(case: &str, extra: &[&str]) -> String {
    let project = Project::from_layers(&["check/base", &format!("check/{case}")]);
    let mut args = vec!["check", "--no-data"];
    args.extend_from_slice(extra);
    let out = project.run(&args);
    let stderr = project.stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{case}: stderr:\n{stderr}");
    assert_snapshot(
        &fixtures().join("check").join(case).join("expected.stderr"),
        &stderr,
    );
    stderr
}

fn has(stderr: &str, want: &str) {
    assert!(stderr.contains(want), "missing `{want}` in\n{stderr}");
}

// Every way a platform rule can be wrong is located, with the fix.
#[test]
fn platform_rule_problems_are_located() {
    let err = check_fails_with("platform_rules_bad", &[]);
    has(
        &err,
        "playbooks/platform-rules.yaml:2:15: error[E023]: unknown platform `taobaoo`",
    );
    has(&err, "did you mean `taobao`?");
    has(
        &err,
        "playbooks/platform-rules.yaml:8:15: error[E083]: rule `promise_hours` must have unit `hours`",
    );
    has(
        &err,
        "playbooks/platform-rules.yaml:15:16: error[E083]: 150 is out of range for unit `percent`",
    );
    has(
        &err,
        "playbooks/platform-rules.yaml:18:22: error[E084]: `2026/11/02` is not a date",
    );
    has(
        &err,
        "playbooks/platform-rules.yaml:21:16: error[E083]: `四十八` is not a number (unit `hours`)",
    );
    has(
        &err,
        "playbooks/platform-rules.yaml:25:14: error[E083]: rule `promise_hours` of platform `douyin` is defined twice",
    );
    has(&err, "first defined at playbooks/platform-rules.yaml:19");
    has(
        &err,
        "playbooks/platform-rules.yaml:31:14: error[E020]: rule key `Presale Marking` is not a safe slug",
    );
    has(&err, "7 errors");
}

// Each reference kind and the rule tag resolve with "did you mean"; tags are refused
// where they would not render (titles) or would reach a buyer (reply text).
#[test]
fn cross_reference_problems_suggest_the_id() {
    let err = check_fails_with("xref_bad", &[]);
    for (place, what, hint) in [
        (
            "6:21: error[E080]: unknown playbook `out-of-stok`",
            "playbook",
            "did you mean `out-of-stock`?",
        ),
        (
            "6:48: error[E080]: unknown step `tags/notfy`",
            "step",
            "did you mean `notify`?",
        ),
        (
            "6:68: error[E081]: unknown kind of cross-reference: `[[playbok:out-of-stock]]`",
            "kind",
            "did you mean `playbook`?",
        ),
        (
            "6:95: error[E082]: unknown platform rule in `{{rule:taobao.promise_hour}}`",
            "rule key",
            "did you mean `promise_hours`?",
        ),
        (
            "6:128: error[E082]: unknown platform rule in `{{rule:taobo.promise_hours}}`",
            "rule platform",
            "did you mean `taobao`?",
        ),
        (
            "12:19: error[E080]: unknown template `tpl-stockot`",
            "template",
            "did you mean `tpl-stockout`?",
        ),
        (
            "12:47: error[E080]: unknown checklist `daily-stok`",
            "checklist",
            "did you mean `daily-stock`?",
        ),
        (
            "12:77: error[E080]: unknown cause `stockot`",
            "cause",
            "did you mean `stockout`?",
        ),
    ] {
        has(&err, &format!("playbooks/tags.yaml:{place}"));
        assert!(err.contains(hint), "{what}: no `{hint}` in\n{err}");
    }
    has(
        &err,
        "playbooks/tags.yaml:3:14: error[E081]: `[[playbook:out-of-stock]]` is not rendered in this field",
    );
    has(
        &err,
        "playbooks/tags.yaml:14:22: error[E081]: reply text cannot contain the cross-reference `[[playbook:out-of-stock]]`",
    );
}

// A playbook without owner or review date is named; a malformed date and bad step ids
// are errors.
#[test]
fn governance_fields_and_step_ids_are_checked() {
    let err = check_fails_with("governance_bad", &[]);
    has(
        &err,
        "playbooks/governance.yaml:2:9: warning[W082]: playbook `no-owner` has no `owner` and `reviewed`",
    );
    has(
        &err,
        "playbooks/governance.yaml:10:13: error[E085]: step id `first` is used twice in playbook `no-owner`",
    );
    has(
        &err,
        "playbooks/governance.yaml:12:13: error[E085]: step id `2` is not a safe slug",
    );
    has(
        &err,
        "playbooks/governance.yaml:20:15: error[E084]: `2026年11月2日` is not a date",
    );
}

// Review ages are measured against `--today`, or else the newest date in the content;
// a date after `--today` is reported; the limits come from `governance:`.
#[test]
fn review_ages_use_today_or_the_newest_content_date() {
    let err = check_fails_with("governance_stale", &["--strict", "--today", "2027-06-01"]);
    has(
        &err,
        "playbooks/out-of-stock.yaml:21:15: warning[W081]: playbook `out-of-stock` was last reviewed on 2026-11-02, 211 days before 2027-06-01 (limit 180 days)",
    );
    has(
        &err,
        "playbooks/platform-rules.yaml:16:22: warning[W080]: rule `taobao.tracking_fix_window` was last verified on 2027-01-10, 142 days before 2027-06-01 (limit 90 days)",
    );
    has(
        &err,
        "playbooks/platform-rules.yaml:22:22: warning[W088]: rule `taobao.presale_marking` was verified on 2027-07-01, after today (2027-06-01)",
    );
    assert!(
        !err.contains("taobao.promise_hours"),
        "fresh rule flagged:\n{err}"
    );

    let project = Project::from_layers(&["check/base", "check/governance_stale"]);
    let out = project.run(&["check", "--no-data"]);
    let text = project.stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    has(&text, "241 days before 2027-07-01");
    assert!(!text.contains("W088"), "{text}");

    let config = "governance:\n  rule_max_age_days: 200\n  review_max_age_days: 400\n";
    std::fs::write(project.root().join("delaybook.yaml"), config).expect("config");
    let out = project.run(&["check", "--no-data", "--strict"]);
    let text = project.stderr(&out);
    assert_eq!(out.status.code(), Some(0), "limits from config:\n{text}");
}

// `--today` must be a date: a usage error, exit 2.
#[test]
fn today_must_be_a_date() {
    let project = Project::from_layers(&["check/base"]);
    let out = project.run(&["check", "--no-data", "--today", "2027/06/01"]);
    assert_eq!(out.status.code(), Some(2));
    has(&project.stderr(&out), "--today `2027/06/01` is not a date");
}

// Scenario choices are playbook references; repeated choices, clustered answers and
// right answers that are always the longest are reported.
#[test]
fn quiz_problems_are_reported() {
    let err = check_fails_with("quiz_bad", &[]);
    has(
        &err,
        "playbooks/quiz.yaml:5:29: error[E022]: unknown playbook `wrong-trackin`",
    );
    has(&err, "did you mean `wrong-tracking`?");
    has(
        &err,
        "playbooks/quiz.yaml:5:44: error[E086]: choice `out-of-stock` appears twice in question `scene`",
    );
    has(
        &err,
        "playbooks/quiz.yaml:6:13: error[E031]: answer `out-of-stok` is not one of the choices",
    );
    has(
        &err,
        "warning[W083]: the right answer is shown as choice A in 9 of 9 questions",
    );
    has(
        &err,
        "warning[W084]: the right answer is the longest choice in 8 of 10 questions",
    );
}

// Straight quotes and half-width parentheses in Chinese text, and amounts without 元,
// are warnings with the corrected text.
#[test]
fn chinese_typography_is_linted() {
    let err = check_fails_with("typography", &["--strict"]);
    has(
        &err,
        "playbooks/typography.yaml:3:17: warning[W086]: half-width parentheses in Chinese text",
    );
    has(&err, "hint: write `补偿券告知（含金额）`");
    has(
        &err,
        "playbooks/typography.yaml:10:36: warning[W085]: straight double quotes in Chinese text",
    );
    has(&err, "hint: write `标题写了“预售”字样。`");
    has(
        &err,
        "playbooks/typography.yaml:10:19: warning[W087]: amount `{{amount}}` is not followed by 元",
    );
    has(&err, "hint: write `详情页写明发货日期（以后台为准）`");
    assert!(!err.contains("ERP"), "Latin parentheses flagged:\n{err}");
}

// Triage answers that point at a step or a template are checked like any reference:
// a missing step id, a typo, a template the playbook does not use, one without a
// playbook — each located, with the fix.
#[test]
fn triage_step_and_template_problems_are_located() {
    let err = check_fails_with("triage_targets_bad", &[]);
    has(
        &err,
        "playbooks/rules.yaml:12:17: error[E022]: unknown step `notify` of playbook `out-of-stock`",
    );
    has(&err, "give the step an `id:` in playbook `out-of-stock`");
    has(
        &err,
        "playbooks/rules.yaml:19:17: error[E022]: unknown step `fixx` of playbook `wrong-tracking`",
    );
    has(&err, "did you mean `fix`?");
    has(
        &err,
        "playbooks/rules.yaml:22:21: error[E068]: answer `对` has `template` but no `playbook`",
    );
    has(
        &err,
        "playbooks/rules.yaml:29:21: error[E022]: unknown template `tpl-stockot`",
    );
    has(&err, "did you mean `tpl-stockout`?");
    has(
        &err,
        "playbooks/rules.yaml:32:21: error[E069]: template `tpl-fixed` is not used by playbook `out-of-stock`",
    );
}

// The course section and the glossary: defined twice, a chapter twice, an unsafe id, a
// playbook taught in two chapters, a term twice, and a daily checklist that would never
// reset.
#[test]
fn course_and_glossary_problems_are_located() {
    let err = check_fails_with("course_bad", &[]);
    has(
        &err,
        "playbooks/course.yaml:2:3: error[E090]: the course is defined twice",
    );
    has(
        &err,
        "playbooks/course.yaml:5:33: error[E022]: unknown playbook `out-of-stok`",
    );
    has(
        &err,
        "playbooks/course.yaml:7:19: error[E091]: playbook `out-of-stock` is in chapter `stockouts` and in `suppliers`",
    );
    has(
        &err,
        "playbooks/course.yaml:8:11: error[E093]: chapter `stockouts` is defined twice",
    );
    has(
        &err,
        "playbooks/course.yaml:10:11: error[E020]: chapter id `第一章` is not a safe slug",
    );
    has(
        &err,
        "playbooks/course.yaml:18:11: error[E092]: glossary term `揽件` is defined twice",
    );
    has(
        &err,
        "playbooks/course.yaml:23:14: warning[W093]: checklist `morning-check` is done `每天开工前` but its ticks are never cleared",
    );
    has(&err, "add `reset: daily`");
}

// delaybook.yaml names chapters and placeholders of the content: typos are errors with
// a suggestion, and whatever the order leaves out is said, not lost.
#[test]
fn handbook_order_and_shared_placeholders_are_checked_against_the_content() {
    let err = check_fails_with("course_config_bad", &[]);
    has(
        &err,
        "delaybook.yaml:5:19: error[E106]: unknown handbook chapter `cuases`",
    );
    has(&err, "did you mean `causes`?");
    has(
        &err,
        "delaybook.yaml:5:46: error[E106]: handbook chapter `why` is listed twice",
    );
    has(
        &err,
        "warning[W090]: 1 chapter(s) of the course are not in `handbook.chapters` and are not printed: extra-reading",
    );
    has(
        &err,
        "warning[W091]: 1 playbook(s) are in no printed chapter: wrong-tracking",
    );
    has(
        &err,
        "delaybook.yaml:6:34: warning[W092]: no template has the placeholder `order_idd`",
    );
    has(&err, "did you mean `order_id`?");
    has(
        &err,
        "delaybook.yaml:6:45: error[E107]: `{{agent_name}}` is not a placeholder name",
    );
}

// The course, handbook-chapter and triage-target problems speak Chinese on a Chinese
// project (issue 9, item 5): every line Chinese, at the same places as in English, and
// no message falls back to its English text.
#[test]
fn course_and_triage_problems_speak_chinese() {
    for case in ["course_bad", "course_config_bad", "triage_targets_bad"] {
        let project = Project::from_layers(&["check/base", &format!("check/{case}")]);
        let out = project.run_in_project_language(&["check", "--no-data"]);
        let zh = project.stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{case}:\n{zh}");
        assert_snapshot(
            &fixtures()
                .join("check")
                .join(case)
                .join("expected.zh-CN.stderr"),
            &zh,
        );
        for line in zh
            .lines()
            .filter(|l| !l.contains(" | ") && !l.starts_with(' '))
        {
            assert!(english_sentence(line).is_none(), "{case}: {line}");
        }
        for line in zh.lines().filter(|l| l.starts_with("  = ")) {
            assert!(english_sentence(line).is_none(), "{case}: {line}");
        }
        assert!(!zh.contains("（英文）"), "{case}: untranslated\n{zh}");
        let en = project.stderr(&project.run(&["check", "--no-data"]));
        assert_same_places(&en, &zh);
    }
    let project = Project::from_layers(&["check/base", "check/course_bad"]);
    let zh = project.stderr(&project.run_in_project_language(&["check", "--no-data"]));
    for want in [
        "错误[E090]：课程（course）定义了两次",
        "错误[E091]：流程 `out-of-stock` 同时在章节 `stockouts` 和 `suppliers` 里",
        "警告[W093]：清单 `morning-check` 的执行频率是“每天开工前”，但勾选记录从不清空",
    ] {
        has(&zh, want);
    }
}
