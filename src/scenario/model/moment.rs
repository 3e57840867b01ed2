//! Moments: what a participant does that the player must meet, the replies
//! authored for it, and what triggers it.

use super::*;
use serde::{Deserialize, Serialize};

/// A scripted moment: something a participant does that the player must
/// meet within a window of moves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Moment {
    pub id: MomentId,
    pub kind: MomentKind,
    /// Who does it.
    pub who: ParticipantId,
    /// Whom it is about, for blame and hindsight aimed at a colleague.
    #[serde(default)]
    pub about: Option<ParticipantId>,
    /// What they say.
    pub line: String,
    pub trigger: Trigger,
    /// Moves the player has to respond.
    pub window: u8,
    /// A fact that comes out when the moment is met well.
    #[serde(default)]
    pub reveals: Option<FactId>,
    /// What the person says when the player meets the moment.
    #[serde(default)]
    pub met_line: Option<String>,
    /// Replies the player chooses among when the moment opens: a good one
    /// and tempting wrong ones. Without them, the moment's one-button move
    /// (Reassure, Redirect, ...) is the reply.
    #[serde(default)]
    pub replies: Vec<Reply>,
    /// The same person comes back to it later, after it was met once: blame
    /// that returns after a redirect.
    #[serde(default)]
    pub returns: Option<Return>,
}

/// One way the facilitator might answer a moment, with what it does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    pub id: ReplyId,
    /// What the facilitator says.
    pub text: String,
    pub quality: ReplyQuality,
    /// Why it helps or hurts here, for the feedback.
    pub note: String,
    /// What the person says back, instead of the moment's `met_line`.
    #[serde(default)]
    pub answer: Option<String>,
    /// Change to the speaker's safety; default by quality.
    #[serde(default)]
    pub safety: Option<i8>,
    /// Other wordings, for the own-words box.
    #[serde(default)]
    pub phrasings: Vec<String>,
}

/// How good an authored reply to a moment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReplyQuality {
    /// Meets the moment as a skilled facilitator would.
    Good,
    /// Sounds reasonable and a real facilitator might say it, but it does
    /// not meet the moment: "thanks for owning it", "let's not get
    /// emotional".
    Tempting,
    /// Plainly makes it worse.
    Poor,
}

/// A moment that comes back after it was met once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Return {
    /// Moves after it was met.
    pub after: u8,
    /// What they say the second time.
    pub line: String,
}

/// Kinds of scripted moment. What meets each, and what each costs when
/// missed, is in one table: `src/engine/moment_kinds.rs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MomentKind {
    /// Someone falls on the sword. Met by `Reassure(who)`.
    SelfBlame,
    /// Someone blames a colleague. Met by `Redirect`.
    Blame,
    /// Someone judges the past with hindsight. Met by `NameHindsight`.
    Hindsight,
    /// The talk drifts off the timeline. Met by `Pin`.
    Tangent,
    /// Someone starts designing the fix. Met by `Park`.
    PrematureFix,
    /// Jargon nobody questions. Met by `Clarify`.
    Jargon,
    /// Someone talks over the others. Met by `Curb(who)`.
    Dominating,
    /// Two people remember it differently. Met by `BothViews`: the room
    /// keeps both versions rather than ruling on one.
    Disagreement,
    /// Feelings run high and the talk gets heated. Met by `Breather`.
    Tension,
}

/// When a moment happens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Trigger {
    /// Right after the player makes this choice.
    AfterChoice(ChoiceId),
    /// Right after this fact comes out.
    AfterFact(FactId),
    /// When the timeline walk reaches this entry.
    AtEntry(EntryId),
    /// When this phase starts.
    AtPhase(Phase),
}
