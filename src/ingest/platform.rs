//! Platform keys: what a `platform` value (a column, an input's `platform:`, or a
//! preset) means, resolved to the key that selects promise hours and compensation.
//!
//! [`Platforms::key`] is the one function that turns a raw value into a key: the
//! configured keys first, then each entry's `name` and `aliases`, then the built-in
//! Chinese and English names (抖音, 抖店 → `douyin`; 拼多多 → `pinduoduo`; 淘宝, 天猫 →
//! `taobao`; 京东 → `jd`; TikTok → `tiktok_shop`). A value nothing knows is kept, in
//! lower case, and reported once with a "did you mean" over keys, names and aliases.

use crate::fasthash::FastMap;
use compact_str::CompactString;

use crate::config::Config;

/// Built-in platform keys and the names that mean them.
pub const BUILT_IN: &[(&str, &[&str])] = &[
    ("douyin", &["抖音", "抖店", "抖音小店", "抖音电商", "dy"]),
    ("pinduoduo", &["拼多多", "pdd", "多多"]),
    (
        "taobao",
        &["淘宝", "天猫", "tmall", "千牛", "tb", "淘宝/天猫"],
    ),
    ("jd", &["京东", "京麦", "jingdong", "京东pop"]),
    (
        "tiktok_shop",
        &["tiktok", "tiktok shop", "tiktokshop", "tts"],
    ),
    ("kuaishou", &["快手", "快手小店"]),
    ("xiaohongshu", &["小红书"]),
];

/// Names shown for the built-in keys when the config gives none.
pub const DISPLAY: &[(&str, &str)] = &[
    ("douyin", "抖音"),
    ("pinduoduo", "拼多多"),
    ("taobao", "淘宝"),
    ("jd", "京东"),
    ("tiktok_shop", "TikTok Shop"),
    ("kuaishou", "快手"),
    ("xiaohongshu", "小红书"),
];

/// The display name of a built-in key.
pub fn display_name(key: &str) -> Option<&'static str> {
    DISPLAY.iter().find(|(k, _)| *k == key).map(|(_, n)| *n)
}

/// The empty platform.
pub const UNKNOWN: &str = "unknown";

/// Every name a platform key is known by, for one project.
#[derive(Debug, Clone, Default)]
pub struct Platforms {
    /// Lower-cased name or alias → key.
    names: FastMap<String, String>,
    /// Keys (configured and built-in).
    keys: Vec<String>,
}

impl Platforms {
    /// The names of `config` (keys, `name`, `aliases`) before the built-in ones.
    pub fn new(config: &Config) -> Self {
        let mut p = Platforms::default();
        for (key, entry) in &config.platforms {
            let key = key.to_lowercase();
            p.add(&key, &key);
            if !entry.name.is_empty() {
                p.add(&entry.name, &key);
            }
            for alias in &entry.aliases {
                p.add(alias, &key);
            }
        }
        for (key, aliases) in BUILT_IN {
            p.add(key, key);
            for alias in *aliases {
                p.add(alias, key);
            }
        }
        p
    }

    fn add(&mut self, name: &str, key: &str) {
        let name = name.trim().to_lowercase();
        if !self.keys.iter().any(|k| k == key) {
            self.keys.push(key.to_string());
        }
        self.names.entry(name).or_insert_with(|| key.to_string());
    }

    /// The key of a raw value: (key, known). Empty is `unknown` (and known).
    pub fn key(&self, raw: &str) -> (CompactString, bool) {
        let raw = raw.trim();
        if raw.is_empty() {
            return (CompactString::const_new(UNKNOWN), true);
        }
        // Most values are already a lower-case key: no allocation to find them.
        if let Some(key) = self.names.get(raw) {
            return (CompactString::from(key.as_str()), true);
        }
        let lower = raw.to_lowercase();
        match self.names.get(&lower) {
            Some(key) => (CompactString::from(key.as_str()), true),
            None => (CompactString::from(lower), false),
        }
    }

    /// "did you mean" over every key, name and alias.
    pub fn suggest(&self, raw: &str) -> Option<String> {
        self.closest(raw)
            .map(|(name, _)| crate::tr!("diag.did_you_mean", word = name))
    }

    /// The key, name or alias most like `raw`, and its key.
    pub fn closest(&self, raw: &str) -> Option<(String, String)> {
        let lower = raw.to_lowercase();
        let mut names: Vec<&str> = self.names.keys().map(String::as_str).collect();
        names.sort_unstable();
        let name = crate::diag::closest(&lower, names)?;
        Some((name.to_string(), self.names.get(name)?.clone()))
    }

    /// True when `key` is a configured or built-in key.
    pub fn is_key(&self, key: &str) -> bool {
        key == UNKNOWN || self.keys.iter().any(|k| k == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Chinese names, English names and configured aliases all land on one key.
    #[test]
    fn resolves_names_and_aliases() {
        let mut cfg = Config::default();
        cfg.platforms.insert(
            "tmall".into(),
            crate::config::PlatformConfig {
                name: "天猫".into(),
                aliases: vec!["猫店".into()],
                ..Default::default()
            },
        );
        let p = Platforms::new(&cfg);
        assert_eq!(p.key("抖音"), ("douyin".into(), true));
        assert_eq!(p.key("抖店"), ("douyin".into(), true));
        assert_eq!(p.key("TikTok"), ("tiktok_shop".into(), true));
        assert_eq!(p.key("淘宝"), ("taobao".into(), true));
        // The project's own entry wins over the built-in meaning of 天猫.
        assert_eq!(p.key("天猫"), ("tmall".into(), true));
        assert_eq!(p.key("猫店"), ("tmall".into(), true));
        assert_eq!(p.key(""), ("unknown".into(), true));
        assert_eq!(p.key("Shopee"), ("shopee".into(), false));
        assert_eq!(
            p.suggest("pinduodou").as_deref(),
            Some("did you mean `pinduoduo`?")
        );
    }
}
