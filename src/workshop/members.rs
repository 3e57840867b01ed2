//! Each participant of a workshop room, judged from the record: how often
//! their vote went the way the room played, and how often they voted for
//! a move the coach rates good at that point (the engine plays their
//! choice on the meeting as it stood, and reads its verdict).

use crate::engine::{Event, Meeting, Move, Verdict};
use crate::record::{Participant, RecordedMove};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Member {
    pub name: String,
    pub votes: usize,
    /// Votes for the move the room played.
    pub with_room: usize,
    /// Votes for a move the coach rates good at that point.
    pub with_best: usize,
    pub lines: usize,
}

impl Member {
    /// Share of their votes with the room, 0–1 (none when they never
    /// voted).
    pub fn room_share(&self) -> Option<f32> {
        (self.votes > 0).then(|| self.with_room as f32 / self.votes as f32)
    }

    /// Share of their votes for a good move, 0–1.
    pub fn best_share(&self) -> Option<f32> {
        (self.votes > 0).then(|| self.with_best as f32 / self.votes as f32)
    }
}

/// Whether the coach rates `mv` good played on `state` (the meeting is
/// not changed). The host uses it for a closed vote's `best` choices; the
/// report for each participant's votes.
pub fn rated_good(state: &Meeting, mv: &Move) -> bool {
    let mut trial = state.clone();
    trial.apply(mv).is_ok_and(|events| {
        events
            .iter()
            .any(|e| matches!(e, Event::Feedback(f) if f.verdict == Verdict::Good))
    })
}

/// Judges every participant of a record. `fresh` is the meeting before
/// any move (the record's scenario and seed); `moves` the record's moves.
pub fn members(
    participants: &[Participant],
    moves: &[RecordedMove],
    fresh: &Meeting,
) -> Vec<Member> {
    let mut members: Vec<Member> = participants
        .iter()
        .map(|p| Member {
            name: p.name.clone(),
            votes: 0,
            with_room: 0,
            with_best: 0,
            lines: p.lines.len(),
        })
        .collect();
    let mut wanted: BTreeMap<usize, Vec<(usize, &Move)>> = BTreeMap::new();
    for (i, p) in participants.iter().enumerate() {
        for v in &p.votes {
            wanted.entry(v.at).or_default().push((i, &v.mv));
        }
    }
    if wanted.is_empty() {
        return members;
    }
    let mut state = fresh.clone();
    for (at, played) in moves.iter().enumerate() {
        for (i, mv) in wanted.get(&at).into_iter().flatten() {
            let m = &mut members[*i];
            m.votes += 1;
            m.with_room += usize::from(**mv == played.mv);
            m.with_best += usize::from(rated_good(&state, mv));
        }
        if state.apply(&played.mv).is_err() {
            break;
        }
    }
    members
}
