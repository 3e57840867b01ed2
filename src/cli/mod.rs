//! The command line's commands. `main.rs` parses arguments and calls these;
//! each writes to the given output and returns the process exit code.

mod lint;
mod text;

use crate::engine::{Meeting, Move};
use crate::scenario::{self, Loaded, Severity};
use crate::script::{self, Script};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use lint::{DEFAULT_CONFIG, lint};
pub use text::write_report;

/// Exit codes shared by the commands.
pub mod exit {
    pub const OK: u8 = 0;
    /// Validation found problems; lint found findings.
    pub const FOUND: u8 = 1;
    /// Bad input: an unreadable file, a bad move script.
    pub const ERROR: u8 = 2;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// `second-story validate [PATH...]`: every problem in every file.
pub fn validate(paths: &[PathBuf], out: &mut dyn Write) -> io::Result<u8> {
    let default = [scenario::scenario_dir()];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let (mut files, mut bad) = (0, 0);
    for path in paths {
        let found = match scenario::find_scenarios(path) {
            Ok(found) => found,
            Err(e) => {
                writeln!(out, "error: {e}")?;
                bad += 1;
                continue;
            }
        };
        if found.is_empty() {
            writeln!(
                out,
                "warning: {}: no .ron scenario files here",
                path.display()
            )?;
        }
        for file in found {
            files += 1;
            if !report_file(&file, out)? {
                bad += 1;
            }
        }
    }
    if bad == 0 {
        writeln!(out, "{files} scenario file(s) checked: all valid")?;
    } else {
        writeln!(out, "{files} scenario file(s) checked: {bad} with errors")?;
    }
    Ok(if bad == 0 { exit::OK } else { exit::FOUND })
}

/// Prints one file's problems; true if it has no errors.
fn report_file(file: &Path, out: &mut dyn Write) -> io::Result<bool> {
    let loaded = match scenario::load_file(file) {
        Ok(l) => l,
        Err(e) => {
            writeln!(out, "{e}")?;
            return Ok(false);
        }
    };
    let problems = loaded.problems();
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    for p in &problems {
        match p.line {
            Some(line) => writeln!(
                out,
                "{}:{line}: {} (in scenario \"{}\")",
                file.display(),
                p,
                loaded.scenario.id
            )?,
            None => writeln!(
                out,
                "{}: {} (in scenario \"{}\")",
                file.display(),
                p,
                loaded.scenario.id
            )?,
        }
    }
    if errors == 0 {
        writeln!(out, "{}: ok ({})", file.display(), loaded.scenario.id)?;
    }
    Ok(errors == 0)
}

/// `second-story list`: the shipped scenarios and their size.
pub fn list(out: &mut dyn Write) -> io::Result<u8> {
    let dir = scenario::scenario_dir();
    let files = match scenario::find_scenarios(&dir) {
        Ok(f) => f,
        Err(e) => {
            writeln!(out, "error: {e}")?;
            return Ok(exit::ERROR);
        }
    };
    writeln!(
        out,
        "{:<28} {:>4} {:>6} {:>5} {:>7} {:>7}  title",
        "id", "diff", "people", "facts", "choices", "minutes"
    )?;
    for file in files {
        match scenario::load_file(&file) {
            Ok(Loaded { scenario: s, .. }) => writeln!(
                out,
                "{:<28} {:>4} {:>6} {:>5} {:>7} {:>7}  {}",
                s.id,
                s.difficulty,
                s.participants.len(),
                s.facts.len(),
                s.choices.len(),
                s.brief.minutes,
                s.title
            )?,
            Err(e) => writeln!(out, "{e}")?,
        }
    }
    Ok(exit::OK)
}

/// `second-story run SCENARIO --moves FILE`: plays a move script headless
/// and prints the transcript and the report.
pub fn run(
    scenario_name: &str,
    moves: &Path,
    seed: u64,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let loaded = match load_valid(scenario_name) {
        Ok(l) => l,
        Err(message) => {
            writeln!(out, "{message}")?;
            return Ok(exit::ERROR);
        }
    };
    let script = match script::load_script(moves) {
        Ok(s) => s,
        Err(e) => {
            writeln!(out, "{e}")?;
            return Ok(exit::ERROR);
        }
    };
    let meeting = match play(Arc::new(loaded.scenario), seed, &script) {
        Ok(m) => m,
        Err(failure) => {
            match &failure {
                Refused::Move { line, .. } => {
                    writeln!(out, "{}:{line}: {failure}", moves.display())?
                }
                Refused::Scenario(_) => writeln!(out, "{failure}")?,
            }
            return Ok(exit::ERROR);
        }
    };
    let report = meeting.report();
    match format {
        Format::Json => {
            write_json(out, &report)?;
        }
        Format::Text => write_report(&meeting, &report, out)?,
    }
    Ok(exit::OK)
}

/// Pretty JSON and a newline; a closed pipe stays a closed pipe.
pub(crate) fn write_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    })?;
    writeln!(out)
}

/// Loads a scenario by id or path and refuses it if it has errors.
pub fn load_valid(name: &str) -> Result<Loaded, String> {
    let path = scenario::resolve(name).map_err(|e| format!("error: {e}"))?;
    let loaded = scenario::load_file(&path).map_err(|e| e.to_string())?;
    let errors: Vec<String> = loaded
        .problems()
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| format!("{}:{}: {p}", path.display(), p.line.unwrap_or(0)))
        .collect();
    if errors.is_empty() {
        Ok(loaded)
    } else {
        Err(format!(
            "{} has errors; run `second-story validate {}`:\n{}",
            path.display(),
            path.display(),
            errors.join("\n")
        ))
    }
}

/// Why a script could not be played.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("{0}")]
    Scenario(crate::engine::InvalidScenario),
    /// A move the meeting refused; `index` counts from 0.
    #[error("move {} ({mv}): {error}", index + 1)]
    Move {
        index: usize,
        line: usize,
        mv: Box<Move>,
        error: crate::engine::MoveError,
    },
}

/// Plays a script to the end. A meeting the script leaves open is ended, so
/// there is always a report.
pub fn play(
    scenario: Arc<scenario::Scenario>,
    seed: u64,
    script: &Script,
) -> Result<Meeting, Refused> {
    let mut meeting = Meeting::new(scenario, seed).map_err(Refused::Scenario)?;
    for (index, mv) in script.moves.iter().enumerate() {
        meeting.apply(mv).map_err(|error| Refused::Move {
            index,
            line: script.lines[index],
            mv: Box::new(mv.clone()),
            error,
        })?;
    }
    if !meeting.is_over() {
        meeting
            .apply(&Move::End)
            .expect("a meeting that is not over can always end");
    }
    Ok(meeting)
}
