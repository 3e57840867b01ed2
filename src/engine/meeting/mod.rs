//! A meeting in progress: the clock, the phases, the people and what they
//! know. `apply` takes one move and returns the events it caused; a refused
//! move leaves the meeting as it was. The state is private to this module;
//! its files each do one job:
//!
//! - `legal.rs`: which moves the meeting accepts now;
//! - `apply.rs`: playing a move: questions, answers, facts, the screen;
//! - `bookkeeping.rs`: phases, the timeline walk, safety, transcript lines;
//! - `moments.rs`: moments opening, met, missed, heard in answers;
//! - `own_words.rs`: a line in the player's own words, understood and played;
//! - `score.rs`: the report and its numbers;
//! - `in_play.rs`: what one move builds up while it plays.

mod apply;
mod bookkeeping;
mod in_play;
mod legal;
mod moments;
mod own_words;
mod score;

pub use apply::describe_artifact;

use super::event::{Feedback, Line};
use super::moves::Move;
use super::rules;
use super::understand::{Lexicon, Understood};
use crate::language;
use crate::scenario::*;
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// Lookups from ids to positions, built once per scenario and shared by every
/// clone of a meeting.
#[derive(Debug)]
struct Index {
    participants: HashMap<ParticipantId, usize>,
    choices: HashMap<ChoiceId, usize>,
    facts: HashMap<FactId, usize>,
    artifacts: HashMap<ArtifactId, usize>,
    entries: HashMap<EntryId, usize>,
    /// Each reply's moment and position among the moment's replies.
    replies: HashMap<ReplyId, (usize, usize)>,
    budgets: [u16; 5],
    /// The coach's reading of every authored line, done once: language
    /// penalties of each choice's text, and what is heard in each reply.
    penalties: Vec<u32>,
    heard: HashMap<String, Option<MomentKind>>,
    /// The coach, knowing the participants by name.
    coach: language::Coach,
    /// The words of every authored line, for understanding the player's.
    lexicon: Lexicon,
}

impl Index {
    fn new(s: &Scenario) -> Self {
        fn map<K: Clone + std::hash::Hash + Eq, T>(
            items: &[T],
            key: impl Fn(&T) -> &K,
        ) -> HashMap<K, usize> {
            items
                .iter()
                .enumerate()
                .map(|(i, t)| (key(t).clone(), i))
                .collect()
        }
        let mut budgets = [0; 5];
        for b in &s.phases {
            budgets[phase_slot(b.phase)] = b.minutes;
        }
        let coach = language::Coach::shipped().with_people(s.participants.iter().map(|p| &p.name));
        let replies = s
            .moments
            .iter()
            .enumerate()
            .flat_map(|(mi, m)| {
                m.replies
                    .iter()
                    .enumerate()
                    .map(move |(ri, r)| (r.id.clone(), (mi, ri)))
            })
            .collect();
        Index {
            participants: map(&s.participants, |p| &p.id),
            choices: map(&s.choices, |c| &c.id),
            facts: map(&s.facts, |f| &f.id),
            artifacts: map(&s.artifacts, |a| &a.id),
            entries: map(&s.timeline, |e| &e.id),
            replies,
            budgets,
            penalties: s
                .choices
                .iter()
                .map(|c| language::language_penalties(&c.text) as u32)
                .collect(),
            heard: s
                .choices
                .iter()
                .flat_map(|c| c.responses.iter().map(|r| r.text.clone()))
                .chain(rules::all_generic_replies().map(str::to_owned))
                .map(|text| {
                    let heard = heard_in(&coach, &text);
                    (text, heard)
                })
                .collect(),
            coach,
            lexicon: Lexicon::new(s),
        }
    }
}

/// The moment a line opens when the coach hears self-blame or blame in it.
fn heard_in(coach: &language::Coach, text: &str) -> Option<MomentKind> {
    let heard = coach.categories(text);
    if heard.contains(&language::Category::SelfBlame) {
        Some(MomentKind::SelfBlame)
    } else if heard.contains(&language::Category::Blame) {
        Some(MomentKind::Blame)
    } else {
        None
    }
}

fn phase_slot(p: Phase) -> usize {
    p as usize
}

/// Where a scripted moment stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum MomentState {
    NotYet,
    /// Opened after move `at`; the player may respond up to move `at + window`.
    Open {
        at: usize,
    },
    Met {
        delay: usize,
    },
    Missed,
}

/// One move as played, with the feedback it got.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Played {
    pub index: usize,
    #[serde(rename = "move")]
    pub mv: Move,
    /// Minute on the clock when the move was made.
    pub minute: u16,
    pub phase: Phase,
    pub feedback: Feedback,
    /// A better authored choice, for traps that name one.
    pub better: Option<ChoiceId>,
    /// For a line in the player's own words: what it was taken as.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub understood: Option<Understood>,
}

/// Counts the report is built from.
#[derive(Clone, Debug, Default)]
struct Tally {
    traps: HashMap<ChoiceKind, u32>,
    traps_at_self_blamers: u32,
    language_findings: u32,
    first_story_accepted: bool,
    prepared_self_blamer: bool,
    /// Fix talk outside the learning phase.
    fixes_early: u32,
    /// In the learning phase: moves gathering learning points, and moves
    /// about fixes.
    learning_points: u32,
    fixes_in_learning: u32,
    /// People a trap or a blaming remark was aimed at.
    blamed: Vec<bool>,
    /// People who blamed themselves in the room.
    self_blamed: Vec<bool>,
    /// One-button moves made with nothing of their kind open, by kind and
    /// person: their kindness counts once.
    idle: Vec<(MomentKind, Option<usize>)>,
}

/// A scenario with errors cannot be played.
#[derive(Clone, Debug, thiserror::Error)]
#[error("the scenario has {} error(s); the first: {}", .0.len(), .0.first().map(ToString::to_string).unwrap_or_default())]
pub struct InvalidScenario(pub Vec<Problem>);

/// A postmortem meeting being played.
#[derive(Clone, Debug)]
pub struct Meeting {
    scenario: Arc<Scenario>,
    index: Arc<Index>,
    seed: u64,
    rng: Xoshiro256PlusPlus,
    phase: Phase,
    /// Minutes used in each phase.
    spent: [u16; 5],
    reached: [bool; 5],
    entry: usize,
    touched: Vec<bool>,
    safety: Vec<u8>,
    /// Safety of everyone after each move (first row: at the start).
    history: Vec<Vec<u8>>,
    spoke: Vec<bool>,
    invited: Vec<bool>,
    /// In the room (or on the call) now: someone who arrives late is not,
    /// until they arrive; someone who leaves is not, after.
    present: Vec<bool>,
    /// In the room at some point of the meeting.
    came: Vec<bool>,
    /// Choices made from the menu (or named with `intent`).
    asked: Vec<bool>,
    /// Choices the player's own words were taken as: not offered to other
    /// words again, though the menu may still make them.
    worded: Vec<bool>,
    /// The move at which each fact came out.
    revealed: Vec<Option<usize>>,
    screen: Option<usize>,
    zoomed: bool,
    /// The scenario's moments, then any the coach heard in people's answers
    /// and any that came back.
    moment_defs: Arc<Vec<Moment>>,
    moments: Vec<MomentState>,
    /// Moments that come back later: (the move at which they open, what).
    returning: Vec<(usize, Moment)>,
    tally: Tally,
    played: Vec<Played>,
    transcript: Vec<Line>,
    last_speaker: Option<usize>,
    ended: bool,
    time_up: bool,
}

impl Meeting {
    /// A meeting about to start, in the pre-meeting phase. The seed decides
    /// every random choice, so the same seed and moves replay exactly.
    ///
    /// Only a valid scenario makes a meeting: every id the engine looks up
    /// is then known to exist, so no move can make it panic.
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Result<Self, InvalidScenario> {
        let errors: Vec<Problem> = validate(&scenario)
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        if !errors.is_empty() {
            return Err(InvalidScenario(errors));
        }
        let index = Arc::new(Index::new(&scenario));
        let safety: Vec<u8> = scenario
            .participants
            .iter()
            .map(|p| p.safety.min(100))
            .collect();
        let n = scenario.participants.len();
        let mut reached = [false; 5];
        reached[phase_slot(Phase::PreMeeting)] = true;
        Ok(Meeting {
            rng: Xoshiro256PlusPlus::seed_from_u64(seed),
            seed,
            phase: Phase::PreMeeting,
            spent: [0; 5],
            reached,
            entry: 0,
            touched: vec![false; scenario.timeline.len()],
            history: vec![safety.clone()],
            safety,
            spoke: vec![false; n],
            invited: vec![false; n],
            present: scenario
                .participants
                .iter()
                .map(|p| p.arrives.is_none())
                .collect(),
            came: scenario
                .participants
                .iter()
                .map(|p| p.arrives.is_none())
                .collect(),
            asked: vec![false; scenario.choices.len()],
            worded: vec![false; scenario.choices.len()],
            revealed: vec![None; scenario.facts.len()],
            screen: None,
            zoomed: false,
            moments: vec![MomentState::NotYet; scenario.moments.len()],
            moment_defs: Arc::new(scenario.moments.clone()),
            returning: Vec::new(),
            tally: Tally {
                blamed: vec![false; n],
                self_blamed: vec![false; n],
                ..Tally::default()
            },
            played: Vec::new(),
            transcript: Vec::new(),
            last_speaker: None,
            ended: false,
            time_up: false,
            index,
            scenario,
        })
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The scenario, shared: cheap to keep beside the meeting.
    pub fn scenario_arc(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    pub fn is_over(&self) -> bool {
        self.ended
    }

    /// Minutes on the meeting clock (the pre-meeting excluded).
    pub fn clock(&self) -> u16 {
        self.spent[1..]
            .iter()
            .fold(0u16, |sum, m| sum.saturating_add(*m))
    }

    /// Minutes used in a phase so far, and its budget.
    pub fn phase_time(&self, phase: Phase) -> (u16, u16) {
        (
            self.spent[phase_slot(phase)],
            self.index.budgets[phase_slot(phase)],
        )
    }

    /// The timeline entry the walk is at.
    pub fn current_entry(&self) -> Option<&TimelineEntry> {
        (self.phase == Phase::Timeline).then(|| &self.scenario.timeline[self.entry])
    }

    pub fn safety_of(&self, who: &ParticipantId) -> Option<u8> {
        self.index.participants.get(who).map(|&i| self.safety[i])
    }

    /// Everyone's safety, in the scenario's order of participants.
    pub fn safety(&self) -> &[u8] {
        &self.safety
    }

    /// Everyone's safety after each move so far (the first row: at the start).
    pub fn safety_history(&self) -> &[Vec<u8>] {
        &self.history
    }

    pub fn is_revealed(&self, fact: &FactId) -> bool {
        self.index
            .facts
            .get(fact)
            .is_some_and(|&i| self.revealed[i].is_some())
    }

    /// Every fact with the index of the move that brought it out, if any.
    pub fn fact_reveals(&self) -> impl Iterator<Item = (&Fact, Option<usize>)> {
        self.scenario
            .facts
            .iter()
            .zip(self.revealed.iter().copied())
    }

    pub fn facts_revealed(&self) -> impl Iterator<Item = &Fact> {
        self.fact_reveals()
            .filter(|(_, r)| r.is_some())
            .map(|(f, _)| f)
    }

    /// How close the hidden facts are to coming out: for each, its weight
    /// times the share of its conditions (safety, prerequisites, screen,
    /// zoom) that hold now. A search uses it to see value in set-up moves.
    pub fn potential(&self) -> u32 {
        self.scenario
            .facts
            .iter()
            .map(|f| self.potential_of(&f.id))
            .sum()
    }

    /// One hidden fact's weight times the share of its conditions met now;
    /// 0 once it is out (or for an unknown id).
    pub fn potential_of(&self, fact: &FactId) -> u32 {
        let Some(&fi) = self.index.facts.get(fact) else {
            return 0;
        };
        if self.revealed[fi].is_some() {
            return 0;
        }
        let f = &self.scenario.facts[fi];
        let r = &f.reveal;
        let holder = self.index.participants[&f.holder];
        let mut conds = vec![
            self.safety[holder] >= r.safety,
            r.after.iter().all(|a| self.is_revealed(a)),
        ];
        if let Some(a) = &r.artifact {
            conds.push(self.screen == Some(self.index.artifacts[a]));
            if r.zoomed {
                conds.push(self.zoomed);
            }
        }
        let met = conds.iter().filter(|c| **c).count() as u32;
        u32::from(f.weight) * 4 * met / conds.len() as u32
    }

    /// What is on the big screen, and whether it is zoomed in.
    pub fn big_screen(&self) -> (Option<&Artifact>, bool) {
        (
            self.screen.map(|i| &self.scenario.artifacts[i]),
            self.zoomed,
        )
    }

    pub fn transcript(&self) -> &[Line] {
        &self.transcript
    }

    pub fn played(&self) -> &[Played] {
        &self.played
    }

    /// Moments open now, with the last move index that can still meet them.
    pub fn open_moments(&self) -> impl Iterator<Item = (&Moment, usize)> {
        self.moment_defs
            .iter()
            .zip(&self.moments)
            .filter_map(|(m, s)| match s {
                MomentState::Open { at } => Some((m, at + m.window as usize)),
                _ => None,
            })
    }

    /// Every moment so far (scripted, heard and returned) with where it stands.
    pub fn moments(&self) -> impl Iterator<Item = (&Moment, MomentState)> {
        self.moment_defs.iter().zip(self.moments.iter().copied())
    }

    /// Whether this participant is quiet and not yet invited in: they do
    /// not answer questions put to the room.
    pub fn is_holding_back(&self, who: &ParticipantId) -> bool {
        self.index
            .participants
            .get(who)
            .is_some_and(|&i| self.is_quiet(i))
    }

    fn is_quiet(&self, i: usize) -> bool {
        let p = &self.scenario.participants[i];
        (p.talkativeness < QUIET || p.habits.contains(&Habit::Quiet) || p.remote)
            && !self.invited[i]
    }

    /// Whether a participant can be spoken to now: everyone can before the
    /// meeting; in it, only those in the room or on the call.
    fn is_here(&self, i: usize) -> bool {
        self.phase == Phase::PreMeeting || self.present[i]
    }

    /// Whether this participant is in the meeting now.
    pub fn is_present(&self, who: &ParticipantId) -> bool {
        self.index
            .participants
            .get(who)
            .is_some_and(|&i| self.is_here(i))
    }

    fn falls_on_sword(&self, i: usize) -> bool {
        self.scenario.participants[i]
            .habits
            .contains(&Habit::FallsOnSword)
    }

    fn clock_for(&self, phase: Phase) -> u16 {
        if phase == Phase::PreMeeting {
            self.spent[0]
        } else {
            self.clock()
        }
    }
}
