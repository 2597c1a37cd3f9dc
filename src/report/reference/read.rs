//! The reference's reading of an order file: the whole (decoded) file in memory, split
//! by csv-core (the state machine of the `csv` crate) one record after another, each
//! with the physical line its first byte is on — counted here, because the `csv` crate
//! reports a record that follows empty lines on the line of the first empty one.

use csv::ByteRecord;

use crate::ingest::limits::{MAX_FIELD_BYTES, MAX_RECORD_BYTES};
use crate::ingest::plan::Planned;
use crate::ingest::{IngestError, encoding};

/// The data records of `p` (header skipped) with their lines; `check` runs the size and
/// encoding checks of the first pass.
pub fn records(p: &Planned, check: bool) -> Result<Vec<(usize, ByteRecord)>, IngestError> {
    let shown = &p.source.shown;
    let opened = match encoding::open_utf8(&p.source.path, Some(p.encoding), None) {
        Ok(o) => o,
        Err(encoding::OpenError::Fs(e)) => return Err(e.into()),
        Err(encoding::OpenError::NulBytes) => return Err(IngestError::NulBytes(shown.clone())),
        Err(encoding::OpenError::Workbook(kind)) => {
            return Err(IngestError::Workbook(shown.clone(), kind));
        }
    };
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut { opened.reader }, &mut bytes)
        .map_err(|e| crate::fsx::FsError::new("cannot read", &p.source.path, e))?;
    let mut rdr = csv_core::ReaderBuilder::new()
        .delimiter(crate::ingest::delimiter(&opened.first_line))
        .build();
    let mut out = vec![0u8; bytes.len() + 1];
    let mut ends = vec![0usize; bytes.len() + 1];
    let (mut pos, mut records) = (0, Vec::new());
    // Lines counted up to `counted` (incrementally: a count from the start per record
    // would be quadratic).
    let (mut line, mut counted) = (1, 0);
    loop {
        while pos < bytes.len() && matches!(bytes[pos], b'\n' | b'\r') {
            pos += 1;
        }
        line += memchr::memchr_iter(b'\n', &bytes[counted..pos]).count();
        counted = pos;
        let (mut res, nin, nout, mut nend) = rdr.read_record(&bytes[pos..], &mut out, &mut ends);
        if matches!(res, csv_core::ReadRecordResult::InputEmpty) {
            // The end of the file ends the last record.
            let (r, _, _, e) = rdr.read_record(&[], &mut out[nout..], &mut ends[nend..]);
            (res, nend) = (r, nend + e);
        }
        if matches!(res, csv_core::ReadRecordResult::End) {
            break;
        }
        let raw = &bytes[pos..pos + nin];
        let raw_len = raw
            .iter()
            .rposition(|&b| b != b'\n' && b != b'\r')
            .map_or(0, |i| i + 1);
        pos += nin;
        let mut rec = ByteRecord::new();
        let mut from = 0;
        for &end in &ends[..nend] {
            rec.push_field(&out[from..end]);
            from = end;
        }
        if check {
            checks(&rec, raw_len, line, p)?;
        }
        records.push((line, rec));
    }
    if !records.is_empty() {
        records.remove(0);
    }
    Ok(records)
}

fn checks(rec: &ByteRecord, raw_len: usize, line: usize, p: &Planned) -> Result<(), IngestError> {
    let file = p.source.shown.clone();
    if raw_len > MAX_RECORD_BYTES {
        return Err(IngestError::TooLong {
            file,
            line: line as u64,
            field: None,
        });
    }
    if let Some(i) = rec.iter().position(|f| f.len() > MAX_FIELD_BYTES) {
        return Err(IngestError::TooLong {
            file,
            line: line as u64,
            field: Some(i + 1),
        });
    }
    encoding::check_record(rec, p.encoding).map_err(|bad| IngestError::BadEncoding {
        file,
        line,
        field: bad.field + 1,
        encoding: p.encoding,
        replacement: bad.replacement,
    })
}
