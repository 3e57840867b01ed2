//! The meeting being played: the engine's `Meeting` plus what the screens
//! need to draw it (who spoke last, the coach's notes, the parking lot).

use super::screens::Screen;
use crate::engine::{Event, Feedback, HoldBack, Meeting, Move, Verdict};
use crate::scenario::{MomentKind, ParticipantId, Scenario};
use crate::store::{self, Progress};
use bevy::prelude::*;
use std::sync::Arc;

/// The incidents the game can offer, as loaded (or why one could not be).
#[derive(Resource, Default, Debug)]
pub struct Scenarios(pub Vec<ScenarioEntry>);

#[derive(Debug, Clone)]
pub struct ScenarioEntry {
    pub file: String,
    pub scenario: Result<Arc<Scenario>, Vec<String>>,
}

impl Scenarios {
    pub fn find(&self, id: &str) -> Option<Arc<Scenario>> {
        self.0
            .iter()
            .find_map(|e| e.scenario.as_ref().ok().filter(|s| s.id == id).cloned())
    }
}

/// Start (or restart) a meeting, optionally replaying moves first.
#[derive(Message, Clone, Debug)]
pub struct StartMeeting {
    pub scenario: String,
    pub seed: u64,
    pub replay: Vec<Move>,
}

/// A coach's note on one move.
#[derive(Clone, Debug)]
pub struct CoachNote {
    pub move_index: usize,
    pub feedback: Feedback,
}

#[derive(Resource, Debug)]
pub struct Session {
    pub meeting: Meeting,
    /// Events of the last move, for animation and highlights.
    pub last: Vec<Event>,
    pub coach: Vec<CoachNote>,
    /// What people are feeling but not saying, from the last move.
    pub thoughts: Vec<(ParticipantId, String)>,
    /// Pinned tangents and parked fixes.
    pub parking: Vec<(MomentKind, String)>,
    pub speaking: Option<ParticipantId>,
    /// The report was counted in the player's progress.
    pub recorded: bool,
    /// A record being watched, not a meeting being played: it is not
    /// counted, saved or ended by the game.
    pub replayed: bool,
    /// Bumped on every move, so views can tell something changed.
    pub version: u64,
}

impl Session {
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Result<Self, String> {
        let meeting = Meeting::new(scenario, seed).map_err(|e| e.to_string())?;
        Ok(Session {
            meeting,
            last: Vec::new(),
            coach: Vec::new(),
            thoughts: Vec::new(),
            parking: Vec::new(),
            speaking: None,
            recorded: false,
            replayed: false,
            version: 0,
        })
    }

    /// Plays a move; a refused move is noted for the coach and changes
    /// nothing else.
    pub fn play(&mut self, mv: &Move) -> bool {
        self.version += 1;
        let events = match self.meeting.apply(mv) {
            Ok(events) => events,
            Err(e) => {
                self.coach.push(CoachNote {
                    move_index: self.meeting.played().len(),
                    feedback: Feedback {
                        verdict: Verdict::Neutral,
                        principle: None,
                        text: format!("Not now: {e}."),
                    },
                });
                return false;
            }
        };
        self.thoughts.clear();
        let s = Arc::clone(self.meeting_scenario());
        let name = |id: &ParticipantId| {
            s.participants
                .iter()
                .find(|p| &p.id == id)
                .map_or(id.to_string(), |p| p.name.clone())
        };
        for e in &events {
            match e {
                Event::Said(line) if line.speaker.is_some() => self.speaking = line.speaker.clone(),
                Event::HeldBack { who, why } => {
                    let thought = match why {
                        HoldBack::NotSafe => format!(
                            "{} is holding something back: not safe enough yet.",
                            name(who)
                        ),
                        HoldBack::NotInvited => format!(
                            "{} looks like they have something to say, but nobody has asked them.",
                            name(who)
                        ),
                    };
                    self.thoughts.push((who.clone(), thought));
                }
                Event::MomentMet { moment, .. } => {
                    if let Some(m) = s.moments.iter().find(|m| &m.id == moment)
                        && matches!(m.kind, MomentKind::Tangent | MomentKind::PrematureFix)
                    {
                        self.parking
                            .push((m.kind, format!("{}: {}", name(&m.who), m.line)));
                    }
                }
                Event::Feedback(f) => self.coach.push(CoachNote {
                    move_index: self.meeting.played().len() - 1,
                    feedback: f.clone(),
                }),
                _ => {}
            }
        }
        self.last = events;
        true
    }

    fn meeting_scenario(&self) -> &Arc<Scenario> {
        self.meeting.scenario_arc()
    }
}

/// The player's progress, kept between runs.
#[derive(Resource, Debug, Default)]
pub struct KeptProgress {
    pub progress: Progress,
    pub path: Option<std::path::PathBuf>,
    pub warning: Option<String>,
}

pub(super) fn plugin(app: &mut App) {
    app.add_message::<StartMeeting>()
        .init_resource::<Scenarios>()
        .init_resource::<KeptProgress>()
        .add_systems(
            Update,
            (start_meeting, end_of_meeting)
                .chain()
                .in_set(super::AppSystems::Session),
        )
        .add_systems(OnEnter(Screen::Report), record_progress);
}

fn start_meeting(
    mut starts: MessageReader<StartMeeting>,
    scenarios: Res<Scenarios>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
    mut addressee: ResMut<super::actions::Addressee>,
    mut group: Option<ResMut<super::group::Group>>,
    (keeping, kept, mut notice): (
        Res<super::group::Keeping>,
        Res<super::settings::KeptSettings>,
        ResMut<super::group::Notice>,
    ),
) {
    let Some(start) = starts.read().last() else {
        return;
    };
    let named =
        !kept.value.name.trim().is_empty() || group.as_ref().is_some_and(|g| g.0.plan.hot_seat());
    if keeping.class.is_some() && !named {
        notice.0 = Some(
            "Class mode: enter your name first, so your teacher can find your meetings.".into(),
        );
        next.set(Screen::Title);
        return;
    }
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
    if let Some(g) = group.as_deref_mut() {
        g.restart();
    }
    for mv in &start.replay {
        if session.play(mv)
            && let Some(g) = group.as_deref_mut()
        {
            g.0.played(&session.meeting, mv, &session.last);
        }
    }
    if let Some(g) = group.as_deref_mut() {
        g.0.pending.clear();
    }
    addressee.0 = 0;
    commands.insert_resource(session);
    next.set(if start.replay.is_empty() {
        Screen::Brief
    } else {
        Screen::Meeting
    });
}

fn end_of_meeting(
    session: Option<Res<Session>>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
) {
    if let Some(s) = session
        && *screen.get() == Screen::Meeting
        && s.meeting.is_over()
        && !s.replayed
    {
        next.set(Screen::Report);
    }
}

fn record_progress(session: Option<ResMut<Session>>, mut kept: ResMut<KeptProgress>) {
    let Some(mut s) = session else { return };
    if s.recorded || s.replayed || !s.meeting.is_over() {
        return;
    }
    s.recorded = true;
    let total = s.meeting.score().total;
    kept.progress.record(&s.meeting.scenario().id, total);
    if let Some(path) = kept.path.clone()
        && let Err(e) = store::save(&path, &kept.progress)
    {
        kept.warning = Some(format!(
            "Could not save progress to {}: {e}",
            path.display()
        ));
    }
}
