//! The end-of-meeting report: the eight dimensions, the total, what came to
//! light and what stayed hidden, and the two questions facilitators ask
//! after a real debriefing. The numbers are worked out in
//! `meeting/score.rs`; the balance is in `rules.rs`.

use super::event::Line;
use super::meeting::Played;
use crate::scenario::{FactId, ParticipantId, ScenarioId};
use serde::Serialize;

/// Scores, each 0–100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Score {
    pub total: u8,
    pub blame: u8,
    pub counterfactual: u8,
    pub self_blame: u8,
    pub discovery: u8,
    pub inclusion: u8,
    pub time: u8,
    /// Learning, not fixing: fixes kept for the end, learning points
    /// gathered.
    pub learning: u8,
    pub language: u8,
}

/// One dimension of the score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Dimension {
    Blame,
    Counterfactual,
    SelfBlame,
    Discovery,
    Inclusion,
    Time,
    Learning,
    Language,
}

impl Dimension {
    /// Every dimension, in report order.
    pub const ALL: [Dimension; 8] = [
        Dimension::Blame,
        Dimension::Counterfactual,
        Dimension::SelfBlame,
        Dimension::Discovery,
        Dimension::Inclusion,
        Dimension::Time,
        Dimension::Learning,
        Dimension::Language,
    ];

    /// The name people read.
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Blame => "blame awareness",
            Dimension::Counterfactual => "counterfactuals",
            Dimension::SelfBlame => "self-blame care",
            Dimension::Discovery => "discovery",
            Dimension::Inclusion => "inclusion",
            Dimension::Time => "time and structure",
            Dimension::Learning => "learning, not fixing",
            Dimension::Language => "language",
        }
    }

    /// The name in JSON and CSV: `self_blame`, `learning`.
    pub fn key(self) -> &'static str {
        match self {
            Dimension::Blame => "blame",
            Dimension::Counterfactual => "counterfactual",
            Dimension::SelfBlame => "self_blame",
            Dimension::Discovery => "discovery",
            Dimension::Inclusion => "inclusion",
            Dimension::Time => "time",
            Dimension::Learning => "learning",
            Dimension::Language => "language",
        }
    }
}

impl Score {
    /// One dimension's value.
    pub fn get(&self, d: Dimension) -> u8 {
        match d {
            Dimension::Blame => self.blame,
            Dimension::Counterfactual => self.counterfactual,
            Dimension::SelfBlame => self.self_blame,
            Dimension::Discovery => self.discovery,
            Dimension::Inclusion => self.inclusion,
            Dimension::Time => self.time,
            Dimension::Learning => self.learning,
            Dimension::Language => self.language,
        }
    }

    /// The eight dimensions with their names, in report order.
    pub fn dimensions(&self) -> [(&'static str, u8); 8] {
        Dimension::ALL.map(|d| (d.label(), self.get(d)))
    }
}

/// The two questions of a successful debriefing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Success {
    /// At least one person learned something that changes how they work.
    pub learned: bool,
    /// At least half the room would come to another debriefing.
    pub would_return: bool,
}

/// A fact that stayed hidden, with the kind of question that would have
/// drawn it out.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Missed {
    pub id: FactId,
    pub summary: String,
    pub hint: String,
}

/// One participant's safety over the meeting.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SafetyTrace {
    pub participant: ParticipantId,
    pub start: u8,
    pub end: u8,
    /// After each move.
    pub history: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub scenario: ScenarioId,
    pub title: String,
    pub seed: u64,
    pub score: Score,
    pub success: Success,
    pub facts_surfaced: Vec<FactId>,
    pub facts_missed: Vec<Missed>,
    pub facts_total: usize,
    pub second_story_reached: bool,
    pub first_story_accepted: bool,
    /// The people most at risk (whoever blamed themselves, whoever the room
    /// blamed): "would return" needs each of them to end feeling safe.
    pub at_risk: Vec<ParticipantId>,
    pub minutes: u16,
    pub moves: Vec<Played>,
    pub safety: Vec<SafetyTrace>,
    pub transcript: Vec<Line>,
}
