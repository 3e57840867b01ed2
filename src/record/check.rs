//! What a record may hold: a record is read from a shared folder and its
//! names and numbers end up in reports, terminals and file names, so each
//! is checked against [`crate::limits`] before anything uses it.

use super::Record;
use crate::engine::Move;
use crate::limits;

/// What is wrong with a record, and the line of the field when it can be
/// found in the text it was read from.
#[derive(Debug)]
pub(super) struct Unsound {
    pub line: Option<usize>,
    pub what: String,
}

impl Record {
    /// Checks every field another program or a person could have put out
    /// of range. `text` is the JSON it was read from, to find lines.
    pub(super) fn soundness(&self, text: &str) -> Result<(), Unsound> {
        let at = |key: &str, nth: usize, what: String| Unsound {
            line: line_of_key(text, key, nth),
            what,
        };
        if !crate::scenario::is_id(&self.scenario) {
            let what = if self.scenario.contains(['/', '\\']) || self.scenario.contains("..") {
                format!(
                    "it names its scenario by a path (\"{}\"), not by an id; only scenarios in the library are replayed",
                    shown(&self.scenario)
                )
            } else {
                format!(
                    "\"{}\" is not a scenario id (lower-case letters, digits and '-', at most {} bytes)",
                    shown(&self.scenario),
                    limits::ID_BYTES
                )
            };
            return Err(at("scenario", 0, what));
        }
        if self.version.len() > limits::VERSION_BYTES {
            return Err(at(
                "version",
                0,
                format!(
                    "the version is {} bytes long (at most {})",
                    self.version.len(),
                    limits::VERSION_BYTES
                ),
            ));
        }
        if self.scenario_hash.len() != 16
            || !self.scenario_hash.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return Err(at(
                "scenario_hash",
                0,
                "the scenario hash is not 16 hexadecimal digits".into(),
            ));
        }
        if let Some(t) = &self.saved_at
            && !is_rfc3339(t)
        {
            return Err(at(
                "saved_at",
                0,
                format!(
                    "saved_at \"{}\" is not a time in RFC 3339 form (2026-11-23T09:30:00Z)",
                    shown(t)
                ),
            ));
        }
        if self.players.len() > limits::PLAYERS {
            return Err(at(
                "players",
                0,
                format!(
                    "{} players (a record names at most {})",
                    self.players.len(),
                    limits::PLAYERS
                ),
            ));
        }
        if let Some(p) = self.players.iter().find(|p| p.len() > limits::NAME_BYTES) {
            return Err(at(
                "players",
                0,
                format!(
                    "a player's name is {} bytes long (at most {})",
                    p.len(),
                    limits::NAME_BYTES
                ),
            ));
        }
        if self.moves.len() > limits::MOVES {
            return Err(at(
                "moves",
                0,
                format!(
                    "{} moves (a record holds at most {})",
                    self.moves.len(),
                    limits::MOVES
                ),
            ));
        }
        for (i, m) in self.moves.iter().enumerate() {
            let wrong = |what: String| at("move", i, format!("move {}: {what}", i + 1));
            if let Move::Say { text, .. } = &m.mv
                && text.len() > limits::SAY_BYTES
            {
                return Err(wrong(format!(
                    "a Say of {} bytes (at most {})",
                    text.len(),
                    limits::SAY_BYTES
                )));
            }
            if let Some(p) = m.player
                && p >= self.players.len()
            {
                return Err(wrong(format!(
                    "credited to player {p}, but the record names {} player(s)",
                    self.players.len()
                )));
            }
            let Some(vote) = &m.vote else { continue };
            if vote.tally.len() > limits::VOTE_OPTIONS {
                return Err(wrong(format!(
                    "a vote over {} options (at most {})",
                    vote.tally.len(),
                    limits::VOTE_OPTIONS
                )));
            }
            if let Some((_, n)) = vote
                .tally
                .iter()
                .find(|(_, n)| *n == 0 || *n > limits::VOTES)
            {
                return Err(wrong(format!(
                    "{n} votes for one option (from 1 to {})",
                    limits::VOTES
                )));
            }
        }
        self.participants_soundness(&at)
    }

    /// A workshop room's people: few enough, named, each vote on a move
    /// of the record, each line short.
    fn participants_soundness(
        &self,
        at: &dyn Fn(&str, usize, String) -> Unsound,
    ) -> Result<(), Unsound> {
        if self.participants.len() > limits::ROOM_PEOPLE {
            return Err(at(
                "participants",
                0,
                format!(
                    "{} participants (a record names at most {})",
                    self.participants.len(),
                    limits::ROOM_PEOPLE
                ),
            ));
        }
        let (mut votes, mut lines) = (0, 0);
        for (i, p) in self.participants.iter().enumerate() {
            let wrong = |key: &str, nth: usize, what: String| {
                at(key, nth, format!("participant {}: {what}", i + 1))
            };
            if p.name.trim().is_empty()
                || p.name.len() > limits::NAME_BYTES
                || p.name.chars().any(char::is_control)
            {
                return Err(wrong(
                    "name",
                    i,
                    format!(
                        "a name is 1 to {} bytes without control characters",
                        limits::NAME_BYTES
                    ),
                ));
            }
            if p.votes.len() > self.moves.len() || p.lines.len() > limits::MOVES {
                return Err(wrong(
                    "name",
                    i,
                    "more votes than moves, or more lines than a meeting has pauses".into(),
                ));
            }
            for v in &p.votes {
                if v.at >= self.moves.len() {
                    return Err(wrong(
                        "at",
                        votes,
                        format!(
                            "a vote on move {}, but the record has {} move(s)",
                            v.at + 1,
                            self.moves.len()
                        ),
                    ));
                }
                if let Move::Say { text, .. } = &v.mv
                    && text.len() > limits::SAY_BYTES
                {
                    return Err(wrong(
                        "at",
                        votes,
                        format!("a vote for a Say of {} bytes", text.len()),
                    ));
                }
                votes += 1;
            }
            for l in &p.lines {
                if l.after > self.moves.len()
                    || l.text.trim().is_empty()
                    || l.text.len() > limits::LINE_BYTES
                    || l.text.chars().any(char::is_control)
                {
                    return Err(wrong(
                        "after",
                        lines,
                        format!(
                            "a line is 1 to {} bytes without control characters, after a move of the record",
                            limits::LINE_BYTES
                        ),
                    ));
                }
                lines += 1;
            }
        }
        Ok(())
    }
}

fn shown(s: &str) -> String {
    let cut = crate::save::cut(s, 80);
    crate::escape::terminal(cut).into_owned() + if cut.len() < s.len() { "…" } else { "" }
}

/// The line of the `nth` (from 0) `"key":` in JSON text. A key inside a
/// string value has its quotes escaped, so it is not matched.
fn line_of_key(text: &str, key: &str, nth: usize) -> Option<usize> {
    let quoted = format!("\"{key}\"");
    let mut count = 0;
    let mut from = 0;
    while let Some(at) = text[from..].find(&quoted) {
        let start = from + at;
        from = start + quoted.len();
        if text[from..].trim_start().starts_with(':') {
            if count == nth {
                return Some(text[..start].matches('\n').count() + 1);
            }
            count += 1;
        }
    }
    None
}

/// A date and time in RFC 3339 form: `2026-11-23T09:30:00Z`, with an
/// optional fraction of a second and `Z` or an offset such as `+01:00`.
pub fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let part = b.get(from..from + n)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |v, d| v * 10 + u32::from(d - b'0')))
    };
    let sep = |at: usize, c: &[u8]| b.get(at).is_some_and(|x| c.contains(x));
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        digits(0, 4),
        digits(5, 2),
        digits(8, 2),
        digits(11, 2),
        digits(14, 2),
        digits(17, 2),
    ) else {
        return false;
    };
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":") && sep(16, b":")) {
        return false;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days || hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut i = 19;
    if sep(i, b".") {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            let (Some(h), Some(m)) = (digits(i + 1, 2), digits(i + 4, 2)) else {
                return false;
            };
            sep(i + 3, b":") && h <= 23 && m <= 59 && i + 6 == b.len()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_times_and_not() {
        for ok in [
            "2026-11-23T09:30:00Z",
            "2024-02-29T23:59:60.123+01:00",
            "1999-12-31t00:00:00z",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in [
            "yesterday",
            "2026-11-23",
            "2026-13-01T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-11-23T09:30:00",
            "2026-11-23T09:30:00Z<script>",
            "2026-11-23T09:30:00.Z",
            "2026-11-23T24:00:00Z",
            "２026-11-23T09:30:00Z",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }

    #[test]
    fn a_key_is_found_on_its_line_and_not_inside_a_string() {
        let text = "{\n  \"a\": \"\\\"move\\\": x\",\n  \"move\": 1,\n  \"move\" : 2\n}";
        assert_eq!(line_of_key(text, "move", 0), Some(3));
        assert_eq!(line_of_key(text, "move", 1), Some(4));
        assert_eq!(line_of_key(text, "move", 2), None);
    }
}
