//! Before any row is read: which order files there are, which export each one is (its
//! preset, detected or named), which platform its rows belong to, which files pair up
//! (淘宝's 订单报表 + 宝贝报表), and which optional columns no file has.

use std::path::PathBuf;

use super::columns::{FileKind, HeaderMap, ORDER_COLUMNS};
use super::join::{OrderLookup, lent_columns};
use super::orders::col;
use super::presets::Shape;
use super::{CsvInput, IngestError, OpenSpec, PresetChoice, PresetUse};
use crate::config::Config;

/// One input file: its path, the name shown to the user, and how the config says to
/// read it.
#[derive(Debug, Clone)]
pub struct Source {
    /// Full path.
    pub path: PathBuf,
    /// Relative to the project root, `/`-separated.
    pub shown: String,
    /// The input's `platform:` (raw, resolved later), if any.
    pub platform: Option<String>,
    /// The input's `preset:`.
    pub preset: PresetChoice,
}

impl Source {
    /// A source read with the defaults (preset detected, no platform).
    pub fn new(path: PathBuf, shown: String) -> Self {
        Source {
            path,
            shown,
            platform: None,
            preset: PresetChoice::Auto,
        }
    }
}

/// One order file, planned.
#[derive(Debug, Clone)]
pub struct Planned {
    /// The file.
    pub source: Source,
    /// The platform preset it is read with, and why.
    pub preset: Option<PresetUse>,
    /// Its header map.
    pub map: HeaderMap,
    /// What its rows are.
    pub shape: Shape,
    /// The encoding it was found to have (not detected again on later opens).
    pub encoding: super::encoding::Encoding,
}

impl Planned {
    /// How to open the file again with the same preset.
    pub fn choice(&self) -> PresetChoice {
        match &self.preset {
            Some(p) => PresetChoice::Named(p.preset),
            None => PresetChoice::Off,
        }
    }

    /// The platform of rows without a platform value: the input's, else the preset's.
    pub fn default_platform(&self) -> Option<&str> {
        self.source
            .platform
            .as_deref()
            .or_else(|| self.preset.as_ref().and_then(|p| p.preset.platform))
    }
}

/// Optional columns whose absence makes figures unknown (`report-metrics.md` §10), plus
/// `shipped_at` (see `docs/report.md`).
pub const WATCHED: [usize; 5] = [
    col::AMOUNT,
    col::NOTIFIED_AT,
    col::DETECTED_AT,
    col::CAUSE,
    col::SHIPPED_AT,
];

/// All order files, planned.
#[derive(Debug, Default)]
pub struct Plan {
    /// Files whose rows are order lines (items included), in reading order.
    pub lines: Vec<Planned>,
    /// Order-header files (their rows complete the item files').
    pub headers: Vec<Planned>,
    /// The order-header files' values, when there are item files.
    pub lookup: Option<OrderLookup>,
    /// Watched columns that no line file has (by canonical index).
    pub absent: Vec<usize>,
}

impl Plan {
    /// Reads the header of every file and plans the run.
    pub fn new(sources: &[Source], config: &Config) -> Result<Plan, IngestError> {
        let mut plan = Plan::default();
        for source in sources {
            let Some(input) = open(source, config, source.preset, None)? else {
                continue;
            };
            let planned = Planned {
                encoding: input.encoding,
                shape: input
                    .preset
                    .as_ref()
                    .map_or(Shape::Lines, |p| p.preset.shape),
                preset: input.preset.clone(),
                map: input.map.clone(),
                source: source.clone(),
            };
            match planned.shape {
                Shape::OrderHeader => plan.headers.push(planned),
                _ => plan.lines.push(planned),
            }
        }
        plan.pair()?;
        plan.load_lookup(config)?;
        plan.absent = plan.find_absent();
        Ok(plan)
    }

    /// Every item file needs an order-header file and every order-header file an item
    /// file.
    fn pair(&self) -> Result<(), IngestError> {
        let items = self.lines.iter().find(|p| p.shape == Shape::Items);
        match (items, self.headers.first()) {
            (Some(i), None) => Err(IngestError::Unpaired {
                file: i.source.shown.clone(),
                label: "淘宝/天猫宝贝报表 (item report, ExportOrderDetailList…)",
                needs: "订单报表 (order report, ExportOrderList…) of the same export: put both files in the orders folder or list both under `inputs.orders`",
            }),
            (None, Some(h)) => Err(IngestError::Unpaired {
                file: h.source.shown.clone(),
                label: "淘宝/天猫订单报表 (order report, ExportOrderList…)",
                needs: "宝贝报表 (item report, ExportOrderDetailList…) of the same export, which has the SKUs (商家编码) and quantities: put both files in the orders folder or list both under `inputs.orders`",
            }),
            _ => Ok(()),
        }
    }

    fn load_lookup(&mut self, config: &Config) -> Result<(), IngestError> {
        if self.headers.is_empty() {
            return Ok(());
        }
        let item_maps: Vec<&HeaderMap> = self
            .lines
            .iter()
            .filter(|p| p.shape == Shape::Items)
            .map(|p| &p.map)
            .collect();
        let mut columns: Vec<usize> = Vec::new();
        for h in &self.headers {
            for c in lent_columns(&h.map, &item_maps) {
                if !columns.contains(&c) {
                    columns.push(c);
                }
            }
        }
        let mut lookup = OrderLookup::new(columns);
        for h in &self.headers {
            if let Some(input) = open(&h.source, config, h.choice(), Some((h.encoding, false)))? {
                lookup.read(input)?;
            }
        }
        self.lookup = Some(lookup);
        Ok(())
    }

    /// True when the line file `p` has column `c` (itself or through the lookup).
    pub fn has(&self, p: &Planned, c: usize) -> bool {
        p.map.has(c)
            || (p.shape == Shape::Items
                && self.lookup.as_ref().is_some_and(|l| l.columns.contains(&c)))
    }

    fn find_absent(&self) -> Vec<usize> {
        if self.lines.is_empty() {
            return Vec::new();
        }
        WATCHED
            .into_iter()
            .filter(|&c| {
                !self
                    .lines
                    .iter()
                    .any(|p| self.has(p, c) || (c == col::AMOUNT && self.has(p, col::UNIT_PRICE)))
            })
            .collect()
    }

    /// The canonical name of a watched column.
    pub fn column_name(c: usize) -> &'static str {
        ORDER_COLUMNS.get(c).copied().unwrap_or("")
    }
}

/// Opens an order file with `choice` (and its encoding, when already known).
pub fn open(
    source: &Source,
    config: &Config,
    choice: PresetChoice,
    known: Option<(super::encoding::Encoding, bool)>,
) -> Result<Option<CsvInput>, IngestError> {
    CsvInput::open(
        &source.path,
        OpenSpec {
            shown: source.shown.clone(),
            kind: FileKind::Orders,
            config,
            bar: None,
            preset: choice,
            known,
        },
    )
}
