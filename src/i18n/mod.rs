//! The terminal's message catalogue: every sentence the command line prints (progress
//! and summary lines, diagnostics, their hints, data-quality messages) in English and
//! Simplified Chinese, so that a Chinese project talks Chinese on the terminal too.
//!
//! One string table per language ([`en`], [`zh_cn`]), both with the same keys (a test
//! checks keys and `{placeholders}`). A message is a key and named arguments:
//! `tr!("build.done", pages = n)`; the text comes whole from one table, never glued from
//! fragments of two languages. Codes (`E050`), field paths and values quoted from the
//! input stay as written.
//!
//! The language is chosen once per run by [`choose`]: `--lang`, else the project's
//! `site.language` (zh-CN when its `delaybook.yaml` does not set one), else — outside a
//! project, e.g. for `new` — `LC_ALL`/`LC_MESSAGES`/`LANG`, else zh-CN. The data-quality
//! messages written into the report use the report's language ([`report_lang`]), always
//! the project's `site.language`; when `--lang` differs from it, the terminal shows each
//! data problem by its group sentence in the terminal's language instead. A library
//! caller that sets nothing gets English.

mod en;
mod zh_cn;

pub mod parser;

use std::fmt::Display;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language of the terminal messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English (the library's default when nothing was chosen).
    #[default]
    En,
    /// Simplified Chinese.
    ZhCn,
}

impl Lang {
    /// Reads `zh-CN`, `zh`, `zh_CN.UTF-8`, `en`, `en_US.UTF-8`, `C`, `POSIX` (case
    /// insensitive); `None` for anything else.
    pub fn parse(tag: &str) -> Option<Lang> {
        let tag = tag.trim();
        let base = tag
            .split(['.', '@'])
            .next()
            .unwrap_or(tag)
            .to_ascii_lowercase()
            .replace('_', "-");
        match base.as_str() {
            "zh" | "zh-cn" | "zh-hans" | "zh-sg" | "zh-hans-cn" => Some(Lang::ZhCn),
            "c" | "posix" => Some(Lang::En),
            b if b == "en" || b.starts_with("en-") => Some(Lang::En),
            _ => None,
        }
    }

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    fn table(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => en::TABLE,
            Lang::ZhCn => zh_cn::TABLE,
        }
    }

    fn to_u8(self) -> u8 {
        match self {
            Lang::En => 0,
            Lang::ZhCn => 1,
        }
    }

    fn from_u8(v: u8) -> Lang {
        if v == 1 { Lang::ZhCn } else { Lang::En }
    }
}

impl From<crate::config::Language> for Lang {
    fn from(l: crate::config::Language) -> Self {
        match l {
            crate::config::Language::ZhCn => Lang::ZhCn,
            crate::config::Language::En => Lang::En,
        }
    }
}

static TERMINAL: AtomicU8 = AtomicU8::new(0);
static REPORT: AtomicU8 = AtomicU8::new(0);

/// Sets the language of terminal messages and of the report's data-quality messages.
pub fn set(terminal: Lang, report: Lang) {
    TERMINAL.store(terminal.to_u8(), Ordering::Relaxed);
    REPORT.store(report.to_u8(), Ordering::Relaxed);
}

/// The language of terminal messages.
pub fn lang() -> Lang {
    Lang::from_u8(TERMINAL.load(Ordering::Relaxed))
}

/// The language of the report (its data-quality table, report.md).
pub fn report_lang() -> Lang {
    Lang::from_u8(REPORT.load(Ordering::Relaxed))
}

/// The terminal language: `flag` (`--lang`), else the project's language, else the
/// first of `LC_ALL`, `LC_MESSAGES`, `LANG` that names a known language, else zh-CN.
pub fn choose(
    flag: Option<Lang>,
    project: Option<Lang>,
    env: impl Fn(&str) -> Option<String>,
) -> Lang {
    flag.or(project)
        .or_else(|| {
            ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|k| env(k).filter(|v| !v.is_empty()))
                .find_map(|v| Lang::parse(&v))
        })
        .unwrap_or(Lang::ZhCn)
}

/// The language of the project at `root`: its `site.language`, read leniently from
/// `delaybook.yaml` before the config is checked (so that even the config's own errors
/// are printed in it); zh-CN, the default of `site.language`, when the file does not set
/// one; `None` when there is no `delaybook.yaml`.
pub fn project_language(root: &std::path::Path) -> Option<Lang> {
    let path = root.join(crate::config::CONFIG_FILE);
    if !path.is_file() {
        return None;
    }
    let text = match std::fs::metadata(&path) {
        Ok(m) if m.len() <= 2 * 1024 * 1024 => std::fs::read_to_string(&path).unwrap_or_default(),
        _ => String::new(),
    };
    Some(declared_language(&text).unwrap_or(Lang::ZhCn))
}

/// `site.language` of a config text; a broken file is scanned line by line.
fn declared_language(text: &str) -> Option<Lang> {
    if let Ok(value) = serde_saphyr::from_str::<serde_json::Value>(text) {
        return Lang::parse(value.get("site")?.get("language")?.as_str()?);
    }
    text.lines().find_map(|l| {
        let v = l.trim().strip_prefix("language:")?;
        let v = v
            .split('#')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches(['"', '\'']);
        Lang::parse(v)
    })
}

/// The text of `key` in `lang`; the English text when `lang` lacks it, empty when no
/// table has it (a test makes sure both tables have the same keys).
pub fn text(lang: Lang, key: &str) -> &'static str {
    lookup(lang, key)
        .or_else(|| lookup(Lang::En, key))
        .unwrap_or("")
}

/// True when `key` is in the tables.
pub fn has(key: &str) -> bool {
    lookup(Lang::En, key).is_some()
}

type Index = std::collections::HashMap<&'static str, &'static str>;

/// Looks `key` up in an index built once per language (messages are made per bad row).
fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    static EN: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
    static ZH: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::ZhCn => &ZH,
    };
    cell.get_or_init(|| lang.table().iter().copied().collect())
        .get(key)
        .copied()
}

/// `key` in `lang` with every `{name}` replaced by its argument. Braces that name no
/// argument stay as written.
/// A table may hold a singular form `key#one`, used when the argument `n` or `count` is
/// 1 ("1 row skipped" beside "{n} rows skipped"); Chinese needs none.
pub fn format(lang: Lang, key: &str, args: &[(&str, &dyn Display)]) -> String {
    let one = args
        .iter()
        .any(|(name, value)| matches!(*name, "n" | "count") && value.to_string() == "1");
    if one && let Some(singular) = lookup(lang, &format!("{key}#one")) {
        return fill(singular, args);
    }
    fill(text(lang, key), args)
}

fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let arg = after
            .find('}')
            .and_then(|close| Some((close, args.iter().find(|(n, _)| *n == &after[..close])?)));
        match arg {
            Some((close, (_, value))) => {
                use std::fmt::Write as _;
                let _ = write!(out, "{value}");
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The keys of the English table (for tests and docs).
pub fn keys() -> impl Iterator<Item = &'static str> {
    en::TABLE
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| !k.ends_with("#one"))
}

/// A terminal message: `tr!("key")` or `tr!("key", name = value, …)` in [`lang`].
#[macro_export]
macro_rules! tr {
    ($key:expr) => {
        $crate::i18n::format($crate::i18n::lang(), $key, &[])
    };
    ($key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::format(
            $crate::i18n::lang(),
            $key,
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+],
        )
    };
}

/// A report message (data quality): like [`tr!`] in [`report_lang`].
#[macro_export]
macro_rules! tr_report {
    ($key:expr) => {
        $crate::i18n::format($crate::i18n::report_lang(), $key, &[])
    };
    ($key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::format(
            $crate::i18n::report_lang(),
            $key,
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+],
        )
    };
}

#[cfg(test)]
mod tests;
