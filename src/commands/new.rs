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
            return ctx.fail(format!(
                "`{}` is not empty; `new` only writes into a new or empty folder",
                dir.display()
            ));
        }
    } else if dir.exists() {
        return ctx.fail(format!("`{}` exists and is not a folder", dir.display()));
    }
    if let Err(e) = write_project(&dir) {
        return ctx.fail(e);
    }
    // One line each: `info` shows a line break inside a message as a visible `\n`.
    ctx.info(&format!(
        "created a new delaybook project in {}",
        dir.display()
    ));
    ctx.info(&format!("next: cd {} && delaybook build", dir.display()));
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
