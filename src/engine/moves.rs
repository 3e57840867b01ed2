//! The player's moves, and why a move can be refused.

use crate::scenario::{ArtifactId, ChoiceId, ParticipantId, Phase, ReplyId, Scenario, Target};
use serde::{Deserialize, Serialize};
use std::fmt;

/// One thing the facilitator does. Move scripts are RON lists of these.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Move {
    /// Make an authored choice: a question, a pre-meeting talk, an opening
    /// statement, a poll.
    Ask(ChoiceId),
    /// A question in the player's own words, to a person or the room. It is
    /// taken as the closest authored question (or `intent`, when the player
    /// corrects it), and the coach weighs the words themselves.
    Say {
        text: String,
        to: Target,
        #[serde(default)]
        intent: Option<ChoiceId>,
    },
    /// Pick one of the replies authored for an open moment.
    Respond(ReplyId),
    /// Meet someone's self-blame: there is no need to be hard on yourself.
    Reassure(ParticipantId),
    /// Turn blame of a colleague toward the conditions they worked in.
    Redirect,
    /// Name hindsight when a participant judges the past by its outcome.
    NameHindsight,
    /// Pin a tangent for the end of the meeting.
    Pin,
    /// Park a remediation idea for the learning phase.
    Park,
    /// Ask what a piece of jargon means.
    Clarify,
    /// Invite a quiet person into the conversation.
    Invite(ParticipantId),
    /// Gently stop someone who is dominating.
    Curb(ParticipantId),
    /// Say you would have seen it the same way.
    Normalise,
    /// Two people remember it differently: keep both versions on the wall
    /// instead of ruling on one.
    BothViews,
    /// Feelings are running high: offer a short pause and come back to it.
    Breather,
    /// Put an artifact on the big screen.
    Show(ArtifactId),
    /// Zoom in on the big screen.
    Zoom,
    /// Move to the next timeline entry.
    NextEntry,
    /// Move to the next phase.
    NextPhase,
    /// End the meeting now.
    End,
}

impl fmt::Display for Move {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Move::Ask(c) => write!(f, "Ask(\"{c}\")"),
            Move::Say { text, to, .. } => write!(f, "Say(\"{text}\" to {to})"),
            Move::Respond(r) => write!(f, "Respond(\"{r}\")"),
            Move::Reassure(p) => write!(f, "Reassure(\"{p}\")"),
            Move::Redirect => f.write_str("Redirect"),
            Move::NameHindsight => f.write_str("NameHindsight"),
            Move::Pin => f.write_str("Pin"),
            Move::Park => f.write_str("Park"),
            Move::Clarify => f.write_str("Clarify"),
            Move::Invite(p) => write!(f, "Invite(\"{p}\")"),
            Move::Curb(p) => write!(f, "Curb(\"{p}\")"),
            Move::Normalise => f.write_str("Normalise"),
            Move::BothViews => f.write_str("BothViews"),
            Move::Breather => f.write_str("Breather"),
            Move::Show(a) => write!(f, "Show(\"{a}\")"),
            Move::Zoom => f.write_str("Zoom"),
            Move::NextEntry => f.write_str("NextEntry"),
            Move::NextPhase => f.write_str("NextPhase"),
            Move::End => f.write_str("End"),
        }
    }
}

impl Move {
    /// The move in words, for people: a choice's text, "Reassure Dana".
    pub fn label(&self, scenario: &Scenario) -> String {
        let name = |p: &ParticipantId| scenario.name_of(p).to_owned();
        match self {
            Move::Ask(c) => scenario
                .choices
                .iter()
                .find(|x| &x.id == c)
                .map_or(c.to_string(), |x| x.text.clone()),
            Move::Say { text, .. } => format!("“{text}”"),
            Move::Respond(r) => scenario
                .moments
                .iter()
                .flat_map(|m| &m.replies)
                .find(|x| &x.id == r)
                .map_or(r.to_string(), |x| x.text.clone()),
            Move::Reassure(p) => format!("Reassure {}", name(p)),
            Move::Redirect => "Redirect blame".into(),
            Move::NameHindsight => "Name hindsight".into(),
            Move::Pin => "Pin the tangent".into(),
            Move::Park => "Park the fix".into(),
            Move::Clarify => "Ask what it means".into(),
            Move::Invite(p) => format!("Invite {}", name(p)),
            Move::Curb(p) => format!("Ask {} to let others speak", name(p)),
            Move::Normalise => "Normalise".into(),
            Move::BothViews => "Keep both versions".into(),
            Move::Breather => "Offer a breather".into(),
            Move::Show(a) => scenario
                .artifacts
                .iter()
                .find(|x| &x.id == a)
                .map_or_else(|| format!("Show {a}"), |x| format!("Show {}", x.title)),
            Move::Zoom => "Zoom".into(),
            Move::NextEntry => "Next entry".into(),
            Move::NextPhase => "Next phase".into(),
            Move::End => "End the meeting".into(),
        }
    }
}

/// Why the engine refused a move. The meeting is unchanged after a refusal.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoveError {
    #[error("the meeting is over")]
    MeetingOver,
    #[error("there is no choice \"{0}\" in this scenario")]
    UnknownChoice(ChoiceId),
    #[error("there is no participant \"{0}\" in this scenario")]
    UnknownParticipant(ParticipantId),
    #[error("there is no artifact \"{0}\" in this scenario")]
    UnknownArtifact(ArtifactId),
    #[error(
        "choice \"{choice}\" belongs to the {wanted} phase, but the meeting is in the {now} phase"
    )]
    WrongPhase {
        choice: ChoiceId,
        wanted: &'static str,
        now: &'static str,
    },
    #[error(
        "choice \"{choice}\" belongs to timeline entry \"{wanted}\", but the walk is at \"{now}\""
    )]
    WrongEntry {
        choice: ChoiceId,
        wanted: String,
        now: String,
    },
    #[error("choice \"{0}\" was already made")]
    AlreadyAsked(ChoiceId),
    #[error("{what} is not possible in the {phase} phase")]
    NotInPhase {
        what: &'static str,
        phase: &'static str,
    },
    #[error("nothing is on the big screen to zoom")]
    NothingOnScreen,
    #[error("the big screen is already zoomed in")]
    AlreadyZoomed,
    #[error("\"{0}\" is already on the big screen")]
    AlreadyShown(ArtifactId),
    #[error("the timeline walk is at its last entry; move to the next phase")]
    LastEntry,
    #[error("the learning phase is the last; end the meeting")]
    LastPhase,
    #[error("{0} has already been invited")]
    AlreadyInvited(ParticipantId),
    #[error("there is no reply \"{0}\" in this scenario")]
    UnknownReply(ReplyId),
    #[error("reply \"{0}\" answers a moment that is not open now")]
    ReplyNotOpen(ReplyId),
    #[error("choice \"{choice}\" is not on offer until \"{fact}\" has come out")]
    NotYet {
        choice: ChoiceId,
        fact: crate::scenario::FactId,
    },
    #[error("there is nothing to say: the words are empty")]
    NothingSaid,
}

impl MoveError {
    pub(crate) fn wrong_phase(choice: &ChoiceId, wanted: Phase, now: Phase) -> Self {
        MoveError::WrongPhase {
            choice: choice.clone(),
            wanted: wanted.label(),
            now: now.label(),
        }
    }
}
