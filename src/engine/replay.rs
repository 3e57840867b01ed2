//! Playing a list of moves on a fresh meeting: the one loop behind move
//! scripts (`run`), record replays (`replay`, the class report), workshop
//! seats, and the game's "try again from here" and replay viewer.

use super::{Event, InvalidScenario, Meeting, Move, MoveError};
use crate::scenario::Scenario;
use std::sync::Arc;

/// Why a list of moves could not be played.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("{0}")]
    Scenario(#[from] InvalidScenario),
    /// A move the meeting refused; `index` counts from 0.
    #[error("move {} ({mv}): {error}", index + 1)]
    Move {
        index: usize,
        mv: Box<Move>,
        error: MoveError,
    },
}

/// Plays `moves` in order on a new meeting of `scenario` with `seed`,
/// calling `each` after every move with the meeting, the move and the
/// events it caused. Stops at the first refused move.
pub fn replay<'m>(
    scenario: Arc<Scenario>,
    seed: u64,
    moves: impl IntoIterator<Item = &'m Move>,
    each: impl FnMut(&Meeting, &Move, &[Event]),
) -> Result<Meeting, Refused> {
    replay_on(Meeting::new(scenario, seed)?, moves, each)
}

/// [`replay`] on a meeting already made: many replays of one scenario
/// (a class's records) clone one fresh meeting, because making a meeting
/// checks its scenario, which costs far more than playing seventy moves.
/// `index` in [`Refused::Move`] counts from the first move given here.
pub fn replay_on<'m>(
    mut meeting: Meeting,
    moves: impl IntoIterator<Item = &'m Move>,
    mut each: impl FnMut(&Meeting, &Move, &[Event]),
) -> Result<Meeting, Refused> {
    for (index, mv) in moves.into_iter().enumerate() {
        let events = meeting.apply(mv).map_err(|error| Refused::Move {
            index,
            mv: Box::new(mv.clone()),
            error,
        })?;
        each(&meeting, mv, &events);
    }
    Ok(meeting)
}

impl Meeting {
    /// Ends the meeting if it is still going, so there is a report.
    pub fn finish(&mut self) {
        if !self.is_over() {
            // A meeting that is not over always accepts `End`.
            let _ = self.apply(&Move::End);
        }
    }
}
