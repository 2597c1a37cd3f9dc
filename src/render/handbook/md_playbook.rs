//! The playbook sections of `handbook.md`: applies-when, numbered steps with their
//! details, the reply templates as fenced blocks with 【label】 blanks (each in full
//! once, later a pointer to where it is), the anti-examples as quotes, escalation.

use std::fmt::Write as _;

use super::md::W;
use super::md_text::{self as mt, escape};
use super::views::blanks;
use crate::playbooks::model::Playbook;
use crate::render::view::{channel_key, human_deadline};
use crate::validate::template_ids;

/// Section `number`: playbook `p`.
pub(super) fn playbook(w: &mut W<'_>, p: &Playbook, number: &str) {
    let colon = w.t("colon").to_string();
    w.line(&format!("### {number} {}", escape(&p.title)));
    w.line(&escape(&p.summary));
    if !p.owner.is_empty() || !p.reviewed.is_empty() {
        let gov = format!(
            "*{}{colon}{} · {}{colon}{}*",
            w.t("pb_doc_owner"),
            escape(&p.owner),
            w.t("pb_reviewed"),
            escape(&p.reviewed)
        );
        w.line(&gov);
    }
    w.line(&format!("#### {}", w.t("pb_applies_when")));
    let applies = mt::content(&p.applies_when, w.refs, &w.plan.playbook_section);
    w.line(&applies);
    steps(w, p);
    templates(w, p, number);
    anti_examples(w, p);
    if !p.escalation.trim().is_empty() {
        w.line(&format!("#### {}", w.t("pb_escalation")));
        let esc = mt::content(&p.escalation, w.refs, &w.plan.playbook_section);
        w.line(&esc);
    }
}

fn steps(w: &mut W<'_>, p: &Playbook) {
    let colon = w.t("colon").to_string();
    w.line(&format!("#### {}", w.t("pb_steps")));
    let mut list = String::new();
    for (i, s) in p.steps.iter().enumerate() {
        let mut head = format!("{}. **{}**", i + 1, escape(&s.title));
        if let Some(d) = s
            .deadline
            .as_deref()
            .and_then(|d| human_deadline(d, s.from.as_deref(), w.r))
        {
            let _ = write!(head, " · {}", escape(&d));
        }
        if let Some(o) = &s.owner {
            let _ = write!(head, " · {}{colon}{}", w.t("pb_owner"), escape(o));
        }
        list.push_str(&head);
        list.push('\n');
        if !s.details.trim().is_empty() {
            list.push('\n');
            list.push_str(&mt::indent(
                &mt::content(&s.details, w.refs, &w.plan.playbook_section),
                4,
            ));
            list.push('\n');
        }
        list.push('\n');
    }
    w.line(list.trim_end());
}

fn templates(w: &mut W<'_>, p: &Playbook, number: &str) {
    let ids: Vec<&str> = template_ids(p).collect();
    if ids.is_empty() {
        return;
    }
    let colon = w.t("colon").to_string();
    w.line(&format!("#### {}", w.t("pb_templates")));
    for id in ids {
        let Some(t) = w.content.template(id) else {
            continue;
        };
        if let Some(first) = w.printed.get(id) {
            let line = format!(
                "**{}** · {} {first}",
                escape(&t.title),
                w.t("hb_see_template")
            );
            w.line(&line);
            continue;
        }
        w.printed.insert(id.to_string(), number.to_string());
        let channel = w
            .t(&format!("channel_{}", channel_key(t.channel)))
            .to_string();
        let mut head = format!("**{}** · {}", escape(&t.title), escape(&channel));
        if !t.tone.is_empty() {
            let _ = write!(head, " · {}", escape(&t.tone));
        }
        w.line(&head);
        if !t.use_when.trim().is_empty() {
            let when = format!(
                "{}{colon}{}",
                w.t("tpl_use_when"),
                mt::plain(&t.use_when, w.refs)
            );
            w.line(&when);
        }
        let block = mt::fence(&blanks(t, w.refs), "text");
        w.line(&block);
    }
}

fn anti_examples(w: &mut W<'_>, p: &Playbook) {
    if p.anti_examples.is_empty() {
        return;
    }
    let colon = w.t("colon").to_string();
    w.line(&format!("#### {}", w.t("pb_anti_examples")));
    for a in &p.anti_examples {
        let block = format!(
            "✗ **{}**{colon}{}\n\n✓ **{}**{colon}{}\n\n**{}**{colon}{}",
            w.t("pb_bad"),
            mt::plain(&a.bad, w.refs),
            w.t("pb_better"),
            mt::plain(&a.better, w.refs),
            w.t("pb_why"),
            mt::content(&a.why, w.refs, &w.plan.playbook_section)
        );
        w.line(&mt::quote(&block));
    }
}
