//! Searching a scenario's move space before a class plays it: the best
//! score a player can reach (and a script that reaches it), facts no path
//! reveals, choices no path reaches, dead ends, and how random play scores.
//! Plain Rust over the engine: a beam search for the best line of play,
//! an exhaustive look at the first few moves, seeded random playouts.

use crate::engine::{Meeting, Move};
use crate::scenario::{ChoiceId, FactId, Scenario};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::Arc;

/// How hard to look.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// Moves searched exhaustively from the start (every sequence).
    pub depth: usize,
    /// Random playouts for the score spread and reachability.
    pub samples: usize,
    /// States kept at each step of the beam search.
    pub beam: usize,
    pub seed: u64,
}

impl Settings {
    /// Refuses settings whose work or memory would be out of all
    /// proportion (see [`crate::limits`]); `explore` itself also keeps
    /// within them.
    pub fn check(&self) -> Result<(), String> {
        use crate::limits::{EXPLORE_BEAM, EXPLORE_DEPTH, EXPLORE_SAMPLES};
        if self.depth > EXPLORE_DEPTH {
            return Err(format!(
                "--depth {}: at most {EXPLORE_DEPTH} (every sequence of that many moves is tried, so each step multiplies the work by the number of moves)",
                self.depth
            ));
        }
        if self.samples > EXPLORE_SAMPLES {
            return Err(format!(
                "--samples {}: at most {EXPLORE_SAMPLES} random playouts",
                self.samples
            ));
        }
        if self.beam == 0 || self.beam > EXPLORE_BEAM {
            return Err(format!(
                "a beam of {}: from 1 to {EXPLORE_BEAM} states",
                self.beam
            ));
        }
        Ok(())
    }

    fn within_limits(self) -> Settings {
        use crate::limits::{EXPLORE_BEAM, EXPLORE_DEPTH, EXPLORE_SAMPLES};
        Settings {
            depth: self.depth.min(EXPLORE_DEPTH),
            samples: self.samples.min(EXPLORE_SAMPLES),
            beam: self.beam.clamp(1, EXPLORE_BEAM),
            seed: self.seed,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            depth: 2,
            samples: 300,
            beam: 32,
            seed: 1,
        }
    }
}

/// The score of random play.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Spread {
    pub min: u8,
    pub p25: u8,
    pub median: u8,
    pub p75: u8,
    pub max: u8,
}

/// A state from which every move makes the meeting worse.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct DeadEnd {
    /// The moves that lead there.
    pub after: Vec<Move>,
    /// The score if the meeting ended there.
    pub score: u8,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Exploration {
    pub scenario: String,
    pub best_score: u8,
    /// A move script that reaches the best score.
    pub best_script: Vec<Move>,
    pub best_learned: bool,
    pub best_would_return: bool,
    /// Both success questions met on some path found.
    pub success_reachable: bool,
    pub facts_unreached: Vec<FactId>,
    pub choices_unreached: Vec<ChoiceId>,
    pub dead_ends: Vec<DeadEnd>,
    pub random_play: Spread,
    pub states_searched: usize,
}

/// The score of a meeting if it ended now.
fn ended(m: &Meeting) -> (u8, Meeting) {
    let mut done = m.clone();
    done.finish();
    (done.score().total, done)
}

/// The best score a shipped scenario must allow: a class should be able
/// to see a meeting go well.
pub const WINNABLE: u8 = 85;

/// Why a search says a scenario is not ready for a class.
#[derive(Clone, Debug, PartialEq)]
pub enum Shortfall {
    /// The best score found is under [`WINNABLE`].
    BestScore(u8),
    /// No line of play reveals this fact.
    Unreached(FactId),
}

impl Exploration {
    /// What keeps the scenario from passing `validate`'s search: a best
    /// score under [`WINNABLE`], then every fact no path reveals. Empty
    /// when it is ready for a class.
    pub fn shortfalls(&self) -> Vec<Shortfall> {
        let low = (self.best_score < WINNABLE).then_some(Shortfall::BestScore(self.best_score));
        low.into_iter()
            .chain(
                self.facts_unreached
                    .iter()
                    .cloned()
                    .map(Shortfall::Unreached),
            )
            .collect()
    }
}

/// What a path has shown: facts out, choices made, success met.
#[derive(Default)]
struct Seen {
    facts: BTreeSet<FactId>,
    choices: BTreeSet<ChoiceId>,
    success: bool,
    states: usize,
}

impl Seen {
    fn note(&mut self, m: &Meeting) {
        self.states += 1;
        self.facts.extend(m.facts_revealed().map(|f| f.id.clone()));
        for p in m.played() {
            if let Move::Ask(c) = &p.mv {
                self.choices.insert(c.clone());
            }
        }
        let s = m.success();
        self.success |= s.learned && s.would_return;
    }
}

/// Explores a valid scenario. Deterministic for a seed. Settings beyond
/// [`Settings::check`]'s limits are brought within them.
pub fn explore(
    scenario: Arc<Scenario>,
    settings: Settings,
) -> Result<Exploration, crate::engine::InvalidScenario> {
    let settings = settings.within_limits();
    let start = Meeting::new(Arc::clone(&scenario), settings.seed)?;
    let mut seen = Seen::default();

    // The best line of play: beams of the most promising meetings, each
    // judged by the score so far, the room's safety and how close hidden
    // facts are. Two readings of safety (capped, so the beam does not spend
    // the meeting normalising, and uncapped) find different lines.
    let mut best = ended(&start).1;
    // Beam search is not monotone in its width, so a few widths are tried.
    for (cap, width) in [
        (60, settings.beam),
        (100, settings.beam * 4 / 5),
        (100, settings.beam * 2 / 5),
    ] {
        let found = beam_search(&start, width.max(1), &mut seen, |m| promise(m, cap));
        if found.score().total > best.score().total {
            best = found;
        }
    }
    // A fact still hidden gets a search of its own, aimed at its conditions.
    for f in &scenario.facts {
        if !seen.facts.contains(&f.id) {
            let target = f.id.clone();
            beam_search(&start, settings.beam / 2, &mut seen, |m| {
                if m.is_revealed(&target) {
                    u32::MAX
                } else {
                    m.potential_of(&target) * 50 + promise(m, 100)
                }
            });
        }
    }
    let best_score = best.score().total;
    let best_path: Vec<Move> = best.played().iter().map(|p| p.mv.clone()).collect();
    let best_success = best.success();

    // Every sequence of the first few moves: where the meeting can go
    // wrong at once, and dead ends. Depth first, so only one line of play
    // is held at a time; the order is that of the sequences, as a
    // breadth-first pass would list them.
    let mut dead_ends = Vec::new();
    sequences(&start, settings.depth, &mut seen, &mut dead_ends);
    if let Some(d) = dead_end(&start) {
        dead_ends.push(d);
    }

    // Random play: the spread of scores, and what it reaches.
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(settings.seed);
    let mut scores = Vec::with_capacity(settings.samples);
    for _ in 0..settings.samples {
        let mut m = start.clone();
        while !m.is_over() && m.played().len() < 300 {
            let legal = m.legal_moves();
            if legal.is_empty() {
                break;
            }
            // Random players rarely end a meeting on purpose.
            let pick = legal[rng.random_range(0..legal.len())].clone();
            if pick == Move::End && legal.len() > 1 && rng.random_range(0..10) > 0 {
                continue;
            }
            if m.apply(&pick).is_err() {
                break;
            }
        }
        let (score, done) = ended(&m);
        seen.note(&done);
        scores.push(score);
    }
    scores.sort_unstable();
    let at = |q: f64| {
        scores
            .get(((scores.len().max(1) - 1) as f64 * q).round() as usize)
            .copied()
            .unwrap_or(0)
    };

    Ok(Exploration {
        scenario: scenario.id.to_string(),
        best_score,
        best_script: best_path,
        best_learned: best_success.learned,
        best_would_return: best_success.would_return,
        success_reachable: seen.success,
        facts_unreached: scenario
            .facts
            .iter()
            .filter(|f| !seen.facts.contains(&f.id))
            .map(|f| f.id.clone())
            .collect(),
        choices_unreached: scenario
            .choices
            .iter()
            .filter(|c| !seen.choices.contains(&c.id))
            .map(|c| c.id.clone())
            .collect(),
        dead_ends,
        random_play: Spread {
            min: at(0.0),
            p25: at(0.25),
            median: at(0.5),
            p75: at(0.75),
            max: at(1.0),
        },
        states_searched: seen.states,
    })
}

/// How promising a meeting in progress looks: the score it would end with
/// now, how safe the room feels (safety is what later facts need), and
/// the weight of what has come out.
fn promise(m: &Meeting, safety_cap: u32) -> u32 {
    let score_now = m.score_so_far().total;
    let people = m.scenario().participants.len().max(1) as u32;
    let safety: u32 = m
        .scenario()
        .participants
        .iter()
        .filter_map(|p| m.safety_of(&p.id))
        .map(u32::from)
        .sum::<u32>()
        / people;
    let found: u32 = m.facts_revealed().map(|f| u32::from(f.weight)).sum();
    // Safety counts up to where most facts open; beyond that, more
    // normalising is only time spent.
    u32::from(score_now) * 4 + safety.min(safety_cap) + found * 3 + m.potential()
}

/// A beam search from `start`: at each step every legal move of every kept
/// meeting, keeping the `width` best by `value`. Returns the best ended
/// meeting found (by final score).
fn beam_search(
    start: &Meeting,
    width: usize,
    seen: &mut Seen,
    value: impl Fn(&Meeting) -> u32,
) -> Meeting {
    let mut beam = vec![start.clone()];
    let mut best = ended(start);
    while !beam.is_empty() {
        let mut next: Vec<(u32, Meeting)> = Vec::new();
        for m in &beam {
            for mv in m.legal_moves() {
                if mv == Move::End {
                    continue;
                }
                let mut child = m.clone();
                if child.apply(&mv).is_err() {
                    continue;
                }
                let (score, done) = ended(&child);
                seen.note(&done);
                if score > best.0 {
                    best = (score, done);
                }
                if !child.is_over() {
                    next.push((value(&child), child));
                }
            }
        }
        // Among equally promising meetings, the one that used fewer minutes
        // has more left for the story: time spent on moves that change
        // nothing must not crowd the beam.
        next.sort_by_key(|e| (std::cmp::Reverse(e.0), e.1.clock()));
        next.truncate(width);
        beam = next.into_iter().map(|(_, m)| m).collect();
    }
    best.1
}

/// Every sequence of `depth` moves from `m`: each state is noted, and the
/// states at the full depth that are dead ends are kept.
fn sequences(m: &Meeting, depth: usize, seen: &mut Seen, dead_ends: &mut Vec<DeadEnd>) {
    if depth == 0 {
        dead_ends.extend(dead_end(m));
        return;
    }
    for mv in m.legal_moves() {
        let mut child = m.clone();
        if child.apply(&mv).is_err() {
            continue;
        }
        seen.note(&child);
        if !child.is_over() {
            sequences(&child, depth - 1, seen, dead_ends);
        }
    }
}

/// A state where every move lowers the score of ending now.
fn dead_end(m: &Meeting) -> Option<DeadEnd> {
    let (now, _) = ended(m);
    let legal = m.legal_moves();
    let worse = legal.iter().filter(|mv| **mv != Move::End).all(|mv| {
        let mut child = m.clone();
        child.apply(mv).is_ok() && ended(&child).0 < now
    });
    (worse && legal.len() > 1).then(|| DeadEnd {
        after: m.played().iter().map(|p| p.mv.clone()).collect(),
        score: now,
    })
}
