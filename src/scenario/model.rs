//! The scenario model: the serde types an incident file is made of.
//!
//! A scenario is authored data (RON). Every type denies unknown fields so a
//! typo in a field name is an error the author sees, not a silent default.
//! `docs/scenario-format.md` is the author-facing description of these types.

use serde::{Deserialize, Serialize};
use std::fmt;

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

/// What kind of move a choice is. The first group are good questions, the
/// second the framing moves of each phase, the last group the traps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ChoiceKind {
    // Questions that open people up.
    Cue,
    Assessment,
    Decision,
    Knowledge,
    StateOfMind,
    MentalModel,
    Action,
    Help,
    NormalWork,
    DumbQuestion,
    Poll,
    // Framing moves.
    /// A one-to-one talk before the meeting.
    Prepare,
    /// Setting expectations in the opening.
    Expectation,
    /// Asking the room what is missing from the timeline.
    Check,
    /// Inviting learning points (not tickets).
    Reflect,
    /// Giving a bounded follow-up to a willing owner, in the learning
    /// phase: "would someone take a week to look at the page's typeface
    /// and tell us what they find?" Elsewhere it is fixing too early.
    FollowUp,
    // Fixing instead of learning: good intentions, wrong meeting.
    /// Fixes and action items: "let's add an alert", "what should we change
    /// so this never happens again?". In the learning phase it is allowed
    /// but is not learning; anywhere else it pulls the room off the story.
    Remediation,
    // Traps.
    Who,
    Why,
    Counterfactual,
    RootCause,
    Leading,
    Closed,
}

impl ChoiceKind {
    pub const ALL: [ChoiceKind; 23] = [
        ChoiceKind::Cue,
        ChoiceKind::Assessment,
        ChoiceKind::Decision,
        ChoiceKind::Knowledge,
        ChoiceKind::StateOfMind,
        ChoiceKind::MentalModel,
        ChoiceKind::Action,
        ChoiceKind::Help,
        ChoiceKind::NormalWork,
        ChoiceKind::DumbQuestion,
        ChoiceKind::Poll,
        ChoiceKind::Prepare,
        ChoiceKind::Expectation,
        ChoiceKind::Check,
        ChoiceKind::Reflect,
        ChoiceKind::FollowUp,
        ChoiceKind::Remediation,
        ChoiceKind::Who,
        ChoiceKind::Why,
        ChoiceKind::Counterfactual,
        ChoiceKind::RootCause,
        ChoiceKind::Leading,
        ChoiceKind::Closed,
    ];

    pub fn is_trap(self) -> bool {
        matches!(
            self,
            ChoiceKind::Who
                | ChoiceKind::Why
                | ChoiceKind::Counterfactual
                | ChoiceKind::RootCause
                | ChoiceKind::Leading
                | ChoiceKind::Closed
        )
    }

    /// Talk of fixes: fine at the end, a detour anywhere else.
    pub fn is_fix(self) -> bool {
        matches!(self, ChoiceKind::Remediation | ChoiceKind::FollowUp)
    }

    /// A question about the story itself (what people saw, knew, did):
    /// the kinds that bring hidden details out.
    pub fn is_inquiry(self) -> bool {
        !self.is_trap()
            && !self.is_fix()
            && !matches!(
                self,
                ChoiceKind::Prepare
                    | ChoiceKind::Expectation
                    | ChoiceKind::Check
                    | ChoiceKind::Reflect
            )
    }

    /// Lower-case words for people: "state of mind", "root cause".
    pub fn label(self) -> &'static str {
        match self {
            ChoiceKind::Cue => "cue",
            ChoiceKind::Assessment => "assessment",
            ChoiceKind::Decision => "decision",
            ChoiceKind::Knowledge => "knowledge",
            ChoiceKind::StateOfMind => "state of mind",
            ChoiceKind::MentalModel => "mental model",
            ChoiceKind::Action => "action",
            ChoiceKind::Help => "help",
            ChoiceKind::NormalWork => "normal work",
            ChoiceKind::DumbQuestion => "dumb question",
            ChoiceKind::Poll => "poll",
            ChoiceKind::Prepare => "pre-meeting talk",
            ChoiceKind::Expectation => "expectation",
            ChoiceKind::Check => "check",
            ChoiceKind::Reflect => "learning point",
            ChoiceKind::FollowUp => "follow-up with an owner",
            ChoiceKind::Remediation => "fix",
            ChoiceKind::Who => "who question",
            ChoiceKind::Why => "why question",
            ChoiceKind::Counterfactual => "counterfactual",
            ChoiceKind::RootCause => "root cause",
            ChoiceKind::Leading => "leading question",
            ChoiceKind::Closed => "closed question",
        }
    }
}

/// A move the player can pick: a question or a statement, authored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: ChoiceId,
    /// What the facilitator says.
    pub text: String,
    pub kind: ChoiceKind,
    pub target: Target,
    /// The phase in which it can be asked.
    pub phase: Phase,
    /// In the timeline phase: the entry it belongs to. None: any entry.
    #[serde(default)]
    pub entry: Option<EntryId>,
    /// The principle it follows (or, for a trap, breaks).
    pub principle: Principle,
    /// Why this move helps or hurts here, in a sentence for the feedback.
    #[serde(default)]
    pub note: Option<String>,
    /// A better move to suggest in the report, for traps.
    #[serde(default)]
    pub better: Option<ChoiceId>,
    /// Accepting the first story: the inquiry ends here.
    #[serde(default)]
    pub accepts_first_story: bool,
    /// Minutes it takes; default by kind.
    #[serde(default)]
    pub minutes: Option<u8>,
    /// Change to the target's safety; default by kind. The room feels a
    /// part of it.
    #[serde(default)]
    pub safety: Option<i8>,
    /// Replies, by speaker and safety band.
    #[serde(default)]
    pub responses: Vec<Response>,
    /// Facts that must have come out before the choice is on offer: a
    /// question whose words name a hidden detail must not give it away.
    #[serde(default)]
    pub requires: Vec<FactId>,
    /// Other ways a player might put the same question in their own words;
    /// they help the own-words box find this choice.
    #[serde(default)]
    pub phrasings: Vec<String>,
}

/// One authored reply to a choice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    pub speaker: ParticipantId,
    /// The band of the speaker's safety this reply is for. None: any.
    #[serde(default)]
    pub band: Option<Band>,
    pub text: String,
}

/// Safety bands: what a person is willing to say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Band {
    /// Below 35: short, defensive answers.
    Low,
    /// 35 to 64.
    Mid,
    /// 65 and up: open.
    High,
}

impl Band {
    pub fn of(safety: u8) -> Band {
        match safety {
            0..35 => Band::Low,
            35..65 => Band::Mid,
            _ => Band::High,
        }
    }
}

/// The phases of a meeting, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Phase {
    PreMeeting,
    Opening,
    Timeline,
    Check,
    Learning,
}

impl Phase {
    pub const ALL: [Phase; 5] = [
        Phase::PreMeeting,
        Phase::Opening,
        Phase::Timeline,
        Phase::Check,
        Phase::Learning,
    ];

    pub fn next(self) -> Option<Phase> {
        let i = Phase::ALL.iter().position(|p| *p == self)?;
        Phase::ALL.get(i + 1).copied()
    }

    pub fn label(self) -> &'static str {
        match self {
            Phase::PreMeeting => "pre-meeting",
            Phase::Opening => "opening",
            Phase::Timeline => "timeline",
            Phase::Check => "check",
            Phase::Learning => "learning points",
        }
    }
}

/// The time budget of one phase.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseBudget {
    pub phase: Phase,
    pub minutes: u16,
}

/// What a move stands for, from the seeds. Feedback names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Principle {
    /// People did what made sense to them with what they knew then.
    LocalRationality,
    /// Ask what and how; who and why put people on trial.
    WhatAndHow,
    /// Should-have and if-only describe a world that did not happen.
    NoCounterfactuals,
    /// There is no single root cause, and a person is never one.
    NoRootCause,
    /// "Human error" is where the inquiry starts, not where it ends.
    NoHumanError,
    /// The meeting is for learning, not fixing.
    LearnNotFix,
    /// Answers carry cues; follow them.
    FollowTheCues,
    /// Asking the obvious gets experts to say what they take for granted.
    DumbQuestions,
    /// "It looked like a zero to me too."
    Normalise,
    /// Many partial views make a fuller picture than one canonical one.
    MultiplePerspectives,
    /// Everyone is heard; the quiet hold details.
    EveryoneHeard,
    /// The facilitator keeps the clock.
    Timebox,
    /// Talk to people before the meeting.
    PreMeeting,
    /// Meet self-blame at once, warmly.
    SelfBlameCare,
    /// Adaptive expertise, not luck: "just happened to be".
    AdaptiveExpertise,
    /// Put what people saw on the big screen.
    ShowTheArtifact,
    /// Open questions invite a story; closed ones a yes or no.
    OpenQuestions,
    /// Set the ground rules before the story starts.
    SetExpectations,
    /// A follow-up has one willing owner, a clear scope and a date; owning
    /// it is not being blamed for the incident.
    BoundedFollowUp,
}

impl Principle {
    /// The principle in a sentence, for feedback and the report.
    pub fn explain(self) -> &'static str {
        match self {
            Principle::LocalRationality => {
                "Local rationality: people acted on what made sense to them with what they knew at the time."
            }
            Principle::WhatAndHow => {
                "Ask what and how, not who and why: who and why put a person on trial and they stop telling the story."
            }
            Principle::NoCounterfactuals => {
                "No counterfactuals: should-have, could-have and if-only judge a world that never happened; that is hindsight talking."
            }
            Principle::NoRootCause => {
                "No root cause: failures come from many contributing conditions, and a person's action is never the cause."
            }
            Principle::NoHumanError => {
                "Human error is the first story, not an explanation: ask what made the action make sense."
            }
            Principle::LearnNotFix => {
                "Learn first, fix later: fixes raised during the story are parked, not debated."
            }
            Principle::FollowTheCues => {
                "Follow the cues: an answer that mentions what someone saw, thought or knew opens the next question."
            }
            Principle::DumbQuestions => {
                "Ask the dumb question: experts say aloud what they assume everyone knows."
            }
            Principle::Normalise => {
                "Normalise: saying you would have seen it the same way makes it safe to have seen it that way."
            }
            Principle::MultiplePerspectives => {
                "Many perspectives: each person's partial picture adds to the whole; no single view is the canonical one."
            }
            Principle::EveryoneHeard => {
                "Everyone is heard: invite the quiet, gently stop whoever dominates."
            }
            Principle::Timebox => {
                "Keep time: walk the timeline, pin tangents, and leave room for the check and the learning."
            }
            Principle::PreMeeting => {
                "Prepare: a short talk before the meeting lowers anxiety and shows where to dig."
            }
            Principle::SelfBlameCare => {
                "Care for self-blame: stop, and say clearly there is no need to be hard on yourself here."
            }
            Principle::AdaptiveExpertise => {
                "Adaptive expertise: 'just happened to be' is skill and experience, worth celebrating and learning from."
            }
            Principle::ShowTheArtifact => {
                "Show what they saw: put the dashboard, chat or diff on the big screen and look at it together."
            }
            Principle::OpenQuestions => {
                "Open questions: a question that can be answered yes or no ends the story instead of drawing it out."
            }
            Principle::SetExpectations => {
                "Set expectations: we are here to learn, nobody is on trial, the facilitator keeps time."
            }
            Principle::BoundedFollowUp => {
                "Own the follow-up, not the failure: at the end, a small, bounded piece of work finds a willing owner and a date; during the story, 'who is responsible' is blame."
            }
        }
    }
}

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

/// Something that can go on the big screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Artifact {
    pub id: ArtifactId,
    pub title: String,
    pub body: ArtifactBody,
}

/// The content of an artifact, drawn by the game and described in text by
/// the command line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ArtifactBody {
    /// A dashboard of tiles, such as a test-results page.
    Dashboard { tiles: Vec<Tile> },
    /// A chat log.
    Chat { lines: Vec<ChatLine> },
    /// A time series graph.
    Graph { unit: String, series: Vec<Series> },
    /// A code diff.
    Diff { file: String, lines: Vec<DiffLine> },
    /// A participant's whiteboard drawing of how they think it works.
    Whiteboard {
        owner: ParticipantId,
        boxes: Vec<String>,
        arrows: Vec<(String, String)>,
    },
    /// Plain text: a runbook, a ticket, an email.
    Document { text: String },
}

/// One tile of a dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tile {
    pub label: String,
    pub value: String,
    /// What the value looks like at normal size, when its typeface makes it
    /// read as something else. Zooming shows `value`.
    #[serde(default)]
    pub reads_as: Option<String>,
    #[serde(default)]
    pub style: TileStyle,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TileStyle {
    #[default]
    Plain,
    /// Small italic type with slashed zeros.
    SmallItalicSlashedZero,
    Good,
    Bad,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChatLine {
    pub time: String,
    pub who: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    pub name: String,
    /// (minute, value) points.
    pub points: Vec<(f32, f32)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DiffLine {
    Context(String),
    Added(String),
    Removed(String),
}
