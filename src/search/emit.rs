//! Serialises the index as `search-index.js`: one statement setting
//! `window.DELAYBOOK_SEARCH_INDEX` from `JSON.parse('…')` (mdBook's trick: a script
//! loads from `file://` where `fetch()` cannot, and `JSON.parse` of a string literal is
//! faster than an object literal). The layout is documented in `docs/search.md`.

use serde_json::{Value, json};

use super::normalize::Normalized;
use super::query_words::QueryWords;

/// Version of the index layout; `search.js` checks it.
pub const FORMAT_VERSION: u32 = 2;

/// One page ready to be written.
#[derive(Debug, Clone)]
pub struct IndexedPage {
    /// URL relative to the site root, e.g. `playbooks/x.html`.
    pub url: String,
    /// `data-search-kind` of the page.
    pub kind: String,
    /// Page title, normalised.
    pub title: Normalized,
    /// Sections, normalised.
    pub sections: Vec<IndexedSection>,
}

/// One section ready to be written.
#[derive(Debug, Clone)]
pub struct IndexedSection {
    /// Heading id, `""` for the intro.
    pub anchor: String,
    /// Heading, normalised.
    pub heading: Normalized,
    /// Body, normalised and truncated.
    pub body: Normalized,
}

/// Everything that goes into the file.
#[derive(Debug, Clone)]
pub struct IndexData {
    /// Pages in path order.
    pub pages: Vec<IndexedPage>,
    /// Traditional→Simplified pairs, `T1S1T2S2…`.
    pub ts_pairs: String,
    /// (variant, word) pairs, normalised, longest variant first.
    pub synonyms: Vec<(String, String)>,
    /// UI language tag (`zh-CN`, `en`).
    pub lang: String,
    /// Fillers and intent words of the site language, folded.
    pub query_words: QueryWords,
    /// Homophones, `key` + site characters + `~` + other characters per sound.
    pub homophones: String,
    /// `page.html#triage` of the triage helper, when the site has one.
    pub triage: Option<String>,
}

/// The complete bytes of `search-index.js`.
pub fn to_js(data: &IndexData) -> Vec<u8> {
    let json = to_json(data).to_string();
    let mut out = String::with_capacity(json.len() + 96);
    out.push_str("/* delaybook search index (generated; see docs/search.md) */\n");
    out.push_str("window.DELAYBOOK_SEARCH_INDEX = JSON.parse('");
    push_js_single_quoted(&mut out, &json);
    out.push_str("');\n");
    out.into_bytes()
}

/// The index as a JSON value (object keys are sorted by serde_json's map).
pub fn to_json(data: &IndexData) -> Value {
    let mut pages = Vec::new();
    let mut sections = Vec::new();
    for (i, p) in data.pages.iter().enumerate() {
        let mut row = vec![json!(p.url), json!(p.kind), json!(p.title.text)];
        if !p.title.restore.is_empty() {
            row.push(restore_value(&p.title));
        }
        pages.push(Value::Array(row));
        for s in &p.sections {
            sections.push(section_row(i, s));
        }
    }
    let synonyms: Vec<Value> = data.synonyms.iter().map(|(v, w)| json!([v, w])).collect();
    let intents: Vec<Value> = data
        .query_words
        .intents
        .iter()
        .map(|i| json!([i.sections, i.words]))
        .collect();
    json!({
        "v": FORMAT_VERSION,
        "lang": data.lang,
        "p": pages,
        "s": sections,
        "t": data.ts_pairs,
        "y": synonyms,
        "q": { "f": data.query_words.fillers, "i": intents },
        "h": data.homophones,
        "tri": data.triage,
    })
}

/// `[page, anchor, heading, body, headingRestore, bodyRestore]`, trailing empty
/// restores left out and an empty one written as `0`.
fn section_row(page: usize, s: &IndexedSection) -> Value {
    let mut row = vec![
        json!(page),
        json!(s.anchor),
        json!(s.heading.text),
        json!(s.body.text),
    ];
    if !s.body.restore.is_empty() {
        row.push(restore_value(&s.heading));
        row.push(restore_value(&s.body));
    } else if !s.heading.restore.is_empty() {
        row.push(restore_value(&s.heading));
    }
    Value::Array(row)
}

/// Restore runs flattened as `[pos, "run", pos, "run", …]`, or `0` when there are none.
fn restore_value(n: &Normalized) -> Value {
    if n.restore.is_empty() {
        return json!(0);
    }
    let flat: Vec<Value> = n
        .restore
        .iter()
        .flat_map(|(pos, run)| [json!(pos), json!(run)])
        .collect();
    Value::Array(flat)
}

/// Appends `json` escaped for a single-quoted JavaScript string literal that sits in
/// an HTML-loaded script: backslashes and quotes escaped, `<` and `>` as `\u003c` /
/// `\u003e` (so `</script>` or `<!--` can never appear), and U+2028/U+2029 escaped.
pub fn push_js_single_quoted(out: &mut String, json: &str) {
    for c in json.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Text from content must never end the script element or the string literal.
    #[test]
    fn escapes_everything_that_could_break_out() {
        let mut s = String::new();
        push_js_single_quoted(&mut s, "\"</script>\\'\u{2028}\u{2029}\"");
        assert_eq!(s, "\"\\u003c/script\\u003e\\\\\\'\\u2028\\u2029\"");
        assert!(!s.contains('<') && !s.contains('\u{2028}'));
    }
}
