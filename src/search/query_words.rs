//! The words that shape how a query is read: fillers and question words that are not
//! content ("怎么", "能不能", "吗"), and intent words that say which kind of section is
//! wanted ("怎么回" → reply templates, "流程" → steps).
//!
//! They are data (`data/query-words.yaml`, one entry per site language) and travel in
//! the index, so `search.js` holds no word lists of its own. How the runtime uses them is
//! described in `docs/search.md`.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::normalize::normalize;

/// The list as shipped, for every supported site language.
const QUERY_WORDS: &str = include_str!("data/query-words.yaml");

/// Fillers and intents of one language, folded to matching form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueryWords {
    /// Words that carry no content in a question.
    pub fillers: Vec<String>,
    /// Words that ask for a kind of section.
    pub intents: Vec<Intent>,
}

/// One kind of answer a query can ask for.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intent {
    /// A name for documentation and tests (`template`, `step`, …).
    pub name: String,
    /// Section anchors (prefixes) that the intent boosts, e.g. `tpl-`.
    pub sections: Vec<String>,
    /// The words that express it.
    pub words: Vec<String>,
}

/// The fillers and intents for a site language (`zh-CN`, `en`); empty lists for a
/// language the data does not cover.
pub fn for_language(lang: &str) -> QueryWords {
    let mut all: BTreeMap<String, QueryWords> = match serde_saphyr::from_str(QUERY_WORDS) {
        Ok(all) => all,
        Err(_) => return QueryWords::default(), // the unit test below keeps the file valid
    };
    let words = all.remove(lang).unwrap_or_default();
    QueryWords {
        fillers: fold_all(&words.fillers),
        intents: words
            .intents
            .into_iter()
            .map(|i| Intent {
                words: fold_all(&i.words),
                ..i
            })
            .collect(),
    }
}

/// Folded, trimmed, without empty entries or repeats, in the data's order.
fn fold_all(words: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for w in words {
        let w = normalize(w.trim());
        if !w.is_empty() && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // The shipped data must parse for every site language, or search would silently
    // lose its query understanding.
    #[test]
    fn shipped_words_parse_for_every_language() {
        for lang in ["zh-CN", "en"] {
            let w = for_language(lang);
            assert!(w.fillers.len() > 20, "{lang}: {} fillers", w.fillers.len());
            let names: Vec<&str> = w.intents.iter().map(|i| i.name.as_str()).collect();
            assert_eq!(names, ["template", "step", "time", "wording"], "{lang}");
            assert!(
                w.intents
                    .iter()
                    .all(|i| !i.words.is_empty() && !i.sections.is_empty())
            );
        }
        assert_eq!(for_language("fr"), QueryWords::default());
    }

    // The question words are all fillers or intents.
    #[test]
    fn covers_the_common_question_words() {
        let w = for_language("zh-CN");
        let known = |x: &str| {
            w.fillers.iter().any(|f| f == x)
                || w.intents.iter().any(|i| i.words.iter().any(|v| v == x))
        };
        for x in [
            "怎么",
            "怎么办",
            "如何",
            "怎样",
            "可以",
            "能不能",
            "吗",
            "呢",
            "了",
            "什么",
            "哪些",
            "多少",
            "为什么",
            "应该",
            "要不要",
            "怎么回",
            "回复",
            "话术",
            "流程",
            "步骤",
        ] {
            assert!(known(x), "{x} is neither a filler nor an intent word");
        }
    }
}
