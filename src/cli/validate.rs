//! `second-story validate [PATH...]`: every problem in every scenario file,
//! each at its file and line.

use super::{CliResult, Exit};
use crate::escape::terminal;
use crate::explore::{self, Shortfall, WINNABLE};
use crate::scenario::{self, Severity};
use crate::source;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Exit 0 when every file is valid, 1 when any has errors (or a folder
/// cannot be read). With `search`, a scenario that passes the checks is
/// also explored and must be winnable ([`explore::Exploration::shortfalls`]).
pub fn validate(paths: &[PathBuf], search: bool, out: &mut dyn Write) -> CliResult {
    let default = [scenario::scenario_dir()];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let (mut files, mut bad) = (0, 0);
    for path in paths {
        let found = match scenario::list_scenarios(path) {
            Ok(found) => found,
            Err(e) => {
                writeln!(out, "error: {e}")?;
                bad += 1;
                continue;
            }
        };
        if found.files.is_empty() && found.refused.is_empty() {
            writeln!(
                out,
                "warning: {}: no .ron scenario files here",
                source::name(path)
            )?;
        }
        for (file, why) in &found.refused {
            files += 1;
            bad += 1;
            writeln!(out, "{}: error: {why}", source::name(file))?;
        }
        for file in found.files {
            files += 1;
            if !check_file(&file, search, out)? {
                bad += 1;
            }
        }
    }
    if bad == 0 {
        writeln!(out, "{files} scenario file(s) checked: all valid")?;
        Ok(Exit::Ok)
    } else {
        writeln!(out, "{files} scenario file(s) checked: {bad} with errors")?;
        Ok(Exit::Found)
    }
}

/// Prints one file's problems; true if it has no errors.
fn check_file(file: &Path, search: bool, out: &mut dyn Write) -> io::Result<bool> {
    let loaded = match scenario::load_file(file) {
        Ok(l) => l,
        Err(e) => {
            writeln!(out, "{e}")?;
            return Ok(false);
        }
    };
    let problems = loaded.problems();
    let file = source::name(file);
    let file = file.as_str();
    let mut errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    // A scenario's texts are shown as they are, but escape characters in
    // an id or a message are not sent to the terminal.
    let id = terminal(loaded.scenario.id.as_str()).into_owned();
    for p in &problems {
        let text = terminal(&p.to_string()).into_owned();
        match p.line {
            Some(line) => writeln!(out, "{file}:{line}: {text} (in scenario \"{id}\")")?,
            None => writeln!(out, "{file}: {text} (in scenario \"{id}\")")?,
        }
    }
    let (sorted, questions) = scenario::word_spotting(&loaded.scenario);
    if let Some(share) = (sorted * 100).checked_div(questions) {
        writeln!(
            out,
            "{file}: note: spotting giveaway words sorts {sorted} of {questions} questions ({share}%) into traps and good ones; close to 50% means the traps sound reasonable (in scenario \"{id}\")"
        )?;
    }
    if errors == 0 && search {
        let e = match explore::explore(Arc::new(loaded.scenario), explore::Settings::default()) {
            Ok(e) => e,
            Err(err) => {
                writeln!(out, "{file}: error: {err} (in scenario \"{id}\")")?;
                return Ok(false);
            }
        };
        for shortfall in e.shortfalls() {
            errors += 1;
            match shortfall {
                Shortfall::BestScore(best) => writeln!(
                    out,
                    "{file}: error: the best score a search found is {best} (at least {WINNABLE} needed); see `second-story explore {file}` (in scenario \"{id}\")",
                )?,
                Shortfall::Unreached(f) => writeln!(
                    out,
                    "{file}: error: fact \"{f}\": no line of play reveals it (in scenario \"{id}\")"
                )?,
            }
        }
    }
    if errors == 0 {
        writeln!(out, "{file}: ok ({id})")?;
    }
    Ok(errors == 0)
}
