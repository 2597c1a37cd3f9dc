//! `delaybook schema`: the JSON Schema of the playbook files (or of delaybook.yaml with
//! `--config`), generated from the same types `check` uses, so editor and `check` agree.

use super::{Context, Status};
use crate::cli::SchemaArgs;

/// Runs `schema`: prints the schema to stdout.
pub fn run(ctx: &Context, args: &SchemaArgs) -> Status {
    let schema = if args.config {
        config_schema()
    } else {
        playbook_schema()
    };
    match serde_json::to_string_pretty(&schema) {
        Ok(text) => {
            println!("{text}");
            Status::Ok
        }
        Err(e) => ctx.fail(crate::tr!("schema.failed", reason = e)),
    }
}

/// JSON Schema of one playbook YAML file.
pub fn playbook_schema() -> serde_json::Value {
    schemars::schema_for!(crate::playbooks::model::ContentFile).to_value()
}

/// JSON Schema of `delaybook.yaml`.
pub fn config_schema() -> serde_json::Value {
    schemars::schema_for!(crate::config::Config).to_value()
}
