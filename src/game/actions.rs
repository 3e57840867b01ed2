//! What the player can do, from any input: buttons and keys both become an
//! `Action`, and one system carries actions out. Keys: 1–9 pick a choice,
//! ←/→ change whom you address, N next entry, P next phase, Z zoom,
//! R respond to the open moment, Esc pause, Backspace back.
//! In a workshop vote, 1–9 cast a vote, Enter plays the room's choice and
//! Backspace takes back a vote; Enter or Space ends a pause. In the replay
//! viewer, ←/→ step, Home and End jump, Esc leaves.

use super::AppSystems;
use super::group::{Group, Replaying};
use super::screens::{Paused, Screen};
use super::session::{Session, StartMeeting};
use crate::engine::{Meeting, Move};
use crate::scenario::{ChoiceKind, MomentKind, Target};
use bevy::prelude::*;

#[derive(Message, Clone, Debug, PartialEq)]
pub enum Action {
    Open(Screen),
    Back,
    /// Start a meeting on a loaded scenario (by id).
    Start {
        scenario: String,
        seed: u64,
    },
    Play(Move),
    /// Pick the n-th (from 0) choice addressed to the selected target.
    Choose(usize),
    /// Change whom the choice list addresses.
    NextTarget(i32),
    /// Answer the most urgent open moment with its matching move.
    Respond,
    /// Replay the meeting up to this move and continue from there.
    TryAgainFrom(usize),
    TogglePause,
    Quit,
    /// Workshop: play the move the room voted for.
    PlayVote,
    /// Workshop: take back the last vote cast.
    UndoVote,
    /// Workshop: the group has talked; go on.
    Continue,
    /// Save the finished meeting's record.
    SaveRecord,
    /// Watch a record move by move.
    Watch(Box<crate::record::Record>),
    /// In the replay viewer: this many moves on (or back).
    Step(i32),
    /// In the replay viewer: show the first n moves.
    StepTo(usize),
    /// Leave the replay viewer.
    StopWatching,
}

/// One move on offer, as the meeting screen lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Opt {
    pub mv: Move,
    pub label: String,
    pub trap_hint: bool,
}

/// The groups of choices by whom they address: the room first, then each
/// person at the table in seating order, then the pre-meeting talks.
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

/// The authored choices that can be made now, put to `target`.
pub fn options(meeting: &Meeting, target: &Target) -> Vec<Opt> {
    meeting
        .scenario()
        .choices
        .iter()
        .filter(|c| &c.target == target && meeting.check(&Move::Ask(c.id.clone())).is_ok())
        .map(|c| Opt {
            mv: Move::Ask(c.id.clone()),
            label: c.text.clone(),
            trap_hint: c.kind.is_trap() && c.kind != ChoiceKind::Closed,
        })
        .collect()
}

/// The move that meets the most urgent open moment, if one is open.
pub fn response_to_open_moment(meeting: &Meeting) -> Option<Move> {
    let (m, _) = meeting.open_moments().min_by_key(|(_, by)| *by)?;
    Some(match m.kind {
        MomentKind::SelfBlame => Move::Reassure(m.who.clone()),
        MomentKind::Blame => Move::Redirect,
        MomentKind::Hindsight => Move::NameHindsight,
        MomentKind::Tangent => Move::Pin,
        MomentKind::PrematureFix => Move::Park,
        MomentKind::Jargon => Move::Clarify,
        MomentKind::Dominating => Move::Curb(m.who.clone()),
    })
}

/// Which addressee the choice list shows.
#[derive(Resource, Default, Debug)]
pub struct Addressee(pub usize);

pub(super) fn plugin(app: &mut App) {
    app.add_message::<Action>()
        .init_resource::<Addressee>()
        .add_systems(
            Update,
            (
                keyboard.in_set(AppSystems::Input),
                carry_out.in_set(AppSystems::Act),
            ),
        );
}

const DIGITS: [KeyCode; 9] = [
    KeyCode::Digit1,
    KeyCode::Digit2,
    KeyCode::Digit3,
    KeyCode::Digit4,
    KeyCode::Digit5,
    KeyCode::Digit6,
    KeyCode::Digit7,
    KeyCode::Digit8,
    KeyCode::Digit9,
];

fn keyboard(
    keys: Option<Res<ButtonInput<KeyCode>>>,
    screen: Res<State<Screen>>,
    paused: Res<Paused>,
    typing: Option<Res<super::ui::Typing>>,
    group: Option<Res<Group>>,
    replaying: Option<Res<Replaying>>,
    mut actions: MessageWriter<Action>,
) {
    let Some(keys) = keys else { return };
    if typing.is_some_and(|t| t.0) {
        return;
    }
    let in_meeting = *screen.get() == Screen::Meeting && !paused.0;
    if in_meeting && replaying.is_some() {
        for (key, action) in [
            (KeyCode::ArrowRight, Action::Step(1)),
            (KeyCode::ArrowLeft, Action::Step(-1)),
            (KeyCode::Home, Action::StepTo(0)),
            (KeyCode::End, Action::StepTo(usize::MAX)),
            (KeyCode::Escape, Action::StopWatching),
        ] {
            if keys.just_pressed(key) {
                actions.write(action);
            }
        }
        return;
    }
    if in_meeting && let Some(g) = group {
        if !g.0.pending.is_empty() {
            if keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter, KeyCode::Space]) {
                actions.write(Action::Continue);
            }
            if keys.just_pressed(KeyCode::Escape) {
                actions.write(Action::TogglePause);
            }
            return;
        }
        if g.0.plan.vote {
            if keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter]) {
                actions.write(Action::PlayVote);
            }
            if keys.just_pressed(KeyCode::Backspace) {
                actions.write(Action::UndoVote);
            }
        }
    }
    if keys.just_pressed(KeyCode::Escape) {
        actions.write(if *screen.get() == Screen::Meeting {
            Action::TogglePause
        } else {
            Action::Back
        });
        return;
    }
    if *screen.get() != Screen::Meeting || paused.0 {
        if keys.just_pressed(KeyCode::Backspace) {
            actions.write(Action::Back);
        }
        return;
    }
    for (i, key) in DIGITS.iter().enumerate() {
        if keys.just_pressed(*key) {
            actions.write(Action::Choose(i));
        }
    }
    let simple = [
        (KeyCode::ArrowRight, Action::NextTarget(1)),
        (KeyCode::ArrowLeft, Action::NextTarget(-1)),
        (KeyCode::KeyN, Action::Play(Move::NextEntry)),
        (KeyCode::KeyP, Action::Play(Move::NextPhase)),
        (KeyCode::KeyZ, Action::Play(Move::Zoom)),
        (KeyCode::KeyR, Action::Respond),
    ];
    for (key, action) in simple {
        if keys.just_pressed(key) {
            actions.write(action);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn carry_out(
    mut actions: MessageReader<Action>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut paused: ResMut<Paused>,
    mut addressee: ResMut<Addressee>,
    mut session: Option<ResMut<Session>>,
    mut group: Option<ResMut<Group>>,
    replaying: Option<Res<Replaying>>,
    mut start: MessageWriter<StartMeeting>,
    mut exit: MessageWriter<AppExit>,
) {
    for action in actions.read() {
        match action {
            Action::Open(s) => next.set(*s),
            Action::Back => next.set(screen.get().back()),
            Action::Quit => {
                exit.write(AppExit::Success);
            }
            Action::TogglePause => paused.0 = !paused.0,
            Action::Start { scenario, seed } => {
                start.write(StartMeeting {
                    scenario: scenario.clone(),
                    seed: *seed,
                    replay: Vec::new(),
                });
            }
            Action::TryAgainFrom(index) => {
                if let Some(s) = &session {
                    let replay = s
                        .meeting
                        .played()
                        .iter()
                        .take(*index)
                        .map(|p| p.mv.clone())
                        .collect();
                    start.write(StartMeeting {
                        scenario: s.meeting.scenario().id.clone(),
                        seed: s.meeting.seed(),
                        replay,
                    });
                }
            }
            Action::NextTarget(step) => {
                if let Some(s) = &session {
                    let n = targets(&s.meeting).len() as i32;
                    addressee.0 = (addressee.0 as i32 + step).rem_euclid(n) as usize;
                }
            }
            Action::Choose(_) | Action::Respond | Action::Play(_) | Action::PlayVote => {
                let Some(s) = session.as_deref_mut() else {
                    continue;
                };
                let waiting = group.as_ref().is_some_and(|g| !g.0.pending.is_empty());
                if paused.0 || *screen.get() != Screen::Meeting || replaying.is_some() || waiting {
                    continue;
                }
                let mv = match action {
                    Action::Choose(i) => {
                        let target = targets(&s.meeting)
                            .get(addressee.0)
                            .cloned()
                            .unwrap_or(Target::Room);
                        options(&s.meeting, &target).get(*i).map(|o| o.mv.clone())
                    }
                    Action::Respond => response_to_open_moment(&s.meeting),
                    Action::Play(mv) => Some(mv.clone()),
                    Action::PlayVote => match group.as_ref().map(|g| g.0.ballot.outcome()) {
                        Some(crate::workshop::Outcome::Majority(mv)) => Some(mv),
                        _ => None,
                    },
                    _ => None,
                };
                let Some(mv) = mv else { continue };
                if let (Action::Choose(_), Some(g)) = (action, group.as_deref_mut())
                    && g.0.plan.vote
                {
                    g.0.ballot.add(&mv);
                    continue;
                }
                if s.play(&mv)
                    && let Some(g) = group.as_deref_mut()
                {
                    g.0.played(&s.meeting, &mv, &s.last);
                }
            }
            Action::UndoVote => {
                if let Some(g) = group.as_deref_mut() {
                    g.0.ballot.undo();
                }
            }
            Action::Continue => {
                if let Some(g) = group.as_deref_mut() {
                    g.0.pending.pop_front();
                }
            }
            // The record and the replay viewer: see `group.rs`.
            Action::SaveRecord
            | Action::Watch(_)
            | Action::Step(_)
            | Action::StepTo(_)
            | Action::StopWatching => {}
        }
    }
}
