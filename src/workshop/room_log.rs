//! What the people in a workshop room did, gathered as the meeting goes
//! for its record: each vote they cast on a move, each line they wrote in
//! a pause. The game notes them from the room's host protocol (the ids
//! are the room's person ids, `p1`, `p2`…); [`super::Workshop::record`]
//! writes them into the record.

use crate::engine::Move;
use crate::record::{CastVote, Participant, PauseLine};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RoomLog {
    /// (room id, participant) in the order they joined.
    people: Vec<(String, Participant)>,
}

impl RoomLog {
    /// The participant with this room id, added (or renamed) as `name`.
    fn person(&mut self, id: &str, name: &str) -> &mut Participant {
        let i = match self.people.iter().position(|(p, _)| p == id) {
            Some(i) => i,
            None => {
                self.people.push((
                    id.to_owned(),
                    Participant {
                        name: name.to_owned(),
                        votes: Vec::new(),
                        lines: Vec::new(),
                    },
                ));
                self.people.len() - 1
            }
        };
        let p = &mut self.people[i].1;
        if p.name != name && !name.is_empty() {
            p.name = name.to_owned();
        }
        p
    }

    /// Someone joined the room (whether or not they ever vote).
    pub fn joined(&mut self, id: &str, name: &str) {
        self.person(id, name);
    }

    /// A vote closed: `at` is the index the voted move will have among
    /// the meeting's moves (the number played before it), and each cast is
    /// (room id, name, the move voted for). A vote closed again on the
    /// same move replaces the first.
    pub fn voted(&mut self, at: usize, casts: &[(String, String, Move)]) {
        for (_, p) in &mut self.people {
            p.votes.retain(|v| v.at != at);
        }
        for (id, name, mv) in casts {
            self.person(id, name)
                .votes
                .push(CastVote { at, mv: mv.clone() });
        }
    }

    /// A line written in the pause after `after` moves; one per person and
    /// pause (a second replaces the first).
    pub fn wrote(&mut self, after: usize, id: &str, name: &str, text: &str, signed: bool) {
        let p = self.person(id, name);
        p.lines.retain(|l| l.after != after);
        p.lines.push(PauseLine {
            after,
            text: text.to_owned(),
            signed,
        });
    }

    /// For the record of a meeting of `moves` moves: votes on moves that
    /// were never played (a vote closed, then the meeting ended) are left
    /// out.
    pub fn participants(&self, moves: usize) -> Vec<Participant> {
        self.people
            .iter()
            .map(|(_, p)| {
                let mut p = p.clone();
                p.votes.retain(|v| v.at < moves);
                p.votes.sort_by_key(|v| v.at);
                p.lines.retain(|l| l.after <= moves);
                p.lines.sort_by_key(|l| l.after);
                p
            })
            .collect()
    }
}
