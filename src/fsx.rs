//! Filesystem helpers that always say which path failed, and walks in sorted order.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Span};

/// An I/O failure with the path it happened on.
#[derive(Debug, thiserror::Error)]
#[error("{action} `{path}`: {source}")]
pub struct FsError {
    /// What was being done, e.g. "cannot write".
    pub action: &'static str,
    /// The path.
    pub path: PathBuf,
    /// The OS error.
    #[source]
    pub source: std::io::Error,
}

impl FsError {
    /// Wraps `source` with the action and path.
    pub fn new(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        FsError {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Reads a file, naming the path in the error.
pub fn read(path: &Path) -> Result<Vec<u8>, FsError> {
    std::fs::read(path).map_err(|e| FsError::new("cannot read", path, e))
}

/// Writes a file (creating parent folders), naming the path in the error.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| FsError::new("cannot create folder", parent, e))?;
    }
    std::fs::write(path, bytes).map_err(|e| FsError::new("cannot write", path, e))
}

/// Every `.yaml`/`.yml` file below `dir`, sorted by path. Symlinks are followed; a
/// symlink loop or unreadable entry is reported and skipped.
pub fn yaml_files(dir: &Path, diag: &mut Diagnostics) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() && is_yaml(e.path()) => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.to_path_buf());
                let message = if e.loop_ancestor().is_some() {
                    "symbolic link loop: this folder links back to one of its parents".to_string()
                } else {
                    format!(
                        "cannot read: {}",
                        e.io_error()
                            .map_or_else(|| e.to_string(), |io| io.to_string())
                    )
                };
                diag.push(
                    Diagnostic::error("E007", Span::file(path), message).with_hint(Some(
                        "remove the link or point it outside the playbooks folder".to_string(),
                    )),
                );
            }
        }
    }
    files
}

fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}
