//! `second-story list`: the shipped scenarios in curriculum order, with
//! their size.

use super::{CliError, CliResult, Exit};
use crate::scenario::{self, Loaded};
use std::io::Write;

pub fn list(out: &mut dyn Write) -> CliResult {
    let dir = scenario::scenario_dir();
    let found =
        scenario::list_scenarios(&dir).map_err(|e| CliError::error(format!("error: {e}")))?;
    for (file, why) in &found.refused {
        writeln!(out, "{}: error: {why}", crate::source::name(file))?;
    }
    writeln!(
        out,
        "{:<28} {:>4} {:>6} {:>5} {:>7} {:>7}  title",
        "id", "diff", "people", "facts", "choices", "minutes"
    )?;
    // Curriculum order: easiest first.
    let mut loaded: Vec<_> = found.files.iter().map(|f| scenario::load_file(f)).collect();
    loaded.sort_by_key(|l| l.as_ref().map_or(u8::MAX, |l| l.scenario.difficulty));
    for l in loaded {
        match l {
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
    Ok(Exit::Ok)
}
