//! Stage 8: write an [`OutputTree`] atomically.
//!
//! Everything is rendered into memory first, written to a sibling temporary folder, and
//! swapped into place only when complete: a failed build never leaves a half-written
//! `public/`, and a build killed at any instant leaves the previous output or the new
//! one (see `output/swap.rs`). delaybook only replaces a folder that carries its marker
//! file (or, with `--force`, a foreign one), never a folder that is, holds or is inside
//! one of the project's inputs (`output/guard.rs`), and one build at a time writes a
//! given folder.

mod guard;
mod swap;

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::fsx::FsError;
pub use guard::{InputKind, Protected, resolve};

/// Name of the marker file written into every output folder delaybook creates.
pub const MARKER: &str = ".delaybook-output";

/// The whole output, as relative path → bytes. A `BTreeMap` so the write order and any
/// listing of it are deterministic.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OutputTree {
    files: BTreeMap<String, Vec<u8>>,
}

/// Why the output could not be written (displayed in the terminal's language).
#[derive(Debug)]
pub enum OutputError {
    /// The target exists, is not empty, and was not made by delaybook.
    NotOurs(PathBuf),
    /// The target exists and is a file.
    NotADir(PathBuf),
    /// A path in the tree would escape the output folder.
    UnsafePath(String),
    /// The target is an input of the project, holds one, or is `/` or the home folder.
    Protected {
        /// The refused output folder.
        out: PathBuf,
        /// Why, e.g. "it is the playbooks folder `playbooks`".
        why: String,
    },
    /// Another delaybook process is writing the same output folder.
    Locked(PathBuf),
    /// The filesystem failed.
    Fs(FsError),
}

impl std::error::Error for OutputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OutputError::Fs(e) => Some(e),
            _ => None,
        }
    }
}

impl From<FsError> for OutputError {
    fn from(e: FsError) -> Self {
        OutputError::Fs(e)
    }
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            OutputError::NotOurs(p) => {
                crate::tr!("output.not_ours", path = p.display(), marker = MARKER)
            }
            OutputError::NotADir(p) => crate::tr!("output.not_a_dir", path = p.display()),
            OutputError::UnsafePath(p) => crate::tr!("output.unsafe_path", path = p),
            OutputError::Protected { out, why } => {
                crate::tr!("output.protected", path = out.display(), why = why)
            }
            OutputError::Locked(p) => crate::tr!("output.locked", path = p.display()),
            OutputError::Fs(e) => return e.fmt(f),
        };
        f.write_str(&text)
    }
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

impl OutputError {
    /// What to do about it, when there is more to say than the message.
    pub fn hint(&self) -> Option<String> {
        match self {
            OutputError::NotOurs(out) => Some(crate::tr!(
                "output.not_ours_hint",
                path = crate::diag::escape_controls(&out.to_string_lossy())
            )),
            OutputError::Protected { .. } => Some(crate::tr!("output.protected_hint")),
            _ => None,
        }
    }
}

/// Where and how a tree may be written: the folder, whether a foreign folder may be
/// replaced, and the paths it must never be.
#[derive(Debug, Clone)]
pub struct Target {
    /// The output folder.
    pub out: PathBuf,
    /// Replace a non-empty folder without the marker (`--force`). Never applies to a
    /// protected folder.
    pub force: bool,
    /// The project's inputs, `/` and the home folder.
    pub protected: Protected,
}

impl Target {
    /// Fails when the output folder is protected or is a foreign folder without
    /// `--force`; called before any work, and again just before writing.
    pub fn check(&self) -> Result<(), OutputError> {
        if let Some(why) = self.protected.refusal(&self.out) {
            return Err(OutputError::Protected {
                out: self.out.clone(),
                why,
            });
        }
        check_target(&self.out, self.force)
    }
}

/// Writes `tree` to `target.out` atomically: into `.<name>.tmp-<pid>` beside it, then
/// swapped in. Files already in the output that the tree does not contain are kept only
/// when `keep` says so (used to keep reports of earlier weeks).
pub fn write_atomic(
    tree: &OutputTree,
    target: &Target,
    keep: impl Fn(&str) -> bool,
) -> Result<(), OutputError> {
    for path in tree.files.keys() {
        if !is_safe_relative(path) {
            return Err(OutputError::UnsafePath(path.clone()));
        }
    }
    let out = target.out.as_path();
    if let Some(why) = target.protected.refusal(out) {
        return Err(OutputError::Protected {
            out: out.to_path_buf(),
            why,
        });
    }
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| FsError::new("cannot create folder", parent, e))?;
    let _lock = swap::lock(parent, &name, out)?;
    swap::recover(parent, &name, out)?;
    check_target(out, target.force)?;
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let result = write_tree(tree, &tmp, out, &keep).and_then(|()| swap::swap(&tmp, out, &old));
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
    // A kept file the new tree writes anyway is not copied first.
    let kept = |rel: &str| keep(rel) && !tree.files.contains_key(rel);
    copy_kept(out, out, tmp, &kept)?;
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
        let mut target = Target {
            out: out.clone(),
            force: false,
            protected: Protected::default(),
        };
        let err = write_atomic(&tree, &target, |_| false).unwrap_err();
        assert!(matches!(err, OutputError::NotOurs(_)));
        assert!(out.join("precious.txt").exists());
        target.force = true;
        write_atomic(&tree, &target, |_| false).unwrap();
        assert!(out.join(MARKER).exists() && !out.join("precious.txt").exists());
        // Our own folder is replaced without --force.
        target.force = false;
        write_atomic(&tree, &target, |_| false).unwrap();
    }

    // `--force` never applies to a protected folder (issue 14, item 1), and the hint
    // does not suggest it.
    #[test]
    fn force_does_not_unlock_a_protected_folder() {
        let dir = tempfile::tempdir().unwrap();
        let playbooks = dir.path().join("playbooks");
        std::fs::create_dir(&playbooks).unwrap();
        std::fs::write(playbooks.join("a.yaml"), "x").unwrap();
        let mut protected = Protected::default();
        protected.add_dir(InputKind::Playbooks, dir.path(), Path::new("playbooks"));
        let target = Target {
            out: playbooks.clone(),
            force: true,
            protected,
        };
        let mut tree = OutputTree::new();
        tree.insert("index.html", "hi");
        let err = write_atomic(&tree, &target, |_| false).unwrap_err();
        assert!(matches!(err, OutputError::Protected { .. }), "{err}");
        assert!(!err.hint().unwrap_or_default().contains("--force"));
        assert!(playbooks.join("a.yaml").is_file());
    }

    // A replaced output leaves no work folder behind, and a stale one of a killed
    // build is removed by the next build (issue 14, item 11).
    #[test]
    fn leaves_no_work_folders_and_removes_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let stale = dir.path().join(".site.tmp-999999");
        std::fs::create_dir(&stale).unwrap();
        let target = Target {
            out: out.clone(),
            force: false,
            protected: Protected::default(),
        };
        let mut tree = OutputTree::new();
        tree.insert("index.html", "one");
        write_atomic(&tree, &target, |_| false).unwrap();
        tree.insert("index.html", "two");
        write_atomic(&tree, &target, |_| false).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "two"
        );
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names.contains(&"site".to_string()) && names.contains(&".site.lock".to_string()));
    }
}
