//! The end-of-meeting report: the seven dimensions, the total, what came to
//! light and what stayed hidden, and the two questions facilitators ask
//! after a real debriefing.

use super::event::Line;
use super::meeting::{Meeting, MomentState, Played, phase_slot};
use super::rules::{self, penalty};
use crate::scenario::{ChoiceKind, FactId, Habit, MomentKind, ParticipantId, Phase, QUIET};
use serde::Serialize;

/// Scores, each 0–100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Score {
    pub total: u8,
    pub blame: u8,
    pub counterfactual: u8,
    pub self_blame: u8,
    pub discovery: u8,
    pub inclusion: u8,
    pub time: u8,
    pub language: u8,
}

impl Score {
    /// The seven dimensions with their names, in report order.
    pub fn dimensions(&self) -> [(&'static str, u8); 7] {
        [
            ("blame awareness", self.blame),
            ("counterfactuals", self.counterfactual),
            ("self-blame care", self.self_blame),
            ("discovery", self.discovery),
            ("inclusion", self.inclusion),
            ("time and structure", self.time),
            ("language", self.language),
        ]
    }
}

/// The two questions of a successful debriefing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Success {
    /// At least one person learned something that changes how they work.
    pub learned: bool,
    /// At least half the room would come to another debriefing.
    pub would_return: bool,
}

/// A fact that stayed hidden, with the kind of question that would have
/// drawn it out.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Missed {
    pub id: FactId,
    pub summary: String,
    pub hint: String,
}

/// One participant's safety over the meeting.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SafetyTrace {
    pub participant: ParticipantId,
    pub start: u8,
    pub end: u8,
    /// After each move.
    pub history: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub scenario: String,
    pub title: String,
    pub seed: u64,
    pub score: Score,
    pub success: Success,
    pub facts_surfaced: Vec<FactId>,
    pub facts_missed: Vec<Missed>,
    pub facts_total: usize,
    pub second_story_reached: bool,
    pub first_story_accepted: bool,
    pub minutes: u16,
    pub moves: Vec<Played>,
    pub safety: Vec<SafetyTrace>,
    pub transcript: Vec<Line>,
}

fn clamp(v: i32) -> u8 {
    v.clamp(0, 100) as u8
}

impl Meeting {
    /// The report on the meeting as it stands (normally once it is over).
    pub fn report(&self) -> Report {
        let s = &self.scenario;
        let score = self.score();
        let facts_surfaced: Vec<FactId> = self.facts_revealed().map(|f| f.id.clone()).collect();
        let facts_missed = s
            .facts
            .iter()
            .zip(&self.revealed)
            .filter(|(_, r)| r.is_none())
            .map(|(f, _)| Missed {
                id: f.id.clone(),
                summary: f.summary.clone(),
                hint: self.hint(f),
            })
            .collect();
        let second = s
            .facts
            .iter()
            .zip(&self.revealed)
            .filter(|(f, _)| f.second_story);
        let second_story_reached =
            second.clone().count() > 0 && second.clone().all(|(_, r)| r.is_some());
        Report {
            scenario: s.id.clone(),
            title: s.title.clone(),
            seed: self.seed,
            score,
            success: self.success(),
            facts_surfaced,
            facts_missed,
            facts_total: s.facts.len(),
            second_story_reached,
            first_story_accepted: self.tally.first_story_accepted,
            minutes: self.clock(),
            moves: self.played.clone(),
            safety: s
                .participants
                .iter()
                .enumerate()
                .map(|(i, p)| SafetyTrace {
                    participant: p.id.clone(),
                    start: self.history[0][i],
                    end: self.safety[i],
                    history: self.history.iter().map(|row| row[i]).collect(),
                })
                .collect(),
            transcript: self.transcript.clone(),
        }
    }

    fn hint(&self, f: &crate::scenario::Fact) -> String {
        let s = &self.scenario;
        let name = |id: &ParticipantId| {
            s.participants
                .iter()
                .find(|p| &p.id == id)
                .map_or(id.to_string(), |p| p.name.clone())
        };
        let holder = name(&f.holder);
        let kinds: Vec<&str> = f.reveal.kinds.iter().map(|k| k.label()).collect();
        let asked: Vec<String> = if f.reveal.asked.is_empty() {
            vec![holder.clone()]
        } else {
            f.reveal
                .asked
                .iter()
                .map(|t| match t {
                    crate::scenario::Target::Person(p) => name(p),
                    crate::scenario::Target::Room => "the room".to_owned(),
                })
                .collect()
        };
        let mut hint = format!("{}, put to {}", kinds.join(" or "), asked.join(" or "));
        if let Some(a) = &f.reveal.artifact {
            let title = s
                .artifacts
                .iter()
                .find(|x| &x.id == a)
                .map_or(a.as_str(), |x| x.title.as_str());
            hint += &format!(
                ", with \"{title}\" on the big screen{}",
                if f.reveal.zoomed {
                    " and zoomed in"
                } else {
                    ""
                }
            );
        }
        if f.reveal.safety >= 50 {
            hint += &format!(", once {holder} feels safe enough");
        }
        hint
    }

    pub fn success(&self) -> Success {
        let learned = self.facts_revealed().any(|f| f.second_story);
        let returning = self
            .safety
            .iter()
            .filter(|&&v| v >= rules::WOULD_RETURN)
            .count();
        Success {
            learned,
            would_return: returning * 2 >= self.safety.len(),
        }
    }

    pub fn score(&self) -> Score {
        self.score_with(false)
    }

    /// The score of a meeting still under way, as a search sees it: what
    /// is still ahead (entries not yet walked, phases not yet reached) is
    /// not counted against it; entries walked past without a question are.
    pub fn score_so_far(&self) -> Score {
        self.score_with(true)
    }

    fn score_with(&self, in_progress: bool) -> Score {
        let t = &self.tally;
        let traps = |k: ChoiceKind| t.traps.get(&k).copied().unwrap_or(0) as i32;
        let missed = |k: MomentKind| {
            self.moment_defs
                .iter()
                .zip(&self.moments)
                .filter(|(m, st)| m.kind == k && **st == MomentState::Missed)
                .count() as i32
        };
        let first_story = i32::from(t.first_story_accepted);

        let blame = 100
            - penalty::WHO_OR_WHY * (traps(ChoiceKind::Who) + traps(ChoiceKind::Why))
            - penalty::MISSED_BLAME * missed(MomentKind::Blame)
            - penalty::FIRST_STORY_BLAME * first_story;

        let counterfactual = 100
            - penalty::COUNTERFACTUAL * traps(ChoiceKind::Counterfactual)
            - penalty::LEADING * traps(ChoiceKind::Leading)
            - penalty::MISSED_HINDSIGHT * missed(MomentKind::Hindsight);

        let self_blame = {
            let care: Vec<i32> = self
                .moment_defs
                .iter()
                .zip(&self.moments)
                .filter(|(m, _)| m.kind == MomentKind::SelfBlame)
                .map(|(_, st)| match st {
                    MomentState::Met { delay: 1 } => rules::MET_AT_ONCE,
                    MomentState::Met { .. } => rules::MET_LATE,
                    MomentState::Missed => 0,
                    MomentState::NotYet | MomentState::Open { .. } => rules::NOT_REACHED,
                })
                .collect();
            let base = if care.is_empty() {
                100
            } else {
                care.iter().sum::<i32>() / care.len() as i32
            };
            base - penalty::TRAP_AT_SELF_BLAMER * t.traps_at_self_blamers as i32
                - penalty::FIRST_STORY_SELF_BLAME * first_story
        };

        let discovery = {
            let total: u32 = self
                .scenario
                .facts
                .iter()
                .map(|f| u32::from(f.weight))
                .sum();
            let found: u32 = self.facts_revealed().map(|f| u32::from(f.weight)).sum();
            (found * 100).checked_div(total).map_or(100, |d| d as i32)
        };

        let inclusion = {
            let (mut heard, mut all) = (0, 0);
            for (i, p) in self.scenario.participants.iter().enumerate() {
                let w = if p.talkativeness < QUIET || p.habits.contains(&Habit::Quiet) {
                    2
                } else {
                    1
                };
                all += w;
                if self.spoke[i] {
                    heard += w;
                }
            }
            let share = if all == 0 { 100 } else { heard * 100 / all };
            share - penalty::MISSED_DOMINATING * missed(MomentKind::Dominating)
        };

        let time = {
            let over: i32 = Phase::ALL
                .iter()
                .map(|&p| {
                    let slot = phase_slot(p);
                    i32::from(self.spent[slot].saturating_sub(self.index.budgets[slot]))
                })
                .sum();
            let passed = |i: usize| {
                !in_progress
                    || self.phase > Phase::Timeline
                    || (self.phase == Phase::Timeline && i < self.entry)
            };
            let untouched = self
                .scenario
                .timeline
                .iter()
                .zip(&self.touched)
                .enumerate()
                .filter(|(i, (e, touched))| e.inflection && !**touched && passed(*i))
                .count() as i32;
            let not_reached = if in_progress {
                0
            } else {
                Phase::ALL[1..]
                    .iter()
                    .filter(|&&p| !self.reached[phase_slot(p)])
                    .count() as i32
            };
            100 - penalty::MINUTE_OVER * over
                - penalty::UNTOUCHED_INFLECTION * untouched
                - penalty::MISSED_TANGENT_OR_FIX
                    * (missed(MomentKind::Tangent) + missed(MomentKind::PrematureFix))
                - penalty::PHASE_NOT_REACHED * not_reached
        };

        let language = 100
            - penalty::LANGUAGE_FINDING * t.language_findings as i32
            - penalty::CLOSED_QUESTION * traps(ChoiceKind::Closed);

        let dims = [
            blame,
            counterfactual,
            self_blame,
            discovery,
            inclusion,
            time,
            language,
        ]
        .map(clamp);
        let [
            blame,
            counterfactual,
            self_blame,
            discovery,
            inclusion,
            time,
            language,
        ] = dims;
        // Discovery counts twice: the second story is what the meeting is for.
        let total = (dims.iter().map(|&d| u32::from(d)).sum::<u32>() + u32::from(discovery)) / 8;
        Score {
            total: total as u8,
            blame,
            counterfactual,
            self_blame,
            discovery,
            inclusion,
            time,
            language,
        }
    }
}
