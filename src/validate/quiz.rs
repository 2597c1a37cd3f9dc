//! Quiz checks that keep a quiz a test: no choice twice, the right answers spread over
//! the positions trainees see, and the right answer not usually the longest one.
//!
//! Choices are stored in any order and shown in [`display_order`], a shuffle seeded by
//! the question id, so the same content always gives the same page.

use super::Content;
use crate::diag::{Diagnostic, Diagnostics};
use crate::playbooks::RawContent;
use crate::playbooks::model::{QuizKind, QuizQuestion};

/// The order in which the choices of `q` are shown: indices into `q.choices`. A
/// Fisher–Yates shuffle seeded by the FNV-1a hash of the question id, unless the
/// question sets `shuffle: false`.
pub fn display_order(q: &QuizQuestion) -> Vec<usize> {
    let mut order: Vec<usize> = (0..q.choices.len()).collect();
    if !q.shuffle {
        return order;
    }
    let mut state = q.id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    for i in (1..order.len()).rev() {
        state = splitmix(state);
        let j = (state % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = x;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The position (0-based) at which the right answer of `q` is shown, if it is a choice.
pub fn answer_position(q: &QuizQuestion) -> Option<usize> {
    let right = q.choices.iter().position(|c| *c == q.answer)?;
    display_order(q).iter().position(|&i| i == right)
}

/// How many right answers are shown at each position (A, B, C …), over `quiz`.
pub fn position_counts(quiz: &[QuizQuestion]) -> Vec<usize> {
    let mut counts = Vec::new();
    for p in quiz.iter().filter_map(answer_position) {
        if counts.len() <= p {
            counts.resize(p + 1, 0);
        }
        counts[p] += 1;
    }
    counts
}

pub(super) fn check(raw: &RawContent, content: &Content, diag: &mut Diagnostics) {
    for f in &raw.files {
        for (i, q) in f.content.quiz.iter().enumerate() {
            for (j, c) in q.choices.iter().enumerate() {
                if q.choices[..j].contains(c) {
                    let path = format!("quiz[{i}].choices[{j}]");
                    let message = crate::tr!("quiz.twice", choice = c, id = q.id);
                    diag.push(
                        Diagnostic::error("E086", f.source.span(&path), message).with_path(&path),
                    );
                }
            }
        }
    }
    let Some(first) = raw.files.iter().find(|f| !f.content.quiz.is_empty()) else {
        return;
    };
    let span = first.source.span("quiz");
    if let Some(d) = clustering(&content.quiz) {
        diag.push(
            Diagnostic {
                span: span.clone(),
                ..d
            }
            .with_path("quiz"),
        );
    }
    if let Some(d) = longest(content) {
        diag.push(Diagnostic { span, ..d }.with_path("quiz"));
    }
}

/// Letter of a position: 0 → A.
fn letter(p: usize) -> String {
    char::from_u32('A' as u32 + p as u32).map_or_else(|| (p + 1).to_string(), String::from)
}

/// A warning when one position holds clearly more right answers than chance gives:
/// more than 1.6 times (and 3 more than) the expected count, e.g. more than 40 % of a
/// quiz of four-choice questions.
fn clustering(quiz: &[QuizQuestion]) -> Option<Diagnostic> {
    let counts = position_counts(quiz);
    let n: usize = counts.iter().sum();
    if n < 4 {
        return None;
    }
    let expected = |p: usize| -> f64 {
        quiz.iter()
            .filter(|q| q.choices.contains(&q.answer) && q.choices.len() > p)
            .map(|q| 1.0 / q.choices.len() as f64)
            .sum()
    };
    let (p, count) = counts
        .iter()
        .enumerate()
        .find(|&(p, &c)| c as f64 > (1.6 * expected(p)).max(expected(p) + 3.0))?;
    let message = crate::tr!(
        "quiz.cluster",
        letter = letter(p),
        count = count,
        n = n,
        pct = format!("{:.0}", 100.0 * *count as f64 / n as f64)
    );
    let hint = crate::tr!("quiz.cluster_hint");
    Some(Diagnostic::warning("W083", Default::default(), message).with_hint(Some(hint)))
}

/// The text a trainee sees for choice `c` of `q`.
fn shown<'a>(q: &QuizQuestion, c: &'a str, content: &'a Content) -> &'a str {
    match q.kind {
        QuizKind::Scenario => content.playbook(c).map_or(c, |p| p.title.as_str()),
        QuizKind::Choice => c,
    }
}

/// A warning when the right answer is the single longest choice in more than half of
/// the questions: trainees learn to pick the longest option without reading.
fn longest(content: &Content) -> Option<Diagnostic> {
    let quiz = &content.quiz;
    let longest_right: Vec<&str> = quiz
        .iter()
        .filter(|q| {
            let len = |c: &str| shown(q, c, content).chars().count();
            let right = len(&q.answer);
            q.choices.contains(&q.answer)
                && q.choices.iter().all(|c| *c == q.answer || len(c) < right)
        })
        .map(|q| q.id.as_str())
        .collect();
    if quiz.len() < 4 || longest_right.len() * 2 <= quiz.len() {
        return None;
    }
    let message = crate::tr!("quiz.longest", count = longest_right.len(), n = quiz.len());
    let mut ids: Vec<&str> = longest_right.iter().copied().take(10).collect();
    if longest_right.len() > 10 {
        ids.push("…");
    }
    let hint = crate::tr!("quiz.longest_hint", ids = ids.join(", "));
    Some(Diagnostic::warning("W084", Default::default(), message).with_hint(Some(hint)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(id: &str, n: usize) -> QuizQuestion {
        QuizQuestion {
            id: id.into(),
            kind: QuizKind::Choice,
            playbook: None,
            question: String::new(),
            choices: (0..n).map(|i| format!("c{i}")).collect(),
            answer: "c0".into(),
            explanation: String::new(),
            shuffle: true,
        }
    }

    // Same id, same order, on every build; a permutation of every choice.
    #[test]
    fn shuffle_is_deterministic_permutation() {
        let a = display_order(&q("oos-notify", 4));
        assert_eq!(a, display_order(&q("oos-notify", 4)));
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, vec![0, 1, 2, 3]);
        let mut fixed = q("x", 4);
        fixed.shuffle = false;
        assert_eq!(display_order(&fixed), vec![0, 1, 2, 3]);
    }

    // Answers stored first everywhere still land on every position.
    #[test]
    fn shuffle_spreads_answers_stored_first() {
        let quiz: Vec<QuizQuestion> = (0..400).map(|i| q(&format!("q-{i}"), 4)).collect();
        let counts = position_counts(&quiz);
        assert_eq!(counts.len(), 4);
        assert!(
            counts.iter().all(|&c| (70..=130).contains(&c)),
            "{counts:?}"
        );
        assert!(clustering(&quiz).is_none());
    }

    // Every answer at A (no shuffle) is reported.
    #[test]
    fn clustering_is_reported() {
        let quiz: Vec<QuizQuestion> = (0..10)
            .map(|i| QuizQuestion {
                shuffle: false,
                ..q(&format!("q{i}"), 4)
            })
            .collect();
        let d = clustering(&quiz).expect("warning");
        assert!(d.message.contains("choice A in 10 of 10"), "{}", d.message);
    }
}
