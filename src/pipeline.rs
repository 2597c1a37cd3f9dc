//! Shared sequences of stages: loading a project (config → playbooks → validate).

use std::path::Path;

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::validate::{CheckOptions, Content};

/// A loaded project: its config and validated content.
#[derive(Debug, Clone)]
pub struct Project {
    /// `delaybook.yaml`.
    pub config: Config,
    /// The validated playbooks.
    pub content: Content,
}

/// Stages 1–3: reads the config and the playbooks and validates them. Problems go to
/// `diag`; the project is returned even with errors so callers can count what loaded.
pub fn load_project(root: &Path, diag: &mut Diagnostics) -> Project {
    load_project_with(root, CheckOptions::default(), diag)
}

/// [`load_project`] with validation options (`check --today`). The platform rules of
/// the content then fill the config's promise hours and compensation wherever
/// delaybook.yaml leaves them unset, so the report reads the same figures as the pages.
pub fn load_project_with(root: &Path, opts: CheckOptions, diag: &mut Diagnostics) -> Project {
    let mut config = crate::config::load(root, diag);
    let dir = root.join(&config.inputs.playbooks);
    let raw = crate::playbooks::load(&dir, diag);
    let content = crate::validate::validate_with(&raw, &config, opts, diag);
    crate::validate::course::check_config(root, &config, &content, diag);
    crate::validate::rules::apply_to_config(&mut config, &content);
    Project { config, content }
}
