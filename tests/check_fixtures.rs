//! `delaybook check` on one fixture per bad-input class: every message names the file,
//! the line and what is wrong, and the exit code is 1. Each case is the valid `base`
//! project with the case's files laid on top; `expected.stderr` is the full output in
//! English (`--lang en`), `expected.zh-CN.stderr` in the project's language, Chinese:
//! the same places, codes and field paths, Chinese sentences.

mod common;

use common::{Project, assert_same_places, assert_snapshot, fixtures};

/// Runs `check --no-data` on base + case, asserts exit 1, compares the snapshot and
/// returns stderr for the case's own assertions.
fn check_fails(case: &str) -> String {
    let project = Project::from_layers(&["check/base", &format!("check/{case}")]);
    check_project_fails(&project, case)
}

fn check_project_fails(project: &Project, case: &str) -> String {
    let out = project.run(&["check", "--no-data"]);
    let stderr = project.stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{case}: expected exit 1, stderr:\n{stderr}"
    );
    assert_snapshot(
        &fixtures().join("check").join(case).join("expected.stderr"),
        &stderr,
    );
    let zh = project.run_in_project_language(&["check", "--no-data"]);
    assert_eq!(zh.status.code(), Some(1), "{case} in Chinese");
    let zh = project.stderr(&zh);
    assert_snapshot(
        &fixtures()
            .join("check")
            .join(case)
            .join("expected.zh-CN.stderr"),
        &zh,
    );
    assert_same_places(&stderr, &zh);
    stderr
}

// The valid base must pass, or every other case proves nothing.
#[test]
fn base_fixture_passes_with_summary() {
    let project = Project::from_layers(&["check/base"]);
    let out = project.run(&["check", "--no-data"]);
    let stderr = project.stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("ok: 2 causes, 2 playbooks, 1 template, 1 phrase rule"),
        "{stderr}"
    );
}

// Broken YAML syntax: the message points at the file and line of the problem.
#[test]
fn reports_malformed_yaml_with_line() {
    let err = check_fails("malformed_yaml");
    assert!(err.contains("playbooks/broken.yaml:"), "{err}");
    assert!(err.contains("error[E016]: malformed YAML"), "{err}");
}

// A string where a list is expected names the field and the expected type.
#[test]
fn reports_wrong_type_with_field_path() {
    let err = check_fails("wrong_type");
    assert!(
        err.contains("playbooks/wrong-type.yaml:4:12: error[E012]: wrong type"),
        "{err}"
    );
    assert!(err.contains("field: checklists[0].items"), "{err}");
}

// A typo in a field name suggests the right one.
#[test]
fn reports_unknown_field_with_did_you_mean() {
    let err = check_fails("unknown_field");
    assert!(
        err.contains("playbooks/unknown-field.yaml:3:5: error[E010]: unknown field `titel`"),
        "{err}"
    );
    assert!(err.contains("did you mean `title`?"), "{err}");
}

// A missing required field is named.
#[test]
fn reports_missing_required_field() {
    let err = check_fails("missing_field");
    assert!(err.contains("playbooks/missing-field.yaml:2:"), "{err}");
    assert!(err.contains("missing required field `playbook`"), "{err}");
}

// The same id in two files names both places.
#[test]
fn reports_duplicate_id_across_files() {
    let err = check_fails("duplicate_id");
    assert!(
        err.contains(
            "playbooks/out-of-stock.yaml:23:9: error[E021]: duplicate templates id `tpl-stockout`"
        ),
        "{err}"
    );
    assert!(err.contains("first defined at"), "{err}");
    assert!(err.contains("again.yaml:2"), "{err}");
}

// Unknown cause, playbook and template references each get a did-you-mean.
#[test]
fn reports_unknown_references_with_suggestions() {
    let err = check_fails("unknown_reference");
    assert!(
        err.contains("playbooks/causes.yaml:4:15: error[E022]: unknown playbook `out-of-stok`"),
        "{err}"
    );
    assert!(err.contains("did you mean `out-of-stock`?"), "{err}");
    assert!(
        err.contains("playbooks/more.yaml:7:14: error[E022]: unknown cause `stockot`"),
        "{err}"
    );
    assert!(err.contains("did you mean `stockout`?"), "{err}");
    assert!(
        err.contains("playbooks/more.yaml:8:17: error[E022]: unknown template `tpl-stockot`"),
        "{err}"
    );
}

// Used-but-undeclared and declared-but-unused placeholders are both reported.
#[test]
fn reports_placeholder_mismatches() {
    let err = check_fails("placeholders");
    assert!(err.contains("playbooks/tpl.yaml:13:7: error[E040]: template `tpl-ship-date` uses placeholder `{{ship_date}}` that is not declared"), "{err}");
    assert!(
        err.contains(
            "playbooks/tpl.yaml:8:15: error[E041]: placeholder `coupon` is declared but never used"
        ),
        "{err}"
    );
}

// A template with a banned phrase names the rule and the better wording.
#[test]
fn reports_banned_phrase_with_rule_and_alternative() {
    let err = check_fails("banned_phrase");
    assert!(err.contains("playbooks/tpl.yaml:5:15: error[E050]: template `tpl-vague` contains `正在调配`, flagged by phrase rule `vague-allocating`"), "{err}");
    assert!(
        err.contains("hint: say instead: 直接说明缺货和预计补货日期。"),
        "{err}"
    );
}

// An anti-example no rule catches would let the same reply through "check my reply".
#[test]
fn reports_anti_example_not_caught() {
    let err = check_fails("anti_example_uncaught");
    assert!(err.contains("playbooks/wrong-tracking.yaml:12:14: error[E051]: no phrase rule catches this anti-example"), "{err}");
}

// A pattern authors got wrong is an error at its column, never a silent literal:
// syntax (E053), unknown set with the known ones (E054), a set cycle (E057); old
// category names and rules without examples are warnings (W050, W051).
#[test]
fn reports_bad_phrase_patterns_with_columns() {
    let err = check_fails("phrase_patterns");
    for want in [
        "playbooks/more-rules.yaml:9:10: error[E053]: pattern `加(个|我微信`: `(` is never closed",
        "playbooks/more-rules.yaml:10:13: error[E054]: pattern `好评…{微心}`: unknown set `{微心}`",
        "hint: known sets: 乙, 具体时间,",
        "playbooks/more-rules.yaml:11:11: error[E053]: pattern `加…{99}信`: gap length `99` is not a number from 1 to 40",
        "playbooks/more-rules.yaml:4:9: error[E057]: pattern `{甲}`: the set `乙` refers to itself",
        "playbooks/more-rules.yaml:18:15: warning[W050]: category `blame_shifting` is an old name",
        "playbooks/more-rules.yaml:17:5: warning[W051]: phrase rule `old-category` has no `flag` examples",
    ] {
        assert!(err.contains(want), "missing {want:?} in\n{err}");
    }
}

// A rule that misses its own `flag` example or fires on a `pass` example fails `check`,
// located at the example.
#[test]
fn reports_rules_failing_their_own_examples() {
    let err = check_fails("phrase_examples");
    for want in [
        "playbooks/more-rules.yaml:8:14: error[E055]: rule `wechat-literal` does not flag its own example",
        "playbooks/more-rules.yaml:9:14: error[E056]: rule `wechat-literal` flags its `pass` example at `加微信`",
    ] {
        assert!(err.contains(want), "missing {want:?} in\n{err}");
    }
    assert!(
        !err.contains("pass[1]"),
        "a negated pass example was flagged:\n{err}"
    );
}

// A triage answer that leads nowhere is a dead end.
#[test]
fn reports_triage_dead_end() {
    let err = check_fails("triage_dead_end");
    assert!(
        err.contains("playbooks/rules.yaml:27:11: error[E062]: answer `有` is a dead end"),
        "{err}"
    );
}

// A triage answer that leads back up the tree is a cycle.
#[test]
fn reports_triage_cycle() {
    let err = check_fails("triage_cycle");
    assert!(err.contains("playbooks/rules.yaml:28:17: error[E064]: triage cycle: answer `有` of `in-stock` leads back to `shipped`"), "{err}");
}

// Ids become file names: `../x`, `a/b`, empty and spaces are refused.
#[test]
fn reports_unsafe_ids() {
    let err = check_fails("unsafe_id");
    for (line, id) in [(2, "../x"), (5, "a/b"), (8, ""), (11, "has space")] {
        let want =
            format!("playbooks/ids.yaml:{line}:9: error[E020]: id `{id}` is not a safe slug");
        assert!(err.contains(&want), "missing `{want}` in\n{err}");
    }
}

// An empty file is almost always a mistake.
#[test]
fn reports_empty_file() {
    let err = check_fails("empty_file");
    assert!(
        err.contains("playbooks/empty.yaml: error[E004]: file is empty"),
        "{err}"
    );
}

// A GBK-saved file is named with the place of the first bad byte.
#[test]
fn reports_non_utf8_file() {
    let err = check_fails("not_utf8");
    assert!(
        err.contains("playbooks/gbk.yaml:3:13: error[E003]: file is not valid UTF-8 text"),
        "{err}"
    );
}

// An alias bomb fails fast on the parser budget instead of eating memory.
#[test]
fn reports_alias_bomb() {
    let err = check_fails("alias_bomb");
    assert!(err.contains("playbooks/bomb.yaml:"), "{err}");
    assert!(err.contains("error[E014]"), "{err}");
}

// A 20 MB file is refused before it is read.
#[test]
fn reports_huge_file_without_reading_it() {
    let project = Project::from_layers(&["check/base"]);
    let big = "# padding\n".repeat(2 * 1024 * 1024);
    std::fs::write(project.root().join("playbooks/huge.yaml"), big).expect("write");
    let out = project.run(&["check", "--no-data"]);
    let err = project.stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("playbooks/huge.yaml: error[E002]: file is 20971520 bytes; YAML files may be at most 2097152 bytes"), "{err}");
}

// A symlink that points back up the tree must not hang the walk.
#[cfg(unix)]
#[test]
fn reports_symlink_loop() {
    let project = Project::from_layers(&["check/base"]);
    let sub = project.root().join("playbooks/sub");
    std::fs::create_dir(&sub).expect("mkdir");
    std::os::unix::fs::symlink(project.root().join("playbooks"), sub.join("loop"))
        .expect("symlink");
    let out = project.run(&["check", "--no-data"]);
    let err = project.stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("playbooks/sub/loop: error[E007]: symbolic link loop"),
        "{err}"
    );
}

// A typo in delaybook.yaml gets the same treatment as in playbooks.
#[test]
fn reports_unknown_config_key() {
    let err = check_fails("config_unknown_key");
    assert!(
        err.contains("delaybook.yaml:4:1: error[E010]: unknown field `reprot`"),
        "{err}"
    );
    assert!(err.contains("did you mean `report`?"), "{err}");
}

// An unknown timezone is caught before any timestamp is read with it.
#[test]
fn reports_unknown_timezone() {
    let err = check_fails("config_bad_timezone");
    assert!(
        err.contains("delaybook.yaml:3:11: error[E101]: unknown timezone `Asia/Shanghia`"),
        "{err}"
    );
    assert!(err.contains("did you mean `Asia/Shanghai`?"), "{err}");
}

// Step deadlines and platform keys are checked with a hint.
#[test]
fn reports_bad_deadline_and_platform() {
    let err = check_fails("bad_deadline");
    assert!(
        err.contains("error[E033]: deadline `一天内` is not a duration"),
        "{err}"
    );
    assert!(
        err.contains("error[E023]: unknown platform `douyinn`"),
        "{err}"
    );
    assert!(err.contains("did you mean `douyin`?"), "{err}");
}

// One run reports every problem of every file, not just the first.
#[test]
fn reports_all_problems_of_a_run() {
    let err = check_fails("many_problems");
    assert!(
        err.contains("playbooks/one.yaml:5:14: error[E040]"),
        "{err}"
    );
    assert!(
        err.contains(
            "playbooks/two.yaml:5:13: error[E031]: answer `3 小时` is not one of the choices"
        ),
        "{err}"
    );
    assert!(
        err.contains("playbooks/three.yaml:2:9: error[E020]"),
        "{err}"
    );
    assert!(err.contains("3 errors"), "{err}");
}

// Impossible numbers (negative promise, 500 % compensation, service level 95) would
// silently corrupt every report figure; each is named with what is expected.
#[test]
fn reports_config_values_out_of_range() {
    let err = check_fails("config_out_of_range");
    assert!(
        err.contains(
            "delaybook.yaml:4:18: error[E104]: `default_platform.promise_hours` is out of range"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "delaybook.yaml:8:13: error[E104]: `platforms.taobao.compensation.rate` is out of range"
        ),
        "{err}"
    );
    assert!(
        err.contains("delaybook.yaml:11:18: error[E104]: `report.service_level` is out of range"),
        "{err}"
    );
    assert!(
        err.contains("hint: expected a fraction between 0 and 1, e.g. 0.05"),
        "{err}"
    );
    // Unbounded counts aborted the report with a failed allocation (issue 14, item 7).
    assert!(
        err.contains(
            "delaybook.yaml:12:16: error[E104]: `report.trend_weeks` is out of range: 4000000000"
        ),
        "{err}"
    );
    assert!(
        err.contains("hint: expected a whole number of weeks from 1 to 104"),
        "{err}"
    );
    assert!(
        err.contains(
            "delaybook.yaml:13:23: error[E104]: `report.demand_window_days` is out of range"
        ),
        "{err}"
    );
}

// `-v` must do something: it shows what was read and how long each stage took.
#[test]
fn verbose_shows_stages() {
    let project = Project::from_layers(&["check/base"]);
    let out = project.run(&["-v", "check", "--no-data"]);
    let stderr = project.stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("  read delaybook.yaml and the playbooks under playbooks in "),
        "{stderr}"
    );
    let quiet = project.run(&["check", "--no-data"]);
    assert!(
        !project.stderr(&quiet).contains("the playbooks under"),
        "detail lines without -v"
    );
}

// A NUL byte silently dropped the rest of the file and `check` said ok (issue 14,
// item 2): control characters are refused with their line and column.
#[test]
fn reports_control_characters_with_line_and_column() {
    let err = check_fails("control_characters");
    assert!(
        err.contains(
            "playbooks/nul.yaml:3:16: error[E008]: control character U+0000 (NUL) in the text"
        ),
        "{err}"
    );
}

// `- - - … x` made memory grow with the square of the depth (issue 14, item 5): one
// level over the bound is refused where it starts.
#[test]
fn reports_nesting_one_level_too_deep() {
    let err = check_fails("deep_nesting");
    assert!(
        err.contains(
            "playbooks/deep.yaml:5:65: error[E017]: YAML is nested more than 32 levels deep"
        ),
        "{err}"
    );
}

// A huge title made `build` quadratic (issue 14, item 6): text fields are bounded, and
// one character over the bound is reported with its place; exactly the bound is fine.
#[test]
fn reports_a_field_one_character_too_long() {
    let err = check_fails("long_field");
    assert!(
        err.contains(
            "playbooks/long.yaml:3:12: error[E024]: `title` is 201 characters long; at most 200 are allowed"
        ),
        "{err}"
    );
    assert!(err.contains("1 error"), "{err}");
}

// Terminal escape sequences in ids were printed raw (issue 14, item 13): they are shown
// as visible escapes and never reach the terminal.
#[test]
fn escapes_terminal_sequences_in_messages() {
    let err = check_fails("terminal_escapes");
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(
        err.contains("error[E020]: id `\\u{1b}[2J\\u{1b}[31mred` is not a safe slug"),
        "{err}"
    );
}

// A search synonym whose word the content never uses sends every variant nowhere:
// `check` warns (W067) and says which variant the content does use; a word written in
// Traditional script still matches the Simplified content.
#[test]
fn warns_about_search_synonyms_that_find_nothing() {
    let project = Project::from_layers(&["check/base", "check/dead_synonym"]);
    let out = project.run(&["check", "--no-data", "--strict"]);
    let stderr = project.stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_snapshot(
        &fixtures().join("check/dead_synonym/expected.stderr"),
        &stderr,
    );
    assert!(
        stderr.contains("playbooks/synonyms.yaml:2:11: warning[W067]: dead search synonym group"),
        "{stderr}"
    );
    assert!(stderr.contains("the content says `单号填错`"), "{stderr}");
    assert!(!stderr.contains("缺貨"), "{stderr}");
    assert!(stderr.contains("2 warnings"), "{stderr}");
}
