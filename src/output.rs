//! Stage 8: write an [`OutputTree`] atomically.
//!
//! Everything is rendered into memory first, written to a sibling temporary folder, and
//! swapped into place only when complete: a failed build never leaves a half-written
//! `public/`. delaybook only replaces a folder that carries its marker file, so it can
//! never delete a folder it did not create.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::fsx::FsError;

/// Name of the marker file written into every output folder delaybook creates.
pub const MARKER: &str = ".delaybook-output";

/// The whole output, as relative path → bytes. A `BTreeMap` so the write order and any
/// listing of it are deterministic.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OutputTree {
    files: BTreeMap<String, Vec<u8>>,
}

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The target exists, is not empty, and was not made by delaybook.
    #[error(
        "refusing to replace `{0}`: it is not empty and was not created by delaybook (no `{MARKER}` file inside)"
    )]
    NotOurs(PathBuf),
    /// The target exists and is a file.
    #[error("`{0}` exists and is not a folder")]
    NotADir(PathBuf),
    /// A path in the tree would escape the output folder.
    #[error("output path `{0}` is not a safe relative path")]
    UnsafePath(String),
    /// The filesystem failed.
    #[error(transparent)]
    Fs(#[from] FsError),
}

impl OutputTree {
    /// An empty tree.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a file at `path`, a `/`-separated relative path.
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    /// The bytes at `path`, if present.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// All files, in path order.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when the tree has no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Total size in bytes.
    pub fn total_bytes(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }

    /// Moves every file of `other` into this tree, under `prefix` (e.g. `reports/`).
    pub fn merge(&mut self, prefix: &str, other: OutputTree) {
        for (k, v) in other.files {
            self.files.insert(format!("{prefix}{k}"), v);
        }
    }
}

/// True when `path` is a relative path of normal components only (no `..`, no root,
/// no drive, no empty segment).
pub fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && !path.split('/').any(str::is_empty)
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Writes `tree` to `out` atomically: into `.<name>.tmp-<pid>` beside it, then swapped in.
/// Files already in `out` that the tree does not contain are kept only when `keep` says
/// so (used to keep reports of earlier weeks).
pub fn write_atomic(
    tree: &OutputTree,
    out: &Path,
    force: bool,
    keep: impl Fn(&str) -> bool,
) -> Result<(), OutputError> {
    for path in tree.files.keys() {
        if !is_safe_relative(path) {
            return Err(OutputError::UnsafePath(path.clone()));
        }
    }
    check_target(out, force)?;
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| FsError::new("cannot create folder", parent, e))?;
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let result = write_tree(tree, &tmp, out, &keep).and_then(|()| swap(&tmp, out, &old));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

fn check_target(out: &Path, force: bool) -> Result<(), OutputError> {
    match std::fs::symlink_metadata(out) {
        Err(_) => Ok(()),
        Ok(m) if !m.is_dir() => Err(OutputError::NotADir(out.to_path_buf())),
        Ok(_) => {
            let empty = std::fs::read_dir(out)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false);
            if empty || force || out.join(MARKER).is_file() {
                Ok(())
            } else {
                Err(OutputError::NotOurs(out.to_path_buf()))
            }
        }
    }
}

fn write_tree(
    tree: &OutputTree,
    tmp: &Path,
    out: &Path,
    keep: &impl Fn(&str) -> bool,
) -> Result<(), OutputError> {
    if tmp.exists() {
        std::fs::remove_dir_all(tmp).map_err(|e| FsError::new("cannot remove", tmp, e))?;
    }
    copy_kept(out, out, tmp, keep)?;
    for (rel, bytes) in &tree.files {
        crate::fsx::write(&tmp.join(rel), bytes)?;
    }
    crate::fsx::write(
        &tmp.join(MARKER),
        b"This folder is written by delaybook and replaced on every build.\n",
    )?;
    Ok(())
}

/// Copies files of the previous output that `keep` selects (e.g. older weekly reports).
fn copy_kept(
    root: &Path,
    dir: &Path,
    tmp: &Path,
    keep: &impl Fn(&str) -> bool,
) -> Result<(), OutputError> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let Ok(ft) = entry.file_type() else { continue };
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        if ft.is_dir() {
            copy_kept(root, &path, tmp, keep)?;
        } else if ft.is_file() && keep(&rel) {
            let bytes = crate::fsx::read(&path)?;
            crate::fsx::write(&tmp.join(&rel), &bytes)?;
        }
    }
    Ok(())
}

fn swap(tmp: &Path, out: &Path, old: &Path) -> Result<(), OutputError> {
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, old).map_err(|e| FsError::new("cannot move aside", out, e))?;
    }
    if let Err(e) = std::fs::rename(tmp, out) {
        if had_old {
            let _ = std::fs::rename(old, out);
        }
        return Err(FsError::new("cannot move into place", out, e).into());
    }
    if had_old {
        std::fs::remove_dir_all(old).map_err(|e| FsError::new("cannot remove", old, e))?;
    }
    Ok(())
}

/// The output folder for a project: `--out` when given, else `public`; a relative path
/// is taken relative to the project root (as if delaybook ran inside it, like `make -C`).
pub fn resolve_out(root: &Path, out: Option<&Path>) -> PathBuf {
    let out = out.unwrap_or(Path::new("public"));
    if out.is_absolute() {
        out.to_path_buf()
    } else {
        root.join(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Ids become file names; anything that could leave the output folder is refused.
    #[test]
    fn rejects_escaping_paths() {
        assert!(is_safe_relative("playbooks/a.html"));
        for bad in ["../x", "/etc/passwd", "a//b", "", "a/../b", "a\\b", "./a"] {
            assert!(!is_safe_relative(bad), "{bad}");
        }
    }

    // A folder without the marker is never replaced (Zola #1378).
    #[test]
    fn refuses_foreign_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("precious.txt"), "x").unwrap();
        let mut tree = OutputTree::new();
        tree.insert("index.html", "hi");
        let err = write_atomic(&tree, &out, false, |_| false).unwrap_err();
        assert!(matches!(err, OutputError::NotOurs(_)));
        assert!(out.join("precious.txt").exists());
        write_atomic(&tree, &out, true, |_| false).unwrap();
        assert!(out.join(MARKER).exists() && !out.join("precious.txt").exists());
        // Our own folder is replaced without --force.
        write_atomic(&tree, &out, false, |_| false).unwrap();
    }
}
