//! `second-story cards SCENARIO --out DIR`: printable role cards.

use super::{CliError, CliResult, Exit, playable};
use crate::source;
use std::io::Write;
use std::path::Path;

/// Exit 0 once every card is written, 2 when the scenario cannot be played
/// or a card cannot be written.
pub fn cards(name: &str, dir: &Path, out: &mut dyn Write) -> CliResult {
    let loaded = playable(name)?;
    let files = crate::cards::write_cards(&loaded.scenario, dir)
        .map_err(|e| CliError::error(format!("error: {}: {e}", source::name(dir))))?;
    for f in &files {
        writeln!(out, "wrote {}", source::name(f))?;
    }
    Ok(Exit::Ok)
}
