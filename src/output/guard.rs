//! Which folders an output folder may never be: the project's inputs, the project root
//! itself, `/` and the home folder.
//!
//! The output folder is replaced as a whole on every build, so an `--out` that is, holds
//! or sits inside an input would delete sources (`build --out . --force` deleted the
//! project; Zola and mdBook users lost sources the same way). These folders are refused
//! whatever `--force` says: `--force` is only for replacing a foreign folder that is
//! safe to lose.
//!
//! Paths are compared after symbolic links are resolved and `.`/`..` removed, so neither
//! `--out playbooks/..` nor a link to the project gets through.

use std::path::{Component, Path, PathBuf};

use crate::config::Config;

/// What an input of the project is, for the refusal message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// `delaybook.yaml`.
    Config,
    /// The playbooks folder.
    Playbooks,
    /// A folder of order exports (or the folder of a glob).
    OrdersFolder,
    /// One order export.
    OrdersFile,
    /// The stock export.
    Stock,
    /// The theme folder.
    Theme,
}

impl InputKind {
    /// Its name in the terminal's language, e.g. "the playbooks folder".
    fn name(self) -> String {
        match self {
            InputKind::Config => crate::tr!("guard.what_config"),
            InputKind::Playbooks => crate::tr!("guard.what_playbooks"),
            InputKind::OrdersFolder => crate::tr!("guard.what_orders_folder"),
            InputKind::OrdersFile => crate::tr!("guard.what_orders_file"),
            InputKind::Stock => crate::tr!("guard.what_stock"),
            InputKind::Theme => crate::tr!("guard.what_theme"),
        }
    }
}

/// One input the output must keep away from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Input {
    /// What it is, for the message.
    what: InputKind,
    /// As given (relative to the project root when possible), for the message.
    shown: PathBuf,
    /// Resolved absolute path.
    resolved: PathBuf,
    /// A folder: the output may not be inside it either.
    is_dir: bool,
}

/// The paths an output folder is checked against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Protected {
    root: Option<PathBuf>,
    inputs: Vec<Input>,
}

impl Protected {
    /// The project root and its inputs: `delaybook.yaml`, the playbooks folder, the
    /// orders (file, folder, or the folder of a glob), the stock file and the theme folder.
    pub fn for_project(root: &Path, config: &Config) -> Self {
        let mut p = Protected {
            root: Some(resolve(root)),
            inputs: Vec::new(),
        };
        p.add_file(
            InputKind::Config,
            root,
            Path::new(crate::config::CONFIG_FILE),
        );
        p.add_dir(InputKind::Playbooks, root, &config.inputs.playbooks);
        for entry in config.inputs.orders.entries() {
            p.add_orders(root, &entry.path);
        }
        p.add_file(InputKind::Stock, root, &config.inputs.stock);
        if let Some(theme) = &config.theme {
            p.add_dir(InputKind::Theme, root, theme);
        }
        p
    }

    /// Adds an orders input as `inputs.orders` or `--orders` give it: a glob protects
    /// its folder, a folder itself, anything else is a file.
    pub fn add_orders(&mut self, root: &Path, spec: &str) {
        let full = root.join(spec);
        let is_glob = full
            .file_name()
            .is_some_and(|n| n.to_string_lossy().contains(['*', '?']));
        if is_glob {
            let dir = full.parent().unwrap_or(root).to_path_buf();
            self.add_dir(InputKind::OrdersFolder, root, &dir);
        } else if full.is_dir() {
            self.add_dir(InputKind::OrdersFolder, root, Path::new(spec));
        } else {
            self.add_file(InputKind::OrdersFile, root, Path::new(spec));
        }
    }

    /// Adds a file input (`path` relative to `root` unless absolute).
    pub fn add_file(&mut self, what: InputKind, root: &Path, path: &Path) {
        self.add(what, root, path, false);
    }

    /// Adds a folder input (`path` relative to `root` unless absolute).
    pub fn add_dir(&mut self, what: InputKind, root: &Path, path: &Path) {
        self.add(what, root, path, true);
    }

    fn add(&mut self, what: InputKind, root: &Path, path: &Path, is_dir: bool) {
        let full = root.join(path);
        self.inputs.push(Input {
            what,
            shown: full.strip_prefix(root).unwrap_or(&full).to_path_buf(),
            resolved: resolve(&full),
            is_dir,
        });
    }

    /// Why `out` may not be the output folder, as the end of a sentence in the
    /// terminal's language ("it is the playbooks folder `playbooks`"), or `None` when it
    /// may.
    pub fn refusal(&self, out: &Path) -> Option<String> {
        let out = resolve(out);
        if out.parent().is_none() {
            return Some(crate::tr!("guard.root_fs"));
        }
        if let Some(home) = home_folder()
            && home.starts_with(&out)
        {
            let key = if home == out {
                "guard.home_is"
            } else {
                "guard.home_contains"
            };
            return Some(crate::tr!(key));
        }
        if let Some(root) = &self.root
            && root.starts_with(&out)
        {
            let key = if *root == out {
                "guard.project_is"
            } else {
                "guard.project_contains"
            };
            return Some(crate::tr!(key));
        }
        self.inputs.iter().find_map(|input| input.refusal(&out))
    }
}

impl Input {
    fn refusal(&self, out: &Path) -> Option<String> {
        let key = if self.resolved == out {
            "guard.input_is"
        } else if self.resolved.starts_with(out) {
            "guard.input_contains"
        } else if self.is_dir && out.starts_with(&self.resolved) {
            "guard.input_inside"
        } else {
            return None;
        };
        let shown = crate::diag::escape_controls(&self.shown.to_string_lossy()).into_owned();
        Some(crate::tr!(key, what = self.what.name(), path = shown))
    }
}

/// The user's home folder (`HOME`, or `USERPROFILE` on Windows), resolved.
fn home_folder() -> Option<PathBuf> {
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"))?;
    let home = PathBuf::from(home);
    home.is_absolute().then(|| resolve(&home))
}

/// `path` made absolute, with `.` and `..` applied and every symbolic link of the
/// existing part resolved the way the kernel would (a `..` after a link goes to the
/// link target's parent). The missing tail is kept as written.
pub fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => out.push(component.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if let Ok(real) = std::fs::canonicalize(&out) {
                    out = real;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> (tempfile::TempDir, Protected) {
        let dir = tempfile::tempdir().unwrap();
        for d in ["playbooks", "data", "theme"] {
            std::fs::create_dir(dir.path().join(d)).unwrap();
        }
        let config = Config {
            theme: Some(PathBuf::from("theme")),
            ..Config::default()
        };
        let p = Protected::for_project(dir.path(), &config);
        (dir, p)
    }

    // `build --out . --force` deleted the project (issue 14, item 1): the root, every
    // input, and folders holding or inside them are refused.
    #[test]
    fn refuses_root_inputs_and_what_holds_them() {
        let (dir, p) = project();
        let root = dir.path();
        let cases = [
            (".", "it is the project folder"),
            ("..", "it contains the project folder"),
            ("playbooks", "it is the playbooks folder `playbooks`"),
            (
                "playbooks/site",
                "it is inside the playbooks folder `playbooks`",
            ),
            ("data", "it contains the orders file `data/orders.csv`"),
            ("data/orders.csv", "it is the orders file `data/orders.csv`"),
            ("theme/../theme/x", "it is inside the theme folder `theme`"),
            (
                "delaybook.yaml",
                "it is the configuration file `delaybook.yaml`",
            ),
        ];
        for (out, why) in cases {
            assert_eq!(p.refusal(&root.join(out)).as_deref(), Some(why), "{out}");
        }
        for ok in ["public", "site/out", "data-site"] {
            assert_eq!(p.refusal(&root.join(ok)), None, "{ok}");
        }
        assert_eq!(
            p.refusal(Path::new("/")).as_deref(),
            Some("it is the root of the file system")
        );
    }

    // A symbolic link to an input is the input.
    #[cfg(unix)]
    #[test]
    fn follows_links_to_inputs() {
        let (dir, p) = project();
        let link = dir.path().join("public");
        std::os::unix::fs::symlink(dir.path().join("playbooks"), &link).unwrap();
        assert_eq!(
            p.refusal(&link).as_deref(),
            Some("it is the playbooks folder `playbooks`")
        );
    }

    // A glob protects its folder: reports written inside it would be read back as orders.
    #[test]
    fn a_glob_protects_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = Protected::default();
        p.add_orders(dir.path(), "exports/orders-*.csv");
        assert_eq!(
            p.refusal(&dir.path().join("exports/site")).as_deref(),
            Some("it is inside the orders folder `exports`")
        );
    }

    // The home folder is refused, and so is anything holding it.
    #[test]
    fn refuses_the_home_folder() {
        let Some(home) = home_folder() else { return };
        let p = Protected::default();
        assert_eq!(p.refusal(&home).as_deref(), Some("it is your home folder"));
        if let Some(parent) = home.parent().filter(|p| p.parent().is_some()) {
            assert_eq!(
                p.refusal(parent).as_deref(),
                Some("it contains your home folder")
            );
        }
    }
}
