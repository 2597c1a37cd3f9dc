//! Every text field of a content file that people read, with its field path and what
//! may be written in it. One list serves the tag checks and the typography lint, so a
//! new field is added in one place.

use crate::playbooks::model::{ContentFile, QuizKind};

/// What a text field may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldClass {
    /// Markdown; cross-references and rule tags are rendered.
    Markdown,
    /// Plain text on the site; cross-references and rule tags are rendered.
    Plain,
    /// Text sent to a buyer or supplier: rule tags become the value, cross-references
    /// are not allowed (the reader does not know our playbooks).
    Reply,
    /// Titles, names and labels: shown in lists, links and search results as they are,
    /// so no tags.
    Label,
}

/// One text field: its path in the file, its text and its class.
#[derive(Debug, Clone)]
pub struct Field<'a> {
    /// Field path, e.g. `playbooks[0].steps[2].details`.
    pub path: String,
    /// The text.
    pub text: &'a str,
    /// What may be written in it.
    pub class: FieldClass,
}

/// Collects fields of one content file.
#[derive(Default)]
struct Fields<'a> {
    out: Vec<Field<'a>>,
}

impl<'a> Fields<'a> {
    fn add(&mut self, path: String, text: &'a str, class: FieldClass) {
        if !text.trim().is_empty() {
            self.out.push(Field { path, text, class });
        }
    }

    fn list(&mut self, base: &str, items: &'a [String], class: FieldClass) {
        for (j, t) in items.iter().enumerate() {
            self.add(format!("{base}[{j}]"), t, class);
        }
    }
}

/// Every readable text field of `c`, in file order.
pub fn text_fields(c: &ContentFile) -> Vec<Field<'_>> {
    use FieldClass::{Label, Markdown, Plain};
    let mut f = Fields::default();
    for (i, x) in c.causes.iter().enumerate() {
        let p = format!("causes[{i}]");
        f.add(format!("{p}.name"), &x.name, Label);
        f.list(&format!("{p}.aliases"), &x.aliases, Label);
        f.add(format!("{p}.summary"), &x.summary, Label);
        f.add(format!("{p}.description"), &x.description, Markdown);
        f.list(&format!("{p}.triggers"), &x.triggers, Label);
        f.add(format!("{p}.owner"), &x.owner, Label);
        f.list(&format!("{p}.prevention"), &x.prevention, Markdown);
    }
    playbook_fields(c, &mut f);
    for (i, t) in c.templates.iter().enumerate() {
        let p = format!("templates[{i}]");
        f.add(format!("{p}.title"), &t.title, Label);
        f.add(format!("{p}.tone"), &t.tone, Label);
        f.add(format!("{p}.use_when"), &t.use_when, Plain);
        f.add(format!("{p}.text"), &t.text, FieldClass::Reply);
        for (j, ph) in t.placeholders.iter().enumerate() {
            f.add(format!("{p}.placeholders[{j}].label"), &ph.label, Label);
            f.add(format!("{p}.placeholders[{j}].example"), &ph.example, Label);
        }
    }
    for (i, x) in c.checklists.iter().enumerate() {
        let p = format!("checklists[{i}]");
        f.add(format!("{p}.title"), &x.title, Label);
        f.add(format!("{p}.cadence"), &x.cadence, Label);
        f.list(&format!("{p}.items"), &x.items, Markdown);
    }
    for (i, q) in c.quiz.iter().enumerate() {
        let p = format!("quiz[{i}]");
        f.add(format!("{p}.question"), &q.question, Plain);
        if q.kind == QuizKind::Choice {
            f.list(&format!("{p}.choices"), &q.choices, Plain);
        }
        f.add(format!("{p}.explanation"), &q.explanation, Markdown);
    }
    if let Some(t) = &c.triage {
        for (i, n) in t.nodes.iter().enumerate() {
            let p = format!("triage.nodes[{i}]");
            f.add(format!("{p}.question"), &n.question, Label);
            f.add(format!("{p}.help"), &n.help, Markdown);
            for (j, a) in n.answers.iter().enumerate() {
                f.add(format!("{p}.answers[{j}].label"), &a.label, Label);
            }
        }
    }
    rule_fields(c, &mut f);
    course_fields(c, &mut f);
    f.out
}

fn course_fields<'a>(c: &'a ContentFile, f: &mut Fields<'a>) {
    use FieldClass::{Label, Markdown};
    if let Some(course) = &c.course {
        for (i, ch) in course.chapters.iter().enumerate() {
            let p = format!("course.chapters[{i}]");
            f.add(format!("{p}.title"), &ch.title, Label);
            f.list(&format!("{p}.goals"), &ch.goals, Markdown);
            f.add(format!("{p}.intro"), &ch.intro, Markdown);
            for (j, s) in ch.sections.iter().enumerate() {
                f.add(format!("{p}.sections[{j}].title"), &s.title, Label);
                f.add(format!("{p}.sections[{j}].body"), &s.body, Markdown);
            }
            f.list(&format!("{p}.recap"), &ch.recap, Markdown);
        }
    }
    for (i, g) in c.glossary.iter().enumerate() {
        let p = format!("glossary[{i}]");
        f.add(format!("{p}.term"), &g.term, Label);
        f.list(&format!("{p}.aliases"), &g.aliases, Label);
        f.add(format!("{p}.definition"), &g.definition, Markdown);
    }
}

fn playbook_fields<'a>(c: &'a ContentFile, f: &mut Fields<'a>) {
    use FieldClass::{Label, Markdown, Reply};
    for (i, x) in c.playbooks.iter().enumerate() {
        let p = format!("playbooks[{i}]");
        f.add(format!("{p}.title"), &x.title, Label);
        f.add(format!("{p}.situation"), &x.situation, Label);
        f.add(format!("{p}.summary"), &x.summary, Label);
        f.add(format!("{p}.applies_when"), &x.applies_when, Markdown);
        f.add(format!("{p}.escalation"), &x.escalation, Markdown);
        f.add(format!("{p}.owner"), &x.owner, Label);
        f.add(format!("{p}.change_note"), &x.change_note, Label);
        for (j, s) in x.steps.iter().enumerate() {
            let sp = format!("{p}.steps[{j}]");
            f.add(format!("{sp}.title"), &s.title, Label);
            f.add(format!("{sp}.from"), s.from.as_deref().unwrap_or(""), Label);
            f.add(
                format!("{sp}.owner"),
                s.owner.as_deref().unwrap_or(""),
                Label,
            );
            f.add(format!("{sp}.details"), &s.details, Markdown);
        }
        for (j, a) in x.anti_examples.iter().enumerate() {
            let ap = format!("{p}.anti_examples[{j}]");
            f.add(format!("{ap}.bad"), &a.bad, Reply);
            f.add(format!("{ap}.why"), &a.why, Markdown);
            f.add(format!("{ap}.better"), &a.better, Reply);
        }
    }
}

fn rule_fields<'a>(c: &'a ContentFile, f: &mut Fields<'a>) {
    use crate::playbooks::rules::RuleValue;
    use FieldClass::Label;
    for (i, set) in c.platform_rules.iter().enumerate() {
        let p = format!("platform_rules[{i}]");
        f.add(format!("{p}.owner"), &set.owner, Label);
        for (j, r) in set.rules.iter().enumerate() {
            let rp = format!("{p}.rules[{j}]");
            f.add(format!("{rp}.name"), &r.name, Label);
            if let RuleValue::Text(t) = &r.value {
                f.add(format!("{rp}.value"), t, Label);
            }
            f.add(format!("{rp}.source"), &r.source, Label);
            f.add(format!("{rp}.owner"), &r.owner, Label);
        }
    }
}
