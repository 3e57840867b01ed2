//! The scenario model: the serde types an incident file is made of.
//!
//! A scenario is authored data (RON). Every type denies unknown fields so a
//! typo in a field name is an error the author sees, not a silent default.
//! `docs/scenario-format.md` is the author-facing description of these types.
//!
//! This file holds the ids, the scenario and its people and facts;
//! `choice.rs` the choices, phases and principles; `moment.rs` the moments
//! and their replies; `artifact.rs` what goes on the big screen.

use serde::{Deserialize, Serialize};
use std::fmt;

mod artifact;
mod choice;
mod moment;

pub use artifact::*;
pub use choice::*;
pub use moment::*;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    };
}

id_type!(
    /// A person at the table.
    ParticipantId
);
id_type!(
    /// A hidden detail the room can learn.
    FactId
);
id_type!(
    /// An authored choice (a question or a statement) the player can make.
    ChoiceId
);
id_type!(
    /// A scripted moment: someone blames themselves, a tangent, ...
    MomentId
);
id_type!(
    /// Something that can be put on the big screen.
    ArtifactId
);
id_type!(
    /// One entry of the objective timeline.
    EntryId
);
id_type!(
    /// An incident: the file name without `.ron`.
    ScenarioId
);
id_type!(
    /// One authored reply to a moment.
    ReplyId
);

/// One incident and the meeting about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Stable id, also the file name without `.ron`.
    pub id: ScenarioId,
    pub title: String,
    /// 1 (a first meeting) to 5 (for experienced facilitators).
    pub difficulty: u8,
    /// What this incident teaches, in a sentence.
    pub lesson: String,
    pub brief: Brief,
    pub timeline: Vec<TimelineEntry>,
    pub participants: Vec<Participant>,
    #[serde(default)]
    pub artifacts: Vec<Artifact>,
    pub facts: Vec<Fact>,
    pub choices: Vec<Choice>,
    #[serde(default)]
    pub moments: Vec<Moment>,
    pub phases: Vec<PhaseBudget>,
    /// The easy story the room walks in with ("engineer error").
    pub first_story: String,
}

impl Scenario {
    /// A participant's name, or the id itself for an unknown one.
    pub fn name_of<'a>(&'a self, id: &'a ParticipantId) -> &'a str {
        self.participants
            .iter()
            .find(|p| &p.id == id)
            .map_or(id.as_str(), |p| p.name.as_str())
    }
}

/// What the player reads before the meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brief {
    /// The incident in a few lines.
    pub summary: String,
    /// Length of the meeting itself, pre-meeting excluded.
    pub minutes: u16,
}

/// An entry of the objective timeline: what was observed, when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineEntry {
    pub id: EntryId,
    /// Clock time as written in the incident notes, e.g. "10:02".
    pub time: String,
    pub observed: String,
    /// An inflection point: a moment where the story turned, and where the
    /// facilitator is expected to ask questions.
    #[serde(default)]
    pub inflection: bool,
}

/// A person at the table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub id: ParticipantId,
    pub name: String,
    pub role: String,
    /// How they were involved in the incident.
    pub involvement: String,
    /// Psychological safety when they walk in, 0–100.
    pub safety: u8,
    /// How readily they speak, 0 (silent unless invited) – 100.
    pub talkativeness: u8,
    #[serde(default)]
    pub habits: Vec<Habit>,
    /// What they say when the facilitator invites them in.
    #[serde(default)]
    pub invited_line: Option<String>,
    /// Not in the room until this happens (someone who joins late).
    #[serde(default)]
    pub arrives: Option<Trigger>,
    /// Gone from the room once this happens (a hard stop, a dropped call).
    #[serde(default)]
    pub leaves: Option<Trigger>,
    /// On the call rather than in the room: like a quiet person, they answer
    /// a question put to the room only once invited in by name.
    #[serde(default)]
    pub remote: bool,
}

/// Habits that shape how a participant behaves in the room.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Habit {
    /// Falls on the sword: takes the blame before anyone asks.
    FallsOnSword,
    /// Blames others, often from a position of authority.
    Blames,
    /// The expert who assumes everyone knows what they know.
    AssumesKnowledge,
    /// Quiet, and often holds the key detail.
    Quiet,
    /// Jumps to fixes before the story is told.
    JumpsToFixes,
    /// Goes down tangents.
    Tangents,
    /// Talks over others.
    Dominates,
}

/// A hidden detail and what brings it to light.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: FactId,
    /// One line for the facilitator's notebook.
    pub summary: String,
    /// Who knows it.
    pub holder: ParticipantId,
    /// What the holder says when it comes out.
    pub line: String,
    /// Importance, 1–5; discovery is scored by weight.
    pub weight: u8,
    /// Part of the second story: how the system made the action make sense.
    #[serde(default)]
    pub second_story: bool,
    /// A detail that changes how someone in the room will work once they
    /// hear it ("I have never once looked at the results of a change I
    /// reviewed"). "Did at least one person learn something?" asks whether
    /// one of these came out.
    #[serde(default)]
    pub insight: bool,
    /// The timeline entry this fact annotates in the notebook.
    #[serde(default)]
    pub entry: Option<EntryId>,
    pub reveal: Reveal,
}

/// The conditions under which a fact comes out. All must hold.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reveal {
    /// Kinds of question that draw it out.
    pub kinds: Vec<ChoiceKind>,
    /// Who must be asked. Empty: the holder.
    #[serde(default)]
    pub asked: Vec<Target>,
    /// The holder's safety must be at least this.
    #[serde(default)]
    pub safety: u8,
    /// Facts that must have come out first.
    #[serde(default)]
    pub after: Vec<FactId>,
    /// An artifact that must be on the big screen.
    #[serde(default)]
    pub artifact: Option<ArtifactId>,
    /// The artifact must also be zoomed in.
    #[serde(default)]
    pub zoomed: bool,
}

/// Whom a choice addresses.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    Person(ParticipantId),
    Room,
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Person(p) => write!(f, "{p}"),
            Target::Room => f.write_str("the room"),
        }
    }
}
