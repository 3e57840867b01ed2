//! Workshops: a room playing together around a projector. The hot seat
//! passes between facilitators (a banner says who has it), the room votes
//! on each question (the meeting's proposals become votes, and Enter plays
//! the majority), and the meeting pauses to discuss the principle at stake
//! (`MeetingMode::Discussing`) and to hand over the seat
//! (`MeetingMode::HandingOver`). The engine side is `crate::workshop`; this
//! plugin listens to the meeting and fills its extension points, and
//! credits seats and votes in the record (`records::Credits`).

pub mod phones;
mod ui;

use crate::engine::Move;
use crate::game::input::keys_free;
use crate::game::meeting::{
    Banner, ChoiceBadges, DecidedElsewhere, MeetingStarted, MovePlayed, PlayMove, Propose,
    ReportSection, ReportSections, Session, Tone,
};
use crate::game::records::Credits;
use crate::game::screens::{MeetingMode, Screen};
use crate::game::theme::Projector;
use crate::game::{AppSystems, UiSystems};
use crate::workshop::{BallotOutcome, Pause, Plan, Workshop};
use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;

/// A workshop in progress: the engine-side [`Workshop`] for the current
/// meeting. Present only in workshop mode.
#[derive(Resource, Debug)]
pub struct Group(pub Workshop);

impl Group {
    pub fn new(plan: Plan) -> Self {
        Group(Workshop::new(plan))
    }
}

/// What the room asks of the workshop: play the vote, take one back, go on
/// after a pause.
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupAction {
    PlayVote,
    UndoVote,
    Continue,
}

/// Adds the workshop to a game started with a plan.
pub fn plugin(plan: Plan) -> impl Fn(&mut App) {
    move |app: &mut App| {
        app.insert_resource(Group::new(plan.clone()))
            .insert_resource(Projector(true))
            .add_message::<GroupAction>()
            .add_systems(
                Update,
                (
                    keys.in_set(AppSystems::Input)
                        .run_if(in_state(Screen::Meeting).and_then(keys_free)),
                    (restart, act, vote).in_set(AppSystems::Act),
                    played.in_set(AppSystems::React),
                    (show, pause_mode).in_set(AppSystems::React).after(played),
                ),
            )
            .add_systems(OnEnter(Screen::Report), report)
            .add_systems(
                EguiPrimaryContextPass,
                (
                    ui::tally.run_if(
                        in_state(MeetingMode::Playing)
                            .and_then(resource_exists::<DecidedElsewhere>),
                    ),
                    ui::pause_window.run_if(
                        in_state(MeetingMode::Discussing)
                            .or_else(in_state(MeetingMode::HandingOver)),
                    ),
                )
                    .in_set(UiSystems::Overlays),
            );
        if plan.vote {
            app.insert_resource(DecidedElsewhere);
        }
    }
}

fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    mode: Res<State<MeetingMode>>,
    group: Res<Group>,
    mut actions: MessageWriter<GroupAction>,
) {
    match mode.get() {
        MeetingMode::Discussing | MeetingMode::HandingOver
            if keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter, KeyCode::Space]) =>
        {
            actions.write(GroupAction::Continue);
        }
        MeetingMode::Playing if group.0.plan.vote => {
            if keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter]) {
                actions.write(GroupAction::PlayVote);
            }
            if keys.just_pressed(KeyCode::Backspace) {
                actions.write(GroupAction::UndoVote);
            }
        }
        _ => {}
    }
}

/// A new meeting (or "try again from here"): a fresh workshop, with the
/// moves replayed on the way in credited but not paused on.
fn restart(
    mut started: MessageReader<MeetingStarted>,
    session: Option<Res<Session>>,
    mut group: ResMut<Group>,
) {
    if started.read().last().is_none() {
        return;
    }
    group.0 = match session {
        Some(s) => Workshop::seat_moves(&s.meeting, group.0.plan.clone()),
        None => Workshop::new(group.0.plan.clone()),
    };
    group.0.pending.clear();
}

/// In a vote, what the room proposes is a vote, not a move.
fn vote(
    mut proposals: MessageReader<Propose>,
    mut group: ResMut<Group>,
    mut play: MessageWriter<PlayMove>,
) {
    for Propose(mv) in proposals.read() {
        if !group.0.plan.vote {
            continue;
        }
        // Moving along the meeting is the operator's, not the room's.
        if matches!(mv, Move::NextEntry | Move::NextPhase | Move::End) {
            play.write(PlayMove(mv.clone()));
        } else {
            group.0.ballot.add(mv);
        }
    }
}

fn act(
    mut actions: MessageReader<GroupAction>,
    mut group: ResMut<Group>,
    mut play: MessageWriter<PlayMove>,
) {
    for a in actions.read() {
        match a {
            GroupAction::PlayVote => {
                if let BallotOutcome::Majority(mv) = group.0.ballot.outcome() {
                    play.write(PlayMove(mv));
                }
            }
            GroupAction::UndoVote => group.0.ballot.undo(),
            GroupAction::Continue => {
                group.0.pending.pop_front();
            }
        }
    }
}

/// Credits each move to the seat and the vote, and queues pauses.
fn played(
    mut moves: MessageReader<MovePlayed>,
    session: Option<Res<Session>>,
    mut group: ResMut<Group>,
    mut credits: ResMut<Credits>,
) {
    let Some(s) = session else {
        moves.clear();
        return;
    };
    for p in moves.read() {
        if let Some(mv) = s.meeting.played().get(p.index).map(|x| x.mv.clone()) {
            group.0.played(&s.meeting, &mv, &s.last);
        }
    }
    let record = group.0.record(&s.meeting, Vec::new());
    credits.players = group
        .0
        .plan
        .hot_seat()
        .then(|| group.0.plan.facilitators.clone());
    credits.moves = record
        .moves
        .into_iter()
        .map(|m| (m.player, m.vote))
        .collect();
    credits.participants = record.participants;
}

/// The hot seat in the banner, and the votes beside each choice.
fn show(group: Res<Group>, mut banner: ResMut<Banner>, mut badges: ResMut<ChoiceBadges>) {
    if !group.is_changed() {
        return;
    }
    banner.0.clear();
    if let (Some(now), Some(next)) = (group.0.facilitator(), group.0.next_facilitator()) {
        banner.0.push(format!(
            "In the seat: {now} · next: {next}, {}",
            group.0.plan.turn
        ));
    }
    badges.0 = group
        .0
        .ballot
        .tally()
        .iter()
        .map(|(mv, n)| {
            (
                mv.clone(),
                format!("{n} vote{}", if *n == 1 { "" } else { "s" }),
            )
        })
        .collect();
}

/// The meeting waits while a pause is up.
fn pause_mode(
    group: Res<Group>,
    mode: Option<Res<State<MeetingMode>>>,
    mut next: ResMut<NextState<MeetingMode>>,
) {
    let Some(mode) = mode else { return };
    let want = match group.0.pending.front() {
        Some(Pause::Discuss(_)) => MeetingMode::Discussing,
        Some(Pause::Handover { .. }) => MeetingMode::HandingOver,
        None if matches!(
            mode.get(),
            MeetingMode::Discussing | MeetingMode::HandingOver
        ) =>
        {
            MeetingMode::Playing
        }
        None => return,
    };
    if *mode.get() != want && *mode.get() != MeetingMode::Paused {
        next.set(want);
    }
}

/// The report's section on the group: credits per facilitator and how
/// aligned the room's votes were.
fn report(
    session: Option<Res<Session>>,
    credits: Res<Credits>,
    mut sections: ResMut<ReportSections>,
) {
    sections.0.clear();
    let Some(s) = session else { return };
    let record = crate::game::records::record_of(&s, &credits, "");
    let seated = record.moves.iter().any(|r| r.player.is_some());
    let alignment = crate::workshop::alignment(&record.moves);
    if !seated && alignment.is_none() {
        return;
    }
    let mut section = ReportSection {
        title: "The group".into(),
        ..default()
    };
    if seated {
        section.table.push(
            [
                "Facilitator",
                "Moves",
                "Good",
                "Poor",
                "Facts",
                "Room safety",
            ]
            .map(String::from)
            .to_vec(),
        );
        for c in crate::workshop::credits(&record.players, &record.moves, &s.meeting) {
            section.table.push(vec![
                c.name,
                c.moves.to_string(),
                format!("✔ {}", c.good),
                format!("✖ {}", c.poor),
                c.facts.to_string(),
                format!("{:+}", c.safety),
            ]);
        }
    }
    if let Some(a) = alignment {
        section.notes.push((
            format!(
                "The room voted on {} {}; on average {:.0}% stood behind the move played.",
                a.votes,
                if a.votes == 1 { "move" } else { "moves" },
                a.mean * 100.0
            ),
            Tone::Plain,
        ));
        for (i, share) in a.split.iter().take(5) {
            let rec = &record.moves[*i];
            section.notes.push((
                format!(
                    "Split vote at move {}: {:.0}% for “{}”",
                    i + 1,
                    share * 100.0,
                    rec.mv.label(s.meeting.scenario())
                ),
                Tone::Warn,
            ));
        }
    }
    sections.0.push(section);
}
