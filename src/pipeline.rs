//! Shared sequences of stages: loading a project (config → playbooks → validate).

use std::path::Path;

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::validate::Content;

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
    let config = crate::config::load(root, diag);
    let dir = root.join(&config.inputs.playbooks);
    let raw = crate::playbooks::load(&dir, diag);
    let content = crate::validate::validate(&raw, &config, diag);
    Project { config, content }
}
