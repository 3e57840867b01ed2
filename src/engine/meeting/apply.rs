//! Playing a move: the question and its answer, the facts it draws out, the
//! big screen, the phases and the timeline walk.

use super::in_play::{MoveInPlay, Put};
use super::{Meeting, Played};
use crate::engine::event::{Event, Feedback, HoldBack, LineKind, Verdict};
use crate::engine::moves::{Move, MoveError};
use crate::engine::rules;
use crate::language;
use crate::scenario::*;
use rand::RngExt;
use std::sync::Arc;

impl Meeting {
    /// Plays one move. On error nothing changes.
    pub fn apply(&mut self, mv: &Move) -> Result<Vec<crate::engine::Event>, MoveError> {
        self.check(mv)?;
        let mut turn = MoveInPlay::new(self.played.len(), self.phase);
        let phase_at_start = self.phase;
        let minute_at_start = self.clock_for(phase_at_start);
        self.play(mv, &mut turn);
        self.after_move(&mut turn);
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

    fn play(&mut self, mv: &Move, t: &mut MoveInPlay) {
        match mv {
            Move::Ask(id) if !self.requires_met(id) => {
                // Its words name a detail nobody has brought up yet: it is
                // said, and nothing it would have led to follows.
                let c = &self.scenario.choices[self.index.choices[id]];
                let (text, kind, target) = (c.text.clone(), c.kind, c.target.clone());
                self.ask_generic(&text, kind, &target, None, t);
                t.neutral(
                    Principle::FollowTheCues,
                    "That question names a detail nobody in the room has brought up yet, so it lands as a guess: people answer in general terms. Ask what they saw first; the detail comes from them.",
                );
            }
            Move::Ask(id) => {
                let ci = self.index.choices[id];
                let c = &self.scenario.choices[ci];
                let put = Put {
                    text: c.text.clone(),
                    kind: c.kind,
                    coached: None,
                    worded: false,
                };
                self.ask(ci, &put, t)
            }
            Move::Say { text, to, intent } => self.say_own_words(text, to, intent.as_ref(), t),
            Move::Respond(r) => self.reply(r, None, t),
            Move::Invite(p) => self.invite(self.index.participants[p], None, t),
            Move::Normalise => self.normalise(None, t),
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
                // Checked: a next phase exists.
                if let Some(next) = self.phase.next() {
                    self.enter_phase(next, t);
                    t.neutral(
                        Principle::Timebox,
                        &format!("The meeting moves to the {} phase.", next.label()),
                    );
                }
            }
            Move::End => {
                self.say_facilitator(
                    "Let's stop here. Thank you all for your time and your honesty.".into(),
                    t,
                );
                t.neutral(Principle::Timebox, "The meeting is closed.");
                self.end(false, t);
            }
            other => {
                // The one-button facilitation moves, each meeting its kind
                // of moment (moment_kinds.rs).
                if let Some((kind, who)) = MomentKind::met_by(other) {
                    let who = who.map(|p| self.index.participants[p]);
                    self.respond(kind, who, None, t);
                }
            }
        }
    }

    /// Makes choice `ci`, put in `put`'s words and weighed as `put.kind`.
    pub(super) fn ask(&mut self, ci: usize, put: &Put, t: &mut MoveInPlay) {
        let scenario = Arc::clone(&self.scenario);
        let c = &scenario.choices[ci];
        let kind = put.kind;
        if put.worded {
            self.worded[ci] = true;
        } else {
            self.asked[ci] = true;
        }
        t.choice = Some(c.id.clone());
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
        if let Some(i) = target
            && !self.is_here(i)
        {
            self.not_here(i, t);
            return;
        }
        let (to_target, to_room) = self.weigh(kind, target, c.safety.filter(|_| kind == c.kind));
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
        } else if kind.is_fix() {
            self.judge_fix(kind, &note, t);
        } else {
            t.good(c.principle, &note);
        }
        if self.phase == Phase::Learning && matches!(kind, ChoiceKind::Reflect | ChoiceKind::Check)
        {
            self.tally.learning_points += 1;
        }

        if c.accepts_first_story {
            self.accept_first_story(put.text == c.text, t);
        }
    }

    /// The safety a question of `kind` moves, for its target (if a person)
    /// and for everyone else; records what a trap costs. `authored` is the
    /// scenario's own figure for the target, when it applies.
    pub(super) fn weigh(
        &mut self,
        kind: ChoiceKind,
        target: Option<usize>,
        authored: Option<i8>,
    ) -> (i16, i16) {
        let (mut to_target, mut to_room) = rules::safety_delta(kind);
        if let Some(d) = authored {
            to_target = i16::from(d);
        }
        if kind.is_trap() {
            *self.tally.traps.entry(kind).or_default() += 1;
            match target {
                Some(i) => {
                    if kind != ChoiceKind::Closed {
                        self.tally.blamed[i] = true;
                    }
                    if self.falls_on_sword(i) {
                        self.tally.traps_at_self_blamers += 1;
                        to_target = (f32::from(to_target) * rules::SELF_BLAMER_MULTIPLIER) as i16;
                    }
                }
                None => to_room *= 2,
            }
        }
        (to_target, to_room)
    }

    /// Fix talk: a bounded follow-up with an owner is good at the end; any
    /// fix talk before the end pulls the room off the story.
    pub(super) fn judge_fix(&mut self, kind: ChoiceKind, note: &str, t: &mut MoveInPlay) {
        if self.phase != Phase::Learning {
            self.tally.fixes_early += 1;
            t.poor(
                Principle::LearnNotFix,
                "Fixes before the story is told: the room starts designing a solution to the first story, and the rest of the story stays untold. Park it for the learning phase.",
            );
        } else if kind == ChoiceKind::FollowUp {
            t.good(Principle::BoundedFollowUp, note);
        } else {
            self.tally.fixes_in_learning += 1;
            t.neutral(
                Principle::LearnNotFix,
                "Fixes may have their turn now, but a fix is not a learning point: ask what people learned before deciding what to change.",
            );
        }
    }

    pub(super) fn answer(&mut self, c: &Choice, who: usize, t: &mut MoveInPlay) {
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

    /// Who answers a question put to the whole room.
    fn room_speaker(&mut self, c: &Choice) -> Option<usize> {
        let mut candidates: Vec<(usize, bool)> = Vec::new();
        for r in &c.responses {
            let i = self.index.participants[&r.speaker];
            if self.is_quiet(i) || !self.is_here(i) {
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
        self.pick_speaker(candidates.into_iter().map(|(i, _)| i).collect())
    }

    /// One of `candidates`, weighted by how much they talk.
    pub(super) fn pick_speaker(&mut self, candidates: Vec<usize>) -> Option<usize> {
        let weights: Vec<u32> = candidates
            .iter()
            .map(|&i| u32::from(self.scenario.participants[i].talkativeness) + 1)
            .collect();
        let total: u32 = weights.iter().sum();
        if total == 0 {
            return None;
        }
        let mut roll = self.rng.random_range(0..total);
        for (&i, w) in candidates.iter().zip(weights) {
            if roll < w {
                return Some(i);
            }
            roll -= w;
        }
        None
    }

    /// A question to someone who is not in the meeting now.
    pub(super) fn not_here(&mut self, i: usize, t: &mut MoveInPlay) {
        let name = self.scenario.participants[i].name.clone();
        self.say_note(format!("({name} is not in the meeting just now.)"), t);
        t.neutral(
            Principle::EveryoneHeard,
            &format!("{name} is not here to answer; the question waits for when they are."),
        );
    }

    pub(super) fn reveal_facts(&mut self, kind: ChoiceKind, target: &Target, t: &mut MoveInPlay) {
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
            if !self.is_here(holder) {
                continue;
            }
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

    pub(super) fn surface(&mut self, fi: usize, t: &mut MoveInPlay) {
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

    /// The room settles on the first story: second-story details stay
    /// hidden from here on and whoever fell on the sword is branded. An
    /// authored first-story line also jumps the meeting to its end
    /// (`jump`); words of the player's own leave the agenda as it was.
    pub(super) fn accept_first_story(&mut self, jump: bool, t: &mut MoveInPlay) {
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
                self.tally.blamed[i] = true;
                self.shift(i, rules::FIRST_STORY_SELF_BLAMER, t);
            }
        }
        if jump && self.phase < Phase::Learning {
            self.enter_phase(Phase::Learning, t);
        }
    }

    pub(super) fn invite(&mut self, who: usize, words: Option<&str>, t: &mut MoveInPlay) {
        let p = &self.scenario.participants[who];
        let (name, line) = (p.name.clone(), p.invited_line.clone());
        let said = words.map_or_else(
            || {
                format!(
                    "{name}, we haven't heard from you yet. How did this look from where you sat?"
                )
            },
            str::to_owned,
        );
        self.say_facilitator(said, t);
        if self.invited[who] {
            t.minutes = rules::INTERVENTION_MINUTES;
            t.neutral(
                Principle::EveryoneHeard,
                &format!("{name} was already invited in."),
            );
            return;
        }
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

    pub(super) fn normalise(&mut self, words: Option<&str>, t: &mut MoveInPlay) {
        self.say_facilitator(
            words.map_or_else(
                || "For what it's worth, I'd have seen it exactly the same way.".to_owned(),
                str::to_owned,
            ),
            t,
        );
        t.minutes = rules::INTERVENTION_MINUTES;
        self.shift_all(None, 0, rules::NORMALISE_ROOM, t);
        if let Some(i) = self.last_speaker {
            self.shift(i, rules::NORMALISE_LAST_SPEAKER, t);
        }
        t.good(Principle::Normalise, Principle::Normalise.explain());
    }

    fn show_screen(&mut self, t: &mut MoveInPlay) {
        let Some(i) = self.screen else { return };
        let description = describe_artifact(&self.scenario.artifacts[i], self.zoomed);
        t.events.push(Event::ScreenChanged {
            artifact: Some(self.scenario.artifacts[i].id.clone()),
            zoomed: self.zoomed,
        });
        self.line(LineKind::Screen, None, description, t);
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
