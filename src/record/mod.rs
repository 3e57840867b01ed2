//! Session records: what one meeting was (the scenario and a hash of its
//! content, the seed, the players, every move with its minute) and how it
//! ended. Saved as JSON (docs/records.md); `replay` re-runs the engine and
//! checks the report still matches.

mod check;
mod format;
mod keep;

pub use check::is_rfc3339;
pub use format::{CastVote, FORMAT, Outcome, Participant, PauseLine, Record, RecordedMove, Vote};
pub use keep::{Listed, Saved, file_stem, keep, newest, save_into};

use crate::engine::{self, Meeting, Move};
use crate::scenario::Scenario;
use crate::source::FileError;
use serde::Deserialize;
use std::path::Path;
use std::sync::Arc;

/// Why a record cannot be replayed, or what replaying it found.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error("record format {found} is not one this version reads (it reads {FORMAT})")]
    Format { found: u32 },
    #[error(
        "the scenario \"{scenario}\" has changed since this record was made (recorded content {recorded}, now {now}); its moves may no longer mean the same"
    )]
    ScenarioChanged {
        scenario: String,
        recorded: String,
        now: String,
    },
    #[error("move {index} ({mv}) is refused by the current engine: {error}")]
    Refused {
        index: usize,
        mv: Box<Move>,
        error: crate::engine::MoveError,
    },
    #[error("{0}")]
    Invalid(#[from] crate::engine::InvalidScenario),
    /// Read, but holding something no record this program writes holds:
    /// a path for a scenario, a name or a vote count out of range.
    #[error("{file}{}: {what}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Unsound {
        file: String,
        line: Option<usize>,
        what: String,
    },
}

/// A refused replay in the record's terms: moves count from 1, as in
/// the record's own messages.
fn refused(r: engine::Refused) -> ReplayError {
    match r {
        engine::Refused::Scenario(e) => ReplayError::Invalid(e),
        engine::Refused::Move { index, mv, error } => ReplayError::Refused {
            index: index + 1,
            mv,
            error,
        },
    }
}

/// A stable hash of a scenario's content (FNV-1a over its JSON form).
pub fn scenario_hash(s: &Scenario) -> String {
    // Cannot fail: a scenario is strings, numbers, lists and structs (no
    // maps with non-string keys), and serde_json writes a float that is
    // not finite as null.
    let json = serde_json::to_string(s).unwrap_or_default();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in json.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The wall clock. `SystemTime::now` panics in a browser, where the
/// time comes from JavaScript's `Date`.
pub fn now() -> std::time::SystemTime {
    #[cfg(target_arch = "wasm32")]
    {
        std::time::UNIX_EPOCH + std::time::Duration::from_millis(js_sys::Date::now() as u64)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
    }
}

/// A moment as RFC 3339 in UTC, to the second: `2026-11-23T09:30:00Z`.
pub fn timestamp(t: std::time::SystemTime) -> String {
    let secs = t
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3_600,
        rest % 3_600 / 60,
        rest % 60
    )
}

impl Record {
    /// The record of a meeting (normally a finished one).
    pub fn of(meeting: &Meeting, players: Vec<String>) -> Record {
        let report = meeting.report();
        Record {
            format: FORMAT,
            version: env!("CARGO_PKG_VERSION").to_owned(),
            scenario: meeting.scenario().id.to_string(),
            scenario_hash: scenario_hash(meeting.scenario()),
            seed: meeting.seed(),
            saved_at: Some(timestamp(now())),
            players,
            moves: meeting
                .played()
                .iter()
                .map(|p| RecordedMove {
                    mv: p.mv.clone(),
                    minute: p.minute,
                    player: None,
                    vote: None,
                })
                .collect(),
            outcome: Outcome {
                score: report.score,
                success: report.success,
                facts_surfaced: report.facts_surfaced,
            },
            participants: Vec::new(),
        }
    }

    /// Reads a record. The format number is checked before the rest, so a
    /// record from another version is named as such, not as broken.
    /// Anything out of range (see [`crate::limits`]) is refused with the
    /// field and its line.
    pub fn load(path: &Path) -> Result<Record, ReplayError> {
        let text = crate::source::read_text(path, crate::source::Limit::RECORD)?;
        Record::parse(&text, &crate::source::name(path))
    }

    /// A record from its JSON text; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Record, ReplayError> {
        let file = file.to_owned();
        let syntax = |e: serde_json::Error| {
            ReplayError::File(FileError::Syntax {
                file: file.clone(),
                line: e.line(),
                column: e.column(),
                // serde_json ends its message with the place; the file
                // error puts it in front already.
                message: e
                    .to_string()
                    .split(" at line ")
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
            })
        };
        /// Only the format, the rest skipped over: cheap, and it reads
        /// any layout.
        #[derive(Deserialize)]
        struct Format {
            #[serde(default)]
            format: Option<serde_json::Value>,
        }
        let first: Format = serde_json::from_str(text).map_err(syntax)?;
        match first.format.as_ref().and_then(serde_json::Value::as_u64) {
            Some(found) if found != u64::from(FORMAT) => {
                return Err(ReplayError::Format {
                    found: u32::try_from(found).unwrap_or(u32::MAX),
                });
            }
            _ => {}
        }
        let record: Record = serde_json::from_str(text).map_err(syntax)?;
        record.soundness(text).map_err(|u| ReplayError::Unsound {
            file,
            line: u.line,
            what: u.what,
        })?;
        Ok(record)
    }

    /// The record as written to a file: pretty JSON and a newline.
    pub fn to_json(&self) -> Vec<u8> {
        // Cannot fail: only strings, numbers, lists and structs.
        let mut json = serde_json::to_vec_pretty(self).unwrap_or_default();
        json.push(b'\n');
        json
    }

    /// Saves the record as a new file at `path`, atomically, never over
    /// anything already there (the error is then `AlreadyExists`); to
    /// choose a free name in a folder, use [`save_into`].
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        crate::save::create(path, &self.to_json())
    }

    /// Plays the recorded moves again on `scenario` and returns the meeting.
    /// The scenario must be the one recorded (same content).
    pub fn replay(&self, scenario: Arc<Scenario>) -> Result<Meeting, ReplayError> {
        let now = scenario_hash(&scenario);
        self.same_scenario(&now)?;
        engine::replay(scenario, self.seed, self.bare_moves(), |_, _, _| {}).map_err(refused)
    }

    /// [`Record::replay`] for many records of few scenarios: `fresh` is a
    /// meeting not yet played, made once and cloned here, and `hash` its
    /// scenario's [`scenario_hash`]. Making a meeting checks its scenario,
    /// which costs far more than replaying one. A `fresh` meeting with
    /// another seed, or already played, is not used.
    pub fn replay_from(&self, fresh: &Meeting, hash: &str) -> Result<Meeting, ReplayError> {
        self.same_scenario(hash)?;
        let replayed = if fresh.seed() != self.seed || !fresh.played().is_empty() {
            let scenario = fresh.scenario_arc().clone();
            engine::replay(scenario, self.seed, self.bare_moves(), |_, _, _| {})
        } else {
            engine::replay_on(fresh.clone(), self.bare_moves(), |_, _, _| {})
        };
        replayed.map_err(refused)
    }

    /// The moves alone, as a script would list them.
    fn bare_moves(&self) -> impl Iterator<Item = &Move> {
        self.moves.iter().map(|r| &r.mv)
    }

    fn same_scenario(&self, now: &str) -> Result<(), ReplayError> {
        if now != self.scenario_hash {
            return Err(ReplayError::ScenarioChanged {
                scenario: self.scenario.clone(),
                recorded: self.scenario_hash.clone(),
                now: now.to_owned(),
            });
        }
        Ok(())
    }

    /// Whether a replayed meeting ended as recorded.
    pub fn matches(&self, replayed: &Meeting) -> bool {
        self.matches_report(&replayed.report())
    }

    /// Whether a replayed meeting's report is the one recorded.
    pub fn matches_report(&self, r: &crate::engine::Report) -> bool {
        self.outcome
            == Outcome {
                score: r.score,
                success: r.success,
                facts_surfaced: r.facts_surfaced.clone(),
            }
    }
}
