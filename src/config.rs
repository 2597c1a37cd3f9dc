//! Stage 1: `delaybook.yaml` → [`Config`].
//!
//! Every key has a default, so an empty file is a valid config. Unknown keys are errors
//! with a "did you mean" (see [`crate::yaml`]). The defaults are the thresholds of
//! `shared/spec/report-metrics.md`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Diagnostics};

mod ranges;
pub mod targets;

/// The file name looked for in the project root.
pub const CONFIG_FILE: &str = "delaybook.yaml";

/// The whole project configuration, as read from `delaybook.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Site title, language and description.
    pub site: SiteConfig,
    /// IANA timezone of the shop (default `Asia/Shanghai`); local times in CSVs are in it.
    pub timezone: String,
    /// Where the playbooks and data files are, relative to the project root.
    pub inputs: InputsConfig,
    /// A folder whose templates/CSS/JS override the embedded default theme, file by file.
    pub theme: Option<PathBuf>,
    /// Rules used for a platform that has no entry in `platforms`.
    pub default_platform: PlatformRule,
    /// Per-platform promise hours and compensation rule, keyed by the `platform` value in
    /// orders.csv (lower case), e.g. `douyin`, `pinduoduo`, `taobao`, `tiktok_shop`.
    pub platforms: BTreeMap<String, PlatformConfig>,
    /// Thresholds of the weekly report.
    pub report: ReportConfig,
    /// How old platform rules and playbook reviews may get before `check` warns.
    pub governance: GovernanceConfig,
    /// How CSV headers map onto the canonical columns.
    pub columns: ColumnsConfig,
    /// Extra chrono `strftime` patterns tried after the built-in timestamp formats,
    /// e.g. `%m/%d/%Y %H:%M` for a US Excel re-save.
    pub timestamp_formats: Vec<String>,
    /// Raw status values mapped onto `open`, `shipped`, `cancelled`, `refunded`,
    /// e.g. `delivered: shipped`.
    pub status_map: BTreeMap<String, String>,
    /// The print handbook: its chapters, in teaching order.
    pub handbook: HandbookConfig,
    /// Placeholders staff fill in once for every template (their shop name, their
    /// nickname …): remembered in the browser and shown filled in every template.
    /// Default: `[shop_name, agent_name]`.
    pub shared_placeholders: Vec<String>,
}

/// The print handbook (`handbook.html`, `handbook.md`).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct HandbookConfig {
    /// Chapter ids in the order they are taught: the built-in chapters (`why`, `causes`,
    /// `triage`, `process_72h`, `situations`, `suppliers`, `stockouts`, `never_say`,
    /// `prevention`, `self_test`) and chapters defined under `course.chapters`. A
    /// chapter left out is not printed.
    pub chapters: Vec<String>,
}

impl Default for HandbookConfig {
    fn default() -> Self {
        HandbookConfig {
            chapters: crate::playbooks::course::BUILTIN_CHAPTERS
                .iter()
                .map(|c| c.to_string())
                .collect(),
        }
    }
}

/// The placeholders shared by default: the shop's name and the agent's nickname.
pub const DEFAULT_SHARED_PLACEHOLDERS: [&str; 2] = ["shop_name", "agent_name"];

/// What the site is called and which language its interface uses.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SiteConfig {
    /// Shown in the header of every page and in the browser tab.
    pub title: String,
    /// One sentence under the title on the home page.
    pub description: String,
    /// Interface language: `zh-CN` (default) or `en`.
    pub language: Language,
}

/// Interface languages the theme is translated into.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq, Default)]
pub enum Language {
    /// Simplified Chinese (default).
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Language {
    /// The BCP 47 tag written into `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }
}

/// Input locations, relative to the project root.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct InputsConfig {
    /// Folder of playbook YAML files, read recursively.
    pub playbooks: PathBuf,
    /// Order exports: one CSV file, a folder of CSV files or a glob such as
    /// `data/orders-*.csv`, or a list of them, each optionally with its `platform` and
    /// `preset` (see `docs/exports.md`).
    pub orders: crate::inputs::OrderInputs,
    /// Stock export: one CSV file.
    pub stock: PathBuf,
    /// Text encoding of the CSV files: `auto` (a BOM decides; else UTF-8 when valid,
    /// else GB18030), `utf-8`, `gb18030` (also accepts `gbk`) or `utf-16`.
    pub encoding: String,
}

/// Dispatch promise and compensation rule of one platform.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct PlatformConfig {
    /// Name shown in pages and reports, e.g. `抖音`.
    pub name: String,
    /// Hours after payment by which the order must be dispatched (default from `default_platform`).
    pub promise_hours: Option<f64>,
    /// Compensation rule for failed orders (default from `default_platform`).
    pub compensation: Option<CompensationRule>,
    /// Other values that mean this platform in a `platform` column or an input's
    /// `platform:`, e.g. `[天猫旗舰店]` (the key and `name` always do).
    pub aliases: Vec<String>,
}

/// The rule used when a platform has no entry of its own.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct PlatformRule {
    /// Hours after payment by which an order must be dispatched (default 48).
    pub promise_hours: f64,
    /// Compensation for failed orders (default 5 % of the amount, at most 30).
    pub compensation: CompensationRule,
}

/// Compensation owed for a failed order: `min(rate · amount, cap)`.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct CompensationRule {
    /// Fraction of the line amount (default 0.05).
    pub rate: f64,
    /// Upper limit in the shop currency (default 30).
    pub cap: f64,
}

/// Thresholds of the weekly report (`report-metrics.md` §6, §10).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ReportConfig {
    /// Default supplier lead time in days (default 7).
    pub lead_time_days: f64,
    /// Service level for safety stock (default 0.95).
    pub service_level: f64,
    /// Restock further away than this many days → delist (default 7).
    pub delist_after_days: i64,
    /// Restock at least this many days away (and not over `delist_after_days`) → 预售 (default 3).
    pub presale_min_days: i64,
    /// Share of SKUs (by 30-day demand) that count as hot (default 0.2).
    pub hot_share: f64,
    /// Hot SKUs are stocked at this share of their 30-day demand (default 0.5).
    pub hot_stock_share: f64,
    /// Length of the demand window in days (default 30).
    pub demand_window_days: i64,
    /// A delayed line shipped within this many hours of its deadline counts as resolved (default 72).
    pub resolve_within_hours: f64,
    /// Buyers should be told within this many hours of detection (default 2).
    pub notify_within_hours: f64,
    /// Open lines due within this many hours are at risk (default 24).
    pub at_risk_hours: f64,
    /// At most this many at-risk rows are listed (default 200).
    pub at_risk_limit: usize,
    /// At most this many data-quality problems are listed (default 1000).
    pub problems_limit: usize,
    /// Number of weeks in the trend (default 8).
    pub trend_weeks: usize,
    /// Number of SKUs in the SKU breakdown (default 10).
    pub top_skus: usize,
    /// Where each headline figure should stay; shown and coloured on the report page.
    pub targets: targets::Targets,
}

/// Review ages, measured against `check --today` or the newest date in the content
/// (never the wall clock).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct GovernanceConfig {
    /// A platform rule whose `verified_on` is older than this many days is reported (default 90).
    pub rule_max_age_days: i64,
    /// A playbook whose `reviewed` date is older than this many days is reported (default 180).
    pub review_max_age_days: i64,
}

impl Default for GovernanceConfig {
    fn default() -> Self {
        GovernanceConfig {
            rule_max_age_days: 90,
            review_max_age_days: 180,
        }
    }
}

/// Header names mapped onto the canonical columns.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ColumnsConfig {
    /// Built-in header presets to use, e.g. `zh-generic` (the generic Chinese export:
    /// 订单号, 商品编码, 数量, 下单时间 …). Default: `[zh-generic]`.
    pub presets: Vec<String>,
    /// Extra aliases for orders.csv: canonical column → header names.
    pub orders: BTreeMap<String, Vec<String>>,
    /// Extra aliases for stock.csv: canonical column → header names.
    pub stock: BTreeMap<String, Vec<String>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            site: SiteConfig::default(),
            timezone: "Asia/Shanghai".into(),
            inputs: InputsConfig::default(),
            theme: None,
            default_platform: PlatformRule::default(),
            platforms: BTreeMap::new(),
            report: ReportConfig::default(),
            governance: GovernanceConfig::default(),
            columns: ColumnsConfig::default(),
            timestamp_formats: Vec::new(),
            status_map: BTreeMap::new(),
            handbook: HandbookConfig::default(),
            shared_placeholders: DEFAULT_SHARED_PLACEHOLDERS
                .iter()
                .map(|p| p.to_string())
                .collect(),
        }
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "发货延迟处理手册".into(),
            description: String::new(),
            language: Language::ZhCn,
        }
    }
}

impl Default for InputsConfig {
    fn default() -> Self {
        InputsConfig {
            playbooks: PathBuf::from("playbooks"),
            orders: crate::inputs::OrderInputs::default(),
            stock: PathBuf::from("data/stock.csv"),
            encoding: "auto".into(),
        }
    }
}

impl Default for PlatformRule {
    fn default() -> Self {
        PlatformRule {
            promise_hours: 48.0,
            compensation: CompensationRule::default(),
        }
    }
}

impl Default for CompensationRule {
    fn default() -> Self {
        CompensationRule {
            rate: 0.05,
            cap: 30.0,
        }
    }
}

impl Default for ReportConfig {
    fn default() -> Self {
        ReportConfig {
            lead_time_days: 7.0,
            service_level: 0.95,
            delist_after_days: 7,
            presale_min_days: 3,
            hot_share: 0.2,
            hot_stock_share: 0.5,
            demand_window_days: 30,
            resolve_within_hours: 72.0,
            notify_within_hours: 2.0,
            at_risk_hours: 24.0,
            at_risk_limit: 200,
            problems_limit: 1000,
            trend_weeks: 8,
            top_skus: 10,
            targets: targets::Targets::default(),
        }
    }
}

impl Default for ColumnsConfig {
    fn default() -> Self {
        ColumnsConfig {
            presets: vec!["zh-generic".into()],
            orders: BTreeMap::new(),
            stock: BTreeMap::new(),
        }
    }
}

impl Config {
    /// Promise hours for a platform key (lower case), falling back to `default_platform`.
    pub fn promise_hours(&self, platform: &str) -> f64 {
        self.platforms
            .get(platform)
            .and_then(|p| p.promise_hours)
            .unwrap_or(self.default_platform.promise_hours)
    }

    /// Compensation rule for a platform key (lower case), falling back to `default_platform`.
    pub fn compensation(&self, platform: &str) -> CompensationRule {
        self.platforms
            .get(platform)
            .and_then(|p| p.compensation)
            .unwrap_or(self.default_platform.compensation)
    }

    /// Display name of a platform: its configured `name`, else the built-in name of a
    /// known key (抖音, 拼多多 …), else the key itself.
    pub fn platform_name<'a>(&'a self, platform: &'a str) -> &'a str {
        match self.platforms.get(platform) {
            Some(p) if !p.name.is_empty() => &p.name,
            _ => crate::ingest::platform::display_name(platform).unwrap_or(platform),
        }
    }

    /// The configured timezone; `check` has already rejected unknown names, so this
    /// falls back to Asia/Shanghai only for configs built in code.
    pub fn tz(&self) -> chrono_tz::Tz {
        self.timezone.parse().unwrap_or(chrono_tz::Asia::Shanghai)
    }
}

/// Reads `delaybook.yaml` from `root`. A missing file gives the defaults; problems go to
/// `diag` and the defaults are returned so later stages can still report their own.
pub fn load(root: &Path, diag: &mut Diagnostics) -> Config {
    let path = root.join(CONFIG_FILE);
    if !path.exists() {
        return Config::default();
    }
    let Some(source) = crate::yaml::read_source(&path, diag) else {
        return Config::default();
    };
    let Some(config) = crate::yaml::parse::<Config>(&source, diag) else {
        return Config::default();
    };
    validate(&config, &source, diag);
    config
}

/// Semantic checks serde cannot express: a known timezone, sane thresholds, known
/// status targets and presets.
fn validate(config: &Config, source: &crate::yaml::Source, diag: &mut Diagnostics) {
    validate_timezone(config, source, diag);
    validate_status_map(config, source, diag);
    validate_presets(config, source, diag);
    validate_inputs(config, source, diag);
    validate_timestamp_formats(config, source, diag);
    for check in ranges::checks(config) {
        if !check.ok {
            diag.push(
                Diagnostic::error(
                    "E104",
                    source.span(&check.key),
                    crate::tr!("config.out_of_range", key = check.key, value = check.value),
                )
                .with_path(&check.key)
                .with_hint(Some(crate::tr!(
                    "config.expected",
                    expected = check.expected
                ))),
            );
        }
    }
}

fn validate_timezone(config: &Config, source: &crate::yaml::Source, diag: &mut Diagnostics) {
    if config.timezone.parse::<chrono_tz::Tz>().is_ok() {
        return;
    }
    let names = chrono_tz::TZ_VARIANTS.iter().map(|t| t.name());
    let hint = crate::diag::did_you_mean(&config.timezone, names)
        .or_else(|| Some(crate::tr!("config.timezone_hint")));
    let message = crate::tr!("config.timezone", value = config.timezone);
    diag.push(
        Diagnostic::error("E101", source.span("timezone"), message)
            .with_path("timezone")
            .with_hint(hint),
    );
}

fn validate_status_map(config: &Config, source: &crate::yaml::Source, diag: &mut Diagnostics) {
    const STATUSES: [&str; 4] = ["open", "shipped", "cancelled", "refunded"];
    for (raw, target) in &config.status_map {
        if STATUSES.contains(&target.as_str()) {
            continue;
        }
        let path = format!("status_map.{raw}");
        diag.push(
            Diagnostic::error(
                "E102",
                source.span(&path),
                crate::tr!("config.status_target", raw = raw, target = target),
            )
            .with_path(path)
            .with_hint(
                crate::diag::did_you_mean(target, STATUSES)
                    .or_else(|| Some(crate::tr!("config.status_target_hint"))),
            ),
        );
    }
}

fn validate_presets(config: &Config, source: &crate::yaml::Source, diag: &mut Diagnostics) {
    for (i, preset) in config.columns.presets.iter().enumerate() {
        if KNOWN_PRESETS.contains(&preset.as_str()) {
            continue;
        }
        let path = format!("columns.presets[{i}]");
        let hint = crate::diag::did_you_mean(preset, KNOWN_PRESETS.iter().copied()).or_else(|| {
            Some(crate::tr!(
                "config.known_presets",
                list = KNOWN_PRESETS.join(", ")
            ))
        });
        diag.push(
            Diagnostic::error(
                "E103",
                source.span(&path),
                crate::tr!("config.preset", value = preset),
            )
            .with_path(path)
            .with_hint(hint),
        );
    }
}

/// `preset:` of every `inputs.orders` entry must be a known preset.
fn validate_inputs(config: &Config, source: &crate::yaml::Source, diag: &mut Diagnostics) {
    let known = crate::ingest::presets::keys();
    for (i, entry) in config.inputs.orders.entries().iter().enumerate() {
        let Some(preset) = &entry.preset else {
            continue;
        };
        if known.contains(&preset.as_str()) {
            continue;
        }
        let path = format!("inputs.orders[{i}].preset");
        let hint = crate::diag::did_you_mean(preset, known.iter().copied())
            .or_else(|| Some(crate::tr!("config.known_presets", list = known.join(", "))));
        diag.push(
            Diagnostic::error(
                "E103",
                source.span(&path),
                crate::tr!(
                    "config.input_preset",
                    value = crate::ingest::shown_value(preset)
                ),
            )
            .with_path(path)
            .with_hint(hint),
        );
    }
}

/// Every `timestamp_formats` entry must be a valid chrono pattern that can read a date.
fn validate_timestamp_formats(
    config: &Config,
    source: &crate::yaml::Source,
    diag: &mut Diagnostics,
) {
    for (i, format) in config.timestamp_formats.iter().enumerate() {
        let Err(problem) = crate::ingest::timestamp::check_format(format) else {
            continue;
        };
        let path = format!("timestamp_formats[{i}]");
        diag.push(
            Diagnostic::error(
                "E105",
                source.span(&path),
                crate::tr!(
                    "config.timestamp_format",
                    value = crate::ingest::shown_value(format),
                    problem = problem
                ),
            )
            .with_path(path)
            .with_hint(Some(crate::tr!("config.timestamp_format_hint"))),
        );
    }
}

/// Header presets built into the binary (see `ingest::columns`).
pub const KNOWN_PRESETS: &[&str] = &["zh-generic", "none"];
