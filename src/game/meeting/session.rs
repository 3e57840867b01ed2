//! The meeting being played: the engine's `Meeting` plus what the screens
//! need to draw it (who spoke last, the coach's notes, the parking lot).

use crate::engine::{Event, Feedback, HoldBack, Meeting, Move, Verdict};
use crate::scenario::{MomentKind, ParticipantId, Scenario};
use bevy::prelude::*;
use std::sync::Arc;

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
        let s = Arc::clone(self.meeting.scenario_arc());
        let name = |id: &ParticipantId| s.name_of(id).to_owned();
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
                    if let Some((m, _)) = self.meeting.moments().find(|(m, _)| &m.id == moment)
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
}
