//! View models: the content reshaped for the templates (looked-up titles, readable
//! deadlines, form field types), so templates stay free of logic.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Renderer;
use crate::config::Config;
use crate::playbooks::model::{Channel, PlaceholderKind, Playbook, Step, Template};
use crate::validate::Content;

/// A link to another entry: id, title and its URL relative to the site root.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// The entry id.
    pub id: String,
    /// The text of the link.
    pub title: String,
    /// The target, relative to the site root (prefix with `root` in templates).
    pub href: String,
}

/// One step of a playbook's timeline.
#[derive(Debug, Clone, Serialize)]
pub struct StepView<'a> {
    /// The step itself.
    pub step: &'a Step,
    /// Its anchor on the page: `step-<id>` for a step with an id, else `step-<n>`.
    pub anchor: String,
    /// The readable deadline (`发现缺货后 2 小时内`), if the step has one.
    pub deadline: Option<String>,
    /// Templates used in this step.
    pub templates: Vec<LinkView>,
}

/// One form field of a template.
#[derive(Debug, Clone, Serialize)]
pub struct FieldView<'a> {
    /// Placeholder name as used in the text.
    pub name: &'a str,
    /// Form label.
    pub label: &'a str,
    /// Example value.
    pub example: &'a str,
    /// The `<input type>`: `date`, `number` or `text`.
    pub input_type: &'static str,
    /// `step` for number fields (`0.01` for money, `1` otherwise).
    pub step: &'static str,
    /// Filled in once for every template (config `shared_placeholders`) and
    /// remembered in the browser.
    pub shared: bool,
}

/// A shared placeholder used on a page, for the "我的信息" panel: the first template's
/// label and input type.
#[derive(Debug, Clone, Serialize)]
pub struct SharedField<'a> {
    /// Placeholder name.
    pub name: &'a str,
    /// Label.
    pub label: &'a str,
    /// Example value.
    pub example: &'a str,
    /// `<input type>`.
    pub input_type: &'static str,
}

/// The shared placeholders the templates of a page use, each once, in page order.
pub fn shared_fields<'a>(views: &[TemplateView<'a>]) -> Vec<SharedField<'a>> {
    let mut out: Vec<SharedField<'a>> = Vec::new();
    for f in views
        .iter()
        .flat_map(|v| v.fields.iter())
        .filter(|f| f.shared)
    {
        if !out.iter().any(|x| x.name == f.name) {
            out.push(SharedField {
                name: f.name,
                label: f.label,
                example: f.example,
                input_type: f.input_type,
            });
        }
    }
    out
}

/// A reply template with everything its card and fill form need.
#[derive(Debug, Clone, Serialize)]
pub struct TemplateView<'a> {
    /// The template.
    pub tpl: &'a Template,
    /// The channel's key (`chat`, `sms` …), used by the filters.
    pub channel: &'static str,
    /// The channel's label in the interface language.
    pub channel_label: String,
    /// Form fields, one per placeholder.
    pub fields: Vec<FieldView<'a>>,
    /// Platform display names (empty = all platforms).
    pub platforms: Vec<String>,
    /// Platform keys (for the filter).
    pub platform_keys: Vec<String>,
    /// Situations of the playbooks that use it (for the scenario filter).
    pub scenarios: Vec<String>,
    /// Playbooks that use it.
    pub used_by: Vec<LinkView>,
    /// The text with platform-rule values filled in (what is previewed and copied).
    pub text: String,
    /// The platform rules the text quotes, shown under the card with their dates.
    pub rules: Vec<super::refs::RuleShown>,
}

/// The key of a channel, as written in YAML.
pub fn channel_key(c: Channel) -> &'static str {
    match c {
        Channel::Chat => "chat",
        Channel::Phone => "phone",
        Channel::Sms => "sms",
        Channel::SupplierMessage => "supplier_message",
        Channel::SupplierEmail => "supplier_email",
        Channel::PlatformForm => "platform_form",
    }
}

/// The display name of a platform key (from `platforms.<key>.name`, else the key).
pub fn platform_name(config: &Config, key: &str) -> String {
    config
        .platforms
        .get(key)
        .map(|p| p.name.clone())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| key.to_string())
}

/// Link to a playbook page.
pub fn playbook_link(p: &Playbook) -> LinkView {
    LinkView {
        id: p.id.clone(),
        title: p.title.clone(),
        href: format!("playbooks/{}.html", p.id),
    }
}

/// Link to a template's anchor in the library.
pub fn template_link(t: &Template) -> LinkView {
    LinkView {
        id: t.id.clone(),
        title: t.title.clone(),
        href: format!("templates.html#tpl-{}", t.id),
    }
}

/// Which playbooks use each template (in `templates` or a step), computed once per
/// build: asking [`Content::playbooks_using_template`] per template scans every playbook,
/// which is quadratic over a large site.
#[derive(Debug, Default)]
pub struct TemplateUsage<'a> {
    by_template: BTreeMap<&'a str, Vec<&'a Playbook>>,
}

impl<'a> TemplateUsage<'a> {
    /// Indexes every playbook of `content`.
    pub fn new(content: &'a Content) -> Self {
        let mut by_template: BTreeMap<&'a str, Vec<&'a Playbook>> = BTreeMap::new();
        for p in &content.playbooks {
            for id in crate::validate::template_ids(p) {
                by_template.entry(id).or_default().push(p);
            }
        }
        TemplateUsage { by_template }
    }

    /// The playbooks using template `id`, in content order.
    pub fn users(&self, id: &str) -> &[&'a Playbook] {
        self.by_template.get(id).map_or(&[], Vec::as_slice)
    }
}

/// Builds the view of template `t`.
pub fn template_view<'a>(
    t: &'a Template,
    usage: &TemplateUsage<'_>,
    config: &Config,
    r: &Renderer,
) -> TemplateView<'a> {
    let users = usage.users(&t.id);
    let mut scenarios: Vec<String> = Vec::new();
    for p in users {
        if !scenarios.contains(&p.situation) {
            scenarios.push(p.situation.clone());
        }
    }
    let channel = channel_key(t.channel);
    let refs = r.refs();
    TemplateView {
        text: refs.plain(t.text.trim()),
        rules: refs.rules_in(&t.text).into_iter().cloned().collect(),
        tpl: t,
        channel,
        channel_label: r.t(&format!("channel_{channel}")).to_string(),
        fields: t
            .placeholders
            .iter()
            .map(|p| field_view(p, config.shared_placeholders.contains(&p.name)))
            .collect(),
        platforms: t
            .platforms
            .iter()
            .map(|k| platform_name(config, k))
            .collect(),
        platform_keys: t.platforms.clone(),
        scenarios,
        used_by: users.iter().map(|p| playbook_link(p)).collect(),
    }
}

fn field_view(p: &crate::playbooks::model::Placeholder, shared: bool) -> FieldView<'_> {
    let (input_type, step) = match p.kind {
        PlaceholderKind::Date => ("date", ""),
        PlaceholderKind::Money => ("number", "0.01"),
        PlaceholderKind::Number => ("number", "1"),
        PlaceholderKind::Text | PlaceholderKind::OrderId => ("text", ""),
    };
    FieldView {
        name: &p.name,
        label: &p.label,
        example: &p.example,
        input_type,
        step,
        shared,
    }
}

/// Builds the timeline view of a playbook's steps.
pub fn step_views<'a>(p: &'a Playbook, content: &Content, r: &Renderer) -> Vec<StepView<'a>> {
    p.steps
        .iter()
        .enumerate()
        .map(|(i, s)| StepView {
            step: s,
            anchor: step_anchor(s, i),
            deadline: s
                .deadline
                .as_deref()
                .and_then(|d| human_deadline(d, s.from.as_deref(), r)),
            templates: s
                .templates
                .iter()
                .filter_map(|id| content.template(id))
                .map(template_link)
                .collect(),
        })
        .collect()
}

/// The anchor of step `i` (0-based) of a playbook page: `step-<id>`, else `step-<i+1>`.
pub fn step_anchor(s: &Step, i: usize) -> String {
    match &s.id {
        Some(id) => format!("step-{id}"),
        None => format!("step-{}", i + 1),
    }
}

/// `2h` + `发现缺货` → `发现缺货后 2 小时内` (zh-CN) / `within 2 h of 发现缺货` (en).
pub fn human_deadline(deadline: &str, from: Option<&str>, r: &Renderer) -> Option<String> {
    let t = deadline.trim();
    let split = t.find(|c: char| c.is_alphabetic())?;
    let (num, unit) = t.split_at(split);
    let n: f64 = num.trim().parse().ok().filter(|n: &f64| n.is_finite())?;
    let unit_key = match unit.trim() {
        "m" | "min" => "unit_minutes",
        "h" => "unit_hours",
        "d" if n == 1.0 => "unit_day",
        "d" => "unit_days",
        _ => return None,
    };
    let d = format!("{} {}", num.trim(), r.t(unit_key));
    Some(match from.map(str::trim).filter(|f| !f.is_empty()) {
        Some(f) => r
            .t("pb_within_from")
            .replace("{from}", f)
            .replace("{d}", &d),
        None => r.t("pb_within").replace("{d}", &d),
    })
}

/// Template text and placeholders, keyed by template id, for `js/templates.js`.
pub fn template_data<'a>(views: &[TemplateView<'a>]) -> BTreeMap<&'a str, TemplateData<'a>> {
    views
        .iter()
        .map(|v| {
            (
                v.tpl.id.as_str(),
                TemplateData {
                    text: v.text.clone(),
                    placeholders: v.fields.iter().map(|f| (f.name, f.label)).collect(),
                },
            )
        })
        .collect()
}

/// What the fill form script needs about one template.
#[derive(Debug, Clone, Serialize)]
pub struct TemplateData<'a> {
    /// The text with `{{name}}` markers (platform-rule values already filled in).
    pub text: String,
    /// Placeholder name → label, in declaration order.
    pub placeholders: Vec<(&'a str, &'a str)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Language;
    use crate::theme::Theme;

    fn renderer(lang: Language) -> Renderer {
        let mut config = Config::default();
        config.site.language = lang;
        Renderer::from_theme(Theme::embedded(), &config).unwrap()
    }

    // The timeline shows deadlines as staff say them, not as `2h`.
    #[test]
    fn deadlines_read_naturally_in_both_languages() {
        let zh = renderer(Language::ZhCn);
        assert_eq!(
            human_deadline("2h", Some("发现缺货"), &zh).as_deref(),
            Some("发现缺货后 2 小时内")
        );
        assert_eq!(human_deadline("1d", None, &zh).as_deref(), Some("1 天内"));
        assert_eq!(
            human_deadline("1.5h", None, &zh).as_deref(),
            Some("1.5 小时内")
        );
        let en = renderer(Language::En);
        assert_eq!(
            human_deadline("10m", Some("the call"), &en).as_deref(),
            Some("within 10 min of the call")
        );
        assert_eq!(
            human_deadline("3d", None, &en).as_deref(),
            Some("within 3 days")
        );
        assert_eq!(human_deadline("soon", None, &en), None);
    }
}
