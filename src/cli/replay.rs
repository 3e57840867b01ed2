//! `second-story replay RECORD`: a session record re-run on its scenario,
//! and whether the report still matches.

use super::{CliError, CliResult, Exit, Format, playable, playable_file, write_json, write_report};
use crate::escape::terminal;
use crate::record::{Record, ReplayError};
use crate::scenario;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// Exit 0 when the replayed report matches the record, 1 when it does not
/// (or the scenario changed, or a move is refused now), 2 when the record
/// or the scenario cannot be read.
pub fn replay(
    path: &Path,
    scenario_path: Option<&str>,
    format: Format,
    out: &mut dyn Write,
) -> CliResult {
    let record = Record::load(path).map_err(|e| CliError::error(format!("error: {e}")))?;
    // The record names its scenario by id (checked when read): it is
    // looked up in the library only; `--scenario` may name any file.
    let loaded = match scenario_path {
        Some(name) => playable(name)?,
        None => match scenario::by_id(&record.scenario) {
            Some(path) => playable_file(&path)?,
            None => {
                return Err(CliError::error(format!(
                    "error: no scenario \"{}\" in the library (scenarios/); name its file with --scenario",
                    record.scenario
                )));
            }
        },
    };
    let file = crate::source::name(path);
    let meeting = record.replay(Arc::new(loaded.scenario)).map_err(|e| {
        let message = format!("{file}: {}", terminal(&e.to_string()));
        match e {
            ReplayError::ScenarioChanged { .. } | ReplayError::Refused { .. } => {
                CliError::found(message)
            }
            _ => CliError::error(message),
        }
    })?;
    let matches = record.matches(&meeting);
    match format {
        Format::Json => {
            #[derive(serde::Serialize)]
            struct Replayed<'a> {
                record: &'a Record,
                matches: bool,
                report: crate::engine::Report,
            }
            write_json(
                out,
                &Replayed {
                    record: &record,
                    matches,
                    report: meeting.report(),
                },
            )?;
        }
        Format::Text => {
            write_report(&meeting, &meeting.report(), out)?;
            writeln!(out)?;
            // Names from a record someone else wrote: shown, not obeyed.
            let who = if record.players.is_empty() {
                "unnamed".to_owned()
            } else {
                terminal(&record.players.join(", ")).into_owned()
            };
            if matches {
                writeln!(
                    out,
                    "{file}: {} moves by {who} replayed; the report matches the record ({} / 100).",
                    record.moves.len(),
                    record.outcome.score.total
                )?;
            } else {
                writeln!(
                    out,
                    "{file}: the replayed report differs from the record: recorded {} / 100, replayed {} / 100",
                    record.outcome.score.total,
                    meeting.score().total
                )?;
            }
        }
    }
    Ok(if matches { Exit::Ok } else { Exit::Found })
}
