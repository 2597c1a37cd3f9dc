//! Stage 7: the site search index, `search-index.js`.
//!
//! The site opens from `file://`, so the index is a script that sets a global (no
//! `fetch()`), read by `themes/default/js/search.js`. It is built from the *rendered*
//! pages, so search finds exactly what staff see:
//!
//! 1. every `.html` file of the [`OutputTree`] whose `<main>` carries
//!    `data-search-kind` other than `none`, in path order (other pages and the print
//!    handbook `handbook.html` are skipped; `reports/` pages contribute their title only, so order and SKU data
//!    from the CSVs never enter the index);
//! 2. the `<main>` text is split into sections at `<h2>`/`<h3>` headings with an `id`
//!    (results link to `page.html#id`), tags stripped, entities decoded, whitespace
//!    collapsed and each body truncated ([`text::MAX_BODY_CHARS`]);
//! 3. all text is stored once, in matching form ([`normalize()`]: Traditional →
//!    Simplified, full-width → ASCII, lower case) with short restore runs for display;
//! 4. reply templates show their placeholders as labels (`【商品名称】`), and a card
//!    shown in several places (template, checklist) keeps its text once ([`cards`]);
//! 5. the synonyms of `content.synonyms`, the Traditional → Simplified pairs and the
//!    homophones the site can use ([`homophones`]), the question and intent words of
//!    the site language ([`query_words`]) and the place of the triage helper are added.
//!
//! Matching and ranking happen in `search.js`; see `docs/search.md`.

mod cards;
mod emit;
mod homophones;
mod html;
pub mod normalize;
pub mod query_words;
pub mod text;

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::output::OutputTree;
use crate::validate::Content;

pub use emit::{FORMAT_VERSION, IndexData, IndexedPage, IndexedSection, push_js_single_quoted};
pub use html::{RawPage, RawSection, parse_page, strip_tags};
pub use normalize::{Normalized, normalize, normalize_with_restore};
pub use query_words::QueryWords;

/// Path of the index file in the output tree.
pub const INDEX_PATH: &str = "search-index.js";

/// The print handbook repeats every playbook on one page; indexing it would put it
/// next to every result.
const HANDBOOK_PATH: &str = "handbook.html";

/// Anchor of the triage helper ("现在是什么情况？") on the home page; the "nothing
/// found" box links to it.
const TRIAGE_ANCHOR: &str = "triage";

/// Folder whose pages are indexed by title only.
const REPORTS_PREFIX: &str = "reports/";

/// Builds the bytes of `search-index.js` for a rendered site. Deterministic: the same
/// tree and content give the same bytes.
pub fn build_index(tree: &OutputTree, content: &Content, config: &Config) -> Vec<u8> {
    emit::to_js(&index_data(tree, content, config))
}

/// The index before serialisation (pages, synonyms, conversion pairs); exposed for
/// tests and tools.
pub fn index_data(tree: &OutputTree, content: &Content, config: &Config) -> IndexData {
    let pages = collect_pages(tree, content);
    let synonyms = synonym_pairs(content);
    let mut present = BTreeSet::new();
    for p in &pages {
        present.extend(p.title.text.chars());
        for s in &p.sections {
            present.extend(s.heading.text.chars());
            present.extend(s.body.text.chars());
        }
    }
    for (v, w) in &synonyms {
        present.extend(v.chars().chain(w.chars()));
    }
    present.retain(|c| !c.is_ascii());
    let lang = config.site.language.tag();
    IndexData {
        triage: triage_url(&pages),
        ts_pairs: normalize::ts_pairs_for(&present),
        homophones: homophones::table(&present),
        query_words: query_words::for_language(lang),
        pages,
        synonyms,
        lang: lang.to_string(),
    }
}

/// Every searchable page of the tree, in path order.
fn collect_pages(tree: &OutputTree, content: &Content) -> Vec<IndexedPage> {
    let files: Vec<(&str, &[u8])> = tree
        .files()
        .filter(|(path, _)| path.ends_with(".html") && *path != HANDBOOK_PATH)
        .collect();
    // Pages are read independently: the second half (by bytes) on a second thread, then
    // the two lists joined in path order.
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut bytes = 0;
    let half = files
        .iter()
        .position(|(_, b)| {
            bytes += b.len();
            bytes * 2 >= total
        })
        .map_or(files.len(), |i| i + 1);
    let (first, second) = files.split_at(half);
    let read = |part: &[(&str, &[u8])]| -> Vec<IndexedPage> {
        part.iter()
            .filter_map(|(path, bytes)| read_page(path, bytes, content))
            .collect()
    };
    let mut pages = std::thread::scope(|scope| {
        let later = scope.spawn(|| read(second));
        let mut pages = read(first);
        pages.extend(
            later
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        );
        pages
    });
    cards::drop_repeated_bodies(&mut pages);
    pages
}

/// One page of the index, or `None` for a page the index leaves out.
fn read_page(path: &str, bytes: &[u8], content: &Content) -> Option<IndexedPage> {
    let html = String::from_utf8_lossy(bytes);
    let mut raw = parse_page(&html, path.starts_with(REPORTS_PREFIX))?;
    raw.sections
        .iter_mut()
        .for_each(|s| cards::label_placeholders(s, content));
    Some(index_page(path, raw))
}

/// `page.html#triage` on the home page, when the site has the triage helper.
fn triage_url(pages: &[IndexedPage]) -> Option<String> {
    pages
        .iter()
        .filter(|p| p.kind == "home")
        .find(|p| p.sections.iter().any(|s| s.anchor == TRIAGE_ANCHOR))
        .map(|p| format!("{}#{TRIAGE_ANCHOR}", p.url))
}

fn index_page(url: &str, raw: RawPage) -> IndexedPage {
    let sections = raw
        .sections
        .into_iter()
        .enumerate()
        .filter(|(i, s)| *i == 0 || !(s.heading.is_empty() && s.body.is_empty()))
        .map(|(_, s)| IndexedSection {
            anchor: s.anchor,
            heading: normalize_with_restore(&s.heading),
            body: normalize_with_restore(text::truncate_body(&s.body, text::MAX_BODY_CHARS)),
        })
        .collect();
    IndexedPage {
        url: url.to_string(),
        kind: raw.kind,
        title: normalize_with_restore(&raw.title),
        sections,
    }
}

/// `(variant, words)` pairs in matching form, longest variant first (so `快递单号错了`
/// is replaced before `单号错了`), without empty or self-mapping entries. A variant
/// listed under several words maps to all of them, separated by spaces.
fn synonym_pairs(content: &Content) -> Vec<(String, String)> {
    let mut words: BTreeMap<(std::cmp::Reverse<usize>, String), Vec<String>> = BTreeMap::new();
    for syn in &content.synonyms {
        let word = normalize(syn.word.trim());
        for v in &syn.variants {
            let v = normalize(v.trim());
            if v.is_empty() || word.is_empty() || v == word {
                continue;
            }
            let list = words
                .entry((std::cmp::Reverse(v.chars().count()), v))
                .or_default();
            if !list.contains(&word) {
                list.push(word.clone());
            }
        }
    }
    words
        .into_iter()
        .map(|((_, v), w)| (v, w.join(" ")))
        .collect()
}
