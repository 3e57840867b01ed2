//! A line in the player's own words: what kind of move its wording makes
//! it (`shape.rs`), which authored line it is closest to in meaning
//! (`words.rs`: stems and concepts, weighed by how rare each word is in the
//! scenario), and what it will be played as. The meeting decides with both
//! (`meeting/own_words.rs`); this module holds the pieces that do not need
//! a meeting.

mod shape;
mod words;

pub use shape::{Heard, Intervention, Reading, read};
pub use words::{Bag, content, stem};

use crate::engine::moves::Move;
use crate::language::Finding;
use crate::scenario::{ChoiceId, ChoiceKind, ReplyId, Scenario, Target};
use serde::Serialize;
use std::collections::HashMap;

/// What the player's words will be played as.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Taken {
    /// An authored choice.
    Choice(ChoiceId),
    /// An authored reply to the moment open now.
    Reply(ReplyId),
    /// A facilitation move: reassuring, pinning, normalising...
    Move(Move),
    /// A question or statement of this kind that nobody authored: it is
    /// said and answered, and brings nothing hidden to light.
    Generic { kind: ChoiceKind, to: Target },
    /// Settling for the first story, with no authored line for it.
    FirstStory,
    /// Agreeing with the moment open now instead of meeting it: thanking
    /// someone for "owning it", siding with blame.
    Endorse,
}

/// What the engine made of the player's words, before they count.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Understanding {
    pub taken: Taken,
    /// Whom the words are put to: a person named at the start or the end
    /// ("Phil, what did you see?"), or the addressee the player picked.
    pub to: Target,
    /// The kind of question the words themselves make, if they say.
    pub kind: Option<ChoiceKind>,
    /// The authored choice the words were taken as, if any.
    pub intent: Option<ChoiceId>,
    /// How close the words are to what they were taken as, 0 to 1.
    pub similarity: f32,
    /// Below this, the game asks "did you mean..." before playing it.
    pub confident: bool,
    /// The closest authored choices on offer, best first, for the player to
    /// pick instead.
    pub alternatives: Vec<(ChoiceId, f32)>,
    /// What the language coach flags in the words.
    pub findings: Vec<Finding>,
    /// The words that showed the kind, for feedback.
    pub cue: String,
}

/// A played line in the player's own words, as the report shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Understood {
    pub text: String,
    pub taken: Taken,
    /// The kind the line was played as.
    pub kind: Option<ChoiceKind>,
    /// The authored choice it was taken as, if any.
    pub intent: Option<ChoiceId>,
    pub similarity: f32,
    /// The closest authored choices that were on offer, with their scores.
    pub alternatives: Vec<(ChoiceId, f32)>,
    pub findings: Vec<Finding>,
}

/// A line is taken as an authored one from this score (similarity of the
/// words, plus agreement of kind and addressee).
pub const MIN_SIMILARITY: f32 = 0.45;
/// From this score the match is certain enough to play without asking.
pub const CONFIDENT: f32 = 0.65;
/// Bonuses and costs for agreeing on kind and addressee.
pub(crate) const SAME_KIND: f32 = 0.2;
pub(crate) const NEAR_KIND: f32 = 0.1;
pub(crate) const SAME_TARGET: f32 = 0.2;
pub(crate) const OTHER_TARGET: f32 = -0.25;
/// An authored reply to an open moment is taken from this similarity.
pub(crate) const REPLY_SIMILARITY: f32 = 0.3;

/// Every authored line of a scenario as words, built once per scenario.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// How rare each word is among the scenario's authored lines.
    idf: HashMap<String, f32>,
    /// For each choice: its text and each phrasing.
    pub(crate) choices: Vec<Vec<Bag>>,
    /// For each reply, by id: its text and each phrasing.
    pub(crate) replies: HashMap<ReplyId, Vec<Bag>>,
    /// Participants' first names, lower-case, in the scenario's order.
    pub(crate) names: Vec<String>,
}

impl Lexicon {
    pub fn new(s: &Scenario) -> Lexicon {
        let mut docs: Vec<String> = Vec::new();
        for c in &s.choices {
            docs.push(c.text.clone());
            docs.extend(c.phrasings.iter().cloned());
        }
        for m in &s.moments {
            for r in &m.replies {
                docs.push(r.text.clone());
            }
        }
        let mut df: HashMap<String, usize> = HashMap::new();
        for d in &docs {
            let mut seen: Vec<String> = content(d);
            seen.sort();
            seen.dedup();
            for w in seen {
                *df.entry(w).or_default() += 1;
            }
        }
        let n = docs.len().max(1) as f32;
        let idf: HashMap<String, f32> = df
            .into_iter()
            .map(|(w, d)| (w, (1.0 + n / d as f32).ln()))
            .collect();
        let unseen = (1.0 + n).ln();
        let weight = |w: &str| idf.get(w).copied().unwrap_or(unseen);
        let bags = |text: &str, phrasings: &[String]| -> Vec<Bag> {
            std::iter::once(text)
                .chain(phrasings.iter().map(String::as_str))
                .map(|t| Bag::of(t, weight))
                .collect()
        };
        let choices = s
            .choices
            .iter()
            .map(|c| bags(&c.text, &c.phrasings))
            .collect();
        let replies = s
            .moments
            .iter()
            .flat_map(|m| &m.replies)
            .map(|r| (r.id.clone(), bags(&r.text, &r.phrasings)))
            .collect();
        let names = s
            .participants
            .iter()
            .map(|p| {
                p.name
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_lowercase()
            })
            .collect();
        Lexicon {
            idf,
            choices,
            replies,
            names,
        }
    }

    /// The player's words as a bag weighed like the authored lines.
    pub fn bag(&self, text: &str) -> Bag {
        let unseen = (1.0 + self.choices.len().max(1) as f32).ln();
        Bag::of(text, |w| self.idf.get(w).copied().unwrap_or(unseen))
    }

    /// The best similarity of `bag` to any of `bags`.
    pub fn best(bag: &Bag, bags: &[Bag]) -> f32 {
        bags.iter().map(|b| bag.cosine(b)).fold(0.0, f32::max)
    }
}

/// Kinds that ask about the same part of a story, so a paraphrase of one
/// is near the other: what was seen and what it meant, what was thought
/// and what was expected...
pub(crate) fn near(a: ChoiceKind, b: ChoiceKind) -> bool {
    use ChoiceKind::*;
    let group = |k: ChoiceKind| match k {
        Cue | Assessment | DumbQuestion => 1,
        Decision | Action | NormalWork | Help => 2,
        StateOfMind | MentalModel | Knowledge => 3,
        Poll | Check | Reflect => 4,
        Remediation | FollowUp => 5,
        _ => 0,
    };
    // A "dumb question" is a way of asking, not a topic: it is near any
    // question about the story.
    let dumb = |x: ChoiceKind, y: ChoiceKind| x == DumbQuestion && y.is_inquiry();
    a == b || (group(a) != 0 && group(a) == group(b)) || dumb(a, b) || dumb(b, a)
}
