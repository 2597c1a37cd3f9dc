//! delaybook turns a folder of YAML playbooks and a shop's order and stock CSV exports
//! into static files: a searchable handbook site, a print handbook and a weekly
//! delay-cause report.
//!
//! The pipeline, one module per stage, each taking typed input and returning typed output:
//!
//! ```text
//! config ─▶ playbooks (load) ─▶ validate (link) ─▶ ingest (CSV, streaming) ─▶ report (compute)
//!        ─▶ render (site, report pages) ─▶ search (index) ─▶ output (atomic write)
//! ```
//!
//! Problems are collected in a [`diag::Diagnostics`] sink by every stage; the pipeline
//! stops before rendering when any error exists.

pub mod cli;
pub mod commands;
pub mod config;
pub mod diag;
pub mod fasthash;
pub mod fsx;
pub mod i18n;
pub mod ingest;
pub mod inputs;
pub mod lint;
pub mod output;
pub mod pipeline;
pub mod playbooks;
pub mod render;
pub mod report;
pub mod sample;
pub mod search;
pub mod serve;
pub mod theme;
pub mod validate;
pub mod warehouse;
pub mod yaml;
