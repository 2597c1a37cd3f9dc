//! The search fixture site (`tests/fixtures/search/basic/site/`): rendered-looking HTML
//! pages plus the synonyms of the brief, turned into an `OutputTree` and an index.

use std::path::{Path, PathBuf};

use delaybook::config::Config;
use delaybook::output::OutputTree;
use delaybook::playbooks::model::{ContentFile, Synonym};
use delaybook::validate::{Content, content_from_files};

/// Folder of the fixture site.
pub fn site_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search/basic/site")
}

/// Every file of the fixture site, keyed by its `/`-separated relative path.
pub fn fixture_tree() -> OutputTree {
    let root = site_dir();
    let mut tree = OutputTree::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.expect("fixture folder is readable");
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&root).expect("under root");
            let rel = rel.to_string_lossy().replace('\\', "/");
            tree.insert(
                rel,
                std::fs::read(entry.path()).expect("fixture file is readable"),
            );
        }
    }
    tree
}

/// Content with the synonyms staff use (the rest of the content is not read by search).
pub fn fixture_content() -> Content {
    let syn = |word: &str, variants: &[&str]| Synonym {
        word: word.into(),
        variants: variants.iter().map(|v| v.to_string()).collect(),
    };
    content_from_files(vec![ContentFile {
        synonyms: vec![
            syn("退款", &["退钱", "退費"]),
            syn("单号填错", &["快递单号错了", "单号错了"]),
            syn("缺货", &["没货", "断货"]),
        ],
        ..ContentFile::default()
    }])
}

/// The bytes of `search-index.js` for the fixture.
pub fn fixture_index() -> Vec<u8> {
    delaybook::search::build_index(&fixture_tree(), &fixture_content(), &Config::default())
}
