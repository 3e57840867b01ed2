//! `second-story new ID`: a valid starting scenario to fill in.

use super::{CliError, CliResult, Exit};
use crate::scenario;
use std::io::{self, Write};
use std::path::Path;

const TEMPLATE: &str = include_str!("../../assets/templates/scenario.ron");

/// Writes `DIR/ID.ron` from the template, never over a file that is there.
pub fn new_scenario(id: &str, dir: &Path, out: &mut dyn Write) -> CliResult {
    if !scenario::is_id(id) {
        return Err(CliError::error(format!(
            "error: \"{}\" is not a scenario id: use lower-case letters, digits and '-', at most {} bytes",
            crate::escape::terminal(crate::save::cut(id, 200)),
            crate::limits::ID_BYTES
        )));
    }
    let path = dir.join(format!("{id}.ron"));
    let title: String = id
        .split('-')
        .enumerate()
        .map(|(i, w)| if i == 0 { capitalise(w) } else { w.to_owned() })
        .collect::<Vec<_>>()
        .join(" ");
    let text = TEMPLATE.replace("@ID@", id).replace("@TITLE@", &title);
    // Created new: never over a file, and never through a symbolic link
    // (even one to nothing) to a file somewhere else.
    crate::save::create(&path, text.as_bytes()).map_err(|e| {
        CliError::error(if e.kind() == io::ErrorKind::AlreadyExists {
            format!(
                "error: {} already exists; choose another id",
                path.display()
            )
        } else {
            format!("error: {}: cannot write: {e}", path.display())
        })
    })?;
    writeln!(out, "wrote {}", path.display())?;
    writeln!(
        out,
        "next: edit it, then `second-story validate {}` and `second-story explore {}`",
        path.display(),
        path.display()
    )?;
    Ok(Exit::Ok)
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}
