//! Stage 2: read every YAML file under `playbooks/` into [`RawContent`].
//!
//! Files are read in sorted path order (so ids and output are deterministic), each
//! parsed on its own: a broken file is reported and the others are still read, so one
//! `check` shows every problem.

pub mod course;
pub mod model;
mod phrase_model;
pub mod rules;

use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::yaml::Source;
use model::ContentFile;

/// One parsed YAML file with its source, kept for locating validation problems.
#[derive(Debug)]
pub struct LoadedFile {
    /// The text and path.
    pub source: Source,
    /// What it contains.
    pub content: ContentFile,
}

/// Every playbook file that parsed, in path order.
#[derive(Debug, Default)]
pub struct RawContent {
    /// The files.
    pub files: Vec<LoadedFile>,
}

/// Reads all `.yaml`/`.yml` files below `dir` (recursively).
pub fn load(dir: &Path, diag: &mut Diagnostics) -> RawContent {
    let mut raw = RawContent::default();
    if !dir.is_dir() {
        diag.push(
            Diagnostic::error("E005", Span::file(dir), crate::tr!("pb.no_folder"))
                .with_hint(Some(crate::tr!("pb.no_folder_hint"))),
        );
        return raw;
    }
    for path in crate::fsx::yaml_files(dir, diag) {
        let Some(source) = crate::yaml::read_source(&path, diag) else {
            continue;
        };
        if let Some(content) = crate::yaml::parse::<ContentFile>(&source, diag) {
            raw.files.push(LoadedFile { source, content });
        }
    }
    if raw.files.is_empty() && diag.error_count() == 0 {
        diag.push(
            Diagnostic::error("E006", Span::file(dir), crate::tr!("pb.no_files"))
                .with_hint(Some(crate::tr!("pb.no_files_hint"))),
        );
    }
    raw
}
