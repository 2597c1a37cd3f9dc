//! One CSV record, whichever reader split it: the `csv` crate's `ByteRecord` (stock.csv,
//! order-header files, the first look at a file) or the chunked tokenizer's
//! [`Record`](super::tokenize::Record) (the order lines, see `super::chunked`), so the
//! code that reads values works on both.

use super::tokenize::Record;

/// The fields of a record.
pub trait Fields {
    /// Field `i` as bytes, if the record has it.
    fn bytes(&self, i: usize) -> Option<&[u8]>;

    /// Field `i` as text: `Err` with the bytes when they are not valid UTF-8.
    fn text(&self, i: usize) -> Option<Result<&str, &[u8]>> {
        self.bytes(i).map(|b| std::str::from_utf8(b).map_err(|_| b))
    }

    /// True when every field is empty after trimming (Excel's trailing `,,,,` rows).
    fn is_blank(&self) -> bool;
}

impl Fields for csv::ByteRecord {
    fn bytes(&self, i: usize) -> Option<&[u8]> {
        self.get(i)
    }

    fn is_blank(&self) -> bool {
        self.as_slice().iter().all(u8::is_ascii_whitespace)
    }
}

impl Fields for Record<'_> {
    fn bytes(&self, i: usize) -> Option<&[u8]> {
        self.get(i)
    }

    fn text(&self, i: usize) -> Option<Result<&str, &[u8]>> {
        self.get_str(i)
    }

    fn is_blank(&self) -> bool {
        self.iter().all(|f| f.iter().all(u8::is_ascii_whitespace))
    }
}
