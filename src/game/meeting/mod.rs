//! The meeting: the screen where the player facilitates, and the report
//! after it. This plugin feeds the engine the player's moves and draws what
//! comes out; it knows nothing of records or workshops. Features built on
//! it listen to its messages and fill its extension points:
//!
//! - in: [`StartMeeting`], [`Propose`] (the player wants a move),
//!   [`PlayMove`] (play this move now);
//! - out: [`MeetingStarted`], [`MovePlayed`], [`MeetingEnded`];
//! - extension points: [`DecidedElsewhere`] (proposals are decided by
//!   another feature, a workshop's vote), [`ChoiceBadges`] (a note beside a
//!   choice, such as its votes), [`Banner`] (lines under the phase bar),
//!   and the report's [`ReportBar`] and [`ReportSections`].

pub mod bigscreen;
mod input;
mod moments;
mod own_words;
mod panels;
pub mod report;
pub mod room;
mod session;
mod transcript;
pub mod view;

pub use input::{
    Addressee, FocusReplies, MeetingInput, Opt, options, response_to_open_moment, targets,
};
pub use panels::choices;
pub use session::{CoachNote, Session};

use super::AppSystems;
use super::kept::KeptProgress;
use super::library::Scenarios;
use super::screens::{MeetingMode, Screen};
use crate::engine::{Event, Move};
use crate::scenario::ScenarioId;
use bevy::prelude::*;
use std::collections::HashMap;

/// Start (or restart) a meeting, replaying these moves first ("try again
/// from here"). With no moves to replay the player sees the brief first.
#[derive(Message, Clone, Debug)]
pub struct StartMeeting {
    pub scenario: ScenarioId,
    pub seed: u64,
    pub replay: Vec<Move>,
}

/// The player wants this move: from a button, a key, or their own words.
#[derive(Message, Clone, Debug, PartialEq)]
pub struct Propose(pub Move);

/// Play this move now. The meeting plays its own proposals this way unless
/// another feature decides them ([`DecidedElsewhere`]).
#[derive(Message, Clone, Debug, PartialEq)]
pub struct PlayMove(pub Move);

/// A meeting has started: `replayed` moves were played on the way in.
#[derive(Message, Clone, Copy, Debug)]
pub struct MeetingStarted {
    pub replayed: usize,
}

/// A move was played; the session holds its events.
#[derive(Message, Clone, Copy, Debug)]
pub struct MovePlayed {
    pub index: usize,
}

/// The meeting is over (ended by the player or the clock).
#[derive(Message, Clone, Copy, Debug)]
pub struct MeetingEnded;

/// Present while another feature decides what is played: proposals then
/// go to it (a workshop's vote), and it sends [`PlayMove`].
#[derive(Resource, Debug, Default)]
pub struct DecidedElsewhere;

/// A short note shown beside a move on offer ("3 votes").
#[derive(Resource, Debug, Default)]
pub struct ChoiceBadges(pub HashMap<Move, String>);

/// Lines shown under the phase bar ("In the seat: Ana · next: Ben").
#[derive(Resource, Debug, Default)]
pub struct Banner(pub Vec<String>);

/// How a line on the report is meant: good news, a warning, plain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Good,
    Warn,
    Poor,
}

/// Buttons and notes at the foot of the report, from other features
/// ("Save record", "Saved for your class: ...").
#[derive(Resource, Debug, Default)]
pub struct ReportBar {
    pub buttons: Vec<ReportButton>,
    pub notes: Vec<(String, Tone)>,
}

#[derive(Clone, Debug)]
pub struct ReportButton {
    pub id: &'static str,
    pub label: String,
    pub hover: String,
}

/// A report button was pressed; its feature acts on it.
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportButtonPressed(pub &'static str);

/// A section of the report another feature adds: a heading, a table
/// (first row: the column names) and notes.
#[derive(Clone, Debug, Default)]
pub struct ReportSection {
    pub title: String,
    pub table: Vec<Vec<String>>,
    pub notes: Vec<(String, Tone)>,
}

#[derive(Resource, Debug, Default)]
pub struct ReportSections(pub Vec<ReportSection>);

pub(super) fn plugin(app: &mut App) {
    app.add_message::<StartMeeting>()
        .add_message::<Propose>()
        .add_message::<PlayMove>()
        .add_message::<MeetingStarted>()
        .add_message::<MovePlayed>()
        .add_message::<MeetingEnded>()
        .add_message::<ReportButtonPressed>()
        .init_resource::<ChoiceBadges>()
        .init_resource::<Banner>()
        .init_resource::<ReportBar>()
        .init_resource::<ReportSections>()
        .add_plugins((input::plugin, view::plugin))
        .add_systems(
            Update,
            (
                // After every Act system, so a pick or "try again" made
                // this frame starts its meeting this frame.
                start.in_set(AppSystems::Decide),
                decide
                    .in_set(AppSystems::Decide)
                    .run_if(not(resource_exists::<DecidedElsewhere>)),
                play.in_set(AppSystems::Play),
                count_progress.in_set(AppSystems::React),
            ),
        )
        .add_systems(
            bevy_egui::EguiPrimaryContextPass,
            (
                panels::meeting_screen
                    .run_if(in_state(Screen::Meeting).and_then(resource_exists::<Session>)),
                report::report_screen
                    .run_if(in_state(Screen::Report).and_then(resource_exists::<Session>)),
                no_meeting_yet.run_if(
                    in_state(Screen::Brief)
                        .or_else(in_state(Screen::Meeting))
                        .or_else(in_state(Screen::Report))
                        .and_then(not(resource_exists::<Session>)),
                ),
            )
                .in_set(super::UiSystems::Screens),
        );
}

/// The room drawn in 2D with Bevy (needs a renderer; headless tests leave
/// it out).
pub fn draw_plugin(app: &mut App) {
    app.add_plugins(room::plugin);
}

/// Builds the session for a new meeting, replaying moves first.
fn start(
    mut starts: MessageReader<StartMeeting>,
    scenarios: Res<Scenarios>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
    mut addressee: ResMut<Addressee>,
    mut started: MessageWriter<MeetingStarted>,
) {
    let Some(start) = starts.read().last() else {
        return;
    };
    let Some(scenario) = scenarios.find(&start.scenario) else {
        warn!("no playable scenario \"{}\"", start.scenario);
        return;
    };
    let mut session = match Session::new(scenario, start.seed) {
        Ok(s) => s,
        Err(e) => {
            warn!("{e}");
            return;
        }
    };
    let mut replayed = 0;
    for mv in &start.replay {
        if session.play(mv) {
            replayed += 1;
        }
    }
    addressee.0 = 0;
    commands.insert_resource(session);
    started.write(MeetingStarted { replayed });
    next.set(if start.replay.is_empty() {
        Screen::Brief
    } else {
        Screen::Meeting
    });
}

/// With nothing else deciding, what the player proposes is played.
fn decide(mut proposals: MessageReader<Propose>, mut play: MessageWriter<PlayMove>) {
    for p in proposals.read() {
        play.write(PlayMove(p.0.clone()));
    }
}

/// Plays moves on the session; a meeting that ends goes to the report.
fn play(
    mut moves: MessageReader<PlayMove>,
    session: Option<ResMut<Session>>,
    mode: Option<Res<State<MeetingMode>>>,
    mut next: ResMut<NextState<Screen>>,
    mut played: MessageWriter<MovePlayed>,
    mut ended: MessageWriter<MeetingEnded>,
) {
    // Moves sent while paused, discussing or handing over are dropped, not
    // kept for later: messages can outlive a frame, and a move that waited
    // out a pause would be played behind the player's back.
    let playing = mode.is_some_and(|m| *m.get() == MeetingMode::Playing);
    let (Some(mut s), true) = (session, playing) else {
        moves.clear();
        return;
    };
    for PlayMove(mv) in moves.read() {
        if s.meeting.is_over() {
            break;
        }
        if s.play(mv) {
            played.write(MovePlayed {
                index: s.meeting.played().len() - 1,
            });
            if s.last
                .iter()
                .any(|e| matches!(e, Event::MeetingEnded { .. }))
            {
                ended.write(MeetingEnded);
                next.set(Screen::Report);
            }
        }
    }
}

/// A finished meeting counts in the player's progress, once.
fn count_progress(
    mut ended: MessageReader<MeetingEnded>,
    session: Option<Res<Session>>,
    mut kept: ResMut<KeptProgress>,
) {
    if ended.read().last().is_none() {
        return;
    }
    if let Some(s) = session {
        kept.count(s.meeting.scenario().id.as_str(), s.meeting.score().total);
    }
}

/// The brief, the meeting and the report are about a meeting; without one
/// (nothing chosen yet) they send the player to the picker.
fn no_meeting_yet(mut next: ResMut<NextState<Screen>>) {
    next.set(Screen::Picker);
}
