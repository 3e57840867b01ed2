//! Move scripts: a RON list of moves, played headless by `second-story run`
//! and by the tests. Each move keeps the line it was written on, so an error
//! can point at it.

use crate::engine::{Meeting, Move, Refused};
use crate::scenario::Scenario;
use std::path::Path;
use std::sync::Arc;

/// A parsed move script.
#[derive(Clone, Debug, PartialEq)]
pub struct Script {
    pub moves: Vec<Move>,
    /// The line (from 1) each move starts on.
    pub lines: Vec<usize>,
}

impl Script {
    /// The line (from 1) the move at `index` (from 0) starts on; 0 when
    /// not known.
    pub fn line(&self, index: usize) -> usize {
        self.lines.get(index).copied().unwrap_or(0)
    }
}

/// Plays a script to the end on a new meeting (through
/// [`crate::engine::replay`]). A meeting the script leaves open is ended,
/// so there is always a report. A refused move's line is
/// [`Script::line`] of its index.
pub fn play(scenario: Arc<Scenario>, seed: u64, script: &Script) -> Result<Meeting, Refused> {
    let mut meeting = crate::engine::replay(scenario, seed, &script.moves, |_, _, _| {})?;
    meeting.finish();
    Ok(meeting)
}

/// A script that could not be read or parsed.
pub type ScriptError = crate::source::FileError;

pub fn load_script(path: &Path) -> Result<Script, ScriptError> {
    let source = crate::source::read_text(path, crate::source::Limit::SCRIPT)?;
    parse_script(&source, &crate::source::name(path))
}

/// Parses a script; more than [`crate::limits::MOVES`] moves, or a `Say`
/// longer than [`crate::limits::SAY_BYTES`], is an error at its line.
pub fn parse_script(source: &str, file: &str) -> Result<Script, ScriptError> {
    let moves: Vec<Move> = ron::from_str(source).map_err(|e| ScriptError::ron(file, e))?;
    let mut lines = element_lines(source);
    // The scan and the parser agree on well-formed input; if they ever do
    // not, an approximate line is better than none.
    lines.resize(moves.len(), lines.last().copied().unwrap_or(1));
    let too_large = |index: usize, message: String| ScriptError::Syntax {
        file: file.to_owned(),
        line: lines[index],
        column: 1,
        message,
    };
    if moves.len() > crate::limits::MOVES {
        return Err(too_large(
            crate::limits::MOVES,
            format!(
                "too many moves: {} (a script has at most {})",
                moves.len(),
                crate::limits::MOVES
            ),
        ));
    }
    if let Some((index, len)) = moves.iter().enumerate().find_map(|(i, m)| match m {
        Move::Say { text, .. } if text.len() > crate::limits::SAY_BYTES => Some((i, text.len())),
        _ => None,
    }) {
        return Err(too_large(
            index,
            format!(
                "move {}: a Say of {len} bytes (at most {})",
                index + 1,
                crate::limits::SAY_BYTES
            ),
        ));
    }
    Ok(Script { moves, lines })
}

/// Lines on which the elements of the top-level list start. Skips strings
/// and comments; nesting is tracked so only top-level commas count.
fn element_lines(source: &str) -> Vec<usize> {
    let bytes = source.as_bytes();
    let mut lines = Vec::new();
    let (mut depth, mut line, mut i) = (0usize, 1usize, 0usize);
    let mut expecting = false;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\n' => line += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    if bytes[i] == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
                i += 2;
                continue;
            }
            b' ' | b'\t' | b'\r' => {}
            _ => {
                if expecting && depth == 1 && b != b']' {
                    lines.push(line);
                }
                expecting = false;
                match b {
                    b'"' => {
                        i += 1;
                        while i < bytes.len() && bytes[i] != b'"' {
                            if bytes[i] == b'\\' {
                                i += 1;
                            } else if bytes[i] == b'\n' {
                                line += 1;
                            }
                            i += 1;
                        }
                    }
                    b'[' | b'(' | b'{' => {
                        depth += 1;
                        expecting = depth == 1;
                    }
                    b']' | b')' | b'}' => depth = depth.saturating_sub(1),
                    b',' if depth == 1 => expecting = true,
                    _ => {}
                }
            }
        }
        i += 1;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_move_knows_its_line() {
        let src = "// warm up\n[\n  Ask(\"a\"), // first\n  /* skip, this */\n  NextPhase,\n\n  Invite(\"sam, \\\"x\\\"\"),\n]\n";
        let script = parse_script(src, "s.ron").unwrap();
        assert_eq!(script.moves.len(), 3);
        assert_eq!(script.lines, vec![3, 5, 7]);
    }

    #[test]
    fn an_unknown_move_is_a_syntax_error_on_its_line() {
        let err = parse_script("[\n  NextPhase,\n  Shout(\"x\"),\n]", "s.ron").unwrap_err();
        let ScriptError::Syntax { line, .. } = err else {
            panic!("expected a syntax error")
        };
        assert_eq!(line, 3);
    }
}
