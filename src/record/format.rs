//! What a record file holds: every type written into one, in one place.
//!
//! The layout is versioned ([`FORMAT`]): records are shared between
//! machines and kept for years, so a change here changes files people
//! already have. The types a record borrows from the engine and the
//! scenario model ([`Move`], [`Score`], [`Success`], [`FactId`]) are part of
//! the layout too; the test at the bottom fails when any of them writes
//! itself differently.

use crate::engine::{Move, Score, Success};
use crate::scenario::FactId;
use serde::{Deserialize, Serialize};

/// Bumped when the record layout changes incompatibly.
pub const FORMAT: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub format: u32,
    /// The game version that wrote it.
    pub version: String,
    pub scenario: String,
    /// A hash of the scenario's content: a record of an edited scenario is
    /// told apart from one of the scenario it was played on.
    pub scenario_hash: String,
    pub seed: u64,
    /// When the record was made (UTC, RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved_at: Option<String>,
    /// Who facilitated (several in hot seat).
    pub players: Vec<String>,
    pub moves: Vec<RecordedMove>,
    pub outcome: Outcome,
    /// Everyone who played from a phone in a workshop room: each vote
    /// they cast and each line they wrote. Empty (and left out) otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<Participant>,
}

/// One person in a workshop room.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub votes: Vec<CastVote>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<PauseLine>,
}

/// A participant's vote on one move of the meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CastVote {
    /// The index in `moves` of the move the room was voting on.
    pub at: usize,
    /// What they voted for.
    #[serde(rename = "move")]
    pub mv: Move,
}

/// A line written in a pause to discuss.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PauseLine {
    /// Moves played before the pause.
    pub after: usize,
    pub text: String,
    /// Shown with the author's name (lines are anonymous by default).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub signed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedMove {
    #[serde(rename = "move")]
    pub mv: Move,
    /// Meeting minute when it was made.
    pub minute: u16,
    /// Index into `players`, when several took turns.
    #[serde(default)]
    pub player: Option<usize>,
    /// How the room voted, when it did (workshop mode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vote: Option<Vote>,
}

/// The votes the room cast on one move. Workshops collect them
/// (`workshop::Ballot`); the record keeps them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    /// Each option that got votes, with its count, in the order first voted.
    pub tally: Vec<(Move, u32)>,
}

impl Vote {
    /// Votes cast (saturating: a record's counts are not trusted to add up
    /// within range).
    pub fn total(&self) -> u32 {
        u32::try_from(self.sum()).unwrap_or(u32::MAX)
    }

    fn sum(&self) -> u64 {
        self.tally.iter().map(|(_, n)| u64::from(*n)).sum()
    }

    /// The share of the room that voted for the move that was played,
    /// from 0 to 1.
    pub fn alignment(&self, played: &Move) -> Option<f32> {
        let total = self.sum();
        let won = self.tally.iter().find(|(m, _)| m == played)?.1;
        (total > 0).then(|| (u64::from(won) as f64 / total as f64).clamp(0.0, 1.0) as f32)
    }
}

/// How the meeting ended, as recorded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub score: Score,
    pub success: Success,
    pub facts_surfaced: Vec<FactId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field a format-1 record can have, as this version writes it.
    const EVERY_FIELD: &str = r#"{
  "format": 1,
  "version": "0.1.0",
  "scenario": "zero-that-was-eight",
  "scenario_hash": "d944b77ab3cc577d",
  "seed": 1,
  "saved_at": "2026-11-23T09:30:00Z",
  "players": [
    "Ada",
    "Ben"
  ],
  "moves": [
    {
      "move": {
        "Ask": "pre-phil"
      },
      "minute": 0,
      "player": 0
    },
    {
      "move": "NextPhase",
      "minute": 4,
      "player": null
    },
    {
      "move": {
        "Say": {
          "text": "What did you see?",
          "to": {
            "Person": "phil"
          },
          "intent": null
        }
      },
      "minute": 5,
      "player": 1,
      "vote": {
        "tally": [
          [
            {
              "Ask": "open-learn"
            },
            7
          ],
          [
            {
              "Reassure": "phil"
            },
            3
          ]
        ]
      }
    }
  ],
  "outcome": {
    "score": {
      "total": 100,
      "blame": 100,
      "counterfactual": 100,
      "self_blame": 100,
      "discovery": 100,
      "inclusion": 100,
      "time": 100,
      "learning": 100,
      "language": 100
    },
    "success": {
      "learned": true,
      "would_return": false
    },
    "facts_surfaced": [
      "phil-routine"
    ]
  },
  "participants": [
    {
      "name": "Chen",
      "votes": [
        {
          "at": 2,
          "move": {
            "Ask": "open-learn"
          }
        }
      ],
      "lines": [
        {
          "after": 1,
          "text": "Thank Phil for saying so.",
          "signed": true
        },
        {
          "after": 2,
          "text": "Ask what the dashboard showed."
        }
      ]
    },
    {
      "name": "Dee"
    }
  ]
}"#;

    #[test]
    fn the_format_1_layout_reads_and_writes_back_byte_for_byte() {
        let record: Record = serde_json::from_str(EVERY_FIELD).unwrap();
        let written = serde_json::to_string_pretty(&record).unwrap();
        assert_eq!(
            written, EVERY_FIELD,
            "the record layout changed: bump FORMAT and say so in docs/records.md"
        );
    }
}
