//! Stage 6: render content (and the report) to HTML with Tera.
//!
//! [`Renderer`] holds one Tera environment built from the theme in use (the embedded
//! default plus the project's override folder, see [`crate::theme`]), with autoescape on
//! for `.html` and `.svg`, the interface strings of the configured language, and the
//! variables every page shares ([`Renderer::page_context`]). Pages are rendered into an
//! [`crate::output::OutputTree`]; nothing here touches the output folder.

pub mod charts;
pub mod check_page;
pub mod course;
pub mod handbook;
pub mod i18n;
pub mod library;
pub mod markdown;
pub mod nav;
pub mod refs;
pub mod report_page;
pub mod report_view;
pub mod site;
pub mod view;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, RwLock};

use serde::Serialize;
use tera::Tera;

use crate::config::{Config, Language};
use crate::output::OutputTree;
use crate::theme::{Theme, ThemeError};

/// Why the theme could not be loaded or a page not rendered. Says which template.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The theme files could not be assembled.
    #[error(transparent)]
    Theme(#[from] ThemeError),
    /// A template file is not valid UTF-8.
    #[error("{}", crate::tr!("render.not_text", path = .0))]
    NotText(String),
    /// A template does not parse, or inheritance between templates is broken.
    #[error("{}", crate::tr!("render.templates", reason = .0))]
    Templates(String),
    /// Rendering one template failed (e.g. an unknown variable).
    #[error("{}", crate::tr!("render.render", template = .template, reason = .message))]
    Render {
        /// The template name, e.g. `playbook.html`.
        template: String,
        /// Tera's error chain, joined.
        message: String,
    },
    /// The interface strings are incomplete or malformed.
    #[error("{0}")]
    I18n(String),
}

/// The site-wide values every page sees as `site`.
#[derive(Debug, Clone, Serialize)]
struct SiteVars {
    title: String,
    description: String,
}

/// Tera environment from the embedded theme (+ optional `config.theme` override folder,
/// file by file), autoescape on for `.html`/`.svg`, plus the interface strings.
pub struct Renderer {
    tera: Tera,
    theme: Theme,
    strings: BTreeMap<String, String>,
    lang: Language,
    site: SiteVars,
    has_reports: bool,
    refs: SharedRefs,
}

/// The tag resolver shared with the Markdown filters; replaced by
/// [`Renderer::use_content`] before pages of a content are rendered.
type SharedRefs = Arc<RwLock<Arc<refs::Refs>>>;

fn current(shared: &SharedRefs) -> Arc<refs::Refs> {
    match shared.read() {
        Ok(g) => Arc::clone(&g),
        Err(poisoned) => Arc::clone(&poisoned.into_inner()),
    }
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer")
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

impl Renderer {
    /// Loads the theme for `config` (override folder relative to the project `root`),
    /// compiles every template under `templates/` and reads the interface strings.
    pub fn new(config: &Config, root: &Path) -> Result<Renderer, RenderError> {
        Self::new_with(config, root, false)
    }

    /// Like [`Renderer::new`]; `allow_external_theme` accepts a theme folder outside
    /// the project (`--allow-external-theme`).
    pub fn new_with(
        config: &Config,
        root: &Path,
        allow_external_theme: bool,
    ) -> Result<Renderer, RenderError> {
        let theme = Theme::load_with(config, root, allow_external_theme)?;
        Self::from_theme(theme, config)
    }

    /// Files of the project's theme folder that were left out (not theme files, hidden,
    /// links), for a warning.
    pub fn theme_skipped(&self) -> &[crate::theme::Skipped] {
        self.theme.skipped()
    }

    /// Builds a renderer from an already assembled theme (used by tests).
    pub fn from_theme(theme: Theme, config: &Config) -> Result<Renderer, RenderError> {
        let shared: SharedRefs = Arc::default();
        let tera = compile(&theme, &shared)?;
        let table = i18n::load(&theme)?;
        let lang = config.site.language;
        let strings = i18n::strings_for(&table, lang.tag())?;
        let site = SiteVars {
            title: config.site.title.clone(),
            description: config.site.description.clone(),
        };
        Ok(Renderer {
            tera,
            theme,
            strings,
            lang,
            site,
            has_reports: true,
            refs: shared,
        })
    }

    /// Resolves the tags of `content` (cross-references, platform-rule values) for the
    /// pages rendered next; every render entry point calls it with its content.
    pub fn use_content(&self, content: &crate::validate::Content, config: &Config) {
        let strings = refs::RefStrings {
            note: self.t("rule_note").to_string(),
            hours: self.t("unit_hours").to_string(),
            days: self.t("unit_days").to_string(),
            sep: self.t("list_sep").to_string(),
        };
        let table = Arc::new(refs::Refs::new(content, config, strings));
        match self.refs.write() {
            Ok(mut g) => *g = table,
            Err(poisoned) => *poisoned.into_inner() = table,
        }
    }

    /// The tag resolver of the content last passed to [`Renderer::use_content`].
    pub fn refs(&self) -> Arc<refs::Refs> {
        current(&self.refs)
    }

    /// Common variables for a page at `page_path` (e.g. `reports/2026-W47/index.html`):
    /// `site.title`, `site.description`, `lang`, `root` (relative prefix to the site
    /// root, e.g. `../../`, so every link works from `file://`), `page_path`, `t`
    /// (the interface strings of the configured language) and `crumbs` (empty: pages
    /// below the home page set their breadcrumbs, see [`nav::crumbs`]).
    pub fn page_context(&self, page_path: &str) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.site);
        ctx.insert("lang", self.lang.tag());
        ctx.insert("root", &root_prefix(page_path));
        ctx.insert("page_path", page_path);
        ctx.insert("t", &self.strings);
        ctx.insert("has_reports", &self.has_reports);
        ctx.insert("crumbs", &Vec::<nav::Crumb>::new());
        ctx
    }

    /// Whether the output will contain `reports/index.html`; when true (the default, right
    /// for `report`) every page's navigation links to it (`has_reports` in templates).
    /// `build` sets it from whether a report exists.
    pub fn set_has_reports(&mut self, has_reports: bool) {
        self.has_reports = has_reports;
    }

    /// Renders the template `template` (a path under `templates/`, e.g. `playbook.html`).
    pub fn render(&self, template: &str, ctx: &tera::Context) -> Result<String, RenderError> {
        self.tera
            .render(template, ctx)
            .map_err(|e| RenderError::Render {
                template: template.to_string(),
                message: error_chain(&e),
            })
    }

    /// The interface string `key` in the configured language (the key itself when
    /// missing, which the i18n test prevents).
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }

    /// The interface language.
    pub fn language(&self) -> Language {
        self.lang
    }

    /// The static files of the theme (`css/`, `js/`, `img/` …: everything except
    /// `templates/` and `i18n/`), to be copied into the output as they are.
    pub fn assets(&self) -> OutputTree {
        let mut tree = OutputTree::new();
        for (path, bytes) in self.theme.under("") {
            if !path.starts_with("templates/") && !path.starts_with("i18n/") {
                tree.insert(path, bytes);
            }
        }
        tree
    }

    /// Number of templates loaded (for the build summary).
    pub fn template_count(&self) -> usize {
        self.tera.get_template_names().count()
    }
}

/// `../` once per folder level of `page_path`: `""` for `index.html`, `"../"` for
/// `playbooks/x.html`.
pub fn root_prefix(page_path: &str) -> String {
    "../".repeat(page_path.matches('/').count())
}

/// Serialises `value` as JSON that is safe inside `<script type="application/json">`:
/// `<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026`, so a `</script>` in
/// content cannot close the element.
pub fn script_json<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn compile(theme: &Theme, shared: &SharedRefs) -> Result<Tera, RenderError> {
    let mut sources = Vec::new();
    for (path, bytes) in theme.under("templates/") {
        let text = std::str::from_utf8(bytes).map_err(|_| RenderError::NotText(path.into()))?;
        let name = path.trim_start_matches("templates/");
        sources.push((name.to_string(), text.to_string()));
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".svg"]);
    tera.set_escape_fn(escape_html);
    for (name, inline) in [("markdown", false), ("markdown_inline", true)] {
        let refs = Arc::clone(shared);
        tera.register_filter(name, MarkdownFilter { inline, refs });
    }
    let refs = Arc::clone(shared);
    tera.register_filter("refs", RefsFilter { refs });
    tera.add_raw_templates(sources)
        .map_err(|e| RenderError::Templates(error_chain(&e)))?;
    Ok(tera)
}

/// HTML escaping for text and attribute values. Unlike Tera's default it leaves `/`
/// alone, so relative URLs stay readable in the output.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `{{ text | markdown(root=root) }}`: Markdown to sanitised HTML (see
/// [`markdown::to_html_with`]), tags rendered, links relative to `root`.
struct MarkdownFilter {
    inline: bool,
    refs: SharedRefs,
}

fn root_arg(args: &HashMap<String, tera::Value>) -> String {
    args.get("root")
        .and_then(tera::Value::as_str)
        .unwrap_or_default()
        .to_string()
}

impl tera::Filter for MarkdownFilter {
    fn filter(
        &self,
        value: &tera::Value,
        args: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let text = value.as_str().unwrap_or_default();
        let refs = current(&self.refs);
        let root = root_arg(args);
        let html = if self.inline {
            markdown::to_inline_html_with(text, &refs, &root)
        } else {
            markdown::to_html_with(text, &refs, &root)
        };
        Ok(tera::Value::String(html))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `{{ text | refs(root=root) }}`: plain text escaped, with its tags rendered (links
/// and rule notes); `links=false` renders them without `<a>` (for text inside a link).
struct RefsFilter {
    refs: SharedRefs,
}

impl tera::Filter for RefsFilter {
    fn filter(
        &self,
        value: &tera::Value,
        args: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let text = value.as_str().unwrap_or_default();
        let links = args
            .get("links")
            .and_then(tera::Value::as_bool)
            .unwrap_or(true);
        let html = current(&self.refs).html(text, &root_arg(args), links);
        Ok(tera::Value::String(html))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// Tera errors nest the useful part; join the whole chain on one line.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    // Every link is relative to the page, so the site works from file://.
    #[test]
    fn root_prefix_climbs_one_level_per_folder() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("playbooks/a.html"), "../");
        assert_eq!(root_prefix("reports/2026-W47/index.html"), "../../");
    }

    // A `</script>` in content must not end the JSON island it is embedded in.
    #[test]
    fn script_json_cannot_close_the_script_element() {
        let s = script_json(&vec!["</script><b>&"]);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: Vec<String> = serde_json::from_str(&s).unwrap();
        assert_eq!(back, vec!["</script><b>&".to_string()]);
    }

    // The embedded theme must compile and render its base page in both languages.
    #[test]
    fn embedded_theme_renders_base_in_both_languages() {
        for lang in [Language::ZhCn, Language::En] {
            let mut config = Config::default();
            config.site.language = lang;
            let r = Renderer::from_theme(Theme::embedded(), &config).unwrap();
            let ctx = r.page_context("playbooks/x.html");
            let html = r.render("base.html", &ctx).unwrap();
            assert!(html.contains(&format!("lang=\"{}\"", lang.tag())));
            assert!(html.contains("href=\"../css/site.css\""), "{html}");
        }
    }
}
