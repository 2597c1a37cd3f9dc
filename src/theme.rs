//! The default theme (`themes/default/`) and the sample project, embedded in the binary
//! at compile time by `build.rs`, plus the optional per-project override folder.
//!
//! A project never needs a copy of the theme (`delaybook new` does not write one). When
//! `theme:` is set in `delaybook.yaml`, each file in that folder replaces the embedded
//! file with the same relative path (`templates/base.html`, `css/site.css` …) and new
//! files are added; everything else keeps coming from the binary, so an upgrade of
//! delaybook still brings the new default files (the copy-then-break problem of mdBook
//! themes).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::fsx::FsError;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The bytes of a default-theme file, by its path relative to `themes/default/`.
pub fn default_file(path: &str) -> Option<&'static [u8]> {
    THEME_FILES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, b)| *b)
}

/// Why the theme could not be assembled.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    /// `theme:` names a folder that does not exist.
    #[error(
        "theme folder `{0}` (set by `theme:` in delaybook.yaml) does not exist or is not a folder"
    )]
    Missing(PathBuf),
    /// A file of the override folder could not be read.
    #[error(transparent)]
    Fs(#[from] FsError),
    /// The override folder could not be walked.
    #[error("cannot read theme folder `{path}`: {message}")]
    Walk {
        /// The folder or entry that failed.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

/// The files of the theme in use: the embedded default with the project's overrides
/// applied, as relative path (`/`-separated) → bytes.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    files: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The embedded default theme alone.
    pub fn embedded() -> Self {
        let files = THEME_FILES
            .iter()
            .map(|(p, b)| ((*p).to_string(), b.to_vec()))
            .collect();
        Theme { files }
    }

    /// The default theme with the override folder of `config.theme` (relative to the
    /// project `root`) applied file by file.
    pub fn load(config: &Config, root: &Path) -> Result<Self, ThemeError> {
        let mut theme = Self::embedded();
        if let Some(dir) = &config.theme {
            theme.apply_folder(&root.join(dir))?;
        }
        Ok(theme)
    }

    /// Replaces or adds every file found under `dir`.
    pub fn apply_folder(&mut self, dir: &Path) -> Result<(), ThemeError> {
        if !dir.is_dir() {
            return Err(ThemeError::Missing(dir.to_path_buf()));
        }
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(|e| ThemeError::Walk {
                path: e.path().unwrap_or(dir).to_path_buf(),
                message: e.to_string(),
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = crate::fsx::read(entry.path())?;
            self.files.insert(rel, bytes);
        }
        Ok(())
    }

    /// The bytes of one file.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// Every file under `prefix` (e.g. `templates/`), in path order.
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> {
        self.files
            .iter()
            .filter(move |(p, _)| p.starts_with(prefix))
            .map(|(p, b)| (p.as_str(), b.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_on_disk(dir: &Path) -> Vec<String> {
        walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect()
    }

    // A new CSS/JS/template file must never be forgotten by the embedding (style lesson 6).
    #[test]
    fn every_theme_file_on_disk_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let on_disk = files_on_disk(&dir);
        assert!(on_disk.iter().any(|p| p == "templates/base.html"));
        for path in &on_disk {
            assert!(default_file(path).is_some(), "{path} is not in THEME_FILES");
        }
    }

    // An override folder replaces single files by path and keeps every other default.
    #[test]
    fn override_folder_replaces_files_by_path() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("css")).unwrap();
        std::fs::write(dir.path().join("css/site.css"), "body{}").unwrap();
        let mut theme = Theme::embedded();
        theme.apply_folder(dir.path()).unwrap();
        assert_eq!(theme.get("css/site.css"), Some(&b"body{}"[..]));
        assert!(theme.get("templates/base.html").is_some());
    }

    // A typo in `theme:` is reported, not silently ignored.
    #[test]
    fn missing_override_folder_is_an_error() {
        let mut theme = Theme::embedded();
        let err = theme
            .apply_folder(Path::new("/nonexistent/theme"))
            .unwrap_err();
        assert!(matches!(err, ThemeError::Missing(_)));
    }
}
