//! The command line's commands, one file each. `main.rs` parses the
//! arguments and calls one; it writes its report to `out` and returns how
//! it ended ([`CliResult`]), and `main.rs` alone turns that into an exit
//! code and prints why a command stopped. What a command does besides
//! reading its inputs and printing (playing a script, loading a valid
//! scenario, the winnable rule, replaying a record) is library code and
//! lives with the rest of the library.
//!
//! Plain Rust: the flags themselves (clap) are the binary's business.

mod cards;
mod error;
mod explore;
mod lint;
mod lint_output;
mod list;
mod new;
mod replay;
mod report;
mod run;
#[cfg(not(target_arch = "wasm32"))]
mod serve;
mod text;
mod validate;

pub use cards::cards;
pub use error::{CliError, CliResult, Exit, Stream};
pub use explore::explore;
pub use lint::{DEFAULT_CONFIG, LintFormat, LintOptions, lint, parse_fail_on};
pub use list::list;
pub use new::new_scenario;
pub use replay::replay;
pub use report::{ReportFiles, ReportFrom, class_report};
pub use run::{Recording, run};
#[cfg(not(target_arch = "wasm32"))]
pub use serve::{ServeArgs, serve};
pub use text::write_report;
pub use validate::validate;

use crate::escape::terminal;
use crate::scenario::{self, LoadError, Loaded, Unplayable};
use std::io::{self, Write};
use std::path::Path;

/// How `run`, `replay` and `explore` print their result.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// For people: a transcript, a report, a summary.
    #[default]
    Text,
    /// For scripts: one pretty JSON object.
    Json,
}

/// A scenario by id or path, with no errors: the one way a command loads
/// what it plays, and the one wording of why it cannot.
fn playable(name: &str) -> Result<Loaded, CliError> {
    scenario::load_valid(name).map_err(refused)
}

/// [`playable`] for a file already found.
fn playable_file(path: &Path) -> Result<Loaded, CliError> {
    scenario::load_valid_file(path).map_err(refused)
}

/// Why a scenario cannot be played, as the commands say it (exit 2).
fn refused(e: Unplayable) -> CliError {
    CliError::error(match e {
        Unplayable::Load(e @ LoadError::NotFound(_)) => {
            format!("error: {}", terminal(&e.to_string()))
        }
        Unplayable::Load(e) => e.to_string(),
        Unplayable::Invalid {
            ref file,
            ref errors,
        } => {
            // A scenario's messages may quote its text: shown, not obeyed.
            let lines: Vec<String> = errors
                .iter()
                .map(|p| {
                    format!(
                        "{file}:{}: {}",
                        p.line.unwrap_or(0),
                        terminal(&p.to_string())
                    )
                })
                .collect();
            format!("{e}:\n{}", lines.join("\n"))
        }
    })
}

/// Names for records and workshops: at most [`crate::limits::PLAYERS`],
/// each at most [`crate::limits::NAME_BYTES`] bytes. `flag` names the option
/// they came from; the error goes to standard error.
pub fn check_names(names: &[String], flag: &str) -> Result<(), CliError> {
    use crate::limits::{NAME_BYTES, PLAYERS};
    let why = if names.len() > PLAYERS {
        format!("{} names given with {flag}; at most {PLAYERS}", names.len())
    } else if let Some(n) = names.iter().find(|n| n.len() > NAME_BYTES) {
        format!(
            "{flag}: a name of {} bytes (\"{}…\"); a name is at most {NAME_BYTES} bytes",
            n.len(),
            terminal(crate::save::cut(n, 40))
        )
    } else {
        return Ok(());
    };
    Err(CliError::error(format!("error: {why}")).on_stderr())
}

/// Pretty JSON and a newline; a closed pipe stays a closed pipe.
fn write_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    })?;
    writeln!(out)
}
