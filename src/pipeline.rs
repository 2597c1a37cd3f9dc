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
    load_project_alongside(root, opts, diag, |_| ()).0
}

/// [`load_project_with`], running `side` with the config on a second thread while the
/// playbooks are read and checked (`report` compiles the theme's templates there: they
/// need the site settings of the config, not the content or what it adds to the config).
pub fn load_project_alongside<T: Send>(
    root: &Path,
    opts: CheckOptions,
    diag: &mut Diagnostics,
    side: impl FnOnce(&Config) -> T + Send,
) -> (Project, T) {
    let mut config = crate::config::load(root, diag);
    let dir = root.join(&config.inputs.playbooks);
    let (content, beside) = std::thread::scope(|scope| {
        let beside = scope.spawn(|| side(&config));
        let raw = crate::playbooks::load(&dir, diag);
        let content = crate::validate::validate_with(&raw, &config, opts, diag);
        let beside = beside
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (content, beside)
    });
    crate::validate::course::check_config(root, &config, &content, diag);
    crate::validate::rules::apply_to_config(&mut config, &content);
    (Project { config, content }, beside)
}
