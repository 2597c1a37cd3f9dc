//! The content model: what a YAML file under `playbooks/` may contain.
//!
//! A file is a mapping with any of the sections of [`ContentFile`]; all files of the
//! folder are merged, so authors may lay out content as they like (one playbook per
//! file, all templates in one file, …). The format is documented for content authors in
//! `docs/playbook-format.md`; `delaybook schema` prints it as JSON Schema.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use super::phrase_model::*;

/// One YAML file under `playbooks/`. Every section is optional.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ContentFile {
    /// Cause catalogue entries (why an order ships late).
    pub causes: Vec<Cause>,
    /// Playbooks: one scenario each, with steps, templates and anti-examples.
    pub playbooks: Vec<Playbook>,
    /// Reply templates with declared placeholders.
    pub templates: Vec<Template>,
    /// Phrases that must never be sent, with the reason and a better wording.
    pub phrase_rules: Vec<PhraseRule>,
    /// Named lists of words usable in phrase patterns as `{name}`.
    pub phrase_sets: BTreeMap<String, Vec<String>>,
    /// Defaults for every rule of a phrase category (severity, exceptions).
    pub phrase_categories: BTreeMap<PhraseCategory, CategorySettings>,
    /// The triage tree (questions leading to a playbook). At most one file may define it.
    pub triage: Option<Triage>,
    /// Checklists (prevention, daily routines).
    pub checklists: Vec<Checklist>,
    /// Quiz questions for training.
    pub quiz: Vec<QuizQuestion>,
    /// Search synonyms: words staff type mapped onto the words the content uses.
    pub synonyms: Vec<Synonym>,
    /// Platform rules (promise hours, compensation, correction windows …) as data, per
    /// platform, each with its source and the date it was last verified.
    pub platform_rules: Vec<super::rules::PlatformRules>,
    /// The training course around the playbooks: chapter goals, recaps, introductions
    /// and which playbooks each chapter teaches. At most one file may define it.
    pub course: Option<super::course::Course>,
    /// Terms a new hire has to learn (预售, 揽收 …), printed as the handbook's glossary.
    pub glossary: Vec<super::course::GlossaryEntry>,
}

/// Why an order ships late. `code` is also the value of `delay_cause` in orders.csv.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cause {
    /// Stable code, a slug: `stockout`, `logistics`, `wrong_tracking` …
    pub id: String,
    /// Short name shown everywhere, e.g. `缺货`.
    pub name: String,
    /// Other words staff write for this cause in an order export's cause column, e.g.
    /// `[断货, 没货]`; the id and `name` are always accepted.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// One sentence summary.
    #[serde(default)]
    pub summary: String,
    /// Markdown: what this cause is and how to recognise it.
    #[serde(default)]
    pub description: String,
    /// Typical triggers, one short line each.
    #[serde(default)]
    pub triggers: Vec<String>,
    /// The team that owns fixing it, e.g. `仓储` or `客服`.
    #[serde(default)]
    pub owner: String,
    /// Prevention items (Markdown, one line each).
    #[serde(default)]
    pub prevention: Vec<String>,
    /// Id of the playbook to follow when an order is late for this cause.
    pub playbook: String,
}

/// One scenario: when it applies, what to do by when, what to say and what never to say.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Playbook {
    /// Slug used in URLs: `out-of-stock-after-order`.
    pub id: String,
    /// Title, e.g. `下单后发现缺货`.
    pub title: String,
    /// The situation group this playbook is listed under on the home page, e.g. `缺货`.
    pub situation: String,
    /// One sentence summary shown in lists and search results.
    pub summary: String,
    /// Markdown: when this playbook applies (and when it does not).
    pub applies_when: String,
    /// Platform keys this playbook is for (`douyin`, `pinduoduo`, `taobao` …); empty = all.
    #[serde(default)]
    pub platforms: Vec<String>,
    /// Cause codes this playbook handles.
    #[serde(default)]
    pub causes: Vec<String>,
    /// The steps, in order, each with its deadline.
    pub steps: Vec<Step>,
    /// Ids of the reply templates used in this scenario.
    #[serde(default)]
    pub templates: Vec<String>,
    /// Bad replies next to the right way, with the reason.
    #[serde(default)]
    pub anti_examples: Vec<AntiExample>,
    /// Markdown: when and how to escalate.
    #[serde(default)]
    pub escalation: String,
    /// Ids of the checklists that prevent this scenario next time.
    #[serde(default)]
    pub checklists: Vec<String>,
    /// Playbook ids worth reading next.
    #[serde(default)]
    pub related: Vec<String>,
    /// Who keeps this playbook correct (a person or a role), shown on the page.
    #[serde(default)]
    pub owner: String,
    /// The date (`YYYY-MM-DD`) the owner last reviewed the playbook.
    #[serde(default)]
    pub reviewed: String,
    /// What changed at the last review, one sentence (optional).
    #[serde(default)]
    pub change_note: String,
}

/// One step of a playbook.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Optional slug, unique within the playbook, so text can link to the step as
    /// `[[step:playbook-id/step-id]]`.
    #[serde(default)]
    pub id: Option<String>,
    /// What to do, as a short imperative line: `通知买家`.
    pub title: String,
    /// Deadline, counted from `from`: `10m`, `1h`, `2h`, `24h`, `3d` (m = minutes,
    /// h = hours, d = days). Empty when the step has no deadline.
    #[serde(default)]
    pub deadline: Option<String>,
    /// What the deadline counts from, e.g. `发现缺货` or `买家确认退款`.
    #[serde(default)]
    pub from: Option<String>,
    /// Who does it, e.g. `客服`.
    #[serde(default)]
    pub owner: Option<String>,
    /// Markdown: how to do it.
    #[serde(default)]
    pub details: String,
    /// Ids of templates used in this step.
    #[serde(default)]
    pub templates: Vec<String>,
}

/// A bad reply, why it is bad, and what to say instead.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AntiExample {
    /// The bad reply, verbatim. `check` requires that a phrase rule catches it.
    pub bad: String,
    /// Markdown: why it is bad.
    pub why: String,
    /// The better reply.
    pub better: String,
}

/// Channels a reply template is sent through.
#[derive(
    Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The platform's buyer chat (抖店飞鸽, 拼多多客服, 千牛).
    Chat,
    /// A phone call script.
    Phone,
    /// A text message.
    Sms,
    /// A message to a supplier in chat or on the platform.
    SupplierMessage,
    /// An e-mail to a supplier.
    SupplierEmail,
    /// Text typed into a back-office form: a dispute statement for the platform, a
    /// public reply to a review.
    PlatformForm,
}

/// A reply template: text with `{{placeholder}}` markers, each declared below.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Slug used in URLs and references.
    pub id: String,
    /// Title shown in the library.
    pub title: String,
    /// Where it is sent.
    pub channel: Channel,
    /// The tone, e.g. `诚恳致歉` or `礼貌坚定`.
    #[serde(default)]
    pub tone: String,
    /// Platform keys this template is for; empty = all.
    #[serde(default)]
    pub platforms: Vec<String>,
    /// When to use it, one sentence.
    #[serde(default)]
    pub use_when: String,
    /// The placeholders the text uses.
    #[serde(default)]
    pub placeholders: Vec<Placeholder>,
    /// The text. `{{name}}` is replaced by the placeholder `name`.
    pub text: String,
}

/// The kind of value a placeholder takes; the site shows a matching form field.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum PlaceholderKind {
    /// Free text.
    #[default]
    Text,
    /// A date (date picker).
    Date,
    /// An amount of money (number field).
    Money,
    /// A whole number.
    Number,
    /// An order number.
    OrderId,
}

/// One declared placeholder of a template.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Placeholder {
    /// The name used in the text as `{{name}}`: letters, digits and `_`.
    pub name: String,
    /// The form label, e.g. `预计发货日期`.
    pub label: String,
    /// The value type.
    #[serde(default)]
    pub kind: PlaceholderKind,
    /// An example value, shown greyed out in the form.
    #[serde(default)]
    pub example: String,
}

/// The triage helper: questions whose answers lead to a playbook.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Triage {
    /// Id of the first question.
    pub start: String,
    /// The questions.
    pub nodes: Vec<TriageNode>,
}

/// One question of the triage tree.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TriageNode {
    /// Slug.
    pub id: String,
    /// The question, e.g. `订单已经发货了吗？`.
    pub question: String,
    /// Markdown: how to find the answer (where to look in the back office).
    #[serde(default)]
    pub help: String,
    /// The possible answers; at least two.
    pub answers: Vec<TriageAnswer>,
}

/// An answer leads either to another question (`next`) or to a playbook (`playbook`),
/// and then possibly to the exact step to do now and the reply to send.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TriageAnswer {
    /// The answer's label, e.g. `已发货`.
    pub label: String,
    /// Id of the next question.
    #[serde(default)]
    pub next: Option<String>,
    /// Id of the playbook this answer ends at.
    #[serde(default)]
    pub playbook: Option<String>,
    /// Id of the step of `playbook` to start at (the step needs an `id`).
    #[serde(default)]
    pub step: Option<String>,
    /// Id of a template of `playbook` to send now; its form opens on arrival.
    #[serde(default)]
    pub template: Option<String>,
}

/// A tickable checklist.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    /// Slug.
    pub id: String,
    /// Title, e.g. `每日库存检查`.
    pub title: String,
    /// How often, e.g. `每天开工前`.
    #[serde(default)]
    pub cadence: String,
    /// When the ticks on the site are cleared: `daily`, `weekly` (Monday), `monthly`
    /// (the 1st) or `never` (default; ticks stay until cleared by hand).
    #[serde(default)]
    pub reset: Option<ResetPeriod>,
    /// Items (Markdown, one line each).
    pub items: Vec<String>,
}

/// When the ticks of a checklist start again from empty.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum ResetPeriod {
    /// Every day (local midnight).
    Daily,
    /// Every week (Monday, local time).
    Weekly,
    /// Every month (the 1st, local time).
    Monthly,
    /// Never: ticks stay until cleared by hand.
    #[default]
    Never,
}

impl ResetPeriod {
    /// The key as written in YAML and read by the checklist script.
    pub fn key(self) -> &'static str {
        match self {
            ResetPeriod::Daily => "daily",
            ResetPeriod::Weekly => "weekly",
            ResetPeriod::Monthly => "monthly",
            ResetPeriod::Never => "never",
        }
    }
}

/// What a quiz question asks for.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum QuizKind {
    /// Pick the right text among the choices.
    #[default]
    Choice,
    /// "Which playbook applies?": `choices` and `answer` are playbook ids, shown as
    /// the playbooks' titles.
    Scenario,
}

/// A multiple-choice quiz question. Choices may be stored in any order: the site shows
/// them in a deterministic shuffle seeded by the question id.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuizQuestion {
    /// Slug.
    pub id: String,
    /// `choice` (default) or `scenario` (which playbook applies?).
    #[serde(default)]
    pub kind: QuizKind,
    /// The playbook this question tests (optional; a scenario question tests its answer).
    #[serde(default)]
    pub playbook: Option<String>,
    /// The question.
    pub question: String,
    /// The choices, at least two (playbook ids for a scenario question).
    pub choices: Vec<String>,
    /// The right choice, written exactly as in `choices`.
    pub answer: String,
    /// Markdown: why that answer is right.
    pub explanation: String,
    /// Show the choices in the stored order instead of shuffled (for choices that
    /// read as a sequence, e.g. `10分钟 / 1小时 / 24小时`). Default `true`.
    #[serde(default = "shuffle_by_default")]
    pub shuffle: bool,
}

fn shuffle_by_default() -> bool {
    true
}

impl QuizQuestion {
    /// The playbook the question is about: its `playbook`, or for a scenario question
    /// its answer.
    pub fn about(&self) -> Option<&str> {
        self.playbook.as_deref().or(match self.kind {
            QuizKind::Scenario => Some(self.answer.as_str()),
            QuizKind::Choice => None,
        })
    }
}

/// Words staff type, mapped onto the word the content uses.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Synonym {
    /// The word the content uses, e.g. `退款`.
    pub word: String,
    /// What staff type instead, e.g. `[退钱, 退费]`.
    pub variants: Vec<String>,
}
