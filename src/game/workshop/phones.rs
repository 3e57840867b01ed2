//! Phones in the room: the game on the projector hosts a workshop room on
//! `second-story serve` (`--room URL` on a desktop, `?room=1` in the web
//! game), and everyone plays from their own phone. The projector shows the
//! room's code, the address and a QR code; the room's votes come in as the
//! workshop's ballot (so the tally, Enter and a tie work as with hands in
//! the air); the host hands the hot seat to someone, whose pick or own
//! words is played; pauses collect a line from each phone. Every vote and
//! line goes into the record (`Workshop::room`). The protocol is in
//! docs/serve.md, "Workshop rooms"; requests go through `game::net`.

use super::{Group, GroupAction};
use crate::engine::{Meeting, Move};
use crate::game::meeting::{Addressee, options, response_to_open_moment, targets};
use crate::game::meeting::{MovePlayed, PlayMove, Session};
use crate::game::net::{self, Pending, reason, request};
use crate::game::screens::{MeetingMode, Screen};
use crate::game::{AppSystems, UiSystems};
use crate::room::Matrix;
use crate::room::protocol::{Choice, Close, Created, HostState, Offer, Pick, Stage, Suggestion};
use crate::scenario::Target;
use crate::workshop::Pause;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

/// How long the host waits on the server for news, in seconds.
const POLL_WAIT: u64 = 5;
/// After a failed request, the pause before trying again, in seconds.
const RETRY: f64 = 2.0;

/// The room, as the projector hosts it.
#[derive(Resource, Default)]
pub struct Phones {
    /// The server's address (empty in a browser: the page's own server).
    base: String,
    pub room: Option<Created>,
    pub qr: Option<Matrix>,
    /// The room as the server last told it.
    pub state: Option<HostState>,
    /// Who holds the hot seat (a room person id), when the host gave it.
    pub seat: Option<String>,
    /// The last offer sent, and the moves its choice ids stand for.
    offer: Offer,
    moves: Vec<(String, Move)>,
    /// The ids of the choices the coach rates good, kept for each phone's
    /// summary once the vote is closed.
    best: Vec<String>,
    /// The state version last copied into the ballot.
    mirrored: u64,
    /// The round whose seat pick was played already.
    seat_played: u64,
    /// The last round whose vote was closed (its casts are in the record).
    closed: u64,
    opening: Option<Pending>,
    polling: Option<Pending>,
    publishing: Option<(Offer, Pending)>,
    retry_at: f64,
    /// The last problem talking to the server, for the projector.
    pub trouble: Option<String>,
}

impl Phones {
    fn url(&self, path: &str) -> String {
        match &self.room {
            Some(r) => format!("{}/api/rooms/{}/{path}", self.base, r.code),
            None => format!("{}/api/rooms", self.base),
        }
    }

    fn auth(&self) -> net::Headers {
        self.room
            .iter()
            .map(|r| ("Authorization", format!("Bearer {}", r.host_key)))
            .collect()
    }

    /// The move a choice id of the current round stands for.
    fn mv(&self, id: &str) -> Option<Move> {
        self.moves
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, m)| m.clone())
    }

    /// A room person's name.
    pub fn name(&self, id: &str) -> String {
        self.state
            .as_ref()
            .and_then(|s| s.people.iter().find(|p| p.id == id))
            .map_or_else(|| id.to_owned(), |p| p.name.clone())
    }
}

/// Adds the phones to a workshop: `base` is the server's address.
pub fn plugin(base: String) -> impl Fn(&mut App) {
    move |app: &mut App| {
        app.insert_resource(Phones {
            base: base.trim_end_matches('/').to_owned(),
            ..default()
        })
        .add_message::<SeatTo>()
        .add_systems(
            Update,
            (
                (talk, mirror_votes, give_seat)
                    .chain()
                    .in_set(AppSystems::Act),
                (log_votes.before(super::played), publish)
                    .chain()
                    .in_set(AppSystems::React),
            ),
        )
        .add_systems(EguiPrimaryContextPass, panel.in_set(UiSystems::Overlays));
    }
}

/// The host hands the hot seat to a room person (or takes it back).
#[derive(Message, Clone, Debug, PartialEq, Eq)]
pub struct SeatTo(pub Option<String>);

/// Opens the room, then keeps one long poll open; plays the seat's pick.
fn talk(
    mut phones: ResMut<Phones>,
    time: Res<Time<Real>>,
    mut group: ResMut<Group>,
    mut play: MessageWriter<PlayMove>,
) {
    let now = time.elapsed_secs_f64();
    if let Some(answer) = phones.opening.as_ref().and_then(Pending::take) {
        phones.opening = None;
        match answer.and_then(|a| {
            if a.status == 201 {
                serde_json::from_str::<Created>(&a.body).map_err(|e| e.to_string())
            } else {
                Err(reason(&a))
            }
        }) {
            Ok(created) => {
                info!("workshop room {} open: {}", created.code, created.join_url);
                // For the page (and its tests): which room this is.
                #[cfg(target_arch = "wasm32")]
                crate::game::web::mark("room", &created.code);
                phones.qr = Matrix::of(&created.join_url);
                phones.room = Some(created);
                phones.trouble = None;
            }
            Err(e) => {
                phones.trouble = Some(format!("Cannot open a room: {e}"));
                phones.retry_at = now + RETRY;
            }
        }
    }
    if phones.room.is_none() {
        if phones.opening.is_none() && now >= phones.retry_at {
            phones.opening = Some(request(
                "POST",
                &phones.url(""),
                Some("{}".into()),
                Vec::new(),
            ));
        }
        return;
    }
    if let Some(answer) = phones.polling.as_ref().and_then(Pending::take) {
        phones.polling = None;
        match answer.and_then(|a| {
            if a.status == 200 {
                serde_json::from_str::<HostState>(&a.body).map_err(|e| e.to_string())
            } else {
                Err(reason(&a))
            }
        }) {
            Ok(state) => {
                for p in &state.people {
                    group.0.room.joined(&p.id, &p.name);
                }
                phones.state = Some(state);
                phones.trouble = None;
            }
            Err(e) => {
                phones.trouble = Some(format!("The room's server: {e}"));
                phones.retry_at = now + RETRY;
            }
        }
    }
    if phones.polling.is_none() && now >= phones.retry_at {
        let after = phones.state.as_ref().map_or(String::new(), |s| {
            format!("?after={}&wait={POLL_WAIT}", s.version)
        });
        phones.polling = Some(request(
            "GET",
            &(phones.url("state") + &after),
            None,
            phones.auth(),
        ));
    }
    // The seat decided: its pick (or its own words) is the move.
    let pick = phones.state.as_ref().and_then(|s| {
        (s.stage == Stage::Seat && s.round == phones.offer.round && s.round > phones.seat_played)
            .then(|| s.seat_pick.clone())
            .flatten()
    });
    if let Some(pick) = pick {
        phones.seat_played = phones.offer.round;
        if let Some(mv) = picked_move(&phones, &pick) {
            play.write(PlayMove(mv));
        }
    }
}

/// A pick from a phone as a move: a choice on offer, or own words put to
/// the person the choices address.
fn picked_move(phones: &Phones, pick: &Pick) -> Option<Move> {
    if let Some(id) = &pick.choice {
        return phones.mv(id);
    }
    let text = pick.words.as_deref()?.trim();
    (!text.is_empty()).then(|| Move::Say {
        text: text.to_owned(),
        to: Target::Room,
        intent: None,
    })
}

/// The room's votes are the workshop's ballot, copied whenever the
/// phones' tally changes; between two changes the operator may add a vote
/// (to break a tie) as with hands in the air.
fn mirror_votes(mut phones: ResMut<Phones>, mut group: ResMut<Group>) {
    let Some(state) = &phones.state else { return };
    if state.version == phones.mirrored
        || state.stage != Stage::Vote
        || state.round != phones.offer.round
    {
        return;
    }
    let mut ballot = crate::workshop::Ballot::default();
    for count in &state.tally {
        if let Some(mv) = phones.mv(&count.choice) {
            for _ in 0..count.votes {
                ballot.add(&mv);
            }
        }
    }
    phones.mirrored = state.version;
    if ballot != group.0.ballot {
        group.0.ballot = ballot;
    }
}

fn give_seat(mut to: MessageReader<SeatTo>, mut phones: ResMut<Phones>) {
    for SeatTo(who) in to.read() {
        phones.seat = who.clone();
    }
}

/// A move played while the room voted: the vote is closed on the server
/// (which tells each phone how it went) and every cast goes in the record.
/// Lines written in a pause go in the record as the pause ends.
fn log_votes(
    mut played: MessageReader<MovePlayed>,
    mut actions: MessageReader<GroupAction>,
    session: Option<Res<Session>>,
    mut phones: ResMut<Phones>,
    mut group: ResMut<Group>,
) {
    let continued = actions.read().any(|a| *a == GroupAction::Continue);
    let Some(session) = session else {
        played.clear();
        return;
    };
    let Some(state) = phones.state.clone() else {
        played.clear();
        return;
    };
    if continued && state.stage == Stage::Discuss {
        let after = session.meeting.played().len();
        for line in &state.lines {
            let name = phones.name(&line.from);
            group
                .0
                .room
                .wrote(after, &line.from, &name, &line.text, line.signed);
        }
    }
    for p in played.read() {
        // One close per round: a later move before the next question
        // reaches the server is not the room's.
        if state.stage != Stage::Vote
            || state.round != phones.offer.round
            || state.round <= phones.closed
        {
            continue;
        }
        phones.closed = state.round;
        let Some(mv) = session.meeting.played().get(p.index).map(|x| x.mv.clone()) else {
            continue;
        };
        let casts: Vec<(String, String, Move)> = state
            .casts
            .iter()
            .filter_map(|c| Some((c.from.clone(), phones.name(&c.from), phones.mv(&c.choice)?)))
            .collect();
        group.0.room.voted(p.index, &casts);
        let best = phones.best.clone();
        let played_id = phones
            .moves
            .iter()
            .find(|(_, m)| *m == mv)
            .map(|(id, _)| id.clone());
        let close = Close {
            played: played_id,
            best,
        };
        let body = serde_json::to_string(&close).unwrap_or_default();
        // The answer matters to the phones, not to the game.
        let _ = request("POST", &phones.url("close"), Some(body), phones.auth());
    }
}

/// What the room is asked now, from the meeting's state.
fn offer_now(
    screen: &Screen,
    mode: Option<&MeetingMode>,
    session: Option<&Session>,
    group: &Group,
    addressee: usize,
    seat: Option<&String>,
) -> (Offer, Vec<(String, Move)>) {
    let mut offer = Offer::default();
    if *screen == Screen::Report {
        offer.stage = Stage::Ended;
        return (offer, Vec::new());
    }
    let (Some(session), Some(mode)) = (session, mode) else {
        return (offer, Vec::new());
    };
    let m = &session.meeting;
    if m.is_over() {
        offer.stage = Stage::Ended;
        return (offer, Vec::new());
    }
    match mode {
        MeetingMode::Discussing => {
            if let Some(Pause::Discuss(d)) = group.0.pending.front() {
                offer.stage = Stage::Discuss;
                offer.title = Some(d.title.clone());
                offer.principle = Some(d.principle.explain().to_owned());
                offer.question = Some(d.question.clone());
            }
            (offer, Vec::new())
        }
        MeetingMode::Playing => {
            let (addressed, moves) = match seat {
                Some(_) => everything_on_offer(m),
                None => on_offer_to(m, addressee),
            };
            if moves.is_empty() {
                return (offer, Vec::new());
            }
            let ids: Vec<(String, Move)> = moves
                .iter()
                .enumerate()
                .map(|(i, (mv, _))| (format!("c{}", i + 1), mv.clone()))
                .collect();
            offer.choices = ids
                .iter()
                .zip(&moves)
                .map(|((id, _), (_, text))| Choice {
                    id: id.clone(),
                    text: text.clone(),
                })
                .collect();
            offer.addressed = Some(addressed);
            match seat {
                Some(p) => {
                    offer.stage = Stage::Seat;
                    offer.seat = Some(p.clone());
                }
                None if group.0.plan.vote => offer.stage = Stage::Vote,
                None => offer.stage = Stage::Idle,
            }
            (offer, ids)
        }
        _ => (offer, Vec::new()),
    }
}

/// The replies to an open moment, or the questions to the person the
/// projector addresses.
fn on_offer_to(m: &Meeting, addressee: usize) -> (String, Vec<(Move, String)>) {
    if let Some((moment, _)) = m
        .open_moments()
        .filter(|(mo, _)| !mo.replies.is_empty())
        .min_by_key(|(_, by)| *by)
    {
        return (
            format!("{} (a moment to respond to)", name_of(m, &moment.who)),
            moment
                .replies
                .iter()
                .map(|r| (Move::Respond(r.id.clone()), format!("“{}”", r.text)))
                .collect(),
        );
    }
    let all = targets(m);
    let target = &all[addressee.min(all.len().saturating_sub(1))];
    let name = match target {
        Target::Room => "the room".to_owned(),
        Target::Person(p) => name_of(m, p),
    };
    (
        name,
        options(m, target)
            .into_iter()
            .map(|o| (o.mv, o.label))
            .collect(),
    )
}

fn name_of(m: &Meeting, p: &crate::scenario::ParticipantId) -> String {
    m.scenario()
        .participants
        .iter()
        .find(|x| &x.id == p)
        .map_or_else(|| p.to_string(), |x| x.name.clone())
}

/// For the hot seat: every question to everyone, the open moment's replies
/// and its one-button response.
fn everything_on_offer(m: &Meeting) -> (String, Vec<(Move, String)>) {
    let mut all = Vec::new();
    let (_, replies) = on_offer_to(m, usize::MAX);
    if replies.iter().any(|(mv, _)| matches!(mv, Move::Respond(_))) {
        all.extend(replies);
    }
    if let Some(mv) = response_to_open_moment(m) {
        let label = mv.label(m.scenario());
        all.push((mv, label));
    }
    for t in targets(m) {
        let to = match &t {
            Target::Room => "the room".to_owned(),
            Target::Person(p) => name_of(m, p),
        };
        all.extend(
            options(m, &t)
                .into_iter()
                .map(|o| (o.mv, format!("To {to}: {}", o.label))),
        );
    }
    ("anyone".to_owned(), all)
}

/// Publishes the offer when it changes; a new question is a new round.
#[allow(clippy::too_many_arguments)]
fn publish(
    mut phones: ResMut<Phones>,
    screen: Res<State<Screen>>,
    mode: Option<Res<State<MeetingMode>>>,
    session: Option<Res<Session>>,
    group: Res<Group>,
    addressee: Res<Addressee>,
) {
    if phones.room.is_none() {
        return;
    }
    if let Some((sent, pending)) = &phones.publishing {
        match pending.take() {
            None => return,
            Some(Ok(a)) if a.status == 204 || a.status == 200 => {
                let sent = sent.clone();
                phones.offer = sent;
                phones.publishing = None;
            }
            Some(answer) => {
                let why = match answer {
                    Ok(a) => reason(&a),
                    Err(e) => e,
                };
                phones.trouble = Some(format!("The room did not take the question: {why}"));
                phones.publishing = None;
                return;
            }
        }
    }
    let (mut offer, moves) = offer_now(
        screen.get(),
        mode.as_deref().map(State::get),
        session.as_deref(),
        &group,
        addressee.0,
        phones.seat.as_ref(),
    );
    let same_question = offer.stage == phones.offer.stage
        && offer.choices == phones.offer.choices
        && offer.title == phones.offer.title
        && offer.seat == phones.offer.seat;
    offer.round = if same_question {
        phones.offer.round
    } else {
        phones.offer.round + 1
    };
    if offer == phones.offer {
        return;
    }
    if !same_question {
        // Rated on the meeting as it stands, before the room's move.
        phones.best = match session.as_deref() {
            Some(s) => moves
                .iter()
                .filter(|(_, mv)| crate::workshop::rated_good(&s.meeting, mv))
                .map(|(id, _)| id.clone())
                .collect(),
            None => Vec::new(),
        };
        phones.moves = moves;
    }
    let body = serde_json::to_string(&offer).unwrap_or_default();
    let pending = request("PUT", &phones.url("offer"), Some(body), phones.auth());
    phones.publishing = Some((offer, pending));
}

/// The projector's corner: how to join, who is in, the vote's progress,
/// the seat, suggestions and the lines of a pause.
fn panel(
    mut contexts: EguiContexts,
    phones: Res<Phones>,
    mode: Option<Res<State<MeetingMode>>>,
    mut seat: MessageWriter<SeatTo>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    egui::Window::new("Phones")
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -12.0))
        .resizable(false)
        .collapsible(true)
        .default_width(300.0)
        .show(ctx, |ui| {
            if let Some(t) = &phones.trouble {
                ui.label(
                    egui::RichText::new(format!("⚠ {t}")).color(crate::game::theme::palette::WARN),
                );
            }
            let Some(room) = &phones.room else {
                ui.label("Opening a room…");
                return;
            };
            ui.horizontal(|ui| {
                if let Some(qr) = &phones.qr {
                    draw_qr(ui, qr, 120.0);
                }
                ui.vertical(|ui| {
                    ui.label("Join on your phone:");
                    ui.label(egui::RichText::new(&room.short_url).strong());
                    ui.label(
                        egui::RichText::new(format!("code {}", room.code))
                            .size(crate::game::theme::pt(ui, 28.0))
                            .strong(),
                    );
                });
            });
            let Some(state) = &phones.state else { return };
            let here = state.people.iter().filter(|p| p.connected).count();
            ui.label(format!("{} joined · {here} connected", state.people.len()));
            if state.stage == Stage::Vote && state.round == phones.offer.round {
                ui.label(format!("Voted: {} of {}", state.voted, state.people.len()));
            }
            let discussing = mode
                .as_deref()
                .is_some_and(|m| *m.get() == MeetingMode::Discussing);
            egui::CollapsingHeader::new("People and the hot seat")
                .default_open(!discussing)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .max_height(140.0)
                        .show(ui, |ui| {
                            for p in &state.people {
                                ui.horizontal(|ui| {
                                    // Words, not a coloured dot (and egui's
                                    // fonts have no circle glyphs).
                                    if p.connected {
                                        ui.label(&p.name);
                                    } else {
                                        ui.label(format!("{} (away)", p.name));
                                    }
                                    let holds = phones.seat.as_deref() == Some(p.id.as_str());
                                    if holds {
                                        ui.label(egui::RichText::new("in the seat").strong());
                                        if ui.small_button("Take back").clicked() {
                                            seat.write(SeatTo(None));
                                        }
                                    } else if ui.small_button("Give the seat").clicked() {
                                        seat.write(SeatTo(Some(p.id.clone())));
                                    }
                                });
                            }
                        });
                });
            if state.stage == Stage::Seat && !state.suggestions.is_empty() {
                ui.separator();
                ui.label("Suggestions to the seat:");
                for Suggestion { name, pick, .. } in &state.suggestions {
                    let what = pick
                        .choice
                        .as_deref()
                        .and_then(|id| phones.offer.choices.iter().find(|c| c.id == id))
                        .map(|c| c.text.clone())
                        .or_else(|| pick.words.clone())
                        .unwrap_or_default();
                    ui.label(format!("{name}: {what}"));
                }
            }
            if discussing && !state.lines.is_empty() {
                ui.separator();
                ui.label("What the room wrote:");
                egui::ScrollArea::vertical()
                    .max_height(200.0)
                    .show(ui, |ui| {
                        for line in &state.lines {
                            if line.signed {
                                ui.label(format!("“{}” ({})", line.text, phones.name(&line.from)));
                            } else {
                                ui.label(format!("“{}”", line.text));
                            }
                        }
                    });
            }
        });
    Ok(())
}

/// The QR code of the join address, dark on white with its quiet zone.
fn draw_qr(ui: &mut egui::Ui, qr: &Matrix, side: f32) {
    let n = qr.width() + 8;
    let cell = (side / n as f32).floor().max(1.0);
    let size = cell * n as f32;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, egui::Color32::WHITE);
    for y in 0..qr.width() {
        for x in 0..qr.width() {
            if qr.dark(x, y) {
                let min = rect.min + egui::vec2((x + 4) as f32 * cell, (y + 4) as f32 * cell);
                painter.rect_filled(
                    egui::Rect::from_min_size(min, egui::vec2(cell, cell)),
                    0.0,
                    egui::Color32::BLACK,
                );
            }
        }
    }
}
