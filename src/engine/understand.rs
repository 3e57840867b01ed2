//! A question in the player's own words: which authored question it is
//! closest to (lexical similarity over the choices and the people named),
//! and what the language coach makes of the phrasing.

use super::meeting::{Meeting, Put};
use super::moves::Move;
use crate::language::{Category, Finding};
use crate::scenario::{ChoiceId, ChoiceKind, Principle, Target};
use serde::Serialize;
use std::collections::HashSet;

/// What the engine made of the player's words, before they count.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Understanding {
    /// The closest authored question that can be asked now, if any is
    /// close. It carries its own target: the person named, or the one asked.
    pub intent: Option<ChoiceId>,
    /// 0 (nothing in common) to 1 (the same words).
    pub similarity: f32,
    /// The next closest, for the player to pick instead.
    pub alternatives: Vec<(ChoiceId, f32)>,
    pub findings: Vec<Finding>,
}

/// A played free-text question, as the report shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Understood {
    pub text: String,
    /// None: close to no authored question, heard for its words alone.
    pub intent: Option<ChoiceId>,
    pub similarity: f32,
    pub findings: Vec<Finding>,
}

/// Below this, the words are not taken as any authored question.
pub const MIN_SIMILARITY: f32 = 0.3;

/// Added for a question put to the person named in the words, or (when
/// nobody is named) to the addressee the player picked.
const TARGET_BONUS: f32 = 0.15;

const STOP: &[&str] = &[
    "the", "a", "an", "you", "your", "i", "we", "to", "of", "and", "or", "in", "on", "at", "it",
    "is", "was", "did", "do", "that", "this", "for", "with", "me", "us", "can", "could", "would",
    "be", "been", "have", "had", "so", "then", "were", "are", "as", "just", "there", "any", "some",
    "its", "it's", "our", "my", "about", "please", "tell", "say", "more", "bit", "little", "us",
    "let", "lets", "let's", "okay", "ok", "right", "now", "here",
];

/// Content words, lower-case, with simple suffixes removed.
fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| !w.is_empty() && !STOP.contains(&w.as_str()))
        .map(|w| stem(&w))
        .collect()
}

fn stem(w: &str) -> String {
    for suffix in ["ing", "ed", "es", "s"] {
        if w.len() > suffix.len() + 3
            && let Some(s) = w.strip_suffix(suffix)
        {
            return s.to_owned();
        }
    }
    w.to_owned()
}

/// Dice similarity of two word sets.
fn similarity(a: &HashSet<String>, b: &HashSet<String>) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * a.intersection(b).count() as f32 / (a.len() + b.len()) as f32
}

impl Meeting {
    /// What the player's words would be taken as, put to `to`. Changes
    /// nothing: the game shows it and lets the player correct it.
    pub fn understand(&self, text: &str, to: &Target) -> Understanding {
        let said = words(text);
        let s = self.scenario();
        // A person named in the words is who they are put to, whatever the
        // addressee picked: "Phil, what did you see?" asked of the room.
        let named: Option<Target> = s
            .participants
            .iter()
            .find(|p| said.contains(&stem(&p.name.to_lowercase())))
            .map(|p| Target::Person(p.id.clone()));
        let mut scored: Vec<(ChoiceId, f32)> = s
            .choices
            .iter()
            .filter(|c| self.check(&Move::Ask(c.id.clone())).is_ok())
            .map(|c| {
                let mut sim = similarity(&said, &words(&c.text));
                if named.as_ref() == Some(&c.target) || (named.is_none() && &c.target == to) {
                    sim += TARGET_BONUS;
                }
                (c.id.clone(), sim.min(1.0))
            })
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let best = scored
            .first()
            .filter(|(_, sim)| *sim >= MIN_SIMILARITY)
            .cloned();
        Understanding {
            intent: best.as_ref().map(|b| b.0.clone()),
            similarity: best.map_or(0.0, |b| b.1),
            alternatives: scored.into_iter().skip(1).take(3).collect(),
            findings: self.index.coach.analyze(text),
        }
    }

    /// How the player's words weigh: a flagged phrasing is the trap it
    /// sounds like, whatever question it is closest to; clean words asking a
    /// trap's question get the trap's better question.
    pub(crate) fn put_in_own_words(
        &self,
        text: &str,
        intent: &ChoiceId,
        findings: &[Finding],
    ) -> Put {
        if let Some(put) = Meeting::weigh_words(text, findings) {
            return put;
        }
        let s = self.scenario();
        let c = s
            .choices
            .iter()
            .find(|c| &c.id == intent)
            .expect("an authored choice");
        // Asked kindly, a trap's question counts as its better one.
        let kind = if c.kind.is_trap() {
            c.better
                .as_ref()
                .and_then(|b| s.choices.iter().find(|x| &x.id == b))
                .map_or(c.kind, |b| b.kind)
        } else {
            c.kind
        };
        Put {
            text: text.to_owned(),
            kind,
            coached: None,
        }
    }

    /// The trap a flagged phrasing sounds like, with the coach's note.
    pub(crate) fn weigh_words(text: &str, findings: &[Finding]) -> Option<Put> {
        findings.iter().find_map(|f| {
            let (kind, principle) = match f.category {
                Category::WhyQuestion => (ChoiceKind::Why, Principle::WhatAndHow),
                Category::Blame => (ChoiceKind::Who, Principle::WhatAndHow),
                Category::Counterfactual => {
                    (ChoiceKind::Counterfactual, Principle::NoCounterfactuals)
                }
                Category::RootCause => (ChoiceKind::RootCause, Principle::NoRootCause),
                Category::HumanError => (ChoiceKind::RootCause, Principle::NoHumanError),
                Category::SelfBlame | Category::Minimizing => return None,
            };
            Some(Put {
                text: text.to_owned(),
                kind,
                coached: Some((
                    principle,
                    format!("\"{}\": {} Try: {}", f.matched, f.message, f.suggestion),
                )),
            })
        })
    }
}
