//! `delaybook sample-data`: deterministic synthetic orders.csv and stock.csv, or (with
//! `--preset`) the same orders as a platform's own export.

use std::path::{Path, PathBuf};

use super::{Context, Status};
use crate::cli::{SampleDataArgs, SamplePreset, SampleStyle};
use crate::sample::formats::{Shape, foreign_file};
use crate::sample::{SampleSpec, check_spec, independent, not_sample_data, write_files};

/// Runs `sample-data`.
pub fn run(ctx: &Context, args: &SampleDataArgs) -> Status {
    let Ok(end) = chrono::NaiveDate::parse_from_str(args.end.trim(), "%Y-%m-%d") else {
        return ctx.fail(crate::tr!("sample.end_bad", value = args.end));
    };
    let preset = args.preset.map(|p| match p {
        SamplePreset::Douyin => Shape::Douyin,
        SamplePreset::Pinduoduo => Shape::Pinduoduo,
        SamplePreset::Taobao => Shape::Taobao,
    });
    let spec = SampleSpec {
        orders: args.orders,
        seed: args.seed,
        weeks: args.weeks,
        end,
        preset,
    };
    if let Some(problem) = check_spec(&spec) {
        return ctx.fail(problem);
    }
    let dir = match (&args.dir, args.preset) {
        (Some(d), _) if d.is_absolute() => d.clone(),
        (Some(d), _) => ctx.root.join(d),
        (None, Some(p)) => ctx.root.join("data").join(preset_name(p)),
        (None, None) => ctx.root.join("data"),
    };
    if let Some(file) = foreign(preset, end, &dir) {
        return ctx.fail(crate::tr!("sample.foreign", file = ctx.show(&file)));
    }
    let files = match write(args.style, &spec, &dir) {
        Ok(f) => f,
        Err(e) => return ctx.fail(e),
    };
    let names: Vec<String> = files
        .iter()
        .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    ctx.info(&crate::tr!(
        "sample.wrote",
        orders = super::report::thousands(args.orders),
        weeks = args.weeks,
        end = end,
        dir = ctx.show(&dir),
        files = names.join(", "),
        seed = args.seed
    ));
    if args.preset.is_some() {
        let shown = ctx.show(&dir);
        ctx.info(&crate::tr!("sample.read_with", dir = shown));
    }
    Status::Ok
}

/// Writes the files of `style`; returns their paths.
fn write(
    style: SampleStyle,
    spec: &SampleSpec,
    dir: &Path,
) -> Result<Vec<PathBuf>, crate::fsx::FsError> {
    match style {
        SampleStyle::Sample => write_files(spec, dir),
        SampleStyle::Independent => independent::write_files(spec, dir),
    }
}

/// A file in `dir` that this run would overwrite but that sample-data did not write.
fn foreign(preset: Option<Shape>, end: chrono::NaiveDate, dir: &Path) -> Option<PathBuf> {
    match preset {
        None => not_sample_data(dir),
        Some(shape) => foreign_file(shape, end, dir).filter(|p| p.exists()),
    }
}

fn preset_name(p: SamplePreset) -> &'static str {
    match p {
        SamplePreset::Douyin => "douyin",
        SamplePreset::Pinduoduo => "pinduoduo",
        SamplePreset::Taobao => "taobao",
    }
}
