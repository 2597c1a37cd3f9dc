//! The default theme (`themes/default/`) and the sample project, embedded in the binary
//! at compile time by `build.rs`, plus the optional per-project override folder.
//!
//! A project never needs a copy of the theme (`delaybook new` does not write one). When
//! `theme:` is set in `delaybook.yaml`, each file in that folder replaces the embedded
//! file with the same relative path (`templates/base.html`, `css/site.css` …) and new
//! files are added; everything else keeps coming from the binary, so an upgrade of
//! delaybook still brings the new default files (the copy-then-break problem of mdBook
//! themes).
//!
//! Only what a theme is made of is taken from the folder: templates
//! (`templates/*.html`, rendered, never copied), interface strings (`i18n/*.yaml`) and
//! static files by extension ([`ASSET_EXTENSIONS`]). Hidden files and folders
//! (`.ssh`, `.git`, `.env`), links and any other file are left out and listed in a
//! warning, so nothing the author did not mean to publish ends up in the output. The
//! folder must be inside the project unless the command line allows otherwise
//! (`--allow-external-theme`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::fsx::FsError;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// Extensions of the static files a theme may publish (copied into the output as they
/// are).
pub const ASSET_EXTENSIONS: &[&str] = &[
    "css", "js", "svg", "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "woff", "woff2", "ttf",
    "otf",
];

/// Largest file taken from a theme folder.
pub const MAX_THEME_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Most entries (files and folders) a theme folder may hold; a `theme:` pointing at a
/// large folder by mistake fails at once instead of walking it all.
pub const MAX_THEME_ENTRIES: usize = 2_000;

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
    #[error("{}", crate::tr!("theme.missing", path = .0.display()))]
    Missing(PathBuf),
    /// `theme:` names a folder outside the project, and the command line did not allow it.
    #[error("{}", crate::tr!("theme.outside", path = .0.display()))]
    Outside(PathBuf),
    /// A file of the override folder is too large.
    #[error("{}", crate::tr!("theme.too_large", path = .path.display(), bytes = .bytes, max = MAX_THEME_FILE_BYTES))]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        bytes: u64,
    },
    /// The override folder holds too many entries.
    #[error("{}", crate::tr!("theme.too_many", path = .0.display(), max = MAX_THEME_ENTRIES))]
    TooMany(PathBuf),
    /// A file of the override folder could not be read.
    #[error(transparent)]
    Fs(#[from] FsError),
    /// The override folder could not be walked.
    #[error("{}", crate::tr!("theme.walk", path = .path.display(), reason = .message))]
    Walk {
        /// The folder or entry that failed.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

/// A file of the override folder that was left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Path relative to the theme folder.
    pub path: String,
    /// Why, as a catalogue key, e.g. `theme.skip_hidden` ("hidden file").
    pub why: &'static str,
}

/// The files of the theme in use: the embedded default with the project's overrides
/// applied, as relative path (`/`-separated) → bytes.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    files: BTreeMap<String, Vec<u8>>,
    skipped: Vec<Skipped>,
}

/// Whether a file at `rel` (relative to the theme folder) belongs to a theme: `Err`
/// says why not (a catalogue key).
pub fn kind_of(rel: &str) -> Result<(), &'static str> {
    if rel.split('/').any(|part| part.starts_with('.')) {
        return Err("theme.skip_hidden");
    }
    let ext = rel
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if rel.starts_with("templates/") {
        return matches!(ext.as_str(), "html" | "svg")
            .then_some(())
            .ok_or("theme.skip_template");
    }
    if rel.starts_with("i18n/") {
        return matches!(ext.as_str(), "yaml" | "yml")
            .then_some(())
            .ok_or("theme.skip_i18n");
    }
    ASSET_EXTENSIONS
        .contains(&ext.as_str())
        .then_some(())
        .ok_or("theme.skip_kind")
}

impl Theme {
    /// The embedded default theme alone.
    pub fn embedded() -> Self {
        let files = THEME_FILES
            .iter()
            .map(|(p, b)| ((*p).to_string(), b.to_vec()))
            .collect();
        Theme {
            files,
            skipped: Vec::new(),
        }
    }

    /// The default theme with the override folder of `config.theme` (relative to the
    /// project `root`) applied file by file; the folder must be inside the project.
    pub fn load(config: &Config, root: &Path) -> Result<Self, ThemeError> {
        Self::load_with(config, root, false)
    }

    /// Like [`Theme::load`]; `allow_outside` accepts a folder outside the project (the
    /// command line's `--allow-external-theme`).
    pub fn load_with(
        config: &Config,
        root: &Path,
        allow_outside: bool,
    ) -> Result<Self, ThemeError> {
        let mut theme = Self::embedded();
        if let Some(dir) = &config.theme {
            let full = root.join(dir);
            let inside = crate::output::resolve(&full).starts_with(crate::output::resolve(root));
            if !inside && !allow_outside {
                return Err(ThemeError::Outside(full));
            }
            theme.apply_folder(&full)?;
        }
        Ok(theme)
    }

    /// Replaces or adds every theme file found under `dir` (see [`kind_of`]); other
    /// files, hidden folders and links are left out and listed in [`Theme::skipped`].
    pub fn apply_folder(&mut self, dir: &Path) -> Result<(), ThemeError> {
        if !dir.is_dir() {
            return Err(ThemeError::Missing(dir.to_path_buf()));
        }
        let mut walker = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter();
        let mut entries = 0;
        while let Some(entry) = walker.next() {
            let entry = entry.map_err(|e| ThemeError::Walk {
                path: e.path().unwrap_or(dir).to_path_buf(),
                message: e.to_string(),
            })?;
            entries += 1;
            if entries > MAX_THEME_ENTRIES {
                return Err(ThemeError::TooMany(dir.to_path_buf()));
            }
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            let kind = entry.file_type();
            if kind.is_dir() {
                // Never descend into `.git`, `.ssh` …: nothing in them is published.
                if rel.rsplit('/').next().is_some_and(|n| n.starts_with('.')) {
                    self.skip(rel + "/", "theme.skip_hidden_folder");
                    walker.skip_current_dir();
                }
                continue;
            }
            if !kind.is_file() {
                self.skip(rel, "theme.skip_link");
                continue;
            }
            if let Err(why) = kind_of(&rel) {
                self.skip(rel, why);
                continue;
            }
            self.add_file(rel, &entry)?;
        }
        Ok(())
    }

    fn add_file(&mut self, rel: String, entry: &walkdir::DirEntry) -> Result<(), ThemeError> {
        let bytes = entry.metadata().map_or(0, |m| m.len());
        if bytes > MAX_THEME_FILE_BYTES {
            return Err(ThemeError::TooLarge {
                path: entry.path().to_path_buf(),
                bytes,
            });
        }
        self.files.insert(rel, crate::fsx::read(entry.path())?);
        Ok(())
    }

    fn skip(&mut self, path: String, why: &'static str) {
        self.skipped.push(Skipped { path, why });
    }

    /// Files of the override folder that were left out, in path order.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
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

    // A `.ssh` key in the theme folder ended up in `public/` (issue 14, item 10): only
    // theme kinds are taken, never hidden files, links or other files.
    #[test]
    fn takes_only_theme_files_and_never_hidden_ones() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            "css/extra.css",
            "img/logo.png",
            "templates/index.html",
            "i18n/more.yaml",
            ".ssh/id_ed25519",
            ".env",
            "css/.hidden.css",
            "notes.txt",
            "templates/readme.md",
            "backup.zip",
        ];
        for f in files {
            let path = dir.path().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let mut theme = Theme::embedded();
        theme.apply_folder(dir.path()).unwrap();
        for taken in &files[..4] {
            assert_eq!(theme.get(taken), Some(&b"x"[..]), "{taken}");
        }
        for left in &files[4..] {
            assert_eq!(theme.get(left), None, "{left}");
        }
        let skipped: Vec<&str> = theme.skipped().iter().map(|s| s.path.as_str()).collect();
        assert_eq!(
            skipped,
            [
                ".env",
                ".ssh/",
                "backup.zip",
                "css/.hidden.css",
                "notes.txt",
                "templates/readme.md"
            ]
        );
    }

    // `theme: /home/me` or `theme: ../other` publishes files from outside the project:
    // refused unless the command line allows it.
    #[test]
    fn refuses_a_theme_folder_outside_the_project() {
        let outside = tempfile::tempdir().unwrap();
        let project = tempfile::tempdir().unwrap();
        std::fs::create_dir(project.path().join("theme")).unwrap();
        let mut config = Config {
            theme: Some(outside.path().to_path_buf()),
            ..Config::default()
        };
        let err = Theme::load(&config, project.path()).unwrap_err();
        assert!(matches!(err, ThemeError::Outside(_)), "{err}");
        assert!(Theme::load_with(&config, project.path(), true).is_ok());
        config.theme = Some(PathBuf::from("theme/../../x"));
        assert!(matches!(
            Theme::load(&config, project.path()),
            Err(ThemeError::Outside(_))
        ));
        config.theme = Some(PathBuf::from("theme"));
        assert!(Theme::load(&config, project.path()).is_ok());
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
