//! Cause values: a `delay_cause` cell may hold the code (`stockout`), the cause's name
//! from the catalogue (缺货) or one of its declared `aliases` (断货, 没货). All of them
//! count as the one code, so the report never shows two bars for one cause. A value
//! nothing knows keeps its text and is reported once, with a "did you mean" over codes,
//! names and aliases.

use crate::fasthash::FastMap;

/// Every name of every cause of the catalogue.
#[derive(Debug, Clone, Default)]
pub struct Causes {
    /// Lower-cased code, name or alias → code.
    names: FastMap<String, String>,
}

impl Causes {
    /// An index over `(code, name, aliases)` triples; the first cause to claim a name
    /// keeps it (validation reports the clash).
    pub fn new<'a>(causes: impl IntoIterator<Item = (&'a str, &'a str, &'a [String])>) -> Self {
        let mut names = FastMap::default();
        let mut later = Vec::new();
        for (code, name, aliases) in causes {
            names
                .entry(code.to_lowercase())
                .or_insert_with(|| code.to_string());
            later.push((code, name, aliases));
        }
        for (code, name, aliases) in later {
            for n in std::iter::once(name).chain(aliases.iter().map(String::as_str)) {
                let key = n.trim().to_lowercase();
                if !key.is_empty() {
                    names.entry(key).or_insert_with(|| code.to_string());
                }
            }
        }
        Causes { names }
    }

    /// The code a value stands for, or `None` when the value is unknown.
    pub fn code(&self, raw: &str) -> Option<&str> {
        if let Some(code) = self.names.get(raw) {
            return Some(code);
        }
        self.names
            .get(&raw.trim().to_lowercase())
            .map(String::as_str)
    }

    /// "did you mean" over every code, name and alias.
    pub fn suggest(&self, raw: &str) -> Option<String> {
        self.closest(raw)
            .map(|(name, _)| crate::tr!("diag.did_you_mean", word = name))
    }

    /// The code, name or alias most like `raw`, and its code.
    pub fn closest(&self, raw: &str) -> Option<(String, String)> {
        let mut all: Vec<&str> = self.names.keys().map(String::as_str).collect();
        all.sort_unstable();
        let name = crate::diag::closest(&raw.to_lowercase(), all)?;
        Some((name.to_string(), self.names.get(name)?.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 缺货 (the name) and 断货 (an alias) are the code stockout; unknown stays unknown.
    #[test]
    fn names_and_aliases_are_the_code() {
        let aliases = vec!["断货".to_string(), "没货".to_string()];
        let none: Vec<String> = Vec::new();
        let c = Causes::new([
            ("stockout", "缺货", aliases.as_slice()),
            ("logistics", "物流异常", none.as_slice()),
        ]);
        assert_eq!(c.code("缺货"), Some("stockout"));
        assert_eq!(c.code("断货"), Some("stockout"));
        assert_eq!(c.code("StockOut"), Some("stockout"));
        assert_eq!(c.code("物流异常"), Some("logistics"));
        assert_eq!(c.code("天气"), None);
        assert_eq!(
            c.suggest("stokout").as_deref(),
            Some("did you mean `stockout`?")
        );
    }
}
