//! Choices: what kind of move each is, what the room answers, the phases
//! and their budgets, and the principles a move keeps or breaks.

use super::*;
use serde::{Deserialize, Serialize};

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
