//! Reading an order file on every core: one thread reads the (decoded) file and cuts it
//! into chunks at proven record starts ([`super::chunk`]); worker threads split their
//! chunks into records ([`super::tokenize`]), check them and call the caller's work for
//! each chunk; the per-chunk results come back to the calling thread **in file order**,
//! so whatever depends on the order of rows (first locations, bounded lists) is merged
//! exactly as a sequential read would build it, whichever worker took which chunk.
//!
//! The checks are those of `CsvInput` (see [`super::limits`] and
//! [`super::encoding::check_record`]): a record or field too long, bytes that are not
//! valid in the file's encoding. A chunk is checked as a whole first (valid UTF-8 and no
//! U+FFFD: the common case, one pass over the bytes); only a chunk that fails is checked
//! record by record, to find and locate the first bad one. When several chunks fail, the
//! error of the first in the file is returned.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};

use super::IngestError;
use super::chunk::{CHUNK_BYTES, Chunk, Chunker};
use super::encoding::{self, Encoding};
use super::limits::{MAX_FIELD_BYTES, MAX_RECORD_BYTES};
use super::tokenize::{Record, Tokenizer};

/// The file to read and how.
pub struct FileToRead<'a> {
    /// Full path.
    pub path: &'a Path,
    /// The file as shown to the user.
    pub shown: &'a str,
    /// Its encoding (found when it was first opened).
    pub encoding: Encoding,
    /// Progress bar advanced by the bytes read.
    pub bar: Option<indicatif::ProgressBar>,
    /// Check the size and encoding of every record (the first pass over a file does).
    pub check: bool,
}

/// The environment variable that sets the number of worker threads (a positive
/// number; the result does not depend on it, only the time).
pub const THREADS_VAR: &str = "DELAYBOOK_THREADS";

/// Worker threads for `bytes` of input: [`THREADS_VAR`] when set, else every core (at
/// most 8) for inputs of several chunks and one for smaller ones (starting threads
/// costs more than it saves there).
pub fn workers_for(bytes: u64) -> usize {
    let set = std::env::var(THREADS_VAR).ok();
    if let Some(n) = set.and_then(|v| v.trim().parse::<usize>().ok()) {
        return n.clamp(1, 64);
    }
    if bytes < 2 * CHUNK_BYTES as u64 {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// Reads `file` and calls `work(state, records)` for each chunk on one thread per
/// element of `states`; `merge` gets the results in chunk order on the calling thread.
pub fn scan<S, T, W, M>(
    file: &FileToRead<'_>,
    states: &mut [S],
    work: W,
    mut merge: M,
) -> Result<(), IngestError>
where
    S: Send,
    T: Send,
    W: Fn(&mut S, &mut ChunkRecords<'_, '_>) -> Result<T, IngestError> + Sync,
    M: FnMut(T),
{
    let opened = match encoding::open_utf8(file.path, Some(file.encoding), file.bar.clone()) {
        Ok(o) => o,
        Err(encoding::OpenError::Fs(e)) => return Err(e.into()),
        Err(encoding::OpenError::NulBytes) => return Err(IngestError::NulBytes(file.shown.into())),
        Err(encoding::OpenError::Workbook(kind)) => {
            return Err(IngestError::Workbook(file.shown.into(), kind));
        }
    };
    let delimiter = super::delimiter(&opened.first_line);
    let (chunk_tx, chunk_rx) = mpsc::sync_channel::<Chunk>(states.len() + 1);
    let chunk_rx = Mutex::new(chunk_rx);
    let (done_tx, done_rx) = mpsc::channel::<(u64, Result<T, IngestError>)>();
    let (free_tx, free_rx) = mpsc::channel::<Vec<u8>>();
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let stop = &stop;
        let reader = scope.spawn(move || {
            let chunker = Chunker::new(opened.reader, delimiter);
            read_chunks(chunker, &chunk_tx, &free_rx, stop)
                .map_err(|(seq, e)| (seq, read_error(file, e)))
        });
        for state in states.iter_mut() {
            let (chunk_rx, done_tx, free_tx) = (&chunk_rx, done_tx.clone(), free_tx.clone());
            let work = &work;
            scope.spawn(move || {
                let mut toks = [Tokenizer::new(delimiter), Tokenizer::new(delimiter)];
                let mut scratch = csv::ByteRecord::new();
                while let Some(chunk) = chunk_rx.lock().ok().and_then(|rx| rx.recv().ok()) {
                    let mut records = ChunkRecords::new(&chunk, file, &mut toks, &mut scratch);
                    let result = work(state, &mut records);
                    let _ = done_tx.send((chunk.seq, result));
                    let _ = free_tx.send(chunk.bytes);
                }
            });
        }
        drop(done_tx);
        let mut order = InOrder::default();
        for (seq, result) in done_rx {
            if result.is_err() {
                stop.store(true, Ordering::Relaxed);
            }
            order.take(seq, result, &mut merge);
        }
        if let Ok(Err((seq, e))) = reader.join() {
            order.fail(seq, e);
        }
        order.finish()
    })
}

/// The reader thread: chunks from `chunker` into `chunk_tx` (reusing the buffers that
/// come back on `free_rx`) until the end, an error (with the number of chunks sent) or
/// `stop`.
fn read_chunks<R: std::io::Read>(
    mut chunker: Chunker<R>,
    chunk_tx: &mpsc::SyncSender<Chunk>,
    free_rx: &mpsc::Receiver<Vec<u8>>,
    stop: &AtomicBool,
) -> Result<(), (u64, std::io::Error)> {
    let mut sent = 0;
    while !stop.load(Ordering::Relaxed) {
        let buf = free_rx.try_recv().unwrap_or_default();
        match chunker.next_chunk(buf) {
            Ok(Some(c)) => {
                if chunk_tx.send(c).is_err() {
                    break;
                }
                sent += 1;
            }
            Ok(None) => break,
            Err(e) => return Err((sent, e)),
        }
    }
    Ok(())
}

/// Per-chunk results put back in file order: each is merged as soon as every earlier
/// chunk has been; the error of the earliest failing chunk wins.
struct InOrder<T> {
    pending: BTreeMap<u64, T>,
    next: u64,
    first_error: Option<(u64, IngestError)>,
}

impl<T> Default for InOrder<T> {
    fn default() -> Self {
        InOrder {
            pending: BTreeMap::new(),
            next: 0,
            first_error: None,
        }
    }
}

impl<T> InOrder<T> {
    fn take(&mut self, seq: u64, result: Result<T, IngestError>, merge: &mut impl FnMut(T)) {
        match result {
            Ok(t) => {
                self.pending.insert(seq, t);
            }
            Err(e) => self.fail(seq, e),
        }
        while let Some(t) = self.pending.remove(&self.next) {
            if self.first_error.is_none() {
                merge(t);
            }
            self.next += 1;
        }
    }

    fn fail(&mut self, seq: u64, e: IngestError) {
        if self.first_error.as_ref().is_none_or(|(s, _)| seq < *s) {
            self.first_error = Some((seq, e));
        }
    }

    fn finish(self) -> Result<(), IngestError> {
        match self.first_error {
            Some((_, e)) => Err(e),
            None => Ok(()),
        }
    }
}

/// Lets the workers of [`scan`] take one step in chunk order: the worker of chunk `n`
/// takes its turn only after the step of chunk `n - 1` is done. Every chunk of the file
/// must pass its turn on exactly once, so a worker holds a [`Ticket`] for its chunk from
/// the start: it passes the turn on when dropped, having waited for it if it was never
/// taken (a worker that returns early or panics still lets the later chunks go). Chunks
/// are handed out in order, so the chunk a worker waits for is always held by someone.
#[derive(Default)]
pub struct InTurn {
    next: Mutex<u64>,
    turned: std::sync::Condvar,
}

/// The right of one chunk to a turn.
pub struct Ticket<'a> {
    turns: &'a InTurn,
    seq: u64,
    taken: bool,
}

/// A turn being taken; the next chunk's turn comes when it drops.
pub struct Turn<'a> {
    turns: &'a InTurn,
}

impl InTurn {
    /// The ticket of chunk `seq`.
    pub fn ticket(&self, seq: u64) -> Ticket<'_> {
        Ticket {
            turns: self,
            seq,
            taken: false,
        }
    }

    fn wait(&self, seq: u64) -> Turn<'_> {
        let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        while *next != seq {
            next = self.turned.wait(next).unwrap_or_else(|e| e.into_inner());
        }
        Turn { turns: self }
    }
}

impl<'a> Ticket<'a> {
    /// Waits for the turn.
    pub fn take(mut self) -> Turn<'a> {
        self.taken = true;
        self.turns.wait(self.seq)
    }
}

impl Drop for Ticket<'_> {
    fn drop(&mut self) {
        if !self.taken {
            drop(self.turns.wait(self.seq));
        }
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut next = self.turns.next.lock().unwrap_or_else(|e| e.into_inner());
        *next += 1;
        self.turns.turned.notify_all();
    }
}

/// A read error of the chunker: a record longer than the limit, or I/O.
fn read_error(file: &FileToRead<'_>, e: std::io::Error) -> IngestError {
    match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<super::limits::RecordTooLong>())
    {
        Some(long) => IngestError::TooLong {
            file: file.shown.to_string(),
            line: long.line,
            field: None,
        },
        None => crate::fsx::FsError::new("cannot read", file.path, e).into(),
    }
}

/// The records of one chunk, for the work function.
pub struct ChunkRecords<'c, 't> {
    chunk: &'c Chunk,
    file: &'c FileToRead<'c>,
    /// The tokenizer of the records, and one to split a record whole again.
    toks: &'t mut [Tokenizer; 2],
    scratch: &'t mut csv::ByteRecord,
    /// The chunk as text when it is valid UTF-8.
    text: Option<&'c str>,
    /// True when every record needs the per-record encoding check.
    suspect: bool,
    pos: usize,
    line: u64,
}

impl<'c, 't> ChunkRecords<'c, 't> {
    fn new(
        chunk: &'c Chunk,
        file: &'c FileToRead<'c>,
        toks: &'t mut [Tokenizer; 2],
        scratch: &'t mut csv::ByteRecord,
    ) -> Self {
        // SIMD validation: a megabyte of Chinese text is checked several times faster
        // than by the standard library (same answer; where it fails is found later).
        let text = simdutf8::basic::from_utf8(&chunk.bytes).ok();
        let suspect =
            file.check && text.is_none_or(|t| encoding::find_replacement(t.as_bytes()).is_some());
        ChunkRecords {
            chunk,
            file,
            toks,
            scratch,
            text,
            suspect,
            pos: 0,
            line: chunk.first_line,
        }
    }

    /// Position of the chunk in the file (0, 1, 2, …).
    pub fn seq(&self) -> u64 {
        self.chunk.seq
    }

    /// The record that starts at `start` on physical `line` (as [`Record::start`] and
    /// [`Record::line`] gave them in [`ChunkRecords::each`]), split whole again.
    pub fn record_at(&mut self, start: usize, line: u64) -> Record<'_> {
        self.toks[1].record_at(&self.chunk.bytes, start, line, self.text)
    }

    /// Calls `f` with every data record of the chunk (the header skipped), after its
    /// checks. `fields` is how many leading fields `f` needs (`usize::MAX`: all); the
    /// rest of a record is skipped unread, unless the checks need it. `f` can split the
    /// whole record again through its [`Whole`].
    pub fn each(
        &mut self,
        fields: usize,
        mut f: impl FnMut(&Record<'_>, &mut Whole<'_>),
    ) -> Result<(), IngestError> {
        let bytes = &self.chunk.bytes;
        let text = self.text;
        let mut header = self.chunk.seq == 0;
        let [tok, again] = &mut *self.toks;
        loop {
            let Some(mut rec) = tok.next_prefix(bytes, &mut self.pos, &mut self.line, fields)
            else {
                return Ok(());
            };
            if header {
                header = false;
                continue;
            }
            if !rec.quoted {
                rec.text = text;
            }
            let mut whole = Whole {
                tok: again,
                bytes,
                start: rec.start,
                line: rec.line,
                text,
            };
            let check = self.file.check;
            if check && rec.raw_len > MAX_RECORD_BYTES {
                return Err(IngestError::TooLong {
                    file: self.file.shown.to_string(),
                    line: rec.line,
                    field: None,
                });
            }
            if !(check && (self.suspect || rec.raw_len > MAX_FIELD_BYTES)) {
                f(&rec, &mut whole);
                continue;
            }
            // The rare record that needs every field checked: split it whole.
            let full = tok.record_at(bytes, whole.start, whole.line, text);
            check_record(&full, self.file, self.scratch)?;
            f(&full, &mut whole);
        }
    }
}

/// The whole record, for a caller of [`ChunkRecords::each`] that asked for its first
/// fields only and needs the rest now and then.
pub struct Whole<'a> {
    tok: &'a mut Tokenizer,
    bytes: &'a [u8],
    start: usize,
    line: u64,
    text: Option<&'a str>,
}

impl Whole<'_> {
    /// The record, split whole.
    pub fn record(&mut self) -> Record<'_> {
        self.tok
            .record_at(self.bytes, self.start, self.line, self.text)
    }
}

/// The size and encoding checks of one whole record.
fn check_record(
    rec: &Record<'_>,
    file: &FileToRead<'_>,
    scratch: &mut csv::ByteRecord,
) -> Result<(), IngestError> {
    if let Some(i) = rec.iter().position(|f| f.len() > MAX_FIELD_BYTES) {
        return Err(IngestError::TooLong {
            file: file.shown.to_string(),
            line: rec.line,
            field: Some(i + 1),
        });
    }
    scratch.clear();
    for f in rec.iter() {
        scratch.push_field(f);
    }
    encoding::check_record(scratch, file.encoding).map_err(|bad| IngestError::BadEncoding {
        file: file.shown.to_string(),
        line: rec.line as usize,
        field: bad.field + 1,
        encoding: file.encoding,
        replacement: bad.replacement,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Steps happen in chunk order whatever order the threads run in, and a chunk whose
    // worker never takes its turn (it returned early, or panicked) still passes it on.
    #[test]
    fn turns_go_in_chunk_order_even_when_a_worker_gives_up() {
        let turns = InTurn::default();
        let steps = Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for seq in (0..6u64).rev() {
                let (turns, steps) = (&turns, &steps);
                scope.spawn(move || {
                    let ticket = turns.ticket(seq);
                    if seq == 2 {
                        return;
                    }
                    if seq == 4 {
                        let unwound =
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                let _ticket = ticket;
                                panic!("worker of chunk 4 fails");
                            }));
                        assert!(unwound.is_err());
                        return;
                    }
                    let _turn = ticket.take();
                    steps.lock().unwrap_or_else(|e| e.into_inner()).push(seq);
                });
            }
        });
        assert_eq!(
            steps.into_inner().unwrap_or_else(|e| e.into_inner()),
            [0, 1, 3, 5]
        );
    }
}
