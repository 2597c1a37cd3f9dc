//! `delaybook new DIR`: a working project with the sample config, playbooks and
//! generated sample data. It never writes into a non-empty folder.

use std::path::Path;

use super::{Context, Status};
use crate::cli::NewArgs;

/// Runs `new`.
pub fn run(ctx: &Context, args: &NewArgs) -> Status {
    let dir = if args.dir.is_absolute() {
        args.dir.clone()
    } else {
        ctx.root.join(&args.dir)
    };
    if let Ok(mut entries) = std::fs::read_dir(&dir) {
        if entries.next().is_some() {
            return ctx.fail(crate::tr!("new.not_empty", dir = dir.display()));
        }
    } else if dir.exists() {
        return ctx.fail(crate::tr!("new.not_folder", dir = dir.display()));
    }
    if let Err(e) = write_project(&dir) {
        return ctx.fail(e);
    }
    ctx.info(&crate::tr!("new.created", dir = dir.display()));
    ctx.info(&crate::tr!("new.next", dir = dir.display()));
    Status::Ok
}

/// Writes the sample project (config, playbooks, data) into `dir`.
pub fn write_project(dir: &Path) -> Result<(), crate::fsx::FsError> {
    for (rel, bytes) in crate::theme::SAMPLE_FILES {
        crate::fsx::write(&dir.join(rel), bytes)?;
    }
    let data = crate::sample::SampleSpec::default_sample();
    crate::sample::write_files(&data, &dir.join("data"))?;
    Ok(())
}
