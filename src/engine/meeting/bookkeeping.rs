//! The meeting's bookkeeping: entering a phase or a timeline entry, ending,
//! moving people's safety, and writing lines to the transcript. Every move
//! goes through these; `apply.rs` decides what to call.

use super::in_play::MoveInPlay;
use super::{Meeting, phase_slot};
use crate::engine::event::{Event, LineKind};
use crate::scenario::*;

impl Meeting {
    pub(super) fn enter_phase(&mut self, phase: Phase, t: &mut MoveInPlay) {
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

    pub(super) fn enter_entry(&mut self, entry: usize, t: &mut MoveInPlay) {
        self.entry = entry;
        let e = &self.scenario.timeline[entry];
        let (id, text) = (e.id.clone(), format!("{} — {}", e.time, e.observed));
        t.events.push(Event::EntryReached { entry: id.clone() });
        self.say_note(text, t);
        self.trigger(|tr| *tr == Trigger::AtEntry(id.clone()), t);
    }

    pub(super) fn end(&mut self, time_up: bool, t: &mut MoveInPlay) {
        self.ended = true;
        self.time_up = time_up;
        t.events.push(Event::MeetingEnded { time_up });
    }

    pub(super) fn shift(&mut self, who: usize, delta: i16, t: &mut MoveInPlay) {
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
    pub(super) fn shift_all(
        &mut self,
        target: Option<usize>,
        to_target: i16,
        to_room: i16,
        t: &mut MoveInPlay,
    ) {
        for i in 0..self.safety.len() {
            let d = if Some(i) == target {
                to_target
            } else if self.is_here(i) {
                to_room
            } else {
                // Not in the room: they did not hear it.
                0
            };
            if d != 0 {
                self.shift(i, d, t);
            }
        }
    }

    pub(super) fn say(&mut self, who: usize, text: String, t: &mut MoveInPlay) {
        self.spoke[who] = true;
        self.last_speaker = Some(who);
        let id = self.scenario.participants[who].id.clone();
        self.line(LineKind::Participant, Some(id), text, t);
    }

    pub(super) fn say_facilitator(&mut self, text: String, t: &mut MoveInPlay) {
        self.line(LineKind::Facilitator, None, text, t);
    }

    pub(super) fn say_note(&mut self, text: String, t: &mut MoveInPlay) {
        self.line(LineKind::Note, None, text, t);
    }

    pub(super) fn line(
        &mut self,
        kind: LineKind,
        speaker: Option<ParticipantId>,
        text: String,
        t: &mut MoveInPlay,
    ) {
        let line = crate::engine::event::Line {
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

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
