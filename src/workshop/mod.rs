//! One meeting played by a group: named facilitators taking turns in the
//! hot seat, the room voting on each question, and pauses where the group
//! talks about the principle at stake. Plain Rust: the game drives it from
//! the window, `run --turn` from a script, and tests without either.

mod members;
mod room_log;

pub use members::{Member, members, rated_good};
pub use room_log::RoomLog;

use crate::engine::{Event, Meeting, Move, Report, Verdict};
use crate::record::{Record, RecordedMove, Vote};
use crate::scenario::{MomentKind, Phase, Principle};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::fmt;
use std::str::FromStr;

/// When the seat passes to the next facilitator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SeatTurn {
    /// At every new timeline entry and every new phase.
    Entry,
    /// After this many moves.
    Moves(u16),
}

impl FromStr for SeatTurn {
    type Err = String;

    /// `entry`, or a number of moves (`3`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "entry" => Ok(SeatTurn::Entry),
            n => match n.parse::<u16>() {
                Ok(0) | Err(_) => Err(format!(
                    "\"{s}\" is not a turn: use \"entry\" (a new facilitator at each timeline entry and phase) or a number of moves such as 3"
                )),
                Ok(n) => Ok(SeatTurn::Moves(n)),
            },
        }
    }
}

impl fmt::Display for SeatTurn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SeatTurn::Entry => f.write_str("at each timeline entry and phase"),
            SeatTurn::Moves(1) => f.write_str("after every move"),
            SeatTurn::Moves(n) => write!(f, "every {n} moves"),
        }
    }
}

/// How a group plays one meeting.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// Who takes the seat, in order; empty or one name: no hot seat.
    pub facilitators: Vec<String>,
    pub turn: SeatTurn,
    /// The room votes on each question; the operator plays the majority.
    pub vote: bool,
    /// Stop to discuss at moments, new phases and poor moves.
    pub discuss: bool,
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            facilitators: Vec::new(),
            turn: SeatTurn::Entry,
            vote: false,
            discuss: false,
        }
    }
}

impl Plan {
    pub fn hot_seat(&self) -> bool {
        self.facilitators.len() > 1
    }
}

/// Votes being collected for the next move.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ballot {
    tally: Vec<(Move, u32)>,
    /// The order votes came in, so the last can be taken back.
    cast: Vec<usize>,
}

/// What the ballot says.
#[derive(Clone, Debug, PartialEq)]
pub enum BallotOutcome {
    NoVotes,
    /// Two or more options share the most votes: someone must break the tie.
    Tie(Vec<Move>),
    Majority(Move),
}

impl Ballot {
    pub fn add(&mut self, mv: &Move) {
        let i = match self.tally.iter().position(|(m, _)| m == mv) {
            Some(i) => i,
            None => {
                self.tally.push((mv.clone(), 0));
                self.tally.len() - 1
            }
        };
        self.tally[i].1 = self.tally[i].1.saturating_add(1);
        self.cast.push(i);
    }

    /// Takes back the last vote cast.
    pub fn undo(&mut self) {
        if let Some(i) = self.cast.pop() {
            self.tally[i].1 = self.tally[i].1.saturating_sub(1);
            if self.tally[i].1 == 0 && !self.cast.contains(&i) {
                self.tally.remove(i);
                for c in &mut self.cast {
                    if *c > i {
                        *c -= 1;
                    }
                }
            }
        }
    }

    /// Each option voted for so far, with its votes, in the order first
    /// voted.
    pub fn tally(&self) -> &[(Move, u32)] {
        &self.tally
    }

    pub fn votes_for(&self, mv: &Move) -> u32 {
        self.tally
            .iter()
            .find(|(m, _)| m == mv)
            .map_or(0, |(_, n)| *n)
    }

    pub fn total(&self) -> u32 {
        self.tally
            .iter()
            .fold(0u32, |sum, (_, n)| sum.saturating_add(*n))
    }

    pub fn outcome(&self) -> BallotOutcome {
        let Some(top) = self.tally.iter().map(|(_, n)| *n).max() else {
            return BallotOutcome::NoVotes;
        };
        let mut leaders = self.tally.iter().filter(|(_, n)| *n == top);
        match (leaders.next(), leaders.next()) {
            (Some((mv, _)), None) => BallotOutcome::Majority(mv.clone()),
            _ => BallotOutcome::Tie(
                self.tally
                    .iter()
                    .filter(|(_, n)| *n == top)
                    .map(|(m, _)| m.clone())
                    .collect(),
            ),
        }
    }

    fn take(&mut self) -> Option<Vote> {
        let tally = std::mem::take(&mut self.tally);
        self.cast.clear();
        (!tally.is_empty()).then_some(Vote { tally })
    }
}

/// A point where the game stops and the group talks.
#[derive(Clone, Debug, PartialEq)]
pub enum Pause {
    /// The seat passes to the next facilitator.
    Handover {
        to: String,
    },
    Discuss(Discussion),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Discussion {
    pub title: String,
    pub principle: Principle,
    /// An open question for the group.
    pub question: String,
}

/// A group's meeting: who sat when, how the room voted, and what to stop
/// and talk about next. Call [`Workshop::played`] after every move the
/// meeting accepts.
#[derive(Clone, Debug)]
pub struct Workshop {
    pub plan: Plan,
    pub ballot: Ballot,
    /// Pauses not yet dismissed, oldest first.
    pub pending: VecDeque<Pause>,
    seat: usize,
    moves_in_seat: u16,
    seats: Vec<Option<usize>>,
    votes: Vec<Option<Vote>>,
    /// Who played from phones in a room, and what each did.
    pub room: RoomLog,
}

impl Workshop {
    pub fn new(plan: Plan) -> Self {
        Workshop {
            plan,
            ballot: Ballot::default(),
            pending: VecDeque::new(),
            seat: 0,
            moves_in_seat: 0,
            seats: Vec::new(),
            votes: Vec::new(),
            room: RoomLog::default(),
        }
    }

    /// Who is in the seat now, when several take turns.
    pub fn facilitator(&self) -> Option<&str> {
        self.plan
            .hot_seat()
            .then(|| self.plan.facilitators[self.seat].as_str())
    }

    /// Who sits next, when several take turns.
    pub fn next_facilitator(&self) -> Option<&str> {
        self.plan.hot_seat().then(|| {
            self.plan.facilitators[(self.seat + 1) % self.plan.facilitators.len()].as_str()
        })
    }

    /// Notes a move the meeting accepted, with the events it produced:
    /// credits it to the seat, keeps the room's vote when the move was the
    /// one voted for, and queues the pauses it calls for.
    pub fn played(&mut self, meeting: &Meeting, mv: &Move, events: &[Event]) {
        self.seats.push(self.plan.hot_seat().then_some(self.seat));
        let vote = self.ballot.take().filter(|v| v.alignment(mv).is_some());
        self.votes.push(vote);
        if self.plan.discuss {
            self.pending
                .extend(discussions(meeting, events).into_iter().map(Pause::Discuss));
        }
        if self.plan.hot_seat() && !meeting.is_over() {
            self.moves_in_seat += 1;
            let new_section = events
                .iter()
                .any(|e| matches!(e, Event::EntryReached { .. } | Event::PhaseChanged { .. }));
            let turn_over = match self.plan.turn {
                SeatTurn::Entry => new_section,
                SeatTurn::Moves(n) => self.moves_in_seat >= n,
            };
            if turn_over {
                self.seat = (self.seat + 1) % self.plan.facilitators.len();
                self.moves_in_seat = 0;
                self.pending.push_back(Pause::Handover {
                    to: self.plan.facilitators[self.seat].clone(),
                });
            }
        }
    }

    /// The session record, crediting each move to its facilitator and
    /// keeping the room's votes.
    pub fn record(&self, meeting: &Meeting, players: Vec<String>) -> Record {
        let players = if self.plan.hot_seat() {
            self.plan.facilitators.clone()
        } else {
            players
        };
        let mut record = Record::of(meeting, players);
        for (i, m) in record.moves.iter_mut().enumerate() {
            m.player = self.seats.get(i).copied().flatten();
            m.vote = self.votes.get(i).cloned().flatten();
        }
        record.participants = self.room.participants(record.moves.len());
        record
    }
}

/// What each facilitator in the hot seat did.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Credit {
    pub name: String,
    pub moves: usize,
    pub good: usize,
    pub poor: usize,
    /// Facts that came out on their moves.
    pub facts: usize,
    /// How the room's mean safety moved over their moves.
    pub safety: i32,
}

/// Credits every facilitator named in a record for the moves they made.
pub fn credits(players: &[String], moves: &[RecordedMove], meeting: &Meeting) -> Vec<Credit> {
    credits_in(players, moves, meeting, &meeting.report())
}

/// [`credits`], with the meeting's report already made.
pub fn credits_in(
    players: &[String],
    moves: &[RecordedMove],
    meeting: &Meeting,
    report: &Report,
) -> Vec<Credit> {
    let mut credits: Vec<Credit> = players
        .iter()
        .map(|name| Credit {
            name: name.clone(),
            moves: 0,
            good: 0,
            poor: 0,
            facts: 0,
            safety: 0,
        })
        .collect();
    let room = room_safety(report);
    for (i, (m, played)) in moves.iter().zip(&report.moves).enumerate() {
        let Some(c) = m.player.and_then(|p| credits.get_mut(p)) else {
            continue;
        };
        c.moves += 1;
        match played.feedback.verdict {
            Verdict::Good => c.good += 1,
            Verdict::Poor => c.poor += 1,
            Verdict::Neutral => {}
        }
        c.facts += meeting
            .fact_reveals()
            .filter(|(_, at)| *at == Some(i))
            .count();
        if let (Some(before), Some(after)) = (room.get(i), room.get(i + 1)) {
            c.safety += after - before;
        }
    }
    credits
}

/// The room's mean safety at the start and after each move.
pub fn room_safety(report: &Report) -> Vec<i32> {
    let moves = report.safety.first().map_or(0, |t| t.history.len());
    (0..moves)
        .map(|k| {
            let sum: i32 = report
                .safety
                .iter()
                .filter_map(|t| t.history.get(k))
                .map(|v| i32::from(*v))
                .sum();
            sum / report.safety.len().max(1) as i32
        })
        .collect()
}

/// How aligned the room was over the moves it voted on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Alignment {
    pub votes: usize,
    /// Mean share of the room behind the move played, 0–1.
    pub mean: f32,
    /// Moves the room was most split on (under two thirds behind the
    /// winner), by index.
    pub split: Vec<(usize, f32)>,
}

pub fn alignment(moves: &[RecordedMove]) -> Option<Alignment> {
    let shares: Vec<(usize, f32)> = moves
        .iter()
        .enumerate()
        .filter_map(|(i, m)| Some((i, m.vote.as_ref()?.alignment(&m.mv)?)))
        .collect();
    if shares.is_empty() {
        return None;
    }
    let mean = shares.iter().map(|(_, a)| a).sum::<f32>() / shares.len() as f32;
    let mut split: Vec<(usize, f32)> = shares
        .iter()
        .copied()
        .filter(|(_, a)| *a < 2.0 / 3.0)
        .collect();
    split.sort_by(|a, b| a.1.total_cmp(&b.1));
    Some(Alignment {
        votes: shares.len(),
        mean,
        split,
    })
}

/// The pauses a move's events call for, in the order they happened.
pub fn discussions(meeting: &Meeting, events: &[Event]) -> Vec<Discussion> {
    let mut found = Vec::new();
    for e in events {
        match e {
            Event::MomentOpened { kind, who, .. } => {
                let who = meeting.scenario().name_of(who);
                found.push(Discussion {
                    title: format!("A moment of {}", kind.label()),
                    principle: kind.principle(),
                    question: moment_question(*kind, who),
                });
            }
            Event::PhaseChanged { phase } => {
                let (principle, question) = phase_question(*phase);
                found.push(Discussion {
                    title: format!("Into the {} phase", phase.label()),
                    principle,
                    question: question.to_owned(),
                });
            }
            Event::Feedback(f) if f.verdict == Verdict::Poor => {
                if let Some(principle) = f.principle {
                    found.push(Discussion {
                        title: "The coach flagged that move".to_owned(),
                        principle,
                        question: format!(
                            "{} How could the same thing be asked so that it draws the story out?",
                            f.text
                        ),
                    });
                }
            }
            _ => {}
        }
    }
    found
}

fn moment_question(kind: MomentKind, who: &str) -> String {
    kind.rules().discuss.replace("{who}", who)
}

fn phase_question(phase: Phase) -> (Principle, &'static str) {
    match phase {
        Phase::PreMeeting => (
            Principle::PreMeeting,
            "Before the meeting: who would you talk to first, and what would you want to hear?",
        ),
        Phase::Opening => (
            Principle::SetExpectations,
            "The meeting opens. What do people need to hear before anyone tells the story?",
        ),
        Phase::Timeline => (
            Principle::LocalRationality,
            "The timeline walk starts. At each step, what did the people involved see, and what made their next action make sense?",
        ),
        Phase::Check => (
            Principle::MultiplePerspectives,
            "Time to check the story. Whose version have we not heard yet?",
        ),
        Phase::Learning => (
            Principle::LearnNotFix,
            "Learning points: what did the room learn that changes how people will work, beyond a list of fixes?",
        ),
    }
}

impl Workshop {
    /// The workshop a finished meeting would have had under `plan`: its
    /// moves played again on a fresh meeting, seat by seat. For scripts
    /// (`run --player A --player B --turn 3`), where nobody pressed keys.
    pub fn seat_moves(meeting: &Meeting, plan: Plan) -> Workshop {
        let mut w = Workshop::new(plan);
        let moves = meeting.played().iter().map(|p| &p.mv);
        // A meeting was made from this scenario, so it is valid, and the
        // same moves on the same seed replay exactly; were either ever not
        // so, the seats found so far are kept rather than a panic.
        let _ = crate::engine::replay(
            meeting.scenario_arc().clone(),
            meeting.seed(),
            moves,
            |again, mv, events| w.played(again, mv, events),
        );
        w
    }
}
