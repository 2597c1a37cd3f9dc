//! The `delaybook` binary: parse the command line, run the command, map the outcome to
//! an exit code (0 ok, 1 content or data errors, 2 usage or I/O error).

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = match delaybook::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            let code = if e.use_stderr() { 2 } else { 0 };
            return std::process::ExitCode::from(code);
        }
    };
    let status = delaybook::commands::run(cli);
    std::process::ExitCode::from(status.code())
}
