//! Rendering the tags of content text (see [`crate::validate::tags`]): a
//! cross-reference becomes a link whose text is the entry's Chinese title, a rule tag
//! becomes the rule's value followed by "以商家后台最新规则为准，最后核对：…", linked to
//! the rule on `rules.html`.
//!
//! [`Refs`] is built once per render from the validated content; the Markdown filters
//! and the views ask it for HTML (with `root`, the page's way back to the site root)
//! or plain text (reply templates, where the buyer reads the value only).

use std::collections::BTreeMap;

use serde::Serialize;

use super::escape_html;
use crate::config::Config;
use crate::playbooks::rules::{RuleEntry, RuleUnit, RuleValue, format_number};
use crate::validate::Content;
use crate::validate::tags::{RefKind, Tag, TagAt, scan};

/// A resolved cross-reference target.
#[derive(Debug, Clone)]
struct Target {
    text: String,
    href: String,
}

/// One platform rule as the pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct RuleShown {
    /// Anchor on `rules.html` and in the handbook: `pr-<platform>-<key>`.
    pub anchor: String,
    /// Platform key.
    pub platform_key: String,
    /// Platform display name.
    pub platform: String,
    /// Rule key.
    pub key: String,
    /// What the rule is.
    pub name: String,
    /// The value as read: `48小时`, `5%`, `30元` or the sentence.
    pub value: String,
    /// Where it comes from.
    pub source: String,
    /// When it was last checked.
    pub verified_on: String,
    /// Who checks it.
    pub owner: String,
}

/// Interface strings the tags need.
#[derive(Debug, Clone, Default)]
pub struct RefStrings {
    /// `以商家后台最新规则为准，最后核对：{date}`.
    pub note: String,
    /// Unit words: hours, days.
    pub hours: String,
    /// Days.
    pub days: String,
    /// List separator (`、`).
    pub sep: String,
}

/// Everything a tag can resolve to.
#[derive(Debug, Clone, Default)]
pub struct Refs {
    targets: BTreeMap<(RefKind, String), Target>,
    rules: BTreeMap<(String, String), RuleShown>,
    order: Vec<(String, String)>,
    strings: RefStrings,
}

/// Display name of a platform key: its configured name, the built-in Chinese name of
/// the four built-in keys, else the key.
pub fn platform_display(config: &Config, key: &str) -> String {
    let configured = config.platform_name(key);
    if configured != key {
        return configured.to_string();
    }
    match key {
        "douyin" => "抖音",
        "tiktok_shop" => "TikTok Shop",
        "pinduoduo" => "拼多多",
        "taobao" => "淘宝",
        other => other,
    }
    .to_string()
}

impl Refs {
    /// Resolves every entry and rule of `content`.
    pub fn new(content: &Content, config: &Config, strings: RefStrings) -> Refs {
        let mut refs = Refs {
            strings,
            ..Refs::default()
        };
        let quoted = |t: &str| format!("“{t}”");
        let booked = |t: &str| format!("《{t}》");
        for p in &content.playbooks {
            let href = format!("playbooks/{}.html", p.id);
            refs.add(RefKind::Playbook, &p.id, booked(&p.title), href.clone());
            for s in &p.steps {
                if let Some(id) = &s.id {
                    let target = format!("{}/{id}", p.id);
                    let href = format!("{href}#step-{id}");
                    refs.add(RefKind::Step, &target, quoted(&s.title), href);
                }
            }
        }
        for t in &content.templates {
            let href = format!("templates.html#tpl-{}", t.id);
            refs.add(RefKind::Template, &t.id, quoted(&t.title), href);
        }
        for c in &content.checklists {
            let href = format!("checklists.html#cl-{}", c.id);
            refs.add(RefKind::Checklist, &c.id, booked(&c.title), href);
        }
        for c in &content.causes {
            let href = format!("causes/{}.html", c.id);
            refs.add(RefKind::Cause, &c.id, quoted(&c.name), href);
        }
        for set in &content.platform_rules {
            for r in &set.rules {
                let owner = if r.owner.is_empty() {
                    &set.owner
                } else {
                    &r.owner
                };
                let shown = refs.shown(config, &set.platform, r, owner);
                let id = (set.platform.clone(), r.key.clone());
                if !refs.rules.contains_key(&id) {
                    refs.order.push(id.clone());
                    refs.rules.insert(id, shown);
                }
            }
        }
        refs
    }

    fn add(&mut self, kind: RefKind, id: &str, text: String, href: String) {
        self.targets
            .entry((kind, id.to_string()))
            .or_insert(Target { text, href });
    }

    fn shown(&self, config: &Config, platform: &str, r: &RuleEntry, owner: &str) -> RuleShown {
        let value = match (&r.value, r.unit) {
            (RuleValue::Text(t), _) => t.clone(),
            (RuleValue::Number(n), unit) => {
                let n = format_number(*n);
                match unit {
                    RuleUnit::Hours => format!("{n}{}", self.strings.hours),
                    RuleUnit::Days => format!("{n}{}", self.strings.days),
                    RuleUnit::Percent => format!("{n}%"),
                    RuleUnit::Yuan => format!("{n}元"),
                    RuleUnit::Text => n,
                }
            }
        };
        RuleShown {
            anchor: format!("pr-{platform}-{}", r.key),
            platform_key: platform.to_string(),
            platform: platform_display(config, platform),
            key: r.key.clone(),
            name: r.name.clone(),
            value,
            source: r.source.clone(),
            verified_on: r.verified_on.clone(),
            owner: owner.to_string(),
        }
    }

    /// Every rule, grouped by platform in content order.
    pub fn all_rules(&self) -> Vec<&RuleShown> {
        self.order
            .iter()
            .filter_map(|id| self.rules.get(id))
            .collect()
    }

    /// The rules a tag stands for (one, or every platform's for `{{rule:key}}`).
    fn rules_of(&self, platform: Option<&str>, key: &str) -> Vec<&RuleShown> {
        self.order
            .iter()
            .filter(|(p, k)| k == key && platform.is_none_or(|x| x == p))
            .filter_map(|id| self.rules.get(id))
            .collect()
    }

    /// The rules used by the tags of `text`, each once, in order of use.
    pub fn rules_in(&self, text: &str) -> Vec<&RuleShown> {
        let mut out: Vec<&RuleShown> = Vec::new();
        for t in scan(text) {
            if let Tag::Rule { platform, key } = t.tag {
                for r in self.rules_of(platform, key) {
                    if !out.iter().any(|x| x.anchor == r.anchor) {
                        out.push(r);
                    }
                }
            }
        }
        out
    }

    /// The value a rule tag reads as, without the note: `48小时`, or
    /// `淘宝 48小时、拼多多 48小时` for every platform.
    fn rule_value(&self, platform: Option<&str>, key: &str) -> Option<String> {
        let rules = self.rules_of(platform, key);
        if rules.is_empty() {
            return None;
        }
        Some(match platform {
            Some(_) => rules[0].value.clone(),
            None => rules
                .iter()
                .map(|r| format!("{} {}", r.platform, r.value))
                .collect::<Vec<_>>()
                .join(&self.strings.sep),
        })
    }

    /// `text` with every tag replaced by plain text: titles for references, values for
    /// rules. Used for reply text and anywhere HTML cannot go.
    pub fn plain(&self, text: &str) -> String {
        self.replace(text, &|t| self.tag_plain(t), &|s| s.to_string())
    }

    fn tag_plain(&self, t: &TagAt<'_>) -> String {
        match &t.tag {
            Tag::Ref {
                kind,
                target,
                label,
            } => label.map(str::to_string).unwrap_or_else(|| {
                self.targets
                    .get(&(*kind, target.to_string()))
                    .map_or_else(|| t.raw.to_string(), |x| x.text.clone())
            }),
            Tag::Rule { platform, key } => self
                .rule_value(*platform, key)
                .unwrap_or_else(|| t.raw.to_string()),
            Tag::Malformed { .. } => t.raw.to_string(),
        }
    }

    /// HTML for one tag: a link, or the value with its note. `root` leads back to the
    /// site root from the current page; without `links`, no `<a>` is produced (for
    /// text that is itself inside a link).
    pub fn tag_html(&self, t: &TagAt<'_>, root: &str, links: bool) -> String {
        match &t.tag {
            Tag::Ref {
                kind,
                target,
                label,
            } => {
                let Some(x) = self.targets.get(&(*kind, target.to_string())) else {
                    return escape_html(t.raw);
                };
                let text = escape_html(label.unwrap_or(&x.text));
                if links {
                    format!(
                        "<a class=\"xref\" href=\"{}{}\">{text}</a>",
                        escape_html(root),
                        escape_html(&x.href)
                    )
                } else {
                    text
                }
            }
            Tag::Rule { platform, key } => self.rule_html(*platform, key, root, links, t.raw),
            Tag::Malformed { .. } => escape_html(t.raw),
        }
    }

    fn rule_html(
        &self,
        platform: Option<&str>,
        key: &str,
        root: &str,
        links: bool,
        raw: &str,
    ) -> String {
        let rules = self.rules_of(platform, key);
        let (Some(value), Some(first)) = (self.rule_value(platform, key), rules.first()) else {
            return escape_html(raw);
        };
        let oldest = rules.iter().map(|r| r.verified_on.as_str()).min();
        let note = self.strings.note.replace("{date}", oldest.unwrap_or(""));
        let note = if links {
            format!(
                "<a href=\"{}rules.html#{}\">{}</a>",
                escape_html(root),
                escape_html(&first.anchor),
                escape_html(&note)
            )
        } else {
            escape_html(&note)
        };
        let title = escape_html(&format!("{}·{}", first.platform, first.name));
        format!(
            "<span class=\"rule\" title=\"{title}\">{}</span><span class=\"rule-note\">（{note}）</span>",
            escape_html(&value)
        )
    }

    /// `text` with every tag replaced by readable text passed through `esc`: titles for
    /// references, values with their "check the back office" note for rules. The rest
    /// of `text` is kept as written (for Markdown output, where `esc` escapes the
    /// inserted words).
    pub fn text_with_notes(&self, text: &str, esc: &dyn Fn(&str) -> String) -> String {
        self.replace(
            text,
            &|t| match &t.tag {
                Tag::Rule { platform, key } => {
                    let rules = self.rules_of(*platform, key);
                    match self.rule_value(*platform, key) {
                        Some(value) => {
                            let oldest = rules.iter().map(|r| r.verified_on.as_str()).min();
                            let note = self.strings.note.replace("{date}", oldest.unwrap_or(""));
                            esc(&format!("{value}（{note}）"))
                        }
                        None => esc(t.raw),
                    }
                }
                _ => esc(&self.tag_plain(t)),
            },
            &|s| s.to_string(),
        )
    }

    /// Plain text with tags, as escaped HTML with links and rule notes.
    pub fn html(&self, text: &str, root: &str, links: bool) -> String {
        self.replace(text, &|t| self.tag_html(t, root, links), &escape_html)
    }

    fn replace(
        &self,
        text: &str,
        tag: &dyn Fn(&TagAt<'_>) -> String,
        other: &dyn Fn(&str) -> String,
    ) -> String {
        let mut out = String::with_capacity(text.len() + 16);
        let mut last = 0;
        for t in scan(text) {
            out.push_str(&other(&text[last..t.range.start]));
            out.push_str(&tag(&t));
            last = t.range.end;
        }
        out.push_str(&other(&text[last..]));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playbooks::model::ContentFile;
    use crate::validate::content_from_files;

    fn refs() -> Refs {
        let yaml = r#"
playbooks:
  - id: oos
    title: 下单后发现缺货
    situation: 缺货
    summary: s
    applies_when: a
    steps:
      - id: notify
        title: 主动告知买家
platform_rules:
  - platform: taobao
    owner: 运营
    rules:
      - key: promise_hours
        name: 承诺发货时间
        value: 48
        unit: hours
        source: 后台
        verified_on: 2026-11-02
  - platform: pinduoduo
    rules:
      - key: promise_hours
        name: 承诺发货时间
        value: 72
        unit: hours
        source: 后台
        verified_on: 2026-10-01
"#;
        let file: ContentFile = serde_saphyr::from_str(yaml).unwrap();
        let content = content_from_files([file]);
        let strings = RefStrings {
            note: "以商家后台最新规则为准，最后核对：{date}".into(),
            hours: "小时".into(),
            days: "天".into(),
            sep: "、".into(),
        };
        Refs::new(&content, &Config::default(), strings)
    }

    // References read as titles, never as ids, and link from any folder depth.
    #[test]
    fn references_become_titled_links() {
        let r = refs();
        let html = r.html("看[[playbook:oos]]的[[step:oos/notify]]。", "../", true);
        assert_eq!(
            html,
            "看<a class=\"xref\" href=\"../playbooks/oos.html\">《下单后发现缺货》</a>的<a class=\"xref\" href=\"../playbooks/oos.html#step-notify\">“主动告知买家”</a>。"
        );
        assert_eq!(r.plain("按[[playbook:oos|缺货流程]]"), "按缺货流程");
    }

    // A rule figure always carries the "check the back office" note with its date.
    #[test]
    fn rules_show_value_and_note() {
        let r = refs();
        let html = r.html("{{rule:taobao.promise_hours}}内发货", "", true);
        assert!(html.starts_with("<span class=\"rule\""), "{html}");
        assert!(html.contains(">48小时</span>"), "{html}");
        assert!(
            html.contains("以商家后台最新规则为准，最后核对：2026-11-02"),
            "{html}"
        );
        assert!(
            html.contains("href=\"rules.html#pr-taobao-promise_hours\""),
            "{html}"
        );
        assert_eq!(
            r.plain("{{rule:promise_hours}}"),
            "淘宝 48小时、拼多多 72小时"
        );
        let all = r.html("{{rule:promise_hours}}", "", false);
        assert!(all.contains("最后核对：2026-10-01"), "oldest date: {all}");
        assert!(!all.contains("<a"), "{all}");
    }
}
