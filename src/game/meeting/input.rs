//! The meeting's keys and what the meeting screen's buttons ask for. Keys:
//! 1–9 pick a choice, ←/→ change whom you address, N next entry, P next
//! phase, Z zoom, R respond to the open moment, Esc pause. Everything the
//! player does ends up as a [`Propose`] of a move.

use super::{Propose, Session, StartMeeting};
use crate::engine::{Meeting, Move};
use crate::game::AppSystems;
use crate::game::input::{DIGITS, keys_free};
use crate::game::screens::MeetingMode;
use crate::scenario::{ChoiceKind, Target};
use bevy::prelude::*;

/// What the meeting screen asks for that is not a move yet.
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MeetingInput {
    /// Pick the n-th (from 0) choice addressed to the selected target.
    Choose(usize),
    /// Change whom the choice list addresses.
    NextTarget(i32),
    /// Meet the most urgent open moment with its one-button move; when it
    /// has authored replies, move the keyboard focus to them instead.
    Respond,
    /// Replay the meeting up to this move and continue from there.
    TryAgainFrom(usize),
}

/// R was pressed on a moment with replies: the next frame puts the
/// keyboard focus on its first reply, to pick one with Tab and Enter.
#[derive(Resource, Default, Debug)]
pub struct FocusReplies(pub bool);

/// Which addressee the choice list shows.
#[derive(Resource, Default, Debug)]
pub struct Addressee(pub usize);

/// One move on offer, as the meeting screen lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Opt {
    pub mv: Move,
    pub label: String,
    pub trap_hint: bool,
}

/// The groups of choices by whom they address: the room first, then each
/// person at the table in seating order.
pub fn targets(meeting: &Meeting) -> Vec<Target> {
    let mut t = vec![Target::Room];
    t.extend(
        meeting
            .scenario()
            .participants
            .iter()
            .map(|p| Target::Person(p.id.clone())),
    );
    t
}

/// The authored choices on the menu now, put to `target`: those the
/// meeting accepts, whose required details have come out, to someone in
/// the meeting.
pub fn options(meeting: &Meeting, target: &Target) -> Vec<Opt> {
    if let Target::Person(p) = target
        && !meeting.is_present(p)
    {
        return Vec::new();
    }
    meeting
        .scenario()
        .choices
        .iter()
        .filter(|c| &c.target == target && meeting.on_offer(&c.id))
        .map(|c| Opt {
            mv: Move::Ask(c.id.clone()),
            label: c.text.clone(),
            trap_hint: c.kind.is_trap() && c.kind != ChoiceKind::Closed,
        })
        .collect()
}

/// The one-button move that meets the most urgent open moment, when it has
/// no authored replies to choose among.
pub fn response_to_open_moment(meeting: &Meeting) -> Option<Move> {
    let (m, _) = meeting
        .open_moments()
        .filter(|(m, _)| m.replies.is_empty())
        .min_by_key(|(_, by)| *by)?;
    Some(m.kind.shortcut(&m.who))
}

pub(super) fn plugin(app: &mut App) {
    app.add_message::<MeetingInput>()
        .init_resource::<Addressee>()
        .init_resource::<FocusReplies>()
        .add_systems(
            Update,
            (
                keys.in_set(AppSystems::Input)
                    .run_if(in_state(MeetingMode::Playing).and_then(keys_free)),
                carry_out.in_set(AppSystems::Act),
            ),
        );
}

fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut input: MessageWriter<MeetingInput>,
    mut propose: MessageWriter<Propose>,
    mut mode: ResMut<NextState<MeetingMode>>,
) {
    if keys.just_pressed(KeyCode::Escape) {
        mode.set(MeetingMode::Paused);
        return;
    }
    for (i, key) in DIGITS.iter().enumerate() {
        if keys.just_pressed(*key) {
            input.write(MeetingInput::Choose(i));
        }
    }
    for (key, step) in [(KeyCode::ArrowRight, 1), (KeyCode::ArrowLeft, -1)] {
        if keys.just_pressed(key) {
            input.write(MeetingInput::NextTarget(step));
        }
    }
    if keys.just_pressed(KeyCode::KeyR) {
        input.write(MeetingInput::Respond);
    }
    for (key, mv) in [
        (KeyCode::KeyN, Move::NextEntry),
        (KeyCode::KeyP, Move::NextPhase),
        (KeyCode::KeyZ, Move::Zoom),
    ] {
        if keys.just_pressed(key) {
            propose.write(Propose(mv));
        }
    }
}

fn carry_out(
    mut input: MessageReader<MeetingInput>,
    session: Option<Res<Session>>,
    (mut addressee, mut focus): (ResMut<Addressee>, ResMut<FocusReplies>),
    mut propose: MessageWriter<Propose>,
    mut start: MessageWriter<StartMeeting>,
) {
    let Some(s) = session else {
        input.clear();
        return;
    };
    let m = &s.meeting;
    for i in input.read() {
        match *i {
            MeetingInput::NextTarget(step) => {
                let n = targets(m).len() as i32;
                addressee.0 = (addressee.0 as i32 + step).rem_euclid(n) as usize;
            }
            MeetingInput::Choose(n) => {
                let target = targets(m).get(addressee.0).cloned().unwrap_or(Target::Room);
                if let Some(o) = options(m, &target).get(n) {
                    propose.write(Propose(o.mv.clone()));
                }
            }
            MeetingInput::Respond => {
                if let Some(mv) = response_to_open_moment(m) {
                    propose.write(Propose(mv));
                } else if m.open_moments().next().is_some() {
                    focus.0 = true;
                }
            }
            MeetingInput::TryAgainFrom(index) => {
                start.write(StartMeeting {
                    scenario: m.scenario().id.clone(),
                    seed: m.seed(),
                    replay: m
                        .played()
                        .iter()
                        .take(index)
                        .map(|p| p.mv.clone())
                        .collect(),
                });
            }
        }
    }
}
