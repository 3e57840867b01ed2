//! `second-story run SCENARIO --moves FILE`: a move script played headless,
//! printed as a transcript and a report, and saved as a record on request.

use super::{CliError, CliResult, Exit, Format, check_names, playable, write_json, write_report};
use crate::engine::{Meeting, Refused};
use crate::escape::terminal;
use crate::record::Record;
use crate::script;
use crate::source;
use crate::workshop::{Plan, SeatTurn, Workshop};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `run --record`: where to save the record, who played, and when the hot
/// seat passed on.
#[derive(Clone, Debug)]
pub struct Recording {
    pub path: PathBuf,
    pub players: Vec<String>,
    pub turn: SeatTurn,
}

/// Plays the script; with `record`, also saves the meeting as a session
/// record. Exit 0, or 2 when the scenario, the script or a move is refused
/// or the record cannot be written.
pub fn run(
    scenario_name: &str,
    moves: &Path,
    seed: u64,
    format: Format,
    record: Option<Recording>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> CliResult {
    if let Some(r) = &record {
        check_names(&r.players, "--player")?;
    }
    let loaded = playable(scenario_name)?;
    let script = script::load_script(moves).map_err(|e| CliError::error(e.to_string()))?;
    let meeting = script::play(Arc::new(loaded.scenario), seed, &script).map_err(|refused| {
        // A Say's text comes from the script: shown, not obeyed.
        let said = terminal(&refused.to_string()).into_owned();
        CliError::error(match refused {
            Refused::Move { index, .. } => {
                format!("{}:{}: {said}", source::name(moves), script.line(index))
            }
            Refused::Scenario(_) => said,
        })
    })?;
    if let Some(recording) = record {
        save_record(&meeting, recording, err)?;
    }
    let report = meeting.report();
    match format {
        Format::Json => write_json(out, &report)?,
        Format::Text => write_report(&meeting, &report, out)?,
    }
    Ok(Exit::Ok)
}

/// Saves the record, never over another file: a name already taken gets a
/// number, and the user is told.
fn save_record(meeting: &Meeting, r: Recording, err: &mut dyn Write) -> Result<(), CliError> {
    let path = r.path.as_path();
    let json = script_record(meeting, r.players, r.turn).to_json();
    match crate::save::create_free(path, &json) {
        Ok(saved) if saved != path => writeln!(
            err,
            "{} exists; the record was saved as {}",
            source::name(path),
            source::name(&saved)
        )?,
        Ok(_) => {}
        Err(e) => {
            return Err(CliError::error(format!(
                "error: {}: cannot write the record: {e}",
                source::name(path)
            ))
            .on_stderr());
        }
    }
    Ok(())
}

/// The record of a scripted meeting; with several players, they take
/// turns in the hot seat as `turn` says.
fn script_record(meeting: &Meeting, players: Vec<String>, turn: SeatTurn) -> Record {
    let plan = Plan {
        facilitators: players.clone(),
        turn,
        ..Plan::default()
    };
    Workshop::seat_moves(meeting, plan).record(meeting, players)
}
