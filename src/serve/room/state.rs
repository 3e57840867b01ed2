//! One room's state: who joined, what is on offer, and what each person
//! did with it this round; plus the ledger of closed votes and lines that
//! outlives the round (each participant's summary, the database). Plain
//! logic under the rooms' lock: no I/O, no waiting.

use super::checks;
use crate::limits;
use crate::room::{
    Cast, Choice, Close, Closed, Count, HostState, Join, Joined, Offer, Outcome, PauseLine, Person,
    PhoneView, Pick, Stage, Suggestion, Summary, SummaryVote, You,
};
use crate::serve::http::Refusal;
use axum::http::StatusCode;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::{Duration, Instant};

/// Someone not heard from for this long is shown as not connected (phones
/// ask every second).
pub const CONNECTED: Duration = Duration::from_secs(8);
/// The window [`limits::PHONE_WRITES`] counts writes in.
const WRITE_WINDOW: Duration = Duration::from_secs(2);

struct Member {
    id: String,
    name: String,
    seen: Instant,
    writes: VecDeque<Instant>,
}

/// What the record and the summaries need once a round is over.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Ledger {
    pub code: String,
    /// When the room opened (Unix seconds): codes come back on other days.
    pub opened_at: i64,
    pub people: Vec<(String, String)>,
    pub rounds: Vec<ClosedRound>,
    pub lines: Vec<LedgerLine>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClosedRound {
    pub round: u64,
    pub addressed: Option<String>,
    pub choices: Vec<Choice>,
    pub played: Option<String>,
    pub best: Vec<String>,
    pub casts: Vec<Cast>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LedgerLine {
    pub round: u64,
    pub from: String,
    pub text: String,
    pub signed: bool,
}

pub struct Room {
    pub code: String,
    pub key: String,
    /// The address phones open, for the QR code.
    pub join_url: String,
    pub touched: Instant,
    pub version: u64,
    pub news: tokio::sync::watch::Sender<u64>,
    people: Vec<Member>,
    by_token: HashMap<String, usize>,
    offer: Offer,
    closed: bool,
    played: Option<String>,
    votes: BTreeMap<usize, String>,
    seat_pick: Option<Pick>,
    suggestions: BTreeMap<usize, Pick>,
    lines: BTreeMap<usize, (String, bool)>,
    pub ledger: Ledger,
}

fn refuse(status: StatusCode, code: &'static str, what: impl Into<String>) -> Refusal {
    Refusal::new(status, code, what)
}

impl Room {
    pub fn new(code: String, key: String) -> Room {
        Room {
            ledger: Ledger {
                code: code.clone(),
                opened_at: crate::serve::store::unix_now(),
                ..Ledger::default()
            },
            code,
            key,
            join_url: String::new(),
            touched: Instant::now(),
            version: 1,
            news: tokio::sync::watch::channel(1).0,
            people: Vec::new(),
            by_token: HashMap::new(),
            offer: Offer::default(),
            closed: false,
            played: None,
            votes: BTreeMap::new(),
            seat_pick: None,
            suggestions: BTreeMap::new(),
            lines: BTreeMap::new(),
        }
    }

    /// Something changed: wake whoever waits for news.
    fn changed(&mut self) {
        self.version += 1;
        self.touched = Instant::now();
        self.news.send_replace(self.version);
    }

    fn person_of(&self, id: &str) -> Option<usize> {
        self.people.iter().position(|m| m.id == id)
    }

    // ---- the host ----

    pub fn publish(&mut self, offer: Offer) -> Result<(), Refusal> {
        checks::offer(&offer)?;
        if let Some(seat) = &offer.seat
            && self.person_of(seat).is_none()
        {
            return Err(refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown-person",
                "the seat names nobody in this room (use a person's id, such as p1)",
            ));
        }
        if offer.round < self.offer.round {
            return Err(refuse(
                StatusCode::CONFLICT,
                "old-round",
                format!(
                    "round {} is already past (the room is at round {})",
                    offer.round, self.offer.round
                ),
            ));
        }
        if offer.round > self.offer.round {
            self.closed = false;
            self.played = None;
            self.votes.clear();
            self.seat_pick = None;
            self.suggestions.clear();
            self.lines.clear();
        } else {
            // The same round: votes for choices no longer on offer go.
            let on_offer = |c: &str| offer.choices.iter().any(|o| o.id == c);
            self.votes.retain(|_, c| on_offer(c));
        }
        self.offer = offer;
        self.changed();
        Ok(())
    }

    fn tally(&self) -> Vec<Count> {
        self.offer
            .choices
            .iter()
            .map(|c| Count {
                choice: c.id.clone(),
                votes: self.votes.values().filter(|v| **v == c.id).count() as u32,
            })
            .collect()
    }

    fn casts(&self) -> Vec<Cast> {
        self.votes
            .iter()
            .map(|(p, c)| Cast {
                from: self.people[*p].id.clone(),
                choice: c.clone(),
            })
            .collect()
    }

    pub fn host_state(&self) -> HostState {
        HostState {
            version: self.version,
            round: self.offer.round,
            stage: self.offer.stage,
            closed: self.closed,
            people: self
                .people
                .iter()
                .map(|m| Person {
                    id: m.id.clone(),
                    name: m.name.clone(),
                    connected: m.seen.elapsed() < CONNECTED,
                })
                .collect(),
            tally: self.tally(),
            voted: self.votes.len() as u32,
            casts: self.casts(),
            seat_pick: self.seat_pick.clone(),
            suggestions: self.suggestions(),
            lines: self
                .lines
                .iter()
                .map(|(p, (text, signed))| PauseLine {
                    from: self.people[*p].id.clone(),
                    text: text.clone(),
                    signed: *signed,
                })
                .collect(),
        }
    }

    fn suggestions(&self) -> Vec<Suggestion> {
        self.suggestions
            .iter()
            .map(|(p, pick)| Suggestion {
                from: self.people[*p].id.clone(),
                name: self.people[*p].name.clone(),
                pick: pick.clone(),
            })
            .collect()
    }

    pub fn close(&mut self, close: Close) -> Result<Closed, Refusal> {
        let unknown = close
            .played
            .iter()
            .chain(&close.best)
            .find(|c| !self.offer.choices.iter().any(|o| &o.id == *c));
        if let Some(c) = unknown {
            return Err(refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown-choice",
                format!("no choice \"{}\" is on offer", crate::save::cut(c, 64)),
            ));
        }
        let tally = self.tally();
        let top = tally.iter().map(|c| c.votes).max().unwrap_or(0);
        let leaders: Vec<String> = tally
            .iter()
            .filter(|c| top > 0 && c.votes == top)
            .map(|c| c.choice.clone())
            .collect();
        let outcome = match leaders.len() {
            0 => Outcome::NoVotes,
            1 => Outcome::Majority,
            _ => Outcome::Tie,
        };
        let played = close
            .played
            .clone()
            .or_else(|| (outcome == Outcome::Majority).then(|| leaders[0].clone()));
        self.closed = true;
        self.played = played.clone();
        let casts = self.casts();
        let entry = ClosedRound {
            round: self.offer.round,
            addressed: self.offer.addressed.clone(),
            choices: self.offer.choices.clone(),
            played: played.clone(),
            best: close.best,
            casts: casts.clone(),
        };
        match self
            .ledger
            .rounds
            .iter_mut()
            .find(|r| r.round == entry.round)
        {
            Some(r) => *r = entry,
            None => self.ledger.rounds.push(entry),
        }
        self.changed();
        Ok(Closed {
            round: self.offer.round,
            outcome,
            played,
            leaders,
            tally,
            casts,
        })
    }

    // ---- the phones ----

    pub fn join(&mut self, join: Join) -> Result<Joined, Refusal> {
        if let Some(token) = &join.token
            && let Some(&p) = self.by_token.get(token)
        {
            let m = &mut self.people[p];
            m.seen = Instant::now();
            let joined = Joined {
                code: self.code.clone(),
                token: token.clone(),
                id: m.id.clone(),
                name: m.name.clone(),
                returning: true,
            };
            self.changed();
            return Ok(joined);
        }
        let name = checks::name(&join.name)?;
        if self.people.len() >= limits::ROOM_PEOPLE {
            return Err(refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                "room-full",
                format!(
                    "{} people are in this room, the most it takes",
                    limits::ROOM_PEOPLE
                ),
            ));
        }
        let token = crate::serve::random_hex().map_err(crate::serve::http::store_error)?;
        let id = format!("p{}", self.people.len() + 1);
        self.by_token.insert(token.clone(), self.people.len());
        self.people.push(Member {
            id: id.clone(),
            name: name.clone(),
            seen: Instant::now(),
            writes: VecDeque::new(),
        });
        self.ledger.people.push((id.clone(), name.clone()));
        self.changed();
        Ok(Joined {
            code: self.code.clone(),
            token,
            id,
            name,
            returning: false,
        })
    }

    /// The participant with this token, heard from now.
    pub fn member(&mut self, token: &str) -> Result<usize, Refusal> {
        let p = *self.by_token.get(token).ok_or_else(|| {
            refuse(
                StatusCode::NOT_FOUND,
                "unknown-participant",
                "nobody in this room has this token: join again",
            )
        })?;
        let was_away = self.people[p].seen.elapsed() >= CONNECTED;
        self.people[p].seen = Instant::now();
        if was_away {
            self.changed();
        }
        Ok(p)
    }

    /// Counts a write, refusing one past the rate a person can tap.
    fn write(&mut self, p: usize) -> Result<(), Refusal> {
        let writes = &mut self.people[p].writes;
        let now = Instant::now();
        while writes.front().is_some_and(|t| now - *t > WRITE_WINDOW) {
            writes.pop_front();
        }
        if writes.len() >= limits::PHONE_WRITES {
            return Err(refuse(
                StatusCode::TOO_MANY_REQUESTS,
                "slow-down",
                "too many changes at once: wait a moment",
            ));
        }
        writes.push_back(now);
        Ok(())
    }

    fn on_offer(&self, choice: &str) -> Result<(), Refusal> {
        if self.offer.choices.iter().any(|c| c.id == choice) {
            Ok(())
        } else {
            Err(refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown-choice",
                format!("no choice \"{}\" is on offer", crate::save::cut(choice, 64)),
            ))
        }
    }

    fn open_for(&self, stage: Stage, what: &str) -> Result<(), Refusal> {
        if self.offer.stage != stage {
            return Err(refuse(
                StatusCode::CONFLICT,
                "not-now",
                format!("the room is not {what} now"),
            ));
        }
        if self.closed {
            return Err(refuse(
                StatusCode::CONFLICT,
                "closed",
                "the host has closed this round",
            ));
        }
        Ok(())
    }

    pub fn vote(&mut self, p: usize, choice: &str) -> Result<(), Refusal> {
        self.open_for(Stage::Vote, "voting")?;
        self.on_offer(choice)?;
        self.write(p)?;
        if self.votes.get(&p).map(String::as_str) != Some(choice) {
            self.votes.insert(p, choice.to_owned());
            self.changed();
        }
        Ok(())
    }

    fn in_seat(&self, p: usize) -> bool {
        self.offer.seat.as_deref() == Some(self.people[p].id.as_str())
    }

    fn checked_pick(&self, pick: Pick) -> Result<Pick, Refusal> {
        match (&pick.choice, &pick.words) {
            (Some(c), None) => self.on_offer(c).map(|()| pick),
            (None, Some(w)) => Ok(Pick::words(&checks::words(w)?)),
            _ => Err(refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                "no-pick",
                "send either {\"choice\": \"an id\"} or {\"words\": \"…\"}",
            )),
        }
    }

    pub fn seat(&mut self, p: usize, pick: Pick) -> Result<(), Refusal> {
        self.open_for(Stage::Seat, "with someone in the seat")?;
        if !self.in_seat(p) {
            return Err(refuse(
                StatusCode::FORBIDDEN,
                "not-in-seat",
                "only the person in the seat picks; suggest instead",
            ));
        }
        let pick = self.checked_pick(pick)?;
        self.write(p)?;
        self.seat_pick = Some(pick);
        self.changed();
        Ok(())
    }

    pub fn suggest(&mut self, p: usize, pick: Pick) -> Result<(), Refusal> {
        self.open_for(Stage::Seat, "with someone in the seat")?;
        if self.in_seat(p) {
            return Err(refuse(
                StatusCode::CONFLICT,
                "in-seat",
                "you hold the seat: pick rather than suggest",
            ));
        }
        let pick = self.checked_pick(pick)?;
        self.write(p)?;
        self.suggestions.insert(p, pick);
        self.changed();
        Ok(())
    }

    pub fn line(&mut self, p: usize, text: &str, signed: bool) -> Result<(), Refusal> {
        self.open_for(Stage::Discuss, "discussing")?;
        let text = checks::line(text)?;
        self.write(p)?;
        let (round, from) = (self.offer.round, self.people[p].id.clone());
        self.ledger
            .lines
            .retain(|l| !(l.round == round && l.from == from));
        self.ledger.lines.push(LedgerLine {
            round,
            from,
            text: text.clone(),
            signed,
        });
        self.lines.insert(p, (text, signed));
        self.changed();
        Ok(())
    }

    pub fn view(&self, p: usize) -> PhoneView {
        let o = &self.offer;
        let seat = o
            .seat
            .as_deref()
            .and_then(|s| self.person_of(s))
            .map(|s| self.people[s].name.clone());
        let m = &self.people[p];
        PhoneView {
            version: self.version,
            code: self.code.clone(),
            round: o.round,
            stage: o.stage,
            closed: self.closed,
            addressed: o.addressed.clone(),
            choices: o.choices.clone(),
            title: o.title.clone(),
            principle: o.principle.clone(),
            question: o.question.clone(),
            seat,
            seat_pick: self.seat_pick.clone(),
            suggestions: self.suggestions(),
            played: self.played.clone(),
            people: self.people.len() as u32,
            you: You {
                id: m.id.clone(),
                name: m.name.clone(),
                in_seat: self.in_seat(p),
                vote: self.votes.get(&p).cloned(),
                suggestion: self.suggestions.get(&p).cloned(),
                line: self.lines.get(&p).map(|l| l.0.clone()),
                signed: self.lines.get(&p).is_some_and(|l| l.1),
            },
        }
    }

    /// One participant's votes against the room's and the coach's.
    pub fn summary(&self, p: usize) -> Summary {
        let id = &self.people[p].id;
        let text = |r: &ClosedRound, c: &str| {
            r.choices
                .iter()
                .find(|o| o.id == c)
                .map_or_else(|| c.to_owned(), |o| o.text.clone())
        };
        let mut s = Summary {
            name: self.people[p].name.clone(),
            votes: Vec::new(),
            with_room: 0,
            decided: 0,
            with_best: 0,
            rated: 0,
            lines: self
                .ledger
                .lines
                .iter()
                .filter(|l| &l.from == id)
                .map(|l| l.text.clone())
                .collect(),
        };
        for r in &self.ledger.rounds {
            let Some(cast) = r.casts.iter().find(|c| &c.from == id) else {
                continue;
            };
            let with_room = r.played.as_ref().map(|p| *p == cast.choice);
            let best = (!r.best.is_empty()).then(|| r.best.contains(&cast.choice));
            s.decided += u32::from(with_room.is_some());
            s.with_room += u32::from(with_room == Some(true));
            s.rated += u32::from(best.is_some());
            s.with_best += u32::from(best == Some(true));
            s.votes.push(SummaryVote {
                round: r.round,
                addressed: r.addressed.clone(),
                chose: text(r, &cast.choice),
                played: r.played.as_ref().map(|c| text(r, c)),
                with_room,
                best,
            });
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer(round: u64, stage: Stage, ids: &[&str]) -> Offer {
        Offer {
            round,
            stage,
            choices: ids
                .iter()
                .map(|i| Choice {
                    id: (*i).into(),
                    text: format!("Ask {i}"),
                })
                .collect(),
            ..Offer::default()
        }
    }

    fn joined(room: &mut Room, name: &str) -> usize {
        let j = room
            .join(Join {
                name: name.into(),
                token: None,
            })
            .unwrap();
        room.member(&j.token).unwrap()
    }

    #[test]
    fn a_tie_is_a_tie_until_the_host_names_the_move() {
        let mut room = Room::new("ACDE".into(), "k".into());
        let (a, b) = (joined(&mut room, "Ana"), joined(&mut room, "Ben"));
        room.publish(offer(1, Stage::Vote, &["x", "y"])).unwrap();
        room.vote(a, "x").unwrap();
        room.vote(b, "y").unwrap();
        let c = room.close(Close::default()).unwrap();
        assert_eq!((c.outcome, c.played), (Outcome::Tie, None));
        assert_eq!(c.leaders, ["x", "y"]);
        let c = room
            .close(Close {
                played: Some("y".into()),
                best: vec!["x".into()],
            })
            .unwrap();
        assert_eq!(c.played.as_deref(), Some("y"));
        let s = room.summary(a);
        assert_eq!((s.with_room, s.decided, s.with_best, s.rated), (0, 1, 1, 1));
        assert_eq!(room.ledger.rounds.len(), 1);
    }
}
