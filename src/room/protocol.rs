//! The messages of a workshop room, as JSON on the wire (docs/serve.md,
//! "Workshop rooms"). The host (the game on the projector), the server and
//! the phones' page all speak these; they are plain serde types, so the
//! wasm build compiles them too.

use serde::{Deserialize, Serialize};

/// What the room is doing now, as the host publishes it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Nothing to do on the phones (the host is reading, a handover).
    #[default]
    Idle,
    /// Everyone votes on the choices on offer.
    Vote,
    /// The person in the seat picks a choice or says it in their own
    /// words; the others see the same and may suggest.
    Seat,
    /// A pause to discuss: the principle, the open question, one line each.
    Discuss,
    /// The meeting is over: phones offer each participant their summary.
    Ended,
}

/// One thing the room may choose: a question to the person addressed, or
/// a response to an open moment. The id is the host's own (it maps it
/// back to a move); the text is what the phones show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub text: String,
}

/// What is on offer, published by the host whenever it changes
/// (`PUT /api/rooms/CODE/offer`). A higher `round` starts a new question:
/// votes, the seat's pick, suggestions and lines start empty. The same
/// round again only updates what is shown.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    pub round: u64,
    pub stage: Stage,
    /// Whom the choices address: "Phil (on call)", "the room".
    #[serde(default)]
    pub addressed: Option<String>,
    #[serde(default)]
    pub choices: Vec<Choice>,
    /// A pause's heading: "A moment of self-blame".
    #[serde(default)]
    pub title: Option<String>,
    /// The principle at stake, in words.
    #[serde(default)]
    pub principle: Option<String>,
    /// The open question put to the group.
    #[serde(default)]
    pub question: Option<String>,
    /// The id of the participant in the hot seat, if anyone holds it.
    #[serde(default)]
    pub seat: Option<String>,
}

/// A pick from the seat, a suggestion to it: a choice on offer by id, or
/// words of one's own. Exactly one of the two.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pick {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<String>,
}

impl Pick {
    pub fn choice(id: &str) -> Pick {
        Pick {
            choice: Some(id.to_owned()),
            words: None,
        }
    }

    pub fn words(text: &str) -> Pick {
        Pick {
            choice: None,
            words: Some(text.to_owned()),
        }
    }
}

/// The answer to `POST /api/rooms`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Created {
    /// Four letters, no easily confused ones: `KTRW`.
    pub code: String,
    /// Sent as `Authorization: Bearer KEY` by the host; never shown.
    pub host_key: String,
    /// The address phones open, with the code in it.
    pub join_url: String,
    /// The short address to read out: phones type the code there.
    pub short_url: String,
    /// The join address as an SVG QR code (a path on the server).
    pub qr_svg: String,
}

/// Someone in the room, as the host sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Public and stable for the room: `p1`, `p2`… (not the token).
    pub id: String,
    /// As typed; show it as text.
    pub name: String,
    /// Heard from in the last few seconds.
    pub connected: bool,
}

/// Votes for one choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub choice: String,
    pub votes: u32,
}

/// One participant's suggestion to the seat.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub from: String,
    pub name: String,
    pub pick: Pick,
}

/// One line written in a pause. `signed` lines may be shown with their
/// author's name; the others are anonymous on the projector (the host
/// still knows who wrote them, for the record).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PauseLine {
    pub from: String,
    pub text: String,
    pub signed: bool,
}

/// One participant's vote, as the host receives it when it closes a vote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cast {
    pub from: String,
    pub choice: String,
}

/// The room as the host sees it (`GET /api/rooms/CODE/state`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HostState {
    /// Grows with every change; pass it back as `after` to wait for the
    /// next one.
    pub version: u64,
    pub round: u64,
    pub stage: Stage,
    /// The host closed this round: no more votes or picks.
    pub closed: bool,
    pub people: Vec<Person>,
    /// Every choice on offer, in order, with its votes (0 included).
    pub tally: Vec<Count>,
    /// How many have voted.
    pub voted: u32,
    /// Each vote so far (who voted for what), for the record.
    pub casts: Vec<Cast>,
    /// What the seat picked, once it has.
    pub seat_pick: Option<Pick>,
    pub suggestions: Vec<Suggestion>,
    pub lines: Vec<PauseLine>,
}

/// `POST /api/rooms/CODE/close`: ends the round's voting. `played` names
/// the choice the host plays when the vote was tied (or to override);
/// `best` the choices the coach rates best, kept for each participant's
/// summary and never shown before the vote is closed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Close {
    #[serde(default)]
    pub played: Option<String>,
    #[serde(default)]
    pub best: Vec<String>,
}

/// How a closed vote came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    NoVotes,
    /// One choice had the most votes.
    Majority,
    /// Two or more shared the most: the host decides (`leaders`).
    Tie,
}

/// The answer to a close.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Closed {
    pub round: u64,
    pub outcome: Outcome,
    /// The majority, or the host's pick; `None` for an undecided tie.
    pub played: Option<String>,
    /// The choices that share the most votes.
    pub leaders: Vec<String>,
    pub tally: Vec<Count>,
    pub casts: Vec<Cast>,
}

/// `POST /api/rooms/CODE/join`. A phone that joined before sends its
/// token back and keeps its place, name and vote.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Join {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub token: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Joined {
    pub code: String,
    /// Sent as `X-Participant: TOKEN`; the phone keeps it.
    pub token: String,
    pub id: String,
    pub name: String,
    /// True when a known token came back (a phone that dropped).
    pub returning: bool,
}

/// What one phone shows (`GET /api/rooms/CODE/view`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhoneView {
    pub version: u64,
    pub code: String,
    pub round: u64,
    pub stage: Stage,
    pub closed: bool,
    pub addressed: Option<String>,
    pub choices: Vec<Choice>,
    pub title: Option<String>,
    pub principle: Option<String>,
    pub question: Option<String>,
    /// The name of whoever holds the seat.
    pub seat: Option<String>,
    pub seat_pick: Option<Pick>,
    /// Suggestions to the seat, shown to everyone.
    pub suggestions: Vec<Suggestion>,
    /// After a vote is closed: the choice played (if decided).
    pub played: Option<String>,
    pub people: u32,
    pub you: You,
}

/// The participant's own part in the round.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct You {
    pub id: String,
    pub name: String,
    pub in_seat: bool,
    pub vote: Option<String>,
    pub suggestion: Option<Pick>,
    pub line: Option<String>,
    pub signed: bool,
}

/// `POST /api/rooms/CODE/vote`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoteFor {
    pub choice: String,
}

/// `POST /api/rooms/CODE/line`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Write {
    pub text: String,
    #[serde(default)]
    pub signed: bool,
}

/// A participant's own summary (`GET /api/rooms/CODE/me`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub name: String,
    pub votes: Vec<SummaryVote>,
    /// Votes that went the room's way, of those closed with a decision.
    pub with_room: u32,
    pub decided: u32,
    /// Votes for a choice the coach rates best, of those it rated.
    pub with_best: u32,
    pub rated: u32,
    pub lines: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummaryVote {
    pub round: u64,
    pub addressed: Option<String>,
    /// The text of the choice voted for.
    pub chose: String,
    /// The text of the choice the room played, when decided.
    pub played: Option<String>,
    pub with_room: Option<bool>,
    /// Whether the choice is one the coach rates best (unknown when the
    /// host did not say).
    pub best: Option<bool>,
}

/// Every refusal: `{"error": "a sentence", "code": "short-code"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refused {
    pub error: String,
    pub code: String,
}
