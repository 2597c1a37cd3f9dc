//! Interface strings: every `i18n/*.yaml` file of the theme is a mapping
//! `key: { zh-CN: "...", en: "..." }`. All files are merged; a key defined twice, or a
//! key without a string for the configured language, is an error, so a page can never
//! show a raw key.

use std::collections::BTreeMap;

use super::RenderError;
use crate::theme::Theme;

/// The languages every key must be translated into.
pub const LANGUAGES: [&str; 2] = ["zh-CN", "en"];

/// key → language tag → string, merged from every i18n file.
pub type Table = BTreeMap<String, BTreeMap<String, String>>;

/// Reads and merges every `i18n/*.yaml` file of `theme`.
pub fn load(theme: &Theme) -> Result<Table, RenderError> {
    let mut table = Table::new();
    for (path, bytes) in theme.under("i18n/") {
        if !(path.ends_with(".yaml") || path.ends_with(".yml")) {
            continue;
        }
        let text =
            std::str::from_utf8(bytes).map_err(|_| RenderError::NotText(path.to_string()))?;
        if let Some(problem) = crate::yaml::text_problem(text) {
            return Err(RenderError::I18n(crate::tr!(
                "render.i18n_invalid",
                path = path,
                reason = problem
            )));
        }
        let file: Table = serde_saphyr::from_str(text).map_err(|e| {
            RenderError::I18n(crate::tr!("render.i18n_invalid", path = path, reason = e))
        })?;
        for (key, langs) in file {
            if table.contains_key(&key) {
                return Err(RenderError::I18n(crate::tr!(
                    "render.i18n_twice",
                    key = key,
                    path = path
                )));
            }
            table.insert(key, langs);
        }
    }
    Ok(table)
}

/// The strings of language `lang`; an error names the first key that lacks it.
pub fn strings_for(table: &Table, lang: &str) -> Result<BTreeMap<String, String>, RenderError> {
    let mut out = BTreeMap::new();
    for (key, langs) in table {
        let Some(s) = langs.get(lang) else {
            return Err(RenderError::I18n(crate::tr!(
                "render.i18n_missing",
                key = key,
                lang = lang
            )));
        };
        out.insert(key.clone(), s.clone());
    }
    Ok(out)
}

/// Every `key/lang` pair missing from `table`, for [`LANGUAGES`] (tests use this).
pub fn missing(table: &Table) -> Vec<String> {
    let mut out = Vec::new();
    for (key, langs) in table {
        for lang in LANGUAGES {
            if langs.get(lang).is_none_or(|s| s.trim().is_empty()) {
                out.push(format!("{key}/{lang}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // A key with only one language would show a raw key in the other UI.
    #[test]
    fn every_embedded_key_has_both_languages() {
        let table = load(&Theme::embedded()).unwrap();
        assert!(table.contains_key("nav_home"));
        assert_eq!(missing(&table), Vec::<String>::new());
    }

    // A template using `t.key` for a key no i18n file defines would fail only when that
    // branch renders; catch it for every branch by scanning the template sources.
    #[test]
    fn every_key_used_by_a_template_is_defined() {
        let theme = Theme::embedded();
        let table = load(&theme).unwrap();
        let mut unknown = Vec::new();
        for (path, bytes) in theme.under("templates/") {
            let text = String::from_utf8_lossy(bytes);
            for (i, _) in text.match_indices("t.") {
                let before = text[..i].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                    continue;
                }
                let key: String = text[i + 2..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !key.is_empty() && !table.contains_key(&key) {
                    unknown.push(format!("{path}: t.{key}"));
                }
            }
        }
        assert_eq!(unknown, Vec::<String>::new());
    }

    // An untranslated key is a load error naming the key.
    #[test]
    fn missing_translation_is_an_error() {
        let mut table = Table::new();
        table.insert(
            "only_zh".into(),
            [("zh-CN".to_string(), "中".to_string())].into(),
        );
        let err = strings_for(&table, "en").unwrap_err().to_string();
        assert!(err.contains("only_zh"), "{err}");
        assert_eq!(missing(&table), vec!["only_zh/en".to_string()]);
    }
}
