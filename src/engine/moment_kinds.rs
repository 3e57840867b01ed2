//! Every kind of moment in one table: what it is called, the principle at
//! stake, the one-button move that meets it and what the facilitator says
//! with it, the feedback when it is met, what it costs when nobody meets
//! it, and the question a workshop pauses on. A new kind of moment is a new
//! row here (and a variant in `scenario::MomentKind`).

use super::moves::Move;
use super::report::Dimension;
use crate::scenario::{MomentKind, ParticipantId, Principle};

/// How one kind of moment behaves.
#[derive(Debug)]
pub struct KindRules {
    pub label: &'static str,
    pub principle: Principle,
    /// What the facilitator says with the one-button move. `{name}` is the
    /// person the move names.
    pub line: &'static str,
    /// Feedback when the moment is met.
    pub met: &'static str,
    /// Safety when met: (the person who spoke, whom it was about, the room).
    pub met_safety: (i16, i16, i16),
    /// The one-button move made when nothing of the kind is open: the change
    /// to the named person's safety and whether it was a poor move.
    pub idle: Idle,
    /// The stage note when the window passes. `{name}` is who spoke.
    pub missed: &'static str,
    /// Safety when missed: (who spoke, whom it was about, everyone else).
    pub missed_safety: (i16, i16, i16),
    /// Minutes the room loses when it is missed.
    pub missed_minutes: u16,
    /// Points off a dimension of the score for each one missed (self-blame
    /// has a dimension of its own and is scored by care, not by misses).
    pub missed_cost: Option<(Dimension, i32)>,
    /// The open question a workshop discusses. `{who}` is who spoke.
    pub discuss: &'static str,
}

/// The one-button move made with nothing of its kind open.
#[derive(Debug)]
pub struct Idle {
    pub safety: i16,
    pub poor: bool,
    /// `{name}` is the person named, `{kind}` the kind's label.
    pub text: &'static str,
}

const NOTHING_OPEN: Idle = Idle {
    safety: 0,
    poor: false,
    text: "Nothing called for this just now: no {kind} was in the air.",
};

static SELF_BLAME: KindRules = KindRules {
    label: "self-blame",
    principle: Principle::SelfBlameCare,
    line: "{name}, can I stop us for a moment? Nobody here is judging you, and you don't need to judge yourself. You came to work to do a good job; we're here to understand what made this look right at the time.",
    met: "You stopped the meeting for someone who was blaming themselves. That is what makes the rest of the story safe to tell.",
    met_safety: (15, 6, 2),
    idle: Idle {
        safety: 3,
        poor: false,
        text: "Kind, but {name} was not blaming themselves just then.",
    },
    missed: "{name} blamed themselves and nobody stopped it. The room took note that this is how it goes here.",
    missed_safety: (-15, 0, -3),
    missed_minutes: 0,
    missed_cost: None,
    discuss: "{who} has just blamed themselves. What would you say to them, and what does the room learn if nobody says anything?",
};

static BLAME: KindRules = KindRules {
    label: "blame",
    principle: Principle::WhatAndHow,
    line: "Let's keep to what the situation looked like from where each person stood, rather than who did what.",
    met: "You turned blame of a person into curiosity about their situation.",
    met_safety: (0, 6, 2),
    idle: NOTHING_OPEN,
    missed: "{name}'s blame went unanswered; the person blamed goes quiet.",
    missed_safety: (0, -12, -2),
    missed_minutes: 0,
    missed_cost: Some((Dimension::Blame, 20)),
    discuss: "{who} has pointed at a colleague. How could you bring the room back to what the situation looked like at the time?",
};

static HINDSIGHT: KindRules = KindRules {
    label: "hindsight",
    principle: Principle::NoCounterfactuals,
    line: "We all know how it ended now. Nobody did at the time. What did it look like then, before we knew?",
    met: "You named hindsight: the outcome was not known at the time.",
    met_safety: (0, 6, 2),
    idle: NOTHING_OPEN,
    missed: "{name}'s hindsight went unchallenged; the past now looks obvious to everyone.",
    missed_safety: (0, -12, -2),
    missed_minutes: 0,
    missed_cost: Some((Dimension::Counterfactual, 15)),
    discuss: "{who} is judging the past by how it turned out. What did people know then, and what could they not have known?",
};

static TANGENT: KindRules = KindRules {
    label: "tangent",
    principle: Principle::Timebox,
    line: "That's worth a proper conversation. Can I pin it on the board and come back to it at the end?",
    met: "Pinned, not dismissed: the tangent keeps its place and the timeline keeps its time.",
    met_safety: (0, 6, 2),
    idle: NOTHING_OPEN,
    missed: "{name}'s tangent ran on and ate minutes of the timeline.",
    missed_safety: (0, 0, 0),
    missed_minutes: 5,
    missed_cost: Some((Dimension::Time, 10)),
    discuss: "{who} is taking the talk away from the timeline. How do you keep the topic without losing the story?",
};

static PREMATURE_FIX: KindRules = KindRules {
    label: "premature fix",
    principle: Principle::LearnNotFix,
    line: "Good idea. Let's park it for the learning part so we don't lose it, and stay with the story for now.",
    met: "Parked for later: ideas are welcome, but learning comes first.",
    met_safety: (0, 6, 2),
    idle: NOTHING_OPEN,
    missed: "The room started designing {name}'s fix instead of learning the story.",
    missed_safety: (0, 0, 0),
    missed_minutes: 4,
    missed_cost: Some((Dimension::Learning, 10)),
    discuss: "{who} is already designing the fix. What would the room miss if it started fixing now?",
};

static JARGON: KindRules = KindRules {
    label: "jargon",
    principle: Principle::DumbQuestions,
    line: "Sorry, a basic question so we all follow: what is that exactly? A person, a team, a tool, a channel?",
    met: "Asking what a word means lets everyone follow, and often surprises the expert.",
    met_safety: (0, 6, 2),
    idle: NOTHING_OPEN,
    missed: "Nobody asked what {name} meant; some people are now lost and won't say so.",
    missed_safety: (0, 0, -2),
    missed_minutes: 0,
    missed_cost: None,
    discuss: "{who} used a term not everyone may share. Who might not know it, and how could you ask without making anyone feel slow?",
};

static DOMINATING: KindRules = KindRules {
    label: "dominating",
    principle: Principle::EveryoneHeard,
    line: "Thanks, {name}. I want to make sure we hear from everyone, so let's hear some other voices.",
    met: "You made room for other voices without shutting anyone down.",
    met_safety: (0, 6, 2),
    idle: Idle {
        safety: -6,
        poor: true,
        text: "{name} was not dominating; cutting them off tells the room to keep quiet.",
    },
    missed: "{name} kept the floor; other voices faded.",
    missed_safety: (0, 0, -4),
    missed_minutes: 0,
    missed_cost: Some((Dimension::Inclusion, 15)),
    discuss: "{who} is doing most of the talking. Whose view is the room missing, and how do you make space for it?",
};

static DISAGREEMENT: KindRules = KindRules {
    label: "disagreement",
    principle: Principle::MultiplePerspectives,
    line: "You remember it differently, and that's useful. Let's put both versions on the wall; we don't have to settle which is right to learn from both.",
    met: "Both versions stay on the wall: the gap between two memories is where the system shows itself.",
    met_safety: (4, 4, 2),
    idle: NOTHING_OPEN,
    missed: "{name}'s version and the other one were left to fight it out; whoever lost stops offering theirs.",
    missed_safety: (-4, -8, -2),
    missed_minutes: 2,
    missed_cost: Some((Dimension::Inclusion, 10)),
    discuss: "Two people remember it differently. What would you lose by deciding who is right, and how can the room keep both?",
};

static TENSION: KindRules = KindRules {
    label: "tension",
    principle: Principle::SelfBlameCare,
    line: "This is a hard part to talk about. Let's take two minutes, get some water, and come back to it.",
    met: "A breather lets people come back to a hard moment able to talk about it.",
    met_safety: (8, 4, 3),
    idle: NOTHING_OPEN,
    missed: "The heat in the room was left to build; {name} answers in single words from here.",
    missed_safety: (-10, -4, -3),
    missed_minutes: 0,
    missed_cost: Some((Dimension::Inclusion, 10)),
    discuss: "The room is getting heated around {who}. When would you pause, and what would you say to come back to it?",
};

impl MomentKind {
    /// This kind's row of the table.
    pub fn rules(self) -> &'static KindRules {
        match self {
            MomentKind::SelfBlame => &SELF_BLAME,
            MomentKind::Blame => &BLAME,
            MomentKind::Hindsight => &HINDSIGHT,
            MomentKind::Tangent => &TANGENT,
            MomentKind::PrematureFix => &PREMATURE_FIX,
            MomentKind::Jargon => &JARGON,
            MomentKind::Dominating => &DOMINATING,
            MomentKind::Disagreement => &DISAGREEMENT,
            MomentKind::Tension => &TENSION,
        }
    }

    pub fn label(self) -> &'static str {
        self.rules().label
    }

    /// The principle at stake when such a moment comes up.
    pub fn principle(self) -> Principle {
        self.rules().principle
    }

    /// The one-button move that meets a moment of this kind said by `who`.
    pub fn shortcut(self, who: &ParticipantId) -> Move {
        match self {
            MomentKind::SelfBlame => Move::Reassure(who.clone()),
            MomentKind::Blame => Move::Redirect,
            MomentKind::Hindsight => Move::NameHindsight,
            MomentKind::Tangent => Move::Pin,
            MomentKind::PrematureFix => Move::Park,
            MomentKind::Jargon => Move::Clarify,
            MomentKind::Dominating => Move::Curb(who.clone()),
            MomentKind::Disagreement => Move::BothViews,
            MomentKind::Tension => Move::Breather,
        }
    }

    /// The kind a one-button move meets, and the person it names.
    pub fn met_by(mv: &Move) -> Option<(MomentKind, Option<&ParticipantId>)> {
        Some(match mv {
            Move::Reassure(p) => (MomentKind::SelfBlame, Some(p)),
            Move::Redirect => (MomentKind::Blame, None),
            Move::NameHindsight => (MomentKind::Hindsight, None),
            Move::Pin => (MomentKind::Tangent, None),
            Move::Park => (MomentKind::PrematureFix, None),
            Move::Clarify => (MomentKind::Jargon, None),
            Move::Curb(p) => (MomentKind::Dominating, Some(p)),
            Move::BothViews => (MomentKind::Disagreement, None),
            Move::Breather => (MomentKind::Tension, None),
            _ => return None,
        })
    }

    /// Every kind, for tests and tables.
    pub const ALL: [MomentKind; 9] = [
        MomentKind::SelfBlame,
        MomentKind::Blame,
        MomentKind::Hindsight,
        MomentKind::Tangent,
        MomentKind::PrematureFix,
        MomentKind::Jargon,
        MomentKind::Dominating,
        MomentKind::Disagreement,
        MomentKind::Tension,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_met_by_its_own_shortcut() {
        let who = ParticipantId::from("x");
        for k in MomentKind::ALL {
            let mv = k.shortcut(&who);
            assert_eq!(MomentKind::met_by(&mv).map(|m| m.0), Some(k), "{k:?}");
        }
    }
}
