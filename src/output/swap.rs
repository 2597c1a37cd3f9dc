//! Putting a finished temporary folder in place of the output folder, so that the
//! previous output or the new one always exists, even if the process is killed at any
//! instant; a lock against concurrent builds; and the clean-up of folders a killed
//! build left behind.
//!
//! On Linux the swap is one `renameat2(RENAME_EXCHANGE)` call: the two folders trade
//! names atomically, and the old output, now under the temporary name, is deleted
//! afterwards. Elsewhere (or on a file system without the call) the old folder is moved
//! aside, the new one moved in, and the old one deleted; a kill between the two renames
//! leaves the old output under `.<name>.old-<pid>`, and the next run puts it back
//! before doing anything else.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::{MARKER, OutputError};
use crate::fsx::FsError;

/// The held lock of one output folder; released when dropped (or when the process
/// ends, however it ends: the operating system releases it).
#[derive(Debug)]
pub(super) struct Lock {
    _file: File,
}

/// Names of the lock file and the work folders of output `name` (e.g. `public`).
pub(super) fn lock_path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.lock"))
}

/// Takes the lock of the output folder `out`, or fails at once when another delaybook
/// process holds it.
pub(super) fn lock(parent: &Path, name: &str, out: &Path) -> Result<Lock, OutputError> {
    let path = lock_path(parent, name);
    match open_locked(&path) {
        Ok(Some(file)) => Ok(Lock { _file: file }),
        Ok(None) => Err(OutputError::Locked(out.to_path_buf())),
        Err(e) => Err(FsError::new("cannot lock", &path, e).into()),
    }
}

fn open_options() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    options
}

/// Opens the lock file with an exclusive `flock`; `None` when another process has it.
#[cfg(unix)]
fn open_locked(path: &Path) -> std::io::Result<Option<File>> {
    use rustix::fs::{FlockOperation, flock};
    let file = open_options().open(path)?;
    match flock(&file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(Some(file)),
        Err(e) if e == rustix::io::Errno::WOULDBLOCK => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Opens the lock file without sharing; `None` when another process has it open
/// (`ERROR_SHARING_VIOLATION`).
#[cfg(windows)]
fn open_locked(path: &Path) -> std::io::Result<Option<File>> {
    use std::os::windows::fs::OpenOptionsExt;
    match open_options().share_mode(0).open(path) {
        Ok(file) => Ok(Some(file)),
        Err(e) if e.raw_os_error() == Some(32) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Other platforms have no lock; the swap is still crash-safe.
#[cfg(not(any(unix, windows)))]
fn open_locked(path: &Path) -> std::io::Result<Option<File>> {
    open_options().open(path).map(Some)
}

/// Work folders of earlier runs: `.<name>.tmp-<pid>` and `.<name>.old-<pid>`.
fn leftovers(parent: &Path, name: &str) -> Vec<(PathBuf, bool)> {
    let (tmp, old) = (format!(".{name}.tmp-"), format!(".{name}.old-"));
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let file_name = e.file_name().to_string_lossy().into_owned();
            let (is_old, pid) = match file_name.strip_prefix(&tmp) {
                Some(pid) => (false, pid.to_string()),
                None => (true, file_name.strip_prefix(&old)?.to_string()),
            };
            let digits = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
            digits.then(|| (e.path(), is_old))
        })
        .collect();
    found.sort();
    found
}

/// With the lock held, no other build is using the work folders: an output that a
/// killed swap left aside is put back (when the output itself is missing), and every
/// other work folder is deleted.
pub(super) fn recover(parent: &Path, name: &str, out: &Path) -> Result<(), OutputError> {
    for (path, is_old) in leftovers(parent, name) {
        let restorable = is_old && path.join(MARKER).is_file();
        if restorable && std::fs::symlink_metadata(out).is_err() {
            std::fs::rename(&path, out)
                .map_err(|e| FsError::new("cannot restore the previous output", &path, e))?;
            continue;
        }
        std::fs::remove_dir_all(&path)
            .map_err(|e| FsError::new("cannot remove the leftover folder", &path, e))?;
    }
    Ok(())
}

/// Puts the finished folder `tmp` in place of `out`. `old` is the name the previous
/// output takes meanwhile when the platform cannot exchange two folders atomically.
pub(super) fn swap(tmp: &Path, out: &Path, old: &Path) -> Result<(), OutputError> {
    if std::fs::symlink_metadata(out).is_err() {
        return std::fs::rename(tmp, out)
            .map_err(|e| FsError::new("cannot move into place", out, e).into());
    }
    if exchange(tmp, out) {
        // `tmp` now holds the previous output; a failure here only leaves a folder that
        // the next run deletes.
        let _ = std::fs::remove_dir_all(tmp);
        return Ok(());
    }
    std::fs::rename(out, old).map_err(|e| FsError::new("cannot move aside", out, e))?;
    if let Err(e) = std::fs::rename(tmp, out) {
        let _ = std::fs::rename(old, out);
        return Err(FsError::new("cannot move into place", out, e).into());
    }
    let _ = std::fs::remove_dir_all(old);
    Ok(())
}

/// Exchanges the names of two folders in one step; `false` when the platform or the
/// file system cannot (nothing has changed then).
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(super) fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

/// Exchanges the names of two folders in one step; `false` when the platform or the
/// file system cannot (nothing has changed then).
#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub(super) fn exchange(_a: &Path, _b: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(path: &Path, file: &str) {
        std::fs::create_dir_all(path).unwrap();
        std::fs::write(path.join(MARKER), "").unwrap();
        std::fs::write(path.join(file), file).unwrap();
    }

    // The atomic exchange is what makes a kill at any instant harmless on Linux.
    #[cfg(target_os = "linux")]
    #[test]
    fn exchanges_two_folders() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        folder(&a, "new");
        folder(&b, "old");
        assert!(exchange(&a, &b));
        assert!(b.join("new").is_file() && a.join("old").is_file());
    }

    // A kill between the two renames of the fallback left no output at all; the next
    // run must put the previous output back, then drop every other leftover.
    #[test]
    fn recovers_an_output_left_aside_and_drops_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        folder(&dir.path().join(".public.old-4242"), "previous");
        folder(&dir.path().join(".public.tmp-4242"), "half");
        folder(&dir.path().join(".public.tmp-x"), "not ours");
        recover(dir.path(), "public", &out).unwrap();
        assert!(out.join("previous").is_file());
        assert!(!dir.path().join(".public.old-4242").exists());
        assert!(!dir.path().join(".public.tmp-4242").exists());
        assert!(dir.path().join(".public.tmp-x").exists(), "only our names");
    }

    // With the output in place, a left-aside copy is stale and goes.
    #[test]
    fn drops_a_stale_copy_when_the_output_exists() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        folder(&out, "current");
        folder(&dir.path().join(".public.old-7"), "stale");
        recover(dir.path(), "public", &out).unwrap();
        assert!(out.join("current").is_file());
        assert!(!dir.path().join(".public.old-7").exists());
    }

    // A second build while one is writing fails at once with a clear error.
    #[test]
    fn a_second_lock_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = lock(dir.path(), "public", &out).unwrap();
        let err = lock(dir.path(), "public", &out).unwrap_err();
        assert!(matches!(err, OutputError::Locked(_)), "{err}");
        drop(first);
        assert!(lock(dir.path(), "public", &out).is_ok());
    }
}
