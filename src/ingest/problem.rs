//! Data problems: what is wrong with one row (or one file), located, with a stable kind
//! so that repeated problems can be grouped (see `crate::report::quality`).

use serde::Serialize;

/// What kind of problem a [`Problem`] is. The kind decides the diagnostic code, whether
/// it stops the report (Excel damage does), and how repeats are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A required value is empty; the row is skipped.
    MissingValue,
    /// A timestamp cannot be read; the row is skipped.
    BadTimestamp,
    /// A quantity or amount cannot be read (or is negative); the row is skipped.
    BadNumber,
    /// `shipped_at` is before `ordered_at`; the row is skipped.
    ShippedBeforeOrdered,
    /// A status maps to nothing; the row is skipped.
    UnknownStatus,
    /// A row superseded by a later row of the same key; skipped.
    Duplicate,
    /// An item row whose order is not in the paired order file; skipped.
    UnmatchedItem,
    /// A cause code or name that is not in the catalogue; used.
    UnknownCause,
    /// A platform value that is neither a key nor an alias; used as written.
    UnknownPlatform,
    /// A SKU missing from stock.csv; used with on_hand 0.
    MissingSku,
    /// An optional column absent from every order file: its figures are null.
    AbsentColumn,
    /// An optional stock field (incoming, restock date, lead time) that cannot be read:
    /// the row is used, the field is unknown.
    UnreadStockField,
    /// A stock.csv column that looks like incoming units or a restock date but is not
    /// mapped: nothing is read from it.
    UnreadStockColumn,
    /// A 预售 (presale) line without a ship-by date: its deadline is unknown, so it is
    /// left out of due, delayed and at-risk (counted in placed, demand and backlog).
    PresaleNoDeadline,
    /// Open lines far past the default deadline in an export without a ship-by column
    /// (often 预售 or made-to-order lines the export does not mark).
    LongOverdueDefault,
    /// Ids turned into scientific notation by Excel (`6.938E+18`).
    ExcelScientific,
    /// Long ids whose last digits Excel replaced with zeros.
    ExcelLostDigits,
    /// Times turned into Excel serial numbers (`46342.42`).
    ExcelSerialDate,
    /// A cell Excel wrote as `#####` (column too narrow).
    ExcelHashes,
    /// SKUs that lost their leading zeros in Excel.
    ExcelLeadingZeros,
    /// A row holding several items (`SKU-A01;SKU-B02`): an export by order, not by item.
    MultiItemRow,
}

impl Kind {
    /// The diagnostic code (documented in docs/errors.md).
    pub fn code(self) -> &'static str {
        match self {
            Kind::MissingValue
            | Kind::BadTimestamp
            | Kind::BadNumber
            | Kind::ShippedBeforeOrdered
            | Kind::UnknownStatus
            | Kind::Duplicate
            | Kind::UnmatchedItem => "W301",
            Kind::UnknownCause
            | Kind::UnknownPlatform
            | Kind::MissingSku
            | Kind::UnreadStockField => "W302",
            Kind::AbsentColumn => "W304",
            Kind::UnreadStockColumn => "W305",
            Kind::PresaleNoDeadline | Kind::LongOverdueDefault => "W306",
            Kind::ExcelScientific => "E311",
            Kind::ExcelLostDigits => "E312",
            Kind::ExcelSerialDate => "E313",
            Kind::ExcelHashes => "E314",
            Kind::ExcelLeadingZeros => "E315",
            Kind::MultiItemRow => "E317",
        }
    }

    /// True for damage that makes the report wrong: it stops the report (exit 1,
    /// nothing written).
    pub fn is_error(self) -> bool {
        self.code().starts_with('E')
    }

    /// True when the row is skipped (not used in any figure).
    pub fn skips_row(self) -> bool {
        self.code() == "W301"
    }
}

/// A data-quality problem in one row (or one file): reported, and the row skipped or
/// used as `report-metrics.md` §8 says.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Problem {
    /// The file, relative to the project root, with `/` separators.
    pub file: String,
    /// 1-based physical line where the record starts (the header is line 1).
    pub line: usize,
    /// The column header as written in the file (empty when the problem is the row).
    pub column: String,
    /// 1-based field number of that column (0 when the problem is the row).
    #[serde(skip)]
    pub field: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The kind, for grouping and machines.
    pub kind: Kind,
    /// The offending value (bounded, see [`super::shown_value`]), for grouping: the
    /// distinct unknown statuses, say. Empty when there is none.
    #[serde(skip)]
    pub value: String,
    /// What an unknown value most likely means: (the name it is close to, the key or
    /// code of that name). `None` when nothing is close.
    #[serde(skip)]
    pub suggestion: Option<(String, String)>,
}

impl Problem {
    /// A problem at `file:line`, in `column` (field number `field`, 1-based; 0 = row).
    pub fn new(
        kind: Kind,
        file: &str,
        line: usize,
        column: (&str, usize),
        message: String,
    ) -> Self {
        Problem {
            file: file.to_string(),
            line,
            column: column.0.to_string(),
            field: column.1,
            message,
            kind,
            value: String::new(),
            suggestion: None,
        }
    }

    /// Attaches what the value most likely means (see [`Problem::suggestion`]).
    pub fn with_suggestion(mut self, suggestion: Option<(String, String)>) -> Self {
        self.suggestion = suggestion;
        self
    }

    /// Attaches the offending value (shortened).
    pub fn with_value(mut self, value: &str) -> Self {
        self.value = super::shown_value(value).into_owned();
        self
    }
}
