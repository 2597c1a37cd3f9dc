//! The phrase-rule part of the content model: rules, their categories and severities,
//! named word sets and per-category defaults. The pattern syntax inside `phrases`,
//! `unless_*` and the sets is parsed and checked by [`crate::lint`]; the authors' guide
//! is section 6 of `docs/playbook-format.md`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What kind of problem a phrase rule finds. The first fifteen are the current list;
/// the last five are the names of an older format, still read with a warning.
#[derive(
    Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "snake_case")]
pub enum PhraseCategory {
    /// Rude, impatient or dismissive (to a buyer or a supplier).
    Rude,
    /// Blames the buyer.
    BlameBuyer,
    /// Pushes the responsibility onto the carrier, the supplier, the platform or a system.
    BlameOthers,
    /// Vague, with no concrete time, date or action.
    VagueNoCommitment,
    /// Promises an arrival time the shop does not control.
    OverPromiseArrival,
    /// Promises more compensation than the platform rule allows.
    OverPromiseCompensation,
    /// Refuses a compensation the platform rule grants.
    RefuseCompensation,
    /// Forces the buyer into one option (wait, substitute), or blocks the refund.
    CoerciveChoice,
    /// Moves the conversation or the money off the platform (WeChat, QQ, phone, Alipay).
    OffPlatformContact,
    /// Rewards a good review (好评返现, 晒图返红包).
    ReviewManipulation,
    /// Asks the buyer to cancel the order.
    InduceCancel,
    /// Tells the buyer which refund reason to pick.
    RefundReasonSteering,
    /// Makes a remedy depend on a review or a withdrawn complaint.
    ConditionalRemedy,
    /// Threatens the buyer.
    ThreatenBuyer,
    /// Marks an order as shipped before the goods leave (空包, 先填单号).
    FakeDispatch,
    /// Old name of `vague_no_commitment`.
    Vague,
    /// Old name of `blame_others` (or `blame_buyer`).
    BlameShifting,
    /// Old name of `coercive_choice`.
    Coercive,
    /// Old name, now part of `vague_no_commitment`.
    Perfunctory,
    /// Old name of `over_promise_arrival` (or `over_promise_compensation`).
    OverPromise,
}

impl PhraseCategory {
    /// The current categories, in the order pages list them.
    pub const CURRENT: [PhraseCategory; 15] = [
        PhraseCategory::OffPlatformContact,
        PhraseCategory::ReviewManipulation,
        PhraseCategory::InduceCancel,
        PhraseCategory::RefundReasonSteering,
        PhraseCategory::ConditionalRemedy,
        PhraseCategory::ThreatenBuyer,
        PhraseCategory::FakeDispatch,
        PhraseCategory::Rude,
        PhraseCategory::RefuseCompensation,
        PhraseCategory::OverPromiseCompensation,
        PhraseCategory::BlameBuyer,
        PhraseCategory::BlameOthers,
        PhraseCategory::CoerciveChoice,
        PhraseCategory::OverPromiseArrival,
        PhraseCategory::VagueNoCommitment,
    ];

    /// The current category an old name maps to; itself for a current one.
    pub fn current(self) -> PhraseCategory {
        match self {
            PhraseCategory::Vague | PhraseCategory::Perfunctory => {
                PhraseCategory::VagueNoCommitment
            }
            PhraseCategory::BlameShifting => PhraseCategory::BlameOthers,
            PhraseCategory::Coercive => PhraseCategory::CoerciveChoice,
            PhraseCategory::OverPromise => PhraseCategory::OverPromiseArrival,
            c => c,
        }
    }

    /// The YAML spelling, e.g. `off_platform_contact`.
    pub fn key(self) -> &'static str {
        match self {
            PhraseCategory::Rude => "rude",
            PhraseCategory::BlameBuyer => "blame_buyer",
            PhraseCategory::BlameOthers => "blame_others",
            PhraseCategory::VagueNoCommitment => "vague_no_commitment",
            PhraseCategory::OverPromiseArrival => "over_promise_arrival",
            PhraseCategory::OverPromiseCompensation => "over_promise_compensation",
            PhraseCategory::RefuseCompensation => "refuse_compensation",
            PhraseCategory::CoerciveChoice => "coercive_choice",
            PhraseCategory::OffPlatformContact => "off_platform_contact",
            PhraseCategory::ReviewManipulation => "review_manipulation",
            PhraseCategory::InduceCancel => "induce_cancel",
            PhraseCategory::RefundReasonSteering => "refund_reason_steering",
            PhraseCategory::ConditionalRemedy => "conditional_remedy",
            PhraseCategory::ThreatenBuyer => "threaten_buyer",
            PhraseCategory::FakeDispatch => "fake_dispatch",
            PhraseCategory::Vague => "vague",
            PhraseCategory::BlameShifting => "blame_shifting",
            PhraseCategory::Coercive => "coercive",
            PhraseCategory::Perfunctory => "perfunctory",
            PhraseCategory::OverPromise => "over_promise",
        }
    }
}

/// How bad a finding is.
#[derive(
    Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum PhraseSeverity {
    /// Rewrite before sending.
    Warning,
    /// Never send: the platform punishes it or it hurts the buyer.
    Error,
}

/// Who a reply is for. Some rules only concern buyers: a supplier message may well
/// carry a WeChat id or a phone number.
#[derive(
    Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum PhraseAudience {
    /// Every reply.
    All,
    /// Replies to buyers (chat, phone, SMS).
    Buyer,
    /// Messages to suppliers.
    Supplier,
}

/// A phrase rule: any of `phrases` in a reply is a finding, unless an exception applies.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PhraseRule {
    /// Slug.
    pub id: String,
    /// Which kind of problem.
    pub category: PhraseCategory,
    /// `error` (never send) or `warning` (rewrite); default: the category's.
    #[serde(default)]
    pub severity: Option<PhraseSeverity>,
    /// Whom the rule concerns: `all`, `buyer` or `supplier`; default: the category's.
    #[serde(default)]
    pub audience: Option<PhraseAudience>,
    /// Patterns: plain text, `(a|b)` alternatives, `{set}` word sets, `…` a short gap
    /// in the same clause, `……` a gap in the same sentence (see docs/playbook-format.md).
    pub phrases: Vec<String>,
    /// Whether a negation just before (不/没/别/不用/不会 …) cancels a match; default:
    /// the category's (on for every built-in category).
    #[serde(default)]
    pub negation: Option<bool>,
    /// A match is cancelled when one of these occurs earlier in the same sentence.
    #[serde(default)]
    pub unless_before: Vec<String>,
    /// A match is cancelled when one of these occurs later in the same sentence.
    #[serde(default)]
    pub unless_after: Vec<String>,
    /// The rule does not fire at all when the reply contains one of these anywhere.
    #[serde(default)]
    pub unless_reply_has: Vec<String>,
    /// Why it must not be sent.
    pub reason: String,
    /// What to say instead.
    pub better: String,
    /// Replies the rule must flag and replies it must let pass; `check` runs them.
    #[serde(default)]
    pub examples: PhraseExamples,
}

/// A rule's own test cases.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct PhraseExamples {
    /// Replies this rule must flag.
    pub flag: Vec<String>,
    /// Replies this rule must not flag (negations, limits, look-alikes).
    pub pass: Vec<String>,
}

/// Defaults for every rule of one category; a rule's own fields add to them.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct CategorySettings {
    /// Severity of the category's rules.
    pub severity: Option<PhraseSeverity>,
    /// Whom the category's rules concern.
    pub audience: Option<PhraseAudience>,
    /// Whether negations cancel matches.
    pub negation: Option<bool>,
    /// Exceptions earlier in the same sentence.
    pub unless_before: Vec<String>,
    /// Exceptions later in the same sentence.
    pub unless_after: Vec<String>,
    /// Exceptions anywhere in the reply.
    pub unless_reply_has: Vec<String>,
}

impl PhraseRule {
    /// The pattern written at `field[item]` (`phrases`, `unless_before`, …).
    pub fn pattern_at(&self, field: &str, item: usize) -> Option<String> {
        let list = match field {
            "phrases" => &self.phrases,
            "unless_before" => &self.unless_before,
            "unless_after" => &self.unless_after,
            "unless_reply_has" => &self.unless_reply_has,
            _ => return None,
        };
        list.get(item).cloned()
    }
}
