//! What comes out of a move: lines said, facts surfaced, safety moved,
//! moments opened and met, and feedback naming the principle.

use crate::scenario::{
    ArtifactId, EntryId, FactId, MomentId, MomentKind, ParticipantId, Phase, Principle,
};
use serde::Serialize;

/// One line of the transcript.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Line {
    /// The move that caused it.
    #[serde(rename = "move")]
    pub move_index: usize,
    /// Meeting minute (the pre-meeting has its own clock).
    pub minute: u16,
    pub phase: Phase,
    pub kind: LineKind,
    /// The participant speaking; None for the facilitator and the screen.
    pub speaker: Option<ParticipantId>,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum LineKind {
    /// The player, as facilitator.
    Facilitator,
    /// A participant answering or speaking up.
    Participant,
    /// What the big screen shows.
    Screen,
    /// Stage directions: the meeting moves on, time runs out.
    Note,
}

/// How a move went, for the coach and the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Verdict {
    Good,
    Neutral,
    Poor,
}

/// Feedback on one move.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Feedback {
    pub verdict: Verdict,
    pub principle: Option<Principle>,
    pub text: String,
}

/// Why a participant held something back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum HoldBack {
    /// They do not feel safe enough yet.
    NotSafe,
    /// They are quiet and nobody has invited them in.
    NotInvited,
}

/// Something that happened in the meeting. A move yields a batch of these;
/// the command line prints them, the game draws them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Event {
    Said(Line),
    FactSurfaced {
        fact: FactId,
        holder: ParticipantId,
    },
    /// A participant had more to say and did not say it: the coach's thought
    /// bubble.
    HeldBack {
        who: ParticipantId,
        why: HoldBack,
    },
    SafetyChanged {
        who: ParticipantId,
        from: u8,
        to: u8,
    },
    MomentOpened {
        moment: MomentId,
        kind: MomentKind,
        who: ParticipantId,
        /// The last move index at which the player can still respond.
        respond_by: usize,
    },
    MomentMet {
        moment: MomentId,
        prompt: bool,
    },
    MomentMissed {
        moment: MomentId,
    },
    PhaseChanged {
        phase: Phase,
    },
    EntryReached {
        entry: EntryId,
    },
    ScreenChanged {
        artifact: Option<ArtifactId>,
        zoomed: bool,
    },
    /// The first story was accepted: the second story stays hidden.
    InquiryClosed,
    Feedback(Feedback),
    MeetingEnded {
        time_up: bool,
    },
}
