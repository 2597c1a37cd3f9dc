//! §8 data quality: a bounded, sorted list of problems and their conversion into
//! diagnostics for the terminal.

use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::ingest::Problem;

/// Collects problems, keeping only the first `cap` by file and line (memory stays
/// bounded even when every row of a large file is bad); the count is exact.
#[derive(Debug, Clone)]
pub struct Problems {
    items: Vec<Problem>,
    cap: usize,
    count: u64,
}

impl Problems {
    /// An empty sink listing at most `cap` problems.
    pub fn new(cap: usize) -> Self {
        Problems {
            items: Vec::new(),
            cap,
            count: 0,
        }
    }

    /// Records one problem.
    pub fn push(&mut self, p: Problem) {
        self.count += 1;
        self.items.push(p);
        if self.items.len() >= self.cap.max(1) * 2 {
            self.trim();
        }
    }

    fn trim(&mut self) {
        self.items.sort();
        self.items.truncate(self.cap);
    }

    /// The listed problems (sorted, capped) and the total count.
    pub fn finish(mut self) -> (Vec<Problem>, u64) {
        self.trim();
        (self.items, self.count)
    }
}

/// Pushes the listed problems into `diag` as warnings (data problems never stop the
/// report unless `--strict`), with a note when the list was capped.
pub fn to_diagnostics(problems: &[Problem], total: u64, root_file: &str, diag: &mut Diagnostics) {
    for p in problems {
        let code = if p.message.contains("row skipped") || p.message.contains("earlier skipped") {
            "W301"
        } else {
            "W302"
        };
        diag.push(
            Diagnostic::warning(code, Span::at(&p.file, p.line, p.field), p.message.clone())
                .with_path(p.column.clone()),
        );
    }
    let shown = problems.len() as u64;
    if total > shown {
        diag.push(Diagnostic::warning(
            "W303",
            Span::file(root_file),
            format!(
                "{} more data problems not listed (the list stops at {shown}; fix these first)",
                total - shown
            ),
        ));
    }
}
