//! The matching semantics authors rely on (docs/playbook-format.md §6), one behaviour
//! per test. The browser port is held to the same results by `tests/reply_parity.rs`.

use std::collections::BTreeMap;

use super::compile::{Input, Place};
use super::{Linter, compile};
use crate::playbooks::model::{
    CategorySettings, PhraseAudience, PhraseCategory, PhraseExamples, PhraseRule,
};

fn rule(id: &str, category: PhraseCategory, phrases: &[&str]) -> PhraseRule {
    PhraseRule {
        id: id.into(),
        category,
        severity: None,
        audience: None,
        phrases: phrases.iter().map(|s| s.to_string()).collect(),
        negation: None,
        unless_before: Vec::new(),
        unless_after: Vec::new(),
        unless_reply_has: Vec::new(),
        reason: "r".into(),
        better: "b".into(),
        examples: PhraseExamples::default(),
    }
}

fn linter(rules: &[PhraseRule]) -> Linter {
    let sets = BTreeMap::from([("微信".to_string(), vec!["微信".into(), "vx".into()])]);
    let categories = BTreeMap::new();
    let (l, problems) = compile(&Input {
        rules,
        sets: &sets,
        categories: &categories,
        limits: std::collections::BTreeMap::new(),
    });
    assert!(problems.is_empty(), "{problems:?}");
    l
}

fn texts(l: &Linter, reply: &str) -> Vec<String> {
    l.check(reply).into_iter().map(|f| f.text).collect()
}

fn one(phrase: &str) -> Linter {
    linter(&[rule("x", PhraseCategory::OffPlatformContact, &[phrase])])
}

// A negation cancels a match within six characters, unless the reach is broken by a
// comma, a space between Chinese characters, or a word that turns the topic.
#[test]
fn negation_reach() {
    let l = one("加{微信}");
    assert!(texts(&l, "不用加微信，这里说").is_empty());
    assert!(texts(&l, "我们绝对不会让您加微信").is_empty());
    assert!(texts(&l, "不啊啊啊啊啊啊加微信").is_empty());
    assert_eq!(texts(&l, "不啊啊啊啊啊啊啊加微信"), ["加微信"]);
    assert_eq!(texts(&l, "不满意的话加微信"), ["加微信"]);
    assert_eq!(texts(&l, "不满意，加微信"), ["加微信"]);
    assert_eq!(texts(&l, "不方便 加微信"), ["加微信"]);
    assert_eq!(texts(&l, "不好意思哈加微信"), ["加微信"]);
    assert_eq!(texts(&l, "要不加微信"), ["加微信"]);
}

// Double negation: "不会退不了款" promises the refund; a negator right after cancels too.
#[test]
fn double_and_post_negation() {
    let l = linter(&[rule("r", PhraseCategory::CoerciveChoice, &["退不了"])]);
    assert!(texts(&l, "不会退不了款的").is_empty());
    assert_eq!(texts(&l, "这个退不了款"), ["退不了"]);
    let l = one("加{微信}");
    assert!(texts(&l, "加微信是不行的").is_empty());
    assert_eq!(texts(&l, "加微信，不行再说"), ["加微信"]);
    let mut off = rule("n", PhraseCategory::RefundReasonSteering, &["别选缺货"]);
    off.negation = Some(false);
    assert_eq!(texts(&linter(&[off]), "不用担心别选缺货"), ["别选缺货"]);
}

// `…` stays in the clause, `……` in the sentence, and neither steps over a negation.
#[test]
fn gaps() {
    let l = one("加…{微信}");
    assert_eq!(texts(&l, "加一下我的微信"), ["加一下我的微信"]);
    assert!(texts(&l, "加，微信").is_empty());
    let l = one("好评……返现");
    assert_eq!(texts(&l, "好评，截图后返现"), ["好评，截图后返现"]);
    assert!(texts(&l, "好评。返现").is_empty());
    assert!(texts(&l, "好评也不会返现").is_empty());
    let l = one("加…{2}{微信}");
    assert!(texts(&l, "加一下我微信").is_empty());
}

// Context exceptions look at the same sentence only; whole-reply ones at everything.
#[test]
fn exceptions_by_sentence_and_reply() {
    let mut r = rule("c", PhraseCategory::OverPromiseCompensation, &["赔不了"]);
    r.unless_after = vec!["上限…{数字}".into()];
    let l = linter(&[r]);
    assert!(texts(&l, "赔不了，上限30元").is_empty());
    assert_eq!(texts(&l, "赔不了。上限30元"), ["赔不了"]);
    let l = linter(&[rule("v", PhraseCategory::VagueNoCommitment, &["会发的"])]);
    assert_eq!(texts(&l, "会发的"), ["会发的"]);
    assert!(texts(&l, "会发的。明天18点前发出").is_empty());
    assert!(texts(&l, "会发的，24小时内").is_empty());
    assert!(texts(&l, "会发的，12月3号前").is_empty());
    assert_eq!(texts(&l, "会发的，过两天"), ["会发的"]);
}

// At one start the longest match wins and one rule's findings never overlap.
#[test]
fn longest_match_without_overlap() {
    let l = one("(加{微信}|加{微信}号)");
    assert_eq!(texts(&l, "加微信号"), ["加微信号"]);
    let l = linter(&[rule("x", PhraseCategory::Rude, &["别催", "别催了"])]);
    assert_eq!(texts(&l, "别催了别催了"), ["别催了", "别催了"]);
}

// Built-in classes: mobile numbers (not order ids), the end of a sentence.
#[test]
fn builtin_classes() {
    let l = one("{手机号码}");
    assert_eq!(texts(&l, "打138-1234-5678"), ["138-1234-5678"]);
    assert!(texts(&l, "订单2138123456789012").is_empty());
    assert!(texts(&l, "单号1381234567").is_empty());
    let l = linter(&[rule(
        "a",
        PhraseCategory::OverPromiseArrival,
        &["绝对到{结尾}"],
    )]);
    assert_eq!(texts(&l, "后天绝对到"), ["绝对到"]);
    assert_eq!(texts(&l, "后天绝对到！"), ["绝对到"]);
    assert!(texts(&l, "绝对到账").is_empty());
}

// Offsets are UTF-16 (as in the browser); the text is the reply as written.
#[test]
fn spans_are_utf16_and_original_text() {
    let f = &one("加{微信}").check("😀加 ＶＸ")[0];
    assert_eq!((f.start, f.end, f.text.as_str()), (2, 6, "加 ＶＸ"));
}

// Buyer-only rules stay out of a message to a supplier, but run when nobody is named.
#[test]
fn audience() {
    let l = one("加{微信}");
    assert_eq!(l.rules()[0].audience, PhraseAudience::Buyer);
    assert!(l.check_to("加微信", PhraseAudience::Supplier).is_empty());
    assert_eq!(l.check_to("加微信", PhraseAudience::Buyer).len(), 1);
    assert_eq!(l.check("加微信").len(), 1);
    assert_eq!(l.categories_for(PhraseAudience::Supplier), []);
}

// Category defaults from the content are added to every rule of the category.
#[test]
fn category_defaults_apply() {
    let cats = BTreeMap::from([(
        PhraseCategory::Rude,
        CategorySettings {
            unless_before: vec!["开玩笑".into()],
            ..CategorySettings::default()
        },
    )]);
    let rules = [rule("x", PhraseCategory::Rude, &["烦不烦"])];
    let (l, _) = compile(&Input {
        rules: &rules,
        sets: &BTreeMap::new(),
        categories: &cats,
        limits: BTreeMap::new(),
    });
    assert!(l.check("开玩笑的，烦不烦").is_empty());
    assert_eq!(l.check("烦不烦").len(), 1);
}

// Compile problems name the place: the rule, the field and the item.
#[test]
fn compile_problems_are_located() {
    let rules = [rule("x", PhraseCategory::Rude, &["好", "{无此词组}"])];
    let sets = BTreeMap::from([("甲".to_string(), vec!["{甲}".to_string()])]);
    let (_, problems) = compile(&Input {
        rules: &rules,
        sets: &sets,
        categories: &BTreeMap::new(),
        limits: BTreeMap::new(),
    });
    let places: Vec<(&str, &Place)> = problems.iter().map(|p| (p.code, &p.place)).collect();
    assert!(places.contains(&(
        "E054",
        &Place::Rule {
            rule: 0,
            field: "phrases",
            item: 1
        }
    )));
    assert!(places.contains(&(
        "E057",
        &Place::Set {
            name: "甲".into(),
            item: 0
        }
    )));
}

// A command (别, 不要 …) does not cancel a rude word: "别磨叽了" is itself rude. A
// statement (不) still does, and in other categories a command still negates.
#[test]
fn commands_do_not_cancel_rudeness() {
    let rules = [
        rule("rude", PhraseCategory::Rude, &["磨叽"]),
        rule("cancel", PhraseCategory::InduceCancel, &["取消订单"]),
    ];
    let (l, problems) = compile(&Input {
        rules: &rules,
        sets: &BTreeMap::new(),
        categories: &BTreeMap::new(),
        limits: BTreeMap::new(),
    });
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(l.check("别在这磨叽了")[0].rule, "rude");
    assert_eq!(l.check("不要磨叽")[0].rule, "rude");
    assert!(l.check("我不磨叽，直接说").is_empty());
    assert!(l.check("别取消订单，明天发").is_empty());
}

// `{数字>rule:…}` takes its limit from the platform rules; an unknown rule is a
// located E054.
#[test]
fn number_limit_from_a_platform_rule() {
    let rules = [rule(
        "cap",
        PhraseCategory::OverPromiseCompensation,
        &["补(您|){数字>rule:taobao.cap}元"],
    )];
    let limits = BTreeMap::from([("taobao.cap".to_string(), 30.0)]);
    let (l, problems) = compile(&Input {
        rules: &rules,
        sets: &BTreeMap::new(),
        categories: &BTreeMap::new(),
        limits,
    });
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(l.check("补您50元").len(), 1);
    assert!(l.check("补您30元").is_empty());
    let (_, problems) = compile(&Input {
        rules: &rules,
        sets: &BTreeMap::new(),
        categories: &BTreeMap::new(),
        limits: BTreeMap::new(),
    });
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, "E054");
    assert!(problems[0].message.contains("taobao.cap"), "{problems:?}");
}

// `{数字>=实付}` compares with the amount the reply says was paid; without one,
// nothing matches.
#[test]
fn number_at_least_the_amount_paid() {
    let rules = [rule(
        "paid",
        PhraseCategory::OverPromiseCompensation,
        &["补(您|){数字>=实付}元"],
    )];
    let (l, problems) = compile(&Input {
        rules: &rules,
        sets: &BTreeMap::new(),
        categories: &BTreeMap::new(),
        limits: BTreeMap::new(),
    });
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(l.check("这单才12块，补您20元").len(), 1);
    assert_eq!(l.check("实付19.9，补您19.9元").len(), 1);
    assert!(l.check("实付88元，补您10元").is_empty());
    assert!(l.check("补您20元").is_empty());
}
