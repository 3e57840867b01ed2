//! The report's numbers: eight dimensions, the total, and the two success
//! questions. Penalties are in `rules.rs` and in each moment kind's row of
//! `moment_kinds.rs`.

use super::{Meeting, MomentState, phase_slot};
use crate::engine::report::{Dimension, Missed, Report, SafetyTrace, Score, Success};
use crate::engine::rules::{self, penalty};
use crate::scenario::{
    ChoiceKind, Fact, FactId, Habit, MomentKind, ParticipantId, Phase, QUIET, Target,
};

fn clamp(v: i32) -> u8 {
    v.clamp(0, 100) as u8
}

impl Meeting {
    /// The report on the meeting as it stands (normally once it is over).
    pub fn report(&self) -> Report {
        let s = &self.scenario;
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
            score: self.score(),
            success: self.success(),
            facts_surfaced,
            facts_missed,
            facts_total: s.facts.len(),
            second_story_reached,
            first_story_accepted: self.tally.first_story_accepted,
            at_risk: self
                .at_risk()
                .map(|i| s.participants[i].id.clone())
                .collect(),
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

    fn hint(&self, f: &Fact) -> String {
        let s = &self.scenario;
        let holder = s.name_of(&f.holder);
        let kinds: Vec<&str> = f.reveal.kinds.iter().map(|k| k.label()).collect();
        let asked: Vec<String> = if f.reveal.asked.is_empty() {
            vec![holder.to_owned()]
        } else {
            f.reveal
                .asked
                .iter()
                .map(|t| match t {
                    Target::Person(p) => s.name_of(p).to_owned(),
                    Target::Room => "the room".to_owned(),
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

    /// The people whose coming back decides "would return": whoever blamed
    /// themselves in the room, and whoever the room's questions or remarks
    /// blamed.
    fn at_risk(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.safety.len()).filter(|&i| self.tally.self_blamed[i] || self.tally.blamed[i])
    }

    /// The two questions of a successful debriefing. Someone learned
    /// something when a detail that changes how people work came out;
    /// half the room would come back, and so would each person most at risk.
    pub fn success(&self) -> Success {
        let insights: Vec<&Fact> = self.scenario.facts.iter().filter(|f| f.insight).collect();
        // Scenarios that mark no insight: the weightiest second-story details.
        let learned = if insights.is_empty() {
            self.facts_revealed()
                .any(|f| f.second_story && f.weight >= 4)
        } else {
            insights.iter().any(|f| self.is_revealed(&f.id))
        };
        let returning = self
            .safety
            .iter()
            .filter(|&&v| v >= rules::WOULD_RETURN)
            .count();
        let at_risk_return = self
            .at_risk()
            .all(|i| self.safety[i] >= rules::WOULD_RETURN);
        Success {
            learned,
            would_return: returning * 2 >= self.safety.len() && at_risk_return,
        }
    }

    pub fn score(&self) -> Score {
        self.score_with(false)
    }

    /// The score of a meeting still under way, as a search sees it: what
    /// is still ahead (entries not yet walked, phases not yet reached, time
    /// not yet used) is not counted against it; entries walked past without
    /// a question are.
    pub fn score_so_far(&self) -> Score {
        self.score_with(true)
    }

    fn missed(&self, kind: MomentKind) -> i32 {
        self.moment_defs
            .iter()
            .zip(&self.moments)
            .filter(|(m, st)| m.kind == kind && **st == MomentState::Missed)
            .count() as i32
    }

    /// Points a dimension loses to moments nobody met (each kind's row).
    fn moment_costs(&self, d: Dimension) -> i32 {
        MomentKind::ALL
            .iter()
            .filter_map(|&k| match k.rules().missed_cost {
                Some((dim, cost)) if dim == d => Some(cost * self.missed(k)),
                _ => None,
            })
            .sum()
    }

    fn score_with(&self, in_progress: bool) -> Score {
        let t = &self.tally;
        let traps = |k: ChoiceKind| t.traps.get(&k).copied().unwrap_or(0) as i32;
        let first_story = i32::from(t.first_story_accepted);

        let blame = 100
            - penalty::WHO_OR_WHY * (traps(ChoiceKind::Who) + traps(ChoiceKind::Why))
            - penalty::LEADING_BLAME * traps(ChoiceKind::Leading)
            - self.moment_costs(Dimension::Blame)
            - penalty::FIRST_STORY_BLAME * first_story;

        let counterfactual = 100
            - penalty::COUNTERFACTUAL * traps(ChoiceKind::Counterfactual)
            - penalty::LEADING * traps(ChoiceKind::Leading)
            - self.moment_costs(Dimension::Counterfactual);

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
                - self.moment_costs(Dimension::SelfBlame)
        };

        let (found, total) = self.weights();
        let discovery = (found * 100).checked_div(total).map_or(100, |d| d as i32);

        let inclusion = {
            let (mut heard, mut all) = (0, 0);
            for (i, p) in self.scenario.participants.iter().enumerate() {
                // Someone who never came cannot be left out.
                if !self.came[i] {
                    continue;
                }
                let w = if p.talkativeness < QUIET || p.habits.contains(&Habit::Quiet) || p.remote {
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
            share - self.moment_costs(Dimension::Inclusion)
        };

        let time = 100 - self.time_penalties(in_progress) - self.moment_costs(Dimension::Time);

        let learning = {
            let in_learning = self.reached[phase_slot(Phase::Learning)] && !in_progress;
            let only_fixes = in_learning && t.fixes_in_learning > 0 && t.learning_points == 0;
            // A meeting that ends without anyone saying what they learned,
            // in the learning phase or because it never got there.
            let no_points = !in_progress && t.learning_points == 0 && !only_fixes;
            100 - penalty::FIX_BEFORE_LEARNING * t.fixes_early as i32
                - penalty::LEARNING_ONLY_FIXES * i32::from(only_fixes)
                - penalty::NO_LEARNING_POINTS * i32::from(no_points)
                - self.moment_costs(Dimension::Learning)
        };

        let language = 100
            - penalty::LANGUAGE_FINDING * t.language_findings as i32
            - penalty::CLOSED_QUESTION * traps(ChoiceKind::Closed);

        // Dimensions that count slips only show what the meeting tested: a
        // meeting that stopped a third of the way through the timeline has
        // shown a third of the evidence of blame-free questions.
        let evidence = |d: i32| {
            if in_progress {
                d
            } else {
                let share = (self.coverage() / rules::EVIDENCE_FULL).min(1.0);
                let f = rules::EVIDENCE_FLOOR + (1.0 - rules::EVIDENCE_FLOOR) * share;
                (d.clamp(0, 100) as f32 * f).round() as i32
            }
        };
        let (blame, counterfactual, language) = (
            evidence(blame),
            evidence(counterfactual),
            evidence(language),
        );
        let dims = [
            blame,
            counterfactual,
            self_blame,
            discovery,
            inclusion,
            time,
            learning,
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
            learning,
            language,
        ] = dims;
        // Discovery counts twice: the second story is what the meeting is for.
        let total = (dims.iter().map(|&d| u32::from(d)).sum::<u32>() + u32::from(discovery))
            / (dims.len() as u32 + 1);
        Score {
            total: total as u8,
            blame,
            counterfactual,
            self_blame,
            discovery,
            inclusion,
            time,
            learning,
            language,
        }
    }

    /// How much of the story the meeting tested: the share of the
    /// timeline's turning points at which the facilitator asked anything,
    /// 0 to 1.
    fn coverage(&self) -> f32 {
        let turning: Vec<bool> = self
            .scenario
            .timeline
            .iter()
            .zip(&self.touched)
            .filter(|(e, _)| e.inflection)
            .map(|(_, t)| *t)
            .collect();
        if turning.is_empty() {
            return 1.0;
        }
        turning.iter().filter(|t| **t).count() as f32 / turning.len() as f32
    }

    /// Weight of the details out, and of all of them.
    fn weights(&self) -> (u32, u32) {
        let total: u32 = self
            .scenario
            .facts
            .iter()
            .map(|f| u32::from(f.weight))
            .sum();
        let found: u32 = self.facts_revealed().map(|f| u32::from(f.weight)).sum();
        (found, total)
    }

    /// Time and structure: phases kept to budget, the timeline walked, no
    /// phase skipped, and the meeting's time used for the story while
    /// details remain hidden.
    fn time_penalties(&self, in_progress: bool) -> i32 {
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
        let mut p = penalty::MINUTE_OVER * over + penalty::UNTOUCHED_INFLECTION * untouched;
        if in_progress {
            return p;
        }
        let meeting_phases = &Phase::ALL[1..];
        let not_reached = meeting_phases
            .iter()
            .filter(|&&ph| !self.reached[phase_slot(ph)])
            .count() as i32;
        // A phase entered and left (or ended) without a minute spent in it;
        // a phase the clock ran out in was not skipped.
        let skipped = meeting_phases
            .iter()
            .filter(|&&ph| {
                self.reached[phase_slot(ph)]
                    && self.spent[phase_slot(ph)] == 0
                    && !(ph == self.phase && self.time_up)
            })
            .count() as i32;
        p += penalty::PHASE_NOT_REACHED * not_reached + penalty::PHASE_SKIPPED * skipped;
        // Ending early while details stay hidden leaves the story untold.
        let (found, total) = self.weights();
        if !self.time_up && total > 0 {
            let unused = self.scenario.brief.minutes.saturating_sub(self.clock());
            let hidden = (total - found) as f32 / total as f32;
            p += (f32::from(unused) * hidden * penalty::MINUTE_UNUSED_WHILE_HIDDEN).round() as i32;
        }
        // Most of the meeting belongs to the timeline.
        let used = self.clock();
        let walked = self.spent[phase_slot(Phase::Timeline)];
        if used > 0 && f32::from(walked) < penalty::TIMELINE_SHARE * f32::from(used) {
            p += penalty::TIMELINE_TOO_SHORT;
        }
        p
    }

    /// Whether `who` is one of the people most at risk in this meeting.
    pub fn is_at_risk(&self, who: &ParticipantId) -> bool {
        self.index
            .participants
            .get(who)
            .is_some_and(|&i| self.tally.self_blamed[i] || self.tally.blamed[i])
    }
}
