//! Filesystem helpers that always say which path failed, and walks in sorted order.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Span};

/// An I/O failure with the path it happened on (displayed in the terminal's language).
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message())]
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
    /// "cannot read `path`: No such file or directory", in the terminal's language.
    fn message(&self) -> String {
        let key = match self.action {
            "cannot read" => "fs.cannot_read_path",
            "cannot write" => "fs.cannot_write",
            "cannot create folder" => "fs.cannot_create_folder",
            "cannot read folder" => "fs.cannot_read_folder",
            "cannot open" => "fs.cannot_open",
            "cannot lock" => "fs.cannot_lock",
            "cannot remove" => "fs.cannot_remove",
            "cannot move aside" => "fs.cannot_move_aside",
            "cannot move into place" => "fs.cannot_move_into_place",
            "cannot remove the leftover folder" => "fs.cannot_remove_leftover",
            "cannot restore the previous output" => "fs.cannot_restore",
            _ => "fs.cannot_other",
        };
        crate::tr!(
            key,
            action = self.action,
            path = self.path.display(),
            reason = io_reason(&self.source)
        )
    }

    /// Wraps `source` with the action and path.
    pub fn new(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        FsError {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

/// What went wrong in an I/O error, in the terminal's language: the common kinds
/// (missing, no permission, disk full …) in words, anything else as the system says it.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if crate::i18n::lang() == crate::i18n::Lang::En {
        return e.to_string();
    }
    let key = match e.kind() {
        K::NotFound => "io.not_found",
        K::PermissionDenied => "io.permission_denied",
        K::AlreadyExists => "io.already_exists",
        K::StorageFull => "io.storage_full",
        K::ReadOnlyFilesystem => "io.read_only",
        K::IsADirectory => "io.is_a_directory",
        K::NotADirectory => "io.not_a_directory",
        K::DirectoryNotEmpty => "io.directory_not_empty",
        K::InvalidFilename => "io.invalid_filename",
        K::CrossesDevices => "io.crosses_devices",
        K::ResourceBusy => "io.busy",
        _ => return e.to_string(),
    };
    crate::tr!(key)
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

/// Most files and folders walked below the playbooks folder. A real project has a few
/// hundred; a link to `/` or to a home folder inside it would otherwise be walked whole.
pub const MAX_WALK_ENTRIES: usize = 20_000;

/// Every `.yaml`/`.yml` file below `dir`, sorted by path. Symlinks are followed; a
/// symlink loop or unreadable entry is reported and skipped; the walk stops with an
/// error after [`MAX_WALK_ENTRIES`] entries.
pub fn yaml_files(dir: &Path, diag: &mut Diagnostics) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name();
    for (seen, entry) in walker.into_iter().enumerate() {
        if seen >= MAX_WALK_ENTRIES {
            diag.push(
                Diagnostic::error(
                    "E009",
                    Span::file(dir),
                    crate::tr!("fs.too_many", max = MAX_WALK_ENTRIES),
                )
                .with_hint(Some(crate::tr!("fs.too_many_hint"))),
            );
            break;
        }
        match entry {
            Ok(e) if e.file_type().is_file() && is_yaml(e.path()) => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.to_path_buf());
                let message = if e.loop_ancestor().is_some() {
                    crate::tr!("fs.link_loop")
                } else {
                    crate::tr!(
                        "fs.cannot_read",
                        error = e
                            .io_error()
                            .map_or_else(|| e.to_string(), |io| io.to_string())
                    )
                };
                diag.push(
                    Diagnostic::error("E007", Span::file(path), message)
                        .with_hint(Some(crate::tr!("fs.link_hint"))),
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

#[cfg(test)]
mod tests {
    use super::*;

    // A link to `/` inside playbooks/ was walked whole; the walk is bounded and says so.
    #[test]
    fn stops_walking_a_huge_folder_with_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "x").unwrap();
        for i in 0..MAX_WALK_ENTRIES {
            std::fs::write(dir.path().join(format!("z{i}.txt")), "").unwrap();
        }
        let mut diag = Diagnostics::new();
        let files = yaml_files(dir.path(), &mut diag);
        assert_eq!(files, [dir.path().join("a.yaml")]);
        assert_eq!(diag.items().len(), 1);
        assert_eq!(diag.items()[0].code, "E009");
    }
}
