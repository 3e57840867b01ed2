//! Playing for a class or a workshop: the record of every meeting (saved
//! on request, or always in class mode), the replay viewer that steps
//! through a record, and a workshop's hot seat, votes and pauses.

use super::actions::Action;
use super::screens::Screen;
use super::session::{Scenarios, Session};
use super::settings::KeptSettings;
use crate::record::Record;
use crate::workshop::{Plan, Workshop};
use bevy::prelude::*;
use std::path::{Path, PathBuf};

/// A workshop in progress: the engine-side [`Workshop`] for the current
/// meeting. Present only in workshop mode.
#[derive(Resource, Debug)]
pub struct Group(pub Workshop);

impl Group {
    pub fn new(plan: Plan) -> Self {
        Group(Workshop::new(plan))
    }

    /// A fresh start for a new meeting under the same plan.
    pub fn restart(&mut self) {
        self.0 = Workshop::new(self.0.plan.clone());
    }
}

/// Where records go, and what became of the last one saved.
#[derive(Resource, Debug, Default)]
pub struct Keeping {
    /// Class mode: every finished meeting is saved here.
    pub class: Option<PathBuf>,
    /// Where "Save record" writes outside class mode.
    pub dir: Option<PathBuf>,
    /// The last save: the file, or why it failed.
    pub saved: Option<Result<PathBuf, String>>,
}

impl Keeping {
    pub fn folder(&self) -> Option<&Path> {
        self.class.as_deref().or(self.dir.as_deref())
    }
}

/// A record being watched, move by move.
#[derive(Resource, Debug)]
pub struct Replaying {
    pub record: Record,
    /// Moves shown so far.
    pub step: usize,
}

/// The record of the meeting in `session`, crediting workshop seats and
/// votes when there is a workshop.
pub fn record_of(session: &Session, group: Option<&Group>, name: &str) -> Record {
    let players: Vec<String> = if name.trim().is_empty() {
        Vec::new()
    } else {
        vec![name.trim().to_owned()]
    };
    match group {
        Some(g) => g.0.record(&session.meeting, players),
        None => Record::of(&session.meeting, players),
    }
}

/// `ana-lopez-zero-that-was-eight-20261123-093000.json`: who, what, when;
/// only letters, digits and '-', so it is safe on every file system.
pub fn file_name(record: &Record) -> String {
    let who = if record.players.is_empty() {
        "unnamed".to_owned()
    } else {
        record.players.join("-")
    };
    let slug: String = who
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let slug = slug
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let when: String = record
        .saved_at
        .as_deref()
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let when = if when.len() >= 14 {
        format!("{}-{}", &when[..8], &when[8..14])
    } else {
        when
    };
    format!("{slug}-{}-{when}.json", record.scenario)
}

/// Saves a record into `dir` under a fresh name (never over another).
pub fn save_into(dir: &Path, record: &Record) -> Result<PathBuf, String> {
    let name = file_name(record);
    let mut path = dir.join(&name);
    let mut n = 2;
    while path.exists() {
        path = dir.join(name.replace(".json", &format!("-{n}.json")));
        n += 1;
    }
    record
        .save(&path)
        .map(|()| path.clone())
        .map_err(|e| format!("could not save the record to {}: {e}", path.display()))
}

/// The newest records in the records folder, for the title screen's
/// "watch a saved meeting" list: each file with a line about it, or why it
/// cannot be read.
#[derive(Resource, Debug, Default)]
pub struct SavedRecords(pub Vec<(PathBuf, Result<Record, String>)>);

/// How many saved records the title screen offers.
const SAVED_SHOWN: usize = 6;

fn list_saved(keeping: Res<Keeping>, mut saved: ResMut<SavedRecords>) {
    saved.0.clear();
    let Some(dir) = keeping.folder() else { return };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let when = p
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            (when, p)
        })
        .collect();
    files.sort_by(|a, b| b.cmp(a));
    saved.0 = files
        .into_iter()
        .take(SAVED_SHOWN)
        .map(|(_, p)| {
            let record = Record::load(&p).map_err(|e| e.to_string());
            (p, record)
        })
        .collect();
}

/// A message for the player that is not about the current meeting: a
/// record that could not be opened.
#[derive(Resource, Debug, Default)]
pub struct Notice(pub Option<String>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Keeping>()
        .init_resource::<Notice>()
        .init_resource::<SavedRecords>()
        .add_systems(OnEnter(Screen::Title), list_saved)
        .add_systems(
            Update,
            (
                open_replay_file.run_if(resource_exists::<super::Options>),
                carry_out.in_set(super::AppSystems::Act),
            ),
        )
        .add_systems(OnEnter(Screen::Report), keep_in_class)
        .add_systems(OnExit(Screen::Report), |mut k: ResMut<Keeping>| {
            k.saved = None
        });
}

/// `--replay FILE`: opens the record in the viewer once scenarios are in.
fn open_replay_file(
    options: Res<super::Options>,
    scenarios: Res<Scenarios>,
    mut done: Local<bool>,
    mut notice: ResMut<Notice>,
    mut actions: MessageWriter<Action>,
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
            actions.write(Action::Watch(Box::new(record)));
        }
        Err(e) => {
            let message = format!("Cannot open {}: {e}", path.display());
            error!("{message}");
            notice.0 = Some(message);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn carry_out(
    mut actions: MessageReader<Action>,
    mut commands: Commands,
    scenarios: Res<Scenarios>,
    session: Option<Res<Session>>,
    group: Option<Res<Group>>,
    replaying: Option<ResMut<Replaying>>,
    kept: Res<KeptSettings>,
    mut keeping: ResMut<Keeping>,
    mut notice: ResMut<Notice>,
    mut next: ResMut<NextState<Screen>>,
) {
    let mut replaying = replaying;
    for action in actions.read() {
        match action {
            Action::SaveRecord => {
                if let Some(s) = session.as_deref().filter(|s| !s.replayed) {
                    save_now(s, group.as_deref(), &kept.value.name, &mut keeping);
                }
            }
            Action::Watch(record) => match replay_session(&scenarios, record, 0) {
                Ok(s) => {
                    commands.insert_resource(s);
                    commands.insert_resource(Replaying {
                        record: (**record).clone(),
                        step: 0,
                    });
                    notice.0 = None;
                    next.set(Screen::Meeting);
                }
                Err(e) => notice.0 = Some(format!("Cannot replay this record: {e}.")),
            },
            Action::Step(_) | Action::StepTo(_) => {
                let Some(r) = replaying.as_deref_mut() else {
                    continue;
                };
                let n = r.record.moves.len();
                let to = match action {
                    Action::Step(d) => (r.step as i64 + i64::from(*d)).clamp(0, n as i64) as usize,
                    Action::StepTo(k) => (*k).min(n),
                    _ => unreachable!(),
                };
                if to == r.step {
                    continue;
                }
                match replay_session(&scenarios, &r.record, to) {
                    Ok(s) => {
                        commands.insert_resource(s);
                        r.step = to;
                    }
                    Err(e) => notice.0 = Some(e),
                }
            }
            Action::StopWatching if replaying.take().is_some() => {
                commands.remove_resource::<Replaying>();
                commands.remove_resource::<Session>();
                next.set(Screen::Title);
            }
            _ => {}
        }
    }
}

/// Class mode: a finished meeting is saved as soon as its report shows.
fn keep_in_class(
    session: Option<Res<Session>>,
    group: Option<Res<Group>>,
    kept: Res<KeptSettings>,
    mut keeping: ResMut<Keeping>,
) {
    let (Some(session), Some(dir)) = (session, keeping.class.clone()) else {
        return;
    };
    if session.replayed || !session.meeting.is_over() || keeping.saved.is_some() {
        return;
    }
    let record = record_of(&session, group.as_deref(), &kept.value.name);
    let saved = save_into(&dir, &record);
    if let Err(e) = &saved {
        warn!("{e}");
    }
    keeping.saved = Some(saved);
}

/// Saves the current meeting's record (the report's "Save record").
pub(super) fn save_now(
    session: &Session,
    group: Option<&Group>,
    name: &str,
    keeping: &mut Keeping,
) {
    let Some(dir) = keeping.folder().map(Path::to_owned) else {
        keeping.saved = Some(Err("there is no folder to save records in".into()));
        return;
    };
    let record = record_of(session, group, name);
    keeping.saved = Some(save_into(&dir, &record));
}

/// The session showing the first `step` moves of a record, or why the
/// record cannot be shown.
pub fn replay_session(
    scenarios: &Scenarios,
    record: &Record,
    step: usize,
) -> Result<Session, String> {
    let scenario = scenarios.find(&record.scenario).ok_or_else(|| {
        format!(
            "no playable scenario \"{}\" to replay this record on",
            record.scenario
        )
    })?;
    let now = crate::record::scenario_hash(&scenario);
    if now != record.scenario_hash {
        return Err(format!(
            "the scenario \"{}\" has changed since this record was made; its moves may no longer mean the same",
            record.scenario
        ));
    }
    let mut session = Session::new(scenario, record.seed)?;
    session.replayed = true;
    for (i, m) in record.moves.iter().take(step).enumerate() {
        if !session.play(&m.mv) {
            return Err(format!("move {} ({}) is refused now", i + 1, m.mv));
        }
    }
    Ok(session)
}
