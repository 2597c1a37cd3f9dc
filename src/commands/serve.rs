//! `delaybook serve`: build, serve the output folder on 127.0.0.1, and rebuild when
//! the config, playbooks, data or theme change; open pages reload by themselves, and
//! show the problems of a failed rebuild until the next good one.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::{Context, Status};
use crate::cli::{BuildArgs, ServeArgs};
use crate::diag::Diagnostics;
use crate::serve::BuildState;

/// Runs `serve` until the process is stopped (Ctrl-C).
pub fn run(ctx: &Context, args: &ServeArgs) -> Status {
    let build_args = BuildArgs {
        force: args.force,
        ..BuildArgs::default()
    };
    // The port first: when it is taken there is no point in building (and nothing
    // should be replaced).
    let listener = match TcpListener::bind(("127.0.0.1", args.port)) {
        Ok(l) => l,
        Err(e) => {
            let error = crate::fsx::io_reason(&e);
            return ctx.fail(crate::tr!(
                "serve.port_taken",
                port = args.port,
                error = error
            ));
        }
    };
    let state = Arc::new(BuildState::new());
    // The inputs as they are before the first build: an edit made during it, or right
    // after the address is printed but before the watcher looks, still rebuilds.
    let before = crate::serve::fingerprint(&watched_paths(&ctx.root));
    let mut diag = Diagnostics::new();
    match super::build::run_with(ctx, &build_args, &mut diag) {
        Status::Failure => return Status::Failure,
        Status::ContentErrors => state.failed(failure(ctx, &diag)),
        Status::Ok => {}
    }
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            let reason = crate::fsx::io_reason(&e);
            return ctx.fail(crate::tr!("serve.no_address", reason = reason));
        }
    };
    // On stdout, so scripts (and the tests) can read where to connect.
    println!("{}", crate::tr!("serve.serving", addr = addr));
    let (out, served) = (ctx.out.clone(), Arc::clone(&state));
    std::thread::spawn(move || crate::serve::serve(listener, out, served));
    watch(ctx, &build_args, &state, before);
    Status::Ok
}

/// The overlay for a failed build, in the language of the project's config.
fn failure(ctx: &Context, diag: &Diagnostics) -> crate::serve::overlay::Failure {
    let lang = crate::config::load(&ctx.root, &mut Diagnostics::new())
        .site
        .language;
    crate::serve::overlay::failure_of(diag, &ctx.root, lang)
}

/// Polls the inputs twice a second and rebuilds when they differ from `seen` (what
/// the last build started from).
fn watch(
    ctx: &Context,
    build_args: &BuildArgs,
    state: &BuildState,
    mut seen: (usize, std::time::SystemTime),
) {
    loop {
        std::thread::sleep(Duration::from_millis(500));
        let now = crate::serve::fingerprint(&watched_paths(&ctx.root));
        if now == seen {
            continue;
        }
        seen = now;
        ctx.info(&crate::tr!("serve.rebuilding"));
        let mut diag = Diagnostics::new();
        match super::build::run_with(ctx, build_args, &mut diag) {
            Status::Ok => state.succeeded(),
            _ => state.failed(failure(ctx, &diag)),
        }
    }
}

/// What a rebuild depends on: the config file, the playbooks folder, the data files
/// (or their folder, for a glob) and the theme override folder.
fn watched_paths(root: &Path) -> Vec<PathBuf> {
    let config = crate::config::load(root, &mut Diagnostics::new());
    let existing_or_parent = |p: PathBuf| -> PathBuf {
        if p.exists() {
            p
        } else {
            p.parent()
                .map_or_else(|| root.to_path_buf(), Path::to_path_buf)
        }
    };
    let mut paths = vec![
        root.join(crate::config::CONFIG_FILE),
        root.join(&config.inputs.playbooks),
        existing_or_parent(root.join(&config.inputs.stock)),
    ];
    for entry in config.inputs.orders.entries() {
        paths.push(existing_or_parent(root.join(&entry.path)));
    }
    if let Some(theme) = &config.theme {
        paths.push(root.join(theme));
    }
    paths
}
