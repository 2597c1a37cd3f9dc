//! Built-in defaults, so that authors rarely write exceptions: the negation vocabulary,
//! what counts as a concrete time, and each category's severity and exceptions.
//!
//! Every built-in set can be replaced by defining a set of the same name under
//! `phrase_sets:`; category defaults are extended (lists) or overridden (severity,
//! negation) under `phrase_categories:`. Both are documented in
//! `docs/playbook-format.md` §6.

use crate::playbooks::model::{PhraseAudience, PhraseCategory, PhraseSeverity};

/// Name of the set of negators.
pub const NEGATORS: &str = "否定词";
/// Name of the set of words that contain a negator but do not negate.
pub const NOT_NEGATORS: &str = "非否定";
/// Name of the set of words that end a negation's reach.
pub const BREAKERS: &str = "否定终止";
/// Name of the set of negations that follow what they negate.
pub const POST_NEGATORS: &str = "后置否定";
/// Name of the set of negators that give a command (别, 不要 …).
pub const COMMANDS: &str = "祈使否定";
/// Name of the set of phrases stating what the buyer paid (the first number inside
/// the first match is the amount `{数字>=实付}` compares with).
pub const PAID: &str = "实付金额";
/// Name of the set of concrete times and dates.
pub const CONCRETE_TIME: &str = "具体时间";

/// How many characters may stand between a negator and the match it cancels.
pub const NEGATION_WINDOW: usize = 6;
/// How many characters may stand between a match and a post-negation.
pub const POST_NEGATION_WINDOW: usize = 3;

/// Words after which a phrase does not count.
const NEGATORS_WORDS: &[&str] = &[
    "不", "没", "别", "无需", "无须", "勿", "未", "莫", "甭", "禁止", "严禁", "杜绝", "拒绝",
    "婉拒", "谢绝",
];

/// Words that contain a negator but do not negate.
const NOT_NEGATORS_WORDS: &[&str] = &[
    "不出({数字}|{中文数字})",
    "不好意思",
    "不客气",
    "不过",
    "不错",
    "不少",
    "不久",
    "不断",
    "不仅",
    "不停",
    "不然",
    "要不",
    "不如",
    "不得不",
    "不管",
    "不论",
    "不一样",
    "不同",
    "来不及",
    "别人",
    "别的",
    "别家",
    "别处",
    "特别",
    "区别",
    "分别",
    "级别",
    "差别",
    "没关系",
    "没事",
    "没问题",
    "没想到",
    "未来",
    "没货",
    "不全",
    "不详",
    "不完整",
    "没有货",
    "没库存",
    "没现货",
    "不一定",
    "能不能",
    "可不可以",
    "是不是",
    "要不要",
    "会不会",
    "行不行",
    "好不好",
    "有没有",
    "对不对",
    "方不方便",
    "愿不愿意",
    "肯不肯",
    "给不给",
    "用不用",
    "需不需要",
    "发没发",
    "到没到",
];

/// Words a negation does not reach past.
const BREAKERS_WORDS: &[&str] = &[
    "的话", "就", "才", "但", "可是", "而是", "否则", "不然", "要是", "如果", "所以", "还是",
    "只能", "只好", "以后", "之后", "然后", "那就", "都",
];

/// Negators that give a command: "别磨叽" tells the buyer to stop, it does not deny
/// the 磨叽. In the categories of [`commands_negate`] they do not cancel a match.
const COMMANDS_WORDS: &[&str] = &["别", "甭", "不要", "勿", "莫", "不许", "不准"];

/// How a reply states what the buyer paid: "实付19.9", "这单才12块".
const PAID_WORDS: &[&str] = &[
    "(实付|实付款|实付金额|付了|付款|一共|总共|原价|售价|单价|价格|货款|订单金额)(是|才|就|只有|只要|:|)(¥|￥|)({数字}|{中文数字})",
    "(才|只有|就|只要|不到|也就)(¥|￥|)({数字}|{中文数字})(元|块)",
    "(买的|拍的|花了|买了)(这个|这件|这款|这单|)(¥|￥|)({数字}|{中文数字})(元|块|的)",
    "({数字}|{中文数字})(元|块)…{2}(买的|拍的)",
    "(这个|这件|这款|这双|这条|这单|一件|一个|一双|一条|您这|你这)(¥|￥|)({数字}|{中文数字})(元|块)(钱|)…{2}的",
    "{开头}({数字}|{中文数字})(元|块)(钱|)…{2}的",
];

/// Negations that follow what they negate.
const POST_NEGATORS_WORDS: &[&str] = &[
    "是不行的",
    "不行",
    "不可以",
    "是不允许的",
    "不允许",
    "不被允许",
    "是违规的",
    "违规",
    "是禁止的",
    "禁止",
    "不合规",
    "我们不做",
    "我们不会做",
    "我不会做",
    "不会做",
    "不会这么做",
    "不会这样做",
    "不做",
    "不搞",
    "不提供",
    "不支持",
    "做不到",
    "办不到",
    "给不了",
    "不现实",
    "不可能",
    "不能",
    "做不了",
];

/// Concrete times and dates (patterns).
const CONCRETE_TIME_WORDS: &[&str] = &[
    "{数字}(点|时|:)",
    "(上午|下午|中午|晚上|早上|傍晚|凌晨|今晚|明晚|明早|今早){中文数字}点",
    "{中文数字}点(前|之前|以前|半)",
    "(今天|明天|后天|大后天|今晚|明晚|明早|今早|今日|明日|当天|当日)",
    "(周|星期|礼拜)(一|二|三|四|五|六|日|天)",
    "({数字}|{中文数字})(个|)(小时|分钟|天|日|工作日)(内|之内|以内|前|之前)",
    "({数字}|{中文数字})(个|)(小时|分钟)",
    "{数字}月{数字}(日|号|)",
    "{数字}(号|日)",
    "{数字}-{数字}-{数字}",
    "{数字}/{数字}",
];

/// The built-in sets, in the order they are added to the set table.
pub fn builtin_sets() -> Vec<(&'static str, Vec<&'static str>)> {
    [
        (NEGATORS, NEGATORS_WORDS),
        (NOT_NEGATORS, NOT_NEGATORS_WORDS),
        (BREAKERS, BREAKERS_WORDS),
        (POST_NEGATORS, POST_NEGATORS_WORDS),
        (COMMANDS, COMMANDS_WORDS),
        (PAID, PAID_WORDS),
        (CONCRETE_TIME, CONCRETE_TIME_WORDS),
    ]
    .into_iter()
    .map(|(name, words)| (name, words.to_vec()))
    .collect()
}

/// The severity a category's rules get unless the author says otherwise: `error` for
/// what the platforms punish or what hurts the buyer, `warning` for wording to fix.
pub fn severity(c: PhraseCategory) -> PhraseSeverity {
    match c.current() {
        PhraseCategory::BlameBuyer
        | PhraseCategory::BlameOthers
        | PhraseCategory::VagueNoCommitment
        | PhraseCategory::OverPromiseArrival
        | PhraseCategory::CoerciveChoice => PhraseSeverity::Warning,
        _ => PhraseSeverity::Error,
    }
}

/// Whether a command (别/不要 …) before a match cancels it. Not for rudeness: a rude
/// word stays rude when the buyer is told to stop it ("别磨叽了", "不要烦我"), while
/// "我不嫌烦" still passes because 不 alone states, it does not command.
pub fn commands_negate(c: PhraseCategory) -> bool {
    c.current() != PhraseCategory::Rude
}

/// Whom a category's rules concern unless the author says otherwise: the practices
/// platforms punish and the promises made to buyers only concern buyers; rudeness,
/// blame, vagueness and fake dispatch concern every message.
pub fn audience(c: PhraseCategory) -> PhraseAudience {
    match c.current() {
        PhraseCategory::Rude
        | PhraseCategory::BlameOthers
        | PhraseCategory::VagueNoCommitment
        | PhraseCategory::FakeDispatch => PhraseAudience::All,
        _ => PhraseAudience::Buyer,
    }
}

/// Built-in exceptions of a category: (unless_before, unless_after, unless_reply_has).
pub fn exceptions(c: PhraseCategory) -> [Vec<&'static str>; 3] {
    const LIMIT: &str = "(上限|最多|最高|封顶|不能超过|不超过|超过|超出)……{数字}";
    match c.current() {
        PhraseCategory::VagueNoCommitment => [vec![], vec![], vec!["{具体时间}"]],
        PhraseCategory::RefuseCompensation => [vec![LIMIT], vec![LIMIT], vec![]],
        _ => [vec![], vec![], vec![]],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::pattern;

    // A broken built-in pattern would be dropped silently (authors cannot see it), so
    // every one must parse.
    #[test]
    fn every_builtin_pattern_parses() {
        for (name, items) in builtin_sets() {
            for item in items {
                assert!(pattern::parse(item).is_ok(), "{name}: {item}");
            }
        }
        for c in PhraseCategory::CURRENT {
            for list in exceptions(c) {
                for item in list {
                    assert!(pattern::parse(item).is_ok(), "{c:?}: {item}");
                }
            }
        }
    }
}
