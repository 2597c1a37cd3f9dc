//! One module per subcommand, each a short composition of pipeline stages.

pub mod build;
pub mod check;
pub mod data;
pub mod handbook;
pub mod lint_reply;
pub mod new;
pub mod report;
pub mod sample_data;
pub mod schema;
pub mod serve;
pub mod sql;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::cli::{Cli, ColorChoice, Command, GlobalArgs};
use crate::diag::{Diagnostics, escape_controls};

/// How a command ended; decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything worked (exit 0).
    Ok,
    /// Content or data errors were found and reported (exit 1).
    ContentErrors,
    /// A usage or I/O error (exit 2).
    Failure,
}

impl Status {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::ContentErrors => 1,
            Status::Failure => 2,
        }
    }
}

/// What every command needs to know about how it was called.
#[derive(Debug, Clone)]
pub struct Context {
    /// Project root.
    pub root: PathBuf,
    /// Output folder (already resolved against the root).
    pub out: PathBuf,
    /// Print only errors.
    pub quiet: bool,
    /// Print more.
    pub verbose: bool,
    /// Colour stderr.
    pub color: bool,
    /// `--allow-external-theme`: a theme folder outside the project is accepted.
    pub allow_external_theme: bool,
}

impl Context {
    /// Builds the context from the global options.
    pub fn from_args(g: &GlobalArgs) -> Self {
        let color = match g.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        };
        Context {
            root: g.root.clone(),
            out: crate::output::resolve_out(&g.root, g.out.as_deref()),
            quiet: g.quiet,
            verbose: g.verbose,
            color,
            allow_external_theme: g.allow_external_theme,
        }
    }

    /// Prints the diagnostics to stderr (warnings hidden with `-q`), sorted.
    pub fn report_diagnostics(&self, diag: &mut Diagnostics) {
        diag.sort();
        let mut shown = Diagnostics::new();
        for d in diag.items() {
            if !self.quiet || d.severity == crate::diag::Severity::Error {
                shown.push(d.clone());
            }
        }
        if !shown.items().is_empty() {
            eprint!("{}", shown.render(&self.root, self.color));
        }
    }

    /// Prints a progress or summary line to stderr unless `-q`.
    pub fn info(&self, line: &str) {
        if !self.quiet {
            eprintln!("{}", escape_controls(line));
        }
    }

    /// Prints a detail line (stage timings, files read) to stderr, only with `-v`.
    pub fn detail(&self, line: &str) {
        if self.verbose {
            eprintln!("  {}", escape_controls(line));
        }
    }

    /// Prints a line to stderr whatever `-q` says (the closing line of a failed run).
    pub fn always(&self, line: &str) {
        eprintln!("{}", escape_controls(line));
    }

    /// Prints an I/O or usage error and returns [`Status::Failure`].
    pub fn fail(&self, message: impl std::fmt::Display) -> Status {
        let message = message.to_string();
        let message = escape_controls(&message);
        let (label, sep) = (crate::tr!("cli.error"), crate::diag::label_separator());
        if self.color {
            eprintln!("\x1b[1;31m{label}\x1b[0m{sep}{message}");
        } else {
            eprintln!("{label}{sep}{message}");
        }
        Status::Failure
    }

    /// Prints an output-folder error with its hint and returns [`Status::Failure`].
    pub fn fail_output(&self, e: &crate::output::OutputError) -> Status {
        let status = self.fail(e);
        if let Some(hint) = e.hint() {
            eprintln!(
                "  = {}{}{}",
                crate::tr!("diag.hint"),
                crate::diag::label_separator(),
                escape_controls(&hint)
            );
        }
        status
    }

    /// Where this command writes: the output folder, `--force`, and the project's
    /// inputs it must never replace.
    pub fn target(&self, config: &crate::config::Config, force: bool) -> crate::output::Target {
        crate::output::Target {
            out: self.out.clone(),
            force,
            protected: crate::output::Protected::for_project(&self.root, config),
        }
    }

    /// [`Context::target`], checked before any work: a refused output folder is
    /// printed (with its hint) and gives `Err(Status::Failure)`.
    pub fn checked_target(
        &self,
        target: crate::output::Target,
    ) -> Result<crate::output::Target, Status> {
        match target.check() {
            Ok(()) => Ok(target),
            Err(e) => Err(self.fail_output(&e)),
        }
    }

    /// The renderer for `config`, with the theme folder allowed outside the project
    /// only when the command line says so.
    pub fn renderer(
        &self,
        config: &crate::config::Config,
    ) -> Result<crate::render::Renderer, crate::render::RenderError> {
        crate::render::Renderer::new_with(config, &self.root, self.allow_external_theme)
    }

    /// A path as shown to the user: relative to the project root when inside it.
    pub fn show(&self, path: &Path) -> String {
        crate::diag::display_path(path, &self.root)
    }
}

/// Runs the parsed command line and returns how it ended.
pub fn run(cli: Cli) -> Status {
    choose_language(&cli.global);
    let ctx = Context::from_args(&cli.global);
    if !ctx.root.is_dir() {
        return ctx.fail(crate::tr!("cli.no_root", dir = ctx.root.display()));
    }
    match cli.command {
        Command::Build(a) => build::run(&ctx, &a),
        Command::Check(a) => check::run(&ctx, &a),
        Command::Report(a) => report::run(&ctx, &a),
        Command::Handbook(a) => handbook::run(&ctx, &a),
        Command::New(a) => new::run(&ctx, &a),
        Command::Schema(a) => schema::run(&ctx, &a),
        Command::Serve(a) => serve::run(&ctx, &a),
        Command::SampleData(a) => sample_data::run(&ctx, &a),
        Command::Sql(a) => sql::run(&ctx, &a),
        Command::LintReply(a) => lint_reply::run(&ctx, &a),
    }
}

/// Sets the language of terminal messages (see [`crate::i18n::choose`]) and of the
/// report (the project's `site.language`, zh-CN without one).
fn choose_language(g: &GlobalArgs) {
    use crate::i18n::{self, Lang};
    let project = i18n::project_language(&g.root);
    let terminal = i18n::choose(g.lang.map(Lang::from), project, |k| std::env::var(k).ok());
    i18n::set(terminal, project.unwrap_or(Lang::ZhCn));
}

/// The status for a run that has printed `diag`: errors (or, when `strict`, warnings)
/// give [`Status::ContentErrors`].
pub fn status_of(diag: &Diagnostics, strict: bool) -> Status {
    if diag.has_errors(strict) {
        Status::ContentErrors
    } else {
        Status::Ok
    }
}
