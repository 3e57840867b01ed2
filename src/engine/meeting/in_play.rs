//! What one move builds up while it plays: its events, its minutes, the
//! verdict on it, and what it was taken as.

use crate::engine::event::{Event, Feedback, Verdict};
use crate::engine::understand::Understood;
use crate::scenario::{ChoiceId, ChoiceKind, FactId, Phase, Principle};

/// How a question is put: in its authored words or the player's, and how
/// those words weigh.
pub(super) struct Put {
    pub text: String,
    pub kind: ChoiceKind,
    /// The coach's judgement when the player's words are a trap.
    pub coached: Option<(Principle, String)>,
    /// The player's own words were taken as the choice (rather than the
    /// choice being picked): other words will not be taken as it again.
    pub worded: bool,
}

/// What one move is building up while it plays.
pub(super) struct MoveInPlay {
    pub index: usize,
    /// The phase the move was made in: its minutes are charged there.
    pub phase: Phase,
    pub events: Vec<Event>,
    pub minutes: u16,
    pub feedback: Option<Feedback>,
    pub better: Option<ChoiceId>,
    pub facts_now: Vec<FactId>,
    pub understood: Option<Understood>,
    /// The authored choice the move was taken as, for moments that follow it.
    pub choice: Option<ChoiceId>,
}

impl MoveInPlay {
    pub fn new(index: usize, phase: Phase) -> Self {
        MoveInPlay {
            index,
            phase,
            events: Vec::new(),
            minutes: 0,
            feedback: None,
            better: None,
            facts_now: Vec::new(),
            understood: None,
            choice: None,
        }
    }

    fn set(&mut self, verdict: Verdict, principle: Principle, text: &str) {
        // The first verdict on a move stands; later ones (a moment met by
        // the same move) are better news and replace a neutral one.
        match &self.feedback {
            Some(f) if f.verdict != Verdict::Neutral => {}
            _ => {
                self.feedback = Some(Feedback {
                    verdict,
                    principle: Some(principle),
                    text: text.to_owned(),
                })
            }
        }
    }

    pub fn good(&mut self, p: Principle, text: &str) {
        self.set(Verdict::Good, p, text);
    }

    pub fn neutral(&mut self, p: Principle, text: &str) {
        self.set(Verdict::Neutral, p, text);
    }

    pub fn poor(&mut self, p: Principle, text: &str) {
        self.set(Verdict::Poor, p, text);
    }
}
