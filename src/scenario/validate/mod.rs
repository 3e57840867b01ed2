//! Semantic checks: every reference resolves, every fact can come out, every
//! phase has time. All problems are collected, never just the first.

mod cast;
mod choices;
mod facts;
mod moments;

use super::model::*;
use std::collections::{HashMap, HashSet};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One thing wrong with a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// The item at fault, e.g. `fact "font-is-italic"`.
    pub item: String,
    pub message: String,
    /// Line of the item in its file, when known.
    pub line: Option<usize>,
    /// The id whose declaration locates the item in the source, and which
    /// declaration of it (from 0: duplicates point at the second).
    pub(crate) anchor: Option<(String, usize)>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: {}: {}", self.item, self.message)
    }
}

/// Checks a parsed scenario. An empty result means it is ready to play.
pub fn validate(s: &Scenario) -> Vec<Problem> {
    let mut v = Validator {
        s,
        problems: Vec::new(),
        coach: crate::language::Coach::shipped()
            .with_people(s.participants.iter().map(|p| &p.name)),
    };
    v.scenario();
    v.timeline();
    v.participants();
    v.artifacts();
    v.facts();
    v.choices();
    v.moments();
    v.phases();
    v.reachability();
    v.problems
}

struct Validator<'a> {
    s: &'a Scenario,
    problems: Vec<Problem>,
    /// The coach, knowing the participants by name.
    coach: crate::language::Coach,
}

fn item(kind: &str, id: &str) -> String {
    format!("{kind} \"{id}\"")
}

impl<'a> Validator<'a> {
    fn push(
        &mut self,
        severity: Severity,
        item: String,
        anchor: Option<(&str, usize)>,
        message: String,
    ) {
        self.problems.push(Problem {
            severity,
            item,
            message,
            line: None,
            anchor: anchor.map(|(id, nth)| (id.to_owned(), nth)),
        });
    }

    fn error(&mut self, kind: &str, id: &str, message: String) {
        self.push(Severity::Error, item(kind, id), Some((id, 0)), message);
    }

    fn warn(&mut self, kind: &str, id: &str, message: String) {
        self.push(Severity::Warning, item(kind, id), Some((id, 0)), message);
    }

    fn participant_known(&self, id: &ParticipantId) -> bool {
        self.s.participants.iter().any(|p| &p.id == id)
    }

    fn fact_known(&self, id: &FactId) -> bool {
        self.s.facts.iter().any(|f| &f.id == id)
    }

    fn choice_known(&self, id: &ChoiceId) -> bool {
        self.s.choices.iter().any(|c| &c.id == id)
    }

    fn entry_known(&self, id: &EntryId) -> bool {
        self.s.timeline.iter().any(|e| &e.id == id)
    }

    fn artifact_known(&self, id: &ArtifactId) -> bool {
        self.s.artifacts.iter().any(|a| &a.id == id)
    }

    fn duplicates<'i>(&mut self, kind: &str, ids: impl Iterator<Item = &'i str>) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for id in ids {
            if !super::is_id(id) {
                // Ids become file names (role cards) and appear in records.
                self.push(
                    Severity::Error,
                    item(kind, id),
                    Some((id, 0)),
                    ID_RULE.into(),
                );
            }
            let count = seen.entry(id).or_default();
            *count += 1;
            if *count > 1 {
                let message = format!("the id is used by more than one {kind}");
                self.push(
                    Severity::Error,
                    item(kind, id),
                    Some((id, *count - 1)),
                    message,
                );
            }
        }
    }

    fn scenario(&mut self) {
        let s = self.s;
        let id = s.id.as_str();
        if !super::is_id(id) {
            self.error("scenario", id, ID_RULE.into());
        }
        if s.title.trim().is_empty() {
            self.error("scenario", id, "the title is empty".into());
        }
        if !(1..=5).contains(&s.difficulty) {
            self.error(
                "scenario",
                id,
                format!("difficulty is {}, expected 1 to 5", s.difficulty),
            );
        }
        if s.brief.minutes == 0 {
            self.error(
                "scenario",
                id,
                "the brief gives the meeting 0 minutes".into(),
            );
        }
        if s.brief.minutes > MINUTES {
            self.error(
                "scenario",
                id,
                format!(
                    "the brief gives the meeting {} minutes; a meeting is at most {MINUTES}",
                    s.brief.minutes
                ),
            );
        }
        if s.participants.is_empty() {
            self.error(
                "scenario",
                id,
                "nobody is at the table: participants is empty".into(),
            );
        }
        if s.timeline.is_empty() {
            self.error("scenario", id, "the timeline has no entries".into());
        }
        if s.facts.is_empty() {
            self.error("scenario", id, "there are no facts to discover".into());
        }
    }

    fn timeline(&mut self) {
        self.duplicates(
            "timeline entry",
            self.s.timeline.iter().map(|e| e.id.as_str()),
        );
        for e in &self.s.timeline {
            if e.observed.trim().is_empty() {
                self.error(
                    "timeline entry",
                    e.id.as_str(),
                    "says nothing was observed".into(),
                );
            }
        }
    }
}

/// The longest meeting or phase, in minutes.
const MINUTES: u16 = crate::limits::MINUTES;

const ID_RULE: &str = "the id must be lower-case letters, digits and '-', at most 64 bytes";

/// Below this talkativeness a participant is quiet until invited.
pub const QUIET: u8 = 30;

/// Phases in which the big screen can be used.
pub const SCREEN_PHASES: [Phase; 3] = [Phase::Timeline, Phase::Check, Phase::Learning];

fn list<S: AsRef<str>>(items: impl Iterator<Item = S>) -> String {
    let items: Vec<String> = items.map(|s| s.as_ref().to_owned()).collect();
    match items.as_slice() {
        [] => "nothing".into(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}
