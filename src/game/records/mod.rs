//! Records of meetings for a class: saved when the player asks (the
//! report's "Save record") or, in class mode, as soon as a meeting ends,
//! never lost (a class folder that cannot be written falls back to the
//! player's own records folder, and the report says where); the newest
//! saved meetings listed on the title screen; and the replay viewer
//! (`viewer.rs`). This feature listens to the meeting; the meeting knows
//! nothing of it.

mod viewer;

pub use viewer::{Replaying, WatchRecord};

use crate::game::kept::KeptSettings;
use crate::game::meeting::{
    MeetingEnded, MeetingStarted, ReportBar, ReportButton, ReportButtonPressed, Session, Tone,
};
use crate::game::screens::{Notice, Screen};
use crate::game::{AppSystems, Options};
use crate::record::{Listed, Record};
use bevy::prelude::*;
use std::path::{Path, PathBuf};

/// Where records go, and what became of the last one saved.
#[derive(Resource, Debug, Default)]
pub struct Keeping {
    /// Class mode: every finished meeting is saved here.
    pub class: Option<PathBuf>,
    /// The player's own records folder: where "Save record" writes outside
    /// class mode, and where a class record goes when the class folder
    /// cannot be written.
    pub dir: Option<PathBuf>,
    /// The last save: where it went (and why not where it was meant to),
    /// or why it failed.
    pub saved: Option<Result<crate::record::Saved, String>>,
    /// The web game: how sending the last record to the class server went.
    pub sent: Option<Delivery>,
}

/// A record on its way to the class server (the web game).
#[derive(Debug, Clone, PartialEq)]
pub enum Delivery {
    Sending,
    /// The server checked and kept it.
    Sent,
    /// The server refused it, with its reason.
    Refused(String),
    /// Not delivered (why): it stays in the browser and is sent again when
    /// the game next starts.
    Kept(String),
}

impl Keeping {
    pub fn folder(&self) -> Option<&Path> {
        self.class.as_deref().or(self.dir.as_deref())
    }
}

/// Who a record credits, for features that share the seat (a workshop's
/// hot seat and votes fill it as moves are played).
#[derive(Resource, Debug, Default)]
pub struct Credits {
    /// Everyone who facilitated, when it is not the player alone.
    pub players: Option<Vec<String>>,
    /// For each move: who was in the seat (an index into `players`) and how
    /// the room voted.
    pub moves: Vec<(Option<usize>, Option<crate::record::Vote>)>,
    /// A workshop room's people: their votes and the lines they wrote.
    pub participants: Vec<crate::record::Participant>,
}

/// The newest saved records, for the title screen's "watch a saved
/// meeting" list.
#[derive(Resource, Debug, Default)]
pub struct SavedRecords(pub Vec<Listed>);

/// How many saved records the title screen offers.
const SAVED_SHOWN: usize = 6;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Keeping>()
        .init_resource::<Credits>()
        .init_resource::<SavedRecords>()
        .add_plugins(viewer::plugin)
        .add_systems(OnEnter(Screen::Title), list_saved)
        .add_systems(OnExit(Screen::Report), |mut k: ResMut<Keeping>| {
            k.saved = None;
            k.sent = None;
        })
        .add_systems(
            Update,
            (
                open_replay_file.run_if(resource_exists::<Options>),
                fresh_credits.in_set(AppSystems::React),
                keep_in_class.in_set(AppSystems::React),
                on_report_button.in_set(AppSystems::Act),
                report_bar.run_if(in_state(Screen::Report)),
            ),
        );
}

/// The record of the meeting in `session`, crediting whoever `credits`
/// names, or the player.
pub fn record_of(session: &Session, credits: &Credits, name: &str) -> Record {
    let players = credits.players.clone().unwrap_or_else(|| {
        let name = name.trim();
        if name.is_empty() {
            Vec::new()
        } else {
            vec![name.to_owned()]
        }
    });
    let mut record = Record::of(&session.meeting, players);
    for (m, (seat, vote)) in record.moves.iter_mut().zip(&credits.moves) {
        m.player = *seat;
        m.vote = vote.clone();
    }
    record.participants = credits.participants.clone();
    record
}

fn list_saved(keeping: Res<Keeping>, mut saved: ResMut<SavedRecords>) {
    saved.0 = keeping
        .folder()
        .map(|dir| crate::record::newest(dir, SAVED_SHOWN))
        .unwrap_or_default();
}

/// A new meeting starts with no credits but the player's.
fn fresh_credits(mut started: MessageReader<MeetingStarted>, mut credits: ResMut<Credits>) {
    if started.read().last().is_some() {
        credits.moves.clear();
        credits.participants.clear();
    }
}

/// `--replay FILE`: opens the record in the viewer once scenarios are in.
fn open_replay_file(
    options: Res<Options>,
    scenarios: Res<crate::game::library::Scenarios>,
    mut done: Local<bool>,
    mut notice: ResMut<Notice>,
    mut watch: MessageWriter<WatchRecord>,
) {
    let Some(path) = options.replay.as_ref().filter(|_| !*done) else {
        return;
    };
    if scenarios.0.is_empty() {
        return;
    }
    *done = true;
    match Record::load(path) {
        Ok(record) => {
            watch.write(WatchRecord(Box::new(record)));
        }
        Err(e) => {
            let message = format!("Cannot open {}: {e}", path.display());
            error!("{message}");
            notice.0 = Some(message);
        }
    }
}

/// Class mode: a finished meeting is saved as soon as it ends.
fn keep_in_class(
    mut ended: MessageReader<MeetingEnded>,
    session: Option<Res<Session>>,
    credits: Res<Credits>,
    kept: Res<KeptSettings>,
    mut keeping: ResMut<Keeping>,
) {
    if ended.read().last().is_none() {
        return;
    }
    let (Some(session), Some(dir)) = (session, keeping.class.clone()) else {
        return;
    };
    let record = record_of(&session, &credits, &kept.value.name);
    let saved = crate::record::keep(&record, &dir, keeping.dir.as_deref());
    match &saved {
        Ok(s) if s.instead.is_some() => warn!("{}", s.message()),
        Err(e) => error!("{e}"),
        Ok(_) => {}
    }
    keeping.saved = Some(saved);
}

const SAVE: &str = "save-record";
const WATCH: &str = "watch-replay";

/// The report's buttons for records, and where the last save went.
fn report_bar(keeping: Res<Keeping>, mut bar: ResMut<ReportBar>) {
    let mut buttons = vec![ReportButton {
        id: WATCH,
        label: "Watch the replay".into(),
        hover: "Step through this meeting move by move".into(),
    }];
    let mut notes = Vec::new();
    match &keeping.saved {
        Some(Ok(s)) => {
            let what = if keeping.class.is_some() && s.instead.is_none() {
                format!("Saved for your class: {}", s.path.display())
            } else {
                s.message()
            };
            let tone = if s.instead.is_some() {
                Tone::Warn
            } else {
                Tone::Good
            };
            notes.push((what, tone));
        }
        Some(Err(e)) => notes.push((e.clone(), Tone::Poor)),
        None if keeping.folder().is_some() => buttons.push(ReportButton {
            id: SAVE,
            label: "Save record".into(),
            hover: "A file your teacher can replay and sum up".into(),
        }),
        None => {}
    }
    match &keeping.sent {
        Some(Delivery::Sending) => notes.push(("Sending the record to your class…".into(), Tone::Warn)),
        Some(Delivery::Sent) => notes.push((
            "Sent to your class: your teacher has this meeting.".into(),
            Tone::Good,
        )),
        Some(Delivery::Refused(why)) => notes.push((
            format!("The class server refused the record: {why}"),
            Tone::Poor,
        )),
        Some(Delivery::Kept(why)) => notes.push((
            format!("Not sent ({why}); it stays in this browser and is sent the next time the game opens."),
            Tone::Warn,
        )),
        None => {}
    }
    bar.buttons = buttons;
    bar.notes = notes;
}

fn on_report_button(
    mut pressed: MessageReader<ReportButtonPressed>,
    session: Option<Res<Session>>,
    credits: Res<Credits>,
    kept: Res<KeptSettings>,
    mut keeping: ResMut<Keeping>,
    mut watch: MessageWriter<WatchRecord>,
) {
    for ReportButtonPressed(id) in pressed.read() {
        let Some(session) = session.as_deref() else {
            continue;
        };
        let record = record_of(session, &credits, &kept.value.name);
        match *id {
            SAVE => {
                keeping.saved = Some(match keeping.folder() {
                    Some(dir) => crate::record::keep(&record, dir, keeping.dir.as_deref()),
                    None => Err("there is no folder to save records in".into()),
                });
            }
            WATCH => {
                watch.write(WatchRecord(Box::new(record)));
            }
            _ => {}
        }
    }
}
