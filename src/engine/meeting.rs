//! A meeting in progress: the clock, the phases, the people and what they
//! know. `apply` takes one move and returns the events it caused; a refused
//! move leaves the meeting as it was.

use super::event::{Event, Feedback, HoldBack, Line, LineKind, Verdict};
use super::moves::{Move, MoveError};
use super::rules;
use super::understand::Understood;
use crate::language;
use crate::scenario::*;
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// Lookups from ids to positions, built once per scenario and shared by every
/// clone of a meeting.
#[derive(Debug)]
pub(crate) struct Index {
    pub participants: HashMap<ParticipantId, usize>,
    pub choices: HashMap<ChoiceId, usize>,
    pub facts: HashMap<FactId, usize>,
    pub artifacts: HashMap<ArtifactId, usize>,
    pub entries: HashMap<EntryId, usize>,
    pub budgets: [u16; 5],
    /// The coach's reading of every authored line, done once: language
    /// penalties of each choice's text, and what is heard in each reply.
    pub penalties: Vec<u32>,
    pub heard: HashMap<String, Option<MomentKind>>,
    /// The coach, knowing the participants by name.
    pub coach: language::Coach,
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
        Index {
            participants: map(&s.participants, |p| &p.id),
            choices: map(&s.choices, |c| &c.id),
            facts: map(&s.facts, |f| &f.id),
            artifacts: map(&s.artifacts, |a| &a.id),
            entries: map(&s.timeline, |e| &e.id),
            budgets,
            penalties: s
                .choices
                .iter()
                .map(|c| language::language_penalties(&c.text) as u32)
                .collect(),
            heard: s
                .choices
                .iter()
                .flat_map(|c| c.responses.iter().map(|r| r.text.as_str()))
                .chain(rules::all_generic_replies().collect::<Vec<_>>())
                .map(|text| (text.to_owned(), heard_in(&coach, text)))
                .collect(),
            coach,
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

pub(crate) fn phase_slot(p: Phase) -> usize {
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
    /// For a question in the player's own words: what it was taken as.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub understood: Option<Understood>,
}

/// Counts the report is built from.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tally {
    pub traps: HashMap<ChoiceKind, u32>,
    pub traps_at_self_blamers: u32,
    pub language_findings: u32,
    pub first_story_accepted: bool,
    pub prepared_self_blamer: bool,
}

/// A scenario with errors cannot be played.
#[derive(Clone, Debug, thiserror::Error)]
#[error("the scenario has {} error(s); the first: {}", .0.len(), .0[0])]
pub struct InvalidScenario(pub Vec<Problem>);

/// A postmortem meeting being played.
#[derive(Clone, Debug)]
pub struct Meeting {
    pub(crate) scenario: Arc<Scenario>,
    pub(crate) index: Arc<Index>,
    pub(crate) seed: u64,
    rng: Xoshiro256PlusPlus,
    pub(crate) phase: Phase,
    /// Minutes used in each phase.
    pub(crate) spent: [u16; 5],
    pub(crate) reached: [bool; 5],
    pub(crate) entry: usize,
    pub(crate) touched: Vec<bool>,
    pub(crate) safety: Vec<u8>,
    /// Safety of everyone after each move (first row: at the start).
    pub(crate) history: Vec<Vec<u8>>,
    pub(crate) spoke: Vec<bool>,
    pub(crate) invited: Vec<bool>,
    pub(crate) asked: Vec<bool>,
    /// The move at which each fact came out.
    pub(crate) revealed: Vec<Option<usize>>,
    pub(crate) screen: Option<usize>,
    pub(crate) zoomed: bool,
    /// The scenario's moments, then any the coach heard in people's answers.
    pub(crate) moment_defs: Arc<Vec<Moment>>,
    pub(crate) moments: Vec<MomentState>,
    pub(crate) tally: Tally,
    pub(crate) played: Vec<Played>,
    pub(crate) transcript: Vec<Line>,
    last_speaker: Option<usize>,
    pub(crate) ended: bool,
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
        Ok(Self::new_unchecked(scenario, seed))
    }

    fn new_unchecked(scenario: Arc<Scenario>, seed: u64) -> Self {
        let index = Arc::new(Index::new(&scenario));
        let safety: Vec<u8> = scenario
            .participants
            .iter()
            .map(|p| p.safety.min(100))
            .collect();
        let n = scenario.participants.len();
        let mut reached = [false; 5];
        reached[phase_slot(Phase::PreMeeting)] = true;
        Meeting {
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
            asked: vec![false; scenario.choices.len()],
            revealed: vec![None; scenario.facts.len()],
            screen: None,
            zoomed: false,
            moments: vec![MomentState::NotYet; scenario.moments.len()],
            moment_defs: Arc::new(scenario.moments.clone()),
            tally: Tally::default(),
            played: Vec::new(),
            transcript: Vec::new(),
            last_speaker: None,
            ended: false,
            index,
            scenario,
        }
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
        self.spent[1..].iter().sum()
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
        self.scenario
            .facts
            .iter()
            .zip(&self.revealed)
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

    /// Whether a move would be accepted now. Changes nothing.
    pub fn check(&self, mv: &Move) -> Result<(), MoveError> {
        if self.ended {
            return Err(MoveError::MeetingOver);
        }
        let in_meeting = self.phase != Phase::PreMeeting;
        let need_meeting = |what: &'static str| {
            if in_meeting {
                Ok(())
            } else {
                Err(MoveError::NotInPhase {
                    what,
                    phase: self.phase.label(),
                })
            }
        };
        match mv {
            Move::Ask(id) => {
                let &i = self
                    .index
                    .choices
                    .get(id)
                    .ok_or_else(|| MoveError::UnknownChoice(id.clone()))?;
                let c = &self.scenario.choices[i];
                if self.asked[i] {
                    return Err(MoveError::AlreadyAsked(id.clone()));
                }
                if c.phase != self.phase {
                    return Err(MoveError::wrong_phase(id, c.phase, self.phase));
                }
                if let Some(e) = &c.entry
                    && self.index.entries.get(e) != Some(&self.entry)
                {
                    return Err(MoveError::WrongEntry {
                        choice: id.clone(),
                        wanted: e.to_string(),
                        now: self.scenario.timeline[self.entry].id.to_string(),
                    });
                }
                Ok(())
            }
            Move::Say { text, to, intent } => {
                if let Target::Person(p) = to {
                    self.person(p)?;
                }
                if self.phase == Phase::PreMeeting {
                    return Err(MoveError::NotInPhase {
                        what: "speaking to the room in your own words",
                        phase: self.phase.label(),
                    });
                }
                match intent {
                    Some(id) => self.check(&Move::Ask(id.clone())),
                    None => {
                        let u = self.understand(text, to);
                        // Words the coach flags always count, matched or not.
                        if u.intent.is_some() || !u.findings.is_empty() {
                            Ok(())
                        } else {
                            Err(MoveError::NotUnderstood(text.clone()))
                        }
                    }
                }
            }
            Move::Reassure(p) | Move::Curb(p) => {
                self.person(p)?;
                need_meeting(if matches!(mv, Move::Reassure(_)) {
                    "reassuring"
                } else {
                    "curbing"
                })
            }
            Move::Invite(p) => {
                let i = self.person(p)?;
                need_meeting("inviting someone in")?;
                if self.invited[i] {
                    return Err(MoveError::AlreadyInvited(p.clone()));
                }
                Ok(())
            }
            Move::Redirect => need_meeting("redirecting blame"),
            Move::NameHindsight => need_meeting("naming hindsight"),
            Move::Pin => need_meeting("pinning a tangent"),
            Move::Park => need_meeting("parking a fix"),
            Move::Clarify => need_meeting("clarifying jargon"),
            Move::Normalise => need_meeting("normalising"),
            Move::Show(a) => {
                let &i = self
                    .index
                    .artifacts
                    .get(a)
                    .ok_or_else(|| MoveError::UnknownArtifact(a.clone()))?;
                self.screen_phase("the big screen")?;
                if self.screen == Some(i) {
                    return Err(MoveError::AlreadyShown(a.clone()));
                }
                Ok(())
            }
            Move::Zoom => {
                self.screen_phase("zooming")?;
                match (self.screen, self.zoomed) {
                    (None, _) => Err(MoveError::NothingOnScreen),
                    (Some(_), true) => Err(MoveError::AlreadyZoomed),
                    _ => Ok(()),
                }
            }
            Move::NextEntry => {
                if self.phase != Phase::Timeline {
                    Err(MoveError::NotInPhase {
                        what: "moving along the timeline",
                        phase: self.phase.label(),
                    })
                } else if self.entry + 1 >= self.scenario.timeline.len() {
                    Err(MoveError::LastEntry)
                } else {
                    Ok(())
                }
            }
            Move::NextPhase => match self.phase.next() {
                Some(_) => Ok(()),
                None => Err(MoveError::LastPhase),
            },
            Move::End => Ok(()),
        }
    }

    fn person(&self, p: &ParticipantId) -> Result<usize, MoveError> {
        self.index
            .participants
            .get(p)
            .copied()
            .ok_or_else(|| MoveError::UnknownParticipant(p.clone()))
    }

    fn screen_phase(&self, what: &'static str) -> Result<(), MoveError> {
        if SCREEN_PHASES.contains(&self.phase) {
            Ok(())
        } else {
            Err(MoveError::NotInPhase {
                what,
                phase: self.phase.label(),
            })
        }
    }

    /// Every move the meeting would accept now.
    pub fn legal_moves(&self) -> Vec<Move> {
        if self.ended {
            return Vec::new();
        }
        let s = &self.scenario;
        let mut all: Vec<Move> = s.choices.iter().map(|c| Move::Ask(c.id.clone())).collect();
        for p in &s.participants {
            all.push(Move::Reassure(p.id.clone()));
            all.push(Move::Invite(p.id.clone()));
            all.push(Move::Curb(p.id.clone()));
        }
        all.extend([
            Move::Redirect,
            Move::NameHindsight,
            Move::Pin,
            Move::Park,
            Move::Clarify,
            Move::Normalise,
            Move::Zoom,
        ]);
        all.extend(s.artifacts.iter().map(|a| Move::Show(a.id.clone())));
        all.extend([Move::NextEntry, Move::NextPhase, Move::End]);
        all.retain(|m| self.check(m).is_ok());
        all
    }

    /// Plays one move. On error nothing changes.
    pub fn apply(&mut self, mv: &Move) -> Result<Vec<Event>, MoveError> {
        self.check(mv)?;
        let mut turn = Turn {
            index: self.played.len(),
            phase: self.phase,
            events: Vec::new(),
            minutes: 0,
            feedback: None,
            better: None,
            facts_now: Vec::new(),
            understood: None,
        };
        let phase_at_start = self.phase;
        let minute_at_start = self.clock_for(phase_at_start);
        self.play(mv, &mut turn);
        self.after_move(mv, &mut turn);
        let feedback = turn.feedback.take().unwrap_or(Feedback {
            verdict: Verdict::Neutral,
            principle: None,
            text: String::new(),
        });
        turn.events.push(Event::Feedback(feedback.clone()));
        self.played.push(Played {
            index: turn.index,
            mv: mv.clone(),
            minute: minute_at_start,
            phase: phase_at_start,
            feedback,
            better: turn.better.take(),
            understood: turn.understood.take(),
        });
        self.history.push(self.safety.clone());
        Ok(turn.events)
    }

    fn clock_for(&self, phase: Phase) -> u16 {
        if phase == Phase::PreMeeting {
            self.spent[0]
        } else {
            self.clock()
        }
    }

    fn play(&mut self, mv: &Move, t: &mut Turn) {
        match mv {
            Move::Ask(id) => {
                let c = &self.scenario.choices[self.index.choices[id]];
                let put = Put {
                    text: c.text.clone(),
                    kind: c.kind,
                    coached: None,
                };
                self.ask(self.index.choices[id], &put, t)
            }
            Move::Say { text, to, intent } => {
                let u = self.understand(text, to);
                let choice = intent.clone().or(u.intent);
                t.understood = Some(Understood {
                    text: text.clone(),
                    intent: choice.clone(),
                    similarity: u.similarity,
                    findings: u.findings.clone(),
                });
                match choice {
                    Some(choice) => {
                        let put = self.put_in_own_words(text, &choice, &u.findings);
                        self.ask(self.index.choices[&choice], &put, t)
                    }
                    None => self.say_unmatched(text, to, &u.findings, t),
                }
            }
            Move::Reassure(p) => self.reassure(self.index.participants[p], t),
            Move::Redirect => self.respond(MomentKind::Blame, None, t),
            Move::NameHindsight => self.respond(MomentKind::Hindsight, None, t),
            Move::Pin => self.respond(MomentKind::Tangent, None, t),
            Move::Park => self.respond(MomentKind::PrematureFix, None, t),
            Move::Clarify => self.respond(MomentKind::Jargon, None, t),
            Move::Curb(p) => {
                self.respond(MomentKind::Dominating, Some(self.index.participants[p]), t)
            }
            Move::Invite(p) => self.invite(self.index.participants[p], t),
            Move::Normalise => self.normalise(t),
            Move::Show(a) => {
                let i = self.index.artifacts[a];
                let title = self.scenario.artifacts[i].title.clone();
                self.say_facilitator(format!("Let me put \"{title}\" up on the big screen."), t);
                self.screen = Some(i);
                self.zoomed = false;
                self.show_screen(t);
                t.minutes = rules::INTERVENTION_MINUTES;
                t.good(Principle::ShowTheArtifact, "Looking together at what people saw brings back what they noticed and what they did not.");
            }
            Move::Zoom => {
                self.say_facilitator(
                    "Let me make that bigger so the back of the room can read it.".into(),
                    t,
                );
                self.zoomed = true;
                self.show_screen(t);
                t.minutes = rules::INTERVENTION_MINUTES;
                t.good(
                    Principle::ShowTheArtifact,
                    "Zoomed in, the screen shows what it really says.",
                );
            }
            Move::NextEntry => {
                self.enter_entry(self.entry + 1, t);
                t.neutral(Principle::Timebox, "On to the next entry of the timeline.");
            }
            Move::NextPhase => {
                let next = self.phase.next().expect("checked: a next phase exists");
                self.enter_phase(next, t);
                t.neutral(
                    Principle::Timebox,
                    &format!("The meeting moves to the {} phase.", next.label()),
                );
            }
            Move::End => {
                self.say_facilitator(
                    "Let's stop here. Thank you all for your time and your honesty.".into(),
                    t,
                );
                t.neutral(Principle::Timebox, "The meeting is closed.");
                self.end(false, t);
            }
        }
    }

    /// Makes choice `ci`, put in `put`'s words and weighed as `put.kind`.
    fn ask(&mut self, ci: usize, put: &Put, t: &mut Turn) {
        let scenario = Arc::clone(&self.scenario);
        let c = &scenario.choices[ci];
        let kind = put.kind;
        self.asked[ci] = true;
        if self.phase == Phase::Timeline {
            self.touched[self.entry] = true;
        }
        t.minutes = c
            .minutes
            .map(u16::from)
            .unwrap_or_else(|| rules::minutes(kind));
        self.say_facilitator(put.text.clone(), t);
        self.tally.language_findings += if put.text == c.text {
            self.index.penalties[ci]
        } else {
            language::language_penalties(&put.text) as u32
        };

        // Safety first: people answer from how the question made them feel.
        let target = match &c.target {
            Target::Person(p) => Some(self.index.participants[p]),
            Target::Room => None,
        };
        let (mut to_target, mut to_room) = rules::safety_delta(kind);
        if let Some(d) = c.safety.filter(|_| kind == c.kind) {
            to_target = i16::from(d);
        }
        if kind.is_trap() {
            *self.tally.traps.entry(kind).or_default() += 1;
            match target {
                Some(i) if self.falls_on_sword(i) => {
                    self.tally.traps_at_self_blamers += 1;
                    to_target = (f32::from(to_target) * rules::SELF_BLAMER_MULTIPLIER) as i16;
                }
                None => to_room *= 2,
                _ => {}
            }
        }
        self.shift_all(target, to_target, to_room, t);
        if kind == ChoiceKind::Prepare
            && let Some(i) = target
            && self.falls_on_sword(i)
        {
            self.tally.prepared_self_blamer = true;
        }

        // The answer.
        match target {
            Some(i) => self.answer(c, i, t),
            None => match self.room_speaker(c) {
                Some(i) => self.answer(c, i, t),
                None => self.say_note("(A pause. Nobody picks it up.)".into(), t),
            },
        }

        // Facts it draws out.
        self.reveal_facts(kind, &c.target, t);

        let note = c
            .note
            .clone()
            .unwrap_or_else(|| c.principle.explain().to_owned());
        if let Some((principle, text)) = &put.coached {
            t.poor(*principle, text);
            t.better = c
                .better
                .clone()
                .or_else(|| (!c.kind.is_trap()).then(|| c.id.clone()));
        } else if kind.is_trap() {
            t.poor(c.principle, &note);
            t.better = c.better.clone();
        } else {
            t.good(c.principle, &note);
        }

        if c.accepts_first_story {
            self.accept_first_story(t);
        }
    }

    /// Flagged words that match no authored question: the room still hears
    /// them. The trap's cost applies and someone answers guardedly.
    fn say_unmatched(
        &mut self,
        text: &str,
        to: &Target,
        findings: &[language::Finding],
        t: &mut Turn,
    ) {
        let put =
            Meeting::weigh_words(text, findings).expect("checked: the coach flags these words");
        t.minutes = rules::minutes(put.kind);
        self.say_facilitator(text.to_owned(), t);
        self.tally.language_findings += language::language_penalties(text) as u32;
        *self.tally.traps.entry(put.kind).or_default() += 1;
        let (to_target, to_room) = rules::safety_delta(put.kind);
        let target = match to {
            Target::Person(p) => Some(self.index.participants[p]),
            Target::Room => None,
        };
        self.shift_all(
            target,
            to_target,
            if target.is_none() {
                to_room * 2
            } else {
                to_room
            },
            t,
        );
        let talkative = (0..self.safety.len())
            .filter(|&i| !self.is_quiet(i))
            .max_by_key(|&i| self.scenario.participants[i].talkativeness);
        if let Some(i) = target.or(talkative) {
            let pick = self.rng.random_range(0..3usize);
            self.say(
                i,
                rules::generic_reply(Band::of(self.safety[i]), pick).to_owned(),
                t,
            );
        }
        if let Some((principle, note)) = &put.coached {
            t.poor(*principle, note);
        }
    }

    fn falls_on_sword(&self, i: usize) -> bool {
        self.scenario.participants[i]
            .habits
            .contains(&Habit::FallsOnSword)
    }

    fn is_quiet(&self, i: usize) -> bool {
        let p = &self.scenario.participants[i];
        (p.talkativeness < QUIET || p.habits.contains(&Habit::Quiet)) && !self.invited[i]
    }

    /// Who answers a question put to the whole room.
    fn room_speaker(&mut self, c: &Choice) -> Option<usize> {
        let mut candidates: Vec<(usize, bool)> = Vec::new();
        for r in &c.responses {
            let i = self.index.participants[&r.speaker];
            if self.is_quiet(i) {
                continue;
            }
            let fits = r.band.is_none_or(|b| b == Band::of(self.safety[i]));
            match candidates.iter_mut().find(|(j, _)| *j == i) {
                Some(entry) => entry.1 |= fits,
                None => candidates.push((i, fits)),
            }
        }
        if candidates.iter().any(|&(_, fits)| fits) {
            candidates.retain(|&(_, fits)| fits);
        }
        let weights: Vec<u32> = candidates
            .iter()
            .map(|&(i, _)| u32::from(self.scenario.participants[i].talkativeness) + 1)
            .collect();
        let total: u32 = weights.iter().sum();
        if total == 0 {
            return None;
        }
        let mut roll = self.rng.random_range(0..total);
        for (&(i, _), w) in candidates.iter().zip(weights) {
            if roll < w {
                return Some(i);
            }
            roll -= w;
        }
        None
    }

    fn answer(&mut self, c: &Choice, who: usize, t: &mut Turn) {
        let id = &self.scenario.participants[who].id;
        let band = Band::of(self.safety[who]);
        let mine: Vec<&Response> = c.responses.iter().filter(|r| &r.speaker == id).collect();
        let exact: Vec<&Response> = mine
            .iter()
            .copied()
            .filter(|r| r.band == Some(band))
            .collect();
        let any: Vec<&Response> = mine.iter().copied().filter(|r| r.band.is_none()).collect();
        let nearest = || {
            mine.iter()
                .copied()
                .min_by_key(|r| r.band.map_or(0, |b| (b as i8 - band as i8).unsigned_abs()))
        };
        let pool = if !exact.is_empty() { exact } else { any };
        let text = if pool.is_empty() {
            match nearest() {
                Some(r) => r.text.clone(),
                None => {
                    let pick = self.rng.random_range(0..3usize);
                    rules::generic_reply(band, pick).to_owned()
                }
            }
        } else {
            let pick = self.rng.random_range(0..pool.len());
            pool[pick].text.clone()
        };
        self.hear(who, &text, t);
        self.say(who, text, t);
    }

    /// The coach listens to answers too: someone blaming themselves or a
    /// colleague in their own words opens a moment to meet, as a scripted
    /// one would. (The sentinel trigger never fires: these are heard, not
    /// scripted.)
    fn hear(&mut self, who: usize, text: &str, t: &mut Turn) {
        if self.phase == Phase::PreMeeting {
            return;
        }
        let heard = match self.index.heard.get(text) {
            Some(h) => *h,
            None => heard_in(&self.index.coach, text),
        };
        let Some(kind) = heard else { return };
        let id = self.scenario.participants[who].id.clone();
        let already =
            self.moment_defs.iter().zip(&self.moments).any(|(m, s)| {
                m.kind == kind && m.who == id && matches!(s, MomentState::Open { .. })
            });
        if already {
            return;
        }
        let moment = MomentId(format!("heard-{}", self.moment_defs.len()));
        Arc::make_mut(&mut self.moment_defs).push(Moment {
            id: moment.clone(),
            kind,
            who: id.clone(),
            about: None,
            line: text.to_owned(),
            trigger: Trigger::AtPhase(Phase::PreMeeting),
            window: rules::HEARD_WINDOW,
            reveals: None,
            met_line: None,
        });
        self.moments.push(MomentState::Open { at: t.index });
        t.events.push(Event::MomentOpened {
            moment,
            kind,
            who: id,
            respond_by: t.index + usize::from(rules::HEARD_WINDOW),
        });
    }

    fn reveal_facts(&mut self, kind: ChoiceKind, target: &Target, t: &mut Turn) {
        let scenario = Arc::clone(&self.scenario);
        for (fi, f) in scenario.facts.iter().enumerate() {
            if self.revealed[fi].is_some() || (self.tally.first_story_accepted && f.second_story) {
                continue;
            }
            let r = &f.reveal;
            if !r.kinds.contains(&kind) {
                continue;
            }
            let asked_ok = if r.asked.is_empty() {
                *target == Target::Person(f.holder.clone())
            } else {
                r.asked.contains(target)
            };
            let prior_ok = r.after.iter().all(|a| self.is_revealed(a));
            let screen_ok = match &r.artifact {
                None => true,
                Some(a) => {
                    self.screen == Some(self.index.artifacts[a]) && (!r.zoomed || self.zoomed)
                }
            };
            if !(asked_ok && prior_ok && screen_ok) {
                continue;
            }
            let holder = self.index.participants[&f.holder];
            if *target == Target::Room && self.is_quiet(holder) {
                t.events.push(Event::HeldBack {
                    who: f.holder.clone(),
                    why: HoldBack::NotInvited,
                });
                continue;
            }
            if self.safety[holder] < r.safety {
                t.events.push(Event::HeldBack {
                    who: f.holder.clone(),
                    why: HoldBack::NotSafe,
                });
                continue;
            }
            self.surface(fi, t);
        }
    }

    fn surface(&mut self, fi: usize, t: &mut Turn) {
        let f = &self.scenario.facts[fi];
        let (holder, line, id) = (
            self.index.participants[&f.holder],
            f.line.clone(),
            f.id.clone(),
        );
        self.revealed[fi] = Some(t.index);
        self.say(holder, line, t);
        t.events.push(Event::FactSurfaced {
            fact: id.clone(),
            holder: self.scenario.participants[holder].id.clone(),
        });
        t.facts_now.push(id);
    }

    fn accept_first_story(&mut self, t: &mut Turn) {
        self.tally.first_story_accepted = true;
        t.events.push(Event::InquiryClosed);
        self.say_note(
            format!(
                "The room relaxes: \"{}\" goes into the notes, and nobody asks anything more about it.",
                self.scenario.first_story
            ),
            t,
        );
        for i in 0..self.safety.len() {
            if self.falls_on_sword(i) {
                self.shift(i, rules::FIRST_STORY_SELF_BLAMER, t);
            }
        }
        if self.phase < Phase::Learning {
            self.enter_phase(Phase::Learning, t);
        }
    }

    fn reassure(&mut self, who: usize, t: &mut Turn) {
        let name = self.scenario.participants[who].name.clone();
        self.say_facilitator(
            format!(
                "{name}, can I stop us for a moment? Nobody here is judging you, and you don't need to judge yourself. You came to work to do a good job; we're here to understand what made this look right at the time."
            ),
            t,
        );
        t.minutes = rules::INTERVENTION_MINUTES;
        if !self.meet(MomentKind::SelfBlame, Some(who), t) {
            self.shift(who, rules::REASSURE_OTHERWISE, t);
            t.neutral(
                Principle::SelfBlameCare,
                &format!("Kind, but {name} was not blaming themselves just then."),
            );
        }
    }

    /// A move that answers a kind of moment: meets it if one is open.
    fn respond(&mut self, kind: MomentKind, who: Option<usize>, t: &mut Turn) {
        let name = who
            .map(|i| self.scenario.participants[i].name.clone())
            .unwrap_or_default();
        let text = match kind {
            MomentKind::Blame => "Let's keep to what the situation looked like from where each person stood, rather than who did what.".to_owned(),
            MomentKind::Hindsight => "We all know how it ended now. Nobody did at the time. What did it look like then, before we knew?".to_owned(),
            MomentKind::Tangent => "That's worth a proper conversation. Can I pin it on the board and come back to it at the end?".to_owned(),
            MomentKind::PrematureFix => "Good idea. Let's park it for the learning part so we don't lose it, and stay with the story for now.".to_owned(),
            MomentKind::Jargon => "Sorry, a basic question so we all follow: what is that exactly? A person, a team, a tool, a channel?".to_owned(),
            MomentKind::Dominating => format!("Thanks, {name}. I want to make sure we hear from everyone, so let's hear some other voices."),
            MomentKind::SelfBlame => unreachable!("self-blame is met by reassure"),
        };
        self.say_facilitator(text, t);
        t.minutes = rules::INTERVENTION_MINUTES;
        if self.meet(kind, who, t) {
            return;
        }
        let principle = kind.principle();
        if let (MomentKind::Dominating, Some(i)) = (kind, who) {
            self.shift(i, rules::CURB_UNNEEDED, t);
            t.poor(
                principle,
                &format!(
                    "{name} was not dominating; cutting them off tells the room to keep quiet."
                ),
            );
        } else {
            t.neutral(
                principle,
                &format!(
                    "Nothing called for this just now: no {} was in the air.",
                    kind.label()
                ),
            );
        }
    }

    /// Meets the oldest open moment of this kind (and person). True if one
    /// was open.
    fn meet(&mut self, kind: MomentKind, who: Option<usize>, t: &mut Turn) -> bool {
        let defs = Arc::clone(&self.moment_defs);
        let found = defs.iter().enumerate().find(|(mi, m)| {
            m.kind == kind
                && matches!(self.moments[*mi], MomentState::Open { .. })
                && who.is_none_or(|w| self.index.participants[&m.who] == w)
        });
        let Some((mi, m)) = found else {
            return false;
        };
        let MomentState::Open { at } = self.moments[mi] else {
            return false;
        };
        let delay = t.index - at;
        self.moments[mi] = MomentState::Met { delay };
        t.events.push(Event::MomentMet {
            moment: m.id.clone(),
            prompt: delay == 1,
        });
        let speaker = self.index.participants[&m.who];
        if kind == MomentKind::SelfBlame {
            self.shift(speaker, rules::REASSURE_SELF_BLAME, t);
        }
        if let Some(about) = &m.about {
            let a = self.index.participants[about];
            self.shift(a, rules::REASSURE_OTHERWISE * 2, t);
        }
        self.shift_all(None, 0, rules::MET_MOMENT_ROOM, t);
        if let Some(line) = &m.met_line {
            self.say(speaker, line.clone(), t);
        }
        if let Some(f) = &m.reveals {
            let fi = self.index.facts[f];
            let locked = self.tally.first_story_accepted && self.scenario.facts[fi].second_story;
            if self.revealed[fi].is_none() && !locked {
                self.surface(fi, t);
            }
        }
        let (principle, text) = match kind {
            MomentKind::SelfBlame => (
                Principle::SelfBlameCare,
                "You stopped the meeting for someone who was blaming themselves. That is what makes the rest of the story safe to tell.",
            ),
            MomentKind::Blame => (
                Principle::WhatAndHow,
                "You turned blame of a person into curiosity about their situation.",
            ),
            MomentKind::Hindsight => (
                Principle::NoCounterfactuals,
                "You named hindsight: the outcome was not known at the time.",
            ),
            MomentKind::Tangent => (
                Principle::Timebox,
                "Pinned, not dismissed: the tangent keeps its place and the timeline keeps its time.",
            ),
            MomentKind::PrematureFix => (
                Principle::LearnNotFix,
                "Parked for later: ideas are welcome, but learning comes first.",
            ),
            MomentKind::Jargon => (
                Principle::DumbQuestions,
                "Asking what a word means lets everyone follow, and often surprises the expert.",
            ),
            MomentKind::Dominating => (
                Principle::EveryoneHeard,
                "You made room for other voices without shutting anyone down.",
            ),
        };
        let text = if delay == 1 {
            text.to_owned()
        } else {
            format!("{text} (A little late: it is best met at once.)")
        };
        t.good(principle, &text);
        true
    }

    fn invite(&mut self, who: usize, t: &mut Turn) {
        let p = &self.scenario.participants[who];
        let (name, line) = (p.name.clone(), p.invited_line.clone());
        self.say_facilitator(
            format!("{name}, we haven't heard from you yet. How did this look from where you sat?"),
            t,
        );
        self.invited[who] = true;
        t.minutes = rules::INTERVENTION_MINUTES;
        self.shift(who, rules::INVITE, t);
        match line {
            Some(line) => self.say(who, line, t),
            None => {
                let band = Band::of(self.safety[who]);
                self.say(who, rules::generic_reply(band, 0).to_owned(), t);
            }
        }
        t.good(
            Principle::EveryoneHeard,
            &format!("{name} has the floor now, and will speak up when the room is asked."),
        );
    }

    fn normalise(&mut self, t: &mut Turn) {
        self.say_facilitator(
            "For what it's worth, I'd have seen it exactly the same way.".into(),
            t,
        );
        t.minutes = rules::INTERVENTION_MINUTES;
        self.shift_all(None, 0, rules::NORMALISE_ROOM, t);
        if let Some(i) = self.last_speaker {
            self.shift(i, rules::NORMALISE_LAST_SPEAKER, t);
        }
        t.good(Principle::Normalise, Principle::Normalise.explain());
    }

    fn show_screen(&mut self, t: &mut Turn) {
        let Some(i) = self.screen else { return };
        let description = describe_artifact(&self.scenario.artifacts[i], self.zoomed);
        t.events.push(Event::ScreenChanged {
            artifact: Some(self.scenario.artifacts[i].id.clone()),
            zoomed: self.zoomed,
        });
        self.line(LineKind::Screen, None, description, t);
    }

    fn enter_phase(&mut self, phase: Phase, t: &mut Turn) {
        self.phase = phase;
        self.reached[phase_slot(phase)] = true;
        t.events.push(Event::PhaseChanged { phase });
        let budget = self.index.budgets[phase_slot(phase)];
        self.say_note(
            format!("— {} ({budget} minutes) —", capitalise(phase.label())),
            t,
        );
        if phase != Phase::Timeline {
            self.screen = None;
            self.zoomed = false;
        }
        if phase == Phase::Timeline {
            self.enter_entry(0, t);
        }
        self.trigger(|tr| *tr == Trigger::AtPhase(phase), t);
    }

    fn enter_entry(&mut self, entry: usize, t: &mut Turn) {
        self.entry = entry;
        let e = &self.scenario.timeline[entry];
        let (id, text) = (e.id.clone(), format!("{} — {}", e.time, e.observed));
        t.events.push(Event::EntryReached { entry: id.clone() });
        self.say_note(text, t);
        self.trigger(|tr| *tr == Trigger::AtEntry(id.clone()), t);
    }

    /// Opens every moment not yet opened whose trigger matches.
    fn trigger(&mut self, matches: impl Fn(&Trigger) -> bool, t: &mut Turn) {
        let defs = Arc::clone(&self.moment_defs);
        for (mi, m) in defs.iter().enumerate() {
            if self.moments[mi] != MomentState::NotYet || !matches(&m.trigger) {
                continue;
            }
            self.moments[mi] = MomentState::Open { at: t.index };
            let who = self.index.participants[&m.who];
            self.say(who, m.line.clone(), t);
            t.events.push(Event::MomentOpened {
                moment: m.id.clone(),
                kind: m.kind,
                who: m.who.clone(),
                respond_by: t.index + m.window as usize,
            });
        }
    }

    /// Moments triggered by this move, moments whose window closed, the clock.
    fn after_move(&mut self, mv: &Move, t: &mut Turn) {
        // Windows that closed with this move.
        let defs = Arc::clone(&self.moment_defs);
        for (mi, m) in defs.iter().enumerate() {
            if let MomentState::Open { at } = self.moments[mi]
                && (t.index >= at + m.window as usize || self.ended)
            {
                self.miss(mi, t);
            }
        }
        if !self.ended {
            if let Move::Ask(c) = mv {
                self.trigger(|tr| *tr == Trigger::AfterChoice(c.clone()), t);
            }
            let facts = std::mem::take(&mut t.facts_now);
            for f in &facts {
                self.trigger(|tr| *tr == Trigger::AfterFact(f.clone()), t);
            }
        }
        self.spent[phase_slot(t.phase)] += t.minutes;
        if !self.ended
            && self.phase != Phase::PreMeeting
            && self.clock() >= self.scenario.brief.minutes
        {
            self.say_note(
                "Time is up: people start picking up their laptops and leaving.".into(),
                t,
            );
            self.end(true, t);
            for mi in 0..defs.len() {
                if matches!(self.moments[mi], MomentState::Open { .. }) {
                    self.miss(mi, t);
                }
            }
        }
    }

    fn miss(&mut self, mi: usize, t: &mut Turn) {
        let defs = Arc::clone(&self.moment_defs);
        let m = &defs[mi];
        let (kind, id) = (m.kind, m.id.clone());
        let (who, about) = (
            self.index.participants[&m.who],
            m.about.as_ref().map(|a| self.index.participants[a]),
        );
        self.moments[mi] = MomentState::Missed;
        t.events.push(Event::MomentMissed { moment: id });
        let (d_who, d_about, d_room) = rules::missed_moment_safety(kind);
        self.shift_all(Some(who), d_who, d_room, t);
        if let Some(a) = about {
            self.shift(a, d_about, t);
        }
        t.minutes += rules::missed_moment_minutes(kind);
        let name = self.scenario.participants[who].name.clone();
        let note = match kind {
            MomentKind::SelfBlame => format!(
                "{name} blamed themselves and nobody stopped it. The room took note that this is how it goes here."
            ),
            MomentKind::Blame => {
                format!("{name}'s blame went unanswered; the person blamed goes quiet.")
            }
            MomentKind::Hindsight => format!(
                "{name}'s hindsight went unchallenged; the past now looks obvious to everyone."
            ),
            MomentKind::Tangent => {
                format!("{name}'s tangent ran on and ate minutes of the timeline.")
            }
            MomentKind::PrematureFix => {
                format!("The room started designing {name}'s fix instead of learning the story.")
            }
            MomentKind::Jargon => format!(
                "Nobody asked what {name} meant; some people are now lost and won't say so."
            ),
            MomentKind::Dominating => format!("{name} kept the floor; other voices faded."),
        };
        self.say_note(note, t);
    }

    fn end(&mut self, time_up: bool, t: &mut Turn) {
        self.ended = true;
        t.events.push(Event::MeetingEnded { time_up });
    }

    fn shift(&mut self, who: usize, delta: i16, t: &mut Turn) {
        let from = self.safety[who];
        let to = (i16::from(from) + delta).clamp(0, 100) as u8;
        if to != from {
            self.safety[who] = to;
            t.events.push(Event::SafetyChanged {
                who: self.scenario.participants[who].id.clone(),
                from,
                to,
            });
        }
    }

    /// `to_target` for one person (if any), `to_room` for everyone else.
    fn shift_all(&mut self, target: Option<usize>, to_target: i16, to_room: i16, t: &mut Turn) {
        for i in 0..self.safety.len() {
            let d = if Some(i) == target {
                to_target
            } else {
                to_room
            };
            if d != 0 {
                self.shift(i, d, t);
            }
        }
    }

    fn say(&mut self, who: usize, text: String, t: &mut Turn) {
        self.spoke[who] = true;
        self.last_speaker = Some(who);
        let id = self.scenario.participants[who].id.clone();
        self.line(LineKind::Participant, Some(id), text, t);
    }

    fn say_facilitator(&mut self, text: String, t: &mut Turn) {
        self.line(LineKind::Facilitator, None, text, t);
    }

    fn say_note(&mut self, text: String, t: &mut Turn) {
        self.line(LineKind::Note, None, text, t);
    }

    fn line(&mut self, kind: LineKind, speaker: Option<ParticipantId>, text: String, t: &mut Turn) {
        let line = Line {
            move_index: t.index,
            minute: self.clock_for(self.phase),
            phase: self.phase,
            kind,
            speaker,
            text,
        };
        self.transcript.push(line.clone());
        t.events.push(Event::Said(line));
    }
}

/// How a choice is put: in its own words, or in the player's, and how the
/// coach weighs those words.
pub(crate) struct Put {
    pub text: String,
    pub kind: ChoiceKind,
    /// The coach's judgement when the player's words are a trap.
    pub coached: Option<(Principle, String)>,
}

/// What one move is building up while it plays.
struct Turn {
    index: usize,
    /// The phase the move was made in: its minutes are charged there.
    phase: Phase,
    events: Vec<Event>,
    minutes: u16,
    feedback: Option<Feedback>,
    better: Option<ChoiceId>,
    facts_now: Vec<FactId>,
    understood: Option<Understood>,
}

impl Turn {
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
    fn good(&mut self, p: Principle, text: &str) {
        self.set(Verdict::Good, p, text);
    }
    fn neutral(&mut self, p: Principle, text: &str) {
        self.set(Verdict::Neutral, p, text);
    }
    fn poor(&mut self, p: Principle, text: &str) {
        self.set(Verdict::Poor, p, text);
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The big screen in words, for the transcript and the command line. At
/// normal size a tile shows what it reads as; zoomed, what it says.
pub fn describe_artifact(a: &Artifact, zoomed: bool) -> String {
    let body = match &a.body {
        ArtifactBody::Dashboard { tiles } => tiles
            .iter()
            .map(|tile| {
                let shown = match (&tile.reads_as, zoomed) {
                    (Some(r), false) => r,
                    _ => &tile.value,
                };
                format!("{}: {}", tile.label, shown)
            })
            .collect::<Vec<_>>()
            .join(" | "),
        ArtifactBody::Chat { lines } => lines
            .iter()
            .map(|l| format!("{} <{}> {}", l.time, l.who, l.text))
            .collect::<Vec<_>>()
            .join(" / "),
        ArtifactBody::Graph { unit, series } => series
            .iter()
            .map(|s| {
                let peak = s.points.iter().map(|p| p.1).fold(f32::MIN, f32::max);
                format!("{} (peak {peak} {unit})", s.name)
            })
            .collect::<Vec<_>>()
            .join(", "),
        ArtifactBody::Diff { file, lines } => {
            let (added, removed) = lines.iter().fold((0, 0), |(a, r), l| match l {
                DiffLine::Added(_) => (a + 1, r),
                DiffLine::Removed(_) => (a, r + 1),
                DiffLine::Context(_) => (a, r),
            });
            format!("{file}: +{added} -{removed}")
        }
        ArtifactBody::Whiteboard { boxes, arrows, .. } => {
            let arrows: Vec<String> = arrows.iter().map(|(a, b)| format!("{a} → {b}")).collect();
            format!("{} boxes; {}", boxes.len(), arrows.join(", "))
        }
        ArtifactBody::Document { text } => text.lines().next().unwrap_or_default().to_owned(),
    };
    let zoom = if zoomed { " (zoomed in)" } else { "" };
    format!("[big screen] {}{zoom}: {body}", a.title)
}
