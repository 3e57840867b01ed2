//! The game in a browser page, served by `second-story serve`
//! (docs/serve.md has the API). What differs from the desktop lives here:
//!
//! - the options come from the page's address (`?name=…&scenario=…`);
//! - the incidents come from the server (`/api/scenarios`), checked by the
//!   same parser and validation as on a desktop;
//! - the student says hello when a meeting starts, the class page hears of
//!   each move, and the finished meeting's record is sent to the server. A
//!   record is put in the browser's storage before it is sent and taken
//!   out once the server has it, so a closed tab or a dropped network loses
//!   nothing: what is left is sent when the game next starts;
//! - settings and progress are kept in the browser's storage (`kept`).
//!
//! Requests go through [`net`](super::net), as a workshop's do.

use super::Options;
use super::kept::KeptSettings;
use super::library::{Library, ScenarioAsset, ScenarioEntry, Scenarios};
use super::meeting::{MeetingEnded, MeetingStarted, MovePlayed, Session};
use super::net::{Pending, reason, request};
use super::records::{Credits, Delivery, Keeping, record_of};
use bevy::prelude::*;
use serde::Deserialize;

/// Where records wait until the server has them.
const UNSENT: &str = "second-story/unsent";

// ---- the browser's storage ----

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// A value kept in the browser's local storage.
pub fn stored(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

/// Keeps a value in the browser's local storage.
pub fn store(key: &str, value: &str) -> Result<(), String> {
    storage()
        .ok_or("this browser keeps nothing for the page")?
        .set_item(key, value)
        .map_err(|e| format!("the browser would not keep it: {}", super::net::said(e)))
}

// ---- the page ----

/// Seconds since the page started loading.
pub fn page_seconds() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now() / 1000.0)
}

/// Sets `data-NAME` on the page's body: how tests and the page's own
/// script learn what the game is doing.
pub fn mark(name: &str, value: &str) {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.dataset().set(name, value);
    }
}

/// Whether `data-NAME` is set on the page's body.
pub fn marked(name: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .and_then(|b| b.dataset().get(name))
        .is_some()
}

/// The options, from the page's address: `name`, `scenario`, `meeting`,
/// `seed`, and for tests `autoplay` (a move script's text) with `shots`
/// (pause at each picture until the page's `data-shot` is cleared).
pub fn options() -> Options {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
    let get = |key: &str| {
        params
            .as_ref()
            .and_then(|p| p.get(key))
            .filter(|v| !v.is_empty())
    };
    Options {
        autoplay_text: get("autoplay"),
        screenshots: get("shots").map(|_| "page".into()),
        scenario: get("scenario"),
        meeting: get("meeting").is_some(),
        // As on a desktop and in `run`: the same script gives the same meeting.
        seed: get("seed").and_then(|s| s.parse().ok()).unwrap_or(1),
        name: get("name"),
        // A workshop on the projector, the room on this page's server:
        // `?room=1[&vote=1]`.
        room: get("room").map(|_| String::new()),
        workshop: get("room").map(|_| crate::workshop::Plan {
            vote: get("vote").is_some(),
            discuss: get("nodiscuss").is_none(),
            ..Default::default()
        }),
        ..Options::default()
    }
}

// ---- the class ----

/// The student's link with the class server.
#[derive(Resource, Default)]
struct Class {
    /// The token the server gave at hello.
    player: Option<String>,
    hello: Option<Pending>,
    /// Records sent, waiting for the server's answer: (key in storage,
    /// request).
    sending: Vec<(String, Pending)>,
    /// The scenario list, then each file, on their way.
    listing: Option<Pending>,
    files: Vec<(String, Pending)>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Class>()
        .add_systems(Startup, (list_scenarios, send_unsent))
        .add_systems(
            Update,
            (
                receive_scenarios,
                say_hello,
                report_progress,
                send_record,
                hear_back,
            ),
        );
}

#[derive(Deserialize)]
struct Listing {
    scenarios: Vec<Listed>,
}

#[derive(Deserialize)]
struct Listed {
    id: String,
    url: String,
}

fn list_scenarios(
    mut class: ResMut<Class>,
    mut scenarios: ResMut<Scenarios>,
    mut commands: Commands,
) {
    class.listing = Some(request("GET", "/api/scenarios", None, Vec::new()));
    // One thing on its way (the list), so the picker waits for it.
    scenarios.1 = super::library::Loading(1);
    commands.insert_resource(Library {
        pending: 1,
        ..default()
    });
}

/// The list, then each scenario file as it arrives: parsed and checked like
/// a file on a desktop, and handed to the library.
fn receive_scenarios(
    mut class: ResMut<Class>,
    library: Option<ResMut<Library>>,
    mut assets: ResMut<Assets<ScenarioAsset>>,
) {
    let Some(mut library) = library else { return };
    if let Some(answer) = class.listing.as_ref().and_then(Pending::take) {
        class.listing = None;
        library.pending = 0;
        match answer
            .map_err(|e| format!("cannot reach the class server: {e}"))
            .and_then(|a| {
                if a.status == 200 {
                    serde_json::from_str::<Listing>(&a.body).map_err(|e| e.to_string())
                } else {
                    Err(reason(&a))
                }
            }) {
            Ok(listing) => {
                for s in listing.scenarios {
                    class.files.push((
                        format!("{}.ron", s.id),
                        request("GET", &s.url, None, Vec::new()),
                    ));
                }
                library.pending = class.files.len();
            }
            Err(why) => library.refused.push(ScenarioEntry {
                file: "/api/scenarios".into(),
                scenario: Err(vec![why]),
            }),
        }
    }
    let mut arrived = Vec::new();
    class.files.retain(|(file, pending)| match pending.take() {
        Some(answer) => {
            arrived.push((file.clone(), answer));
            false
        }
        None => true,
    });
    for (file, answer) in arrived {
        library.pending = library.pending.saturating_sub(1);
        match answer {
            Ok(a) if a.status == 200 => {
                let handle = assets.add(super::library::parse(&file, a.body.into_bytes()));
                library.handles.push(handle);
            }
            Ok(a) => library.refused.push(ScenarioEntry {
                file,
                scenario: Err(vec![reason(&a)]),
            }),
            Err(e) => library.refused.push(ScenarioEntry {
                file,
                scenario: Err(vec![format!("cannot reach the class server: {e}")]),
            }),
        }
    }
}

/// The name the class sees.
fn student(kept: &KeptSettings) -> String {
    let name = kept.value.name.trim();
    if name.is_empty() {
        "(no name given)".to_owned()
    } else {
        name.to_owned()
    }
}

/// A meeting starts: the class page lists the student with the incident.
fn say_hello(
    mut started: MessageReader<MeetingStarted>,
    session: Option<Res<Session>>,
    kept: Res<KeptSettings>,
    mut class: ResMut<Class>,
) {
    if started.read().last().is_none() {
        return;
    }
    let Some(session) = session else { return };
    let body = serde_json::json!({
        "name": student(&kept),
        "scenario": session.meeting.scenario().id.to_string(),
    });
    class.player = None;
    class.hello = Some(request(
        "POST",
        "/api/hello",
        Some(body.to_string()),
        Vec::new(),
    ));
}

/// After each move, how far the meeting is (the class page's *Playing
/// now*). Best effort: a lost update is made good by the next.
fn report_progress(
    mut played: MessageReader<MovePlayed>,
    session: Option<Res<Session>>,
    mut class: ResMut<Class>,
) {
    if let Some(answer) = class.hello.as_ref().and_then(Pending::take) {
        class.hello = None;
        match answer {
            Ok(a) if a.status == 201 => {
                class.player = serde_json::from_str::<serde_json::Value>(&a.body)
                    .ok()
                    .and_then(|v| v["player"].as_str().map(str::to_owned));
            }
            Ok(a) => warn!("the class server did not take the hello: {}", reason(&a)),
            Err(e) => warn!("cannot reach the class server: {e}"),
        }
    }
    if played.read().last().is_none() {
        return;
    }
    let (Some(session), Some(player)) = (session, class.player.clone()) else {
        return;
    };
    let m = &session.meeting;
    let body = serde_json::json!({
        "player": player,
        "scenario": m.scenario().id.to_string(),
        "minute": m.clock(),
        "phase": format!("{:?}", m.phase()),
        "moves": m.played().len(),
        "facts": m.facts_revealed().count(),
    });
    // Nobody waits for this answer.
    let _ = request("POST", "/api/progress", Some(body.to_string()), Vec::new());
}

/// The meeting ended: its record goes into the browser's storage, then to
/// the server.
fn send_record(
    mut ended: MessageReader<MeetingEnded>,
    session: Option<Res<Session>>,
    credits: Res<Credits>,
    kept: Res<KeptSettings>,
    mut class: ResMut<Class>,
    mut keeping: ResMut<Keeping>,
) {
    if ended.read().last().is_none() {
        return;
    }
    let Some(session) = session else { return };
    let record = String::from_utf8_lossy(&record_of(&session, &credits, &student(&kept)).to_json())
        .into_owned();
    let key = format!("{UNSENT}/{}", js_sys::Date::now() as u64);
    let letter = serde_json::json!({ "player": class.player, "record": record }).to_string();
    if let Err(e) = store(&key, &letter) {
        warn!("the record could not be kept in the browser ({e}); sending it anyway");
    }
    keeping.sent = Some(Delivery::Sending);
    let pending = request(
        "POST",
        "/api/records",
        Some(record),
        player_header(class.player.clone()),
    );
    class.sending.push((key, pending));
}

fn player_header(player: Option<String>) -> super::net::Headers {
    player.map(|p| ("X-Player", p)).into_iter().collect()
}

/// Records left over from an earlier visit (the tab was closed, the server
/// was down) are sent again.
fn send_unsent(mut class: ResMut<Class>) {
    let Some(storage) = storage() else { return };
    let count = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(UNSENT))
        .collect();
    for key in keys {
        let Some(letter) =
            stored(&key).and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        else {
            continue;
        };
        let Some(record) = letter["record"].as_str() else {
            continue;
        };
        let player = letter["player"].as_str().map(str::to_owned);
        info!("sending a record kept from an earlier visit ({key})");
        class.sending.push((
            key,
            request(
                "POST",
                "/api/records",
                Some(record.to_owned()),
                player_header(player),
            ),
        ));
    }
}

/// The server's answer to a record: kept (it leaves the browser's
/// storage), refused (it leaves too, with the reason shown: sending it
/// again would not change the answer), or not reached (it stays, to be
/// sent next time).
fn hear_back(mut class: ResMut<Class>, mut keeping: ResMut<Keeping>) {
    let mut answered = Vec::new();
    class.sending.retain(|(key, pending)| match pending.take() {
        Some(answer) => {
            answered.push((key.clone(), answer));
            false
        }
        None => true,
    });
    for (key, answer) in answered {
        let delivery = match answer {
            Ok(a) if a.status == 200 || a.status == 201 => Delivery::Sent,
            Ok(a) if a.status >= 500 => Delivery::Kept(reason(&a)),
            Ok(a) => {
                let why = reason(&a);
                error!("the class server refused a record: {why}");
                Delivery::Refused(why)
            }
            Err(e) => Delivery::Kept(format!("cannot reach the class server: {e}")),
        };
        if !matches!(delivery, Delivery::Kept(_))
            && let Some(s) = storage()
        {
            let _ = s.remove_item(&key);
        }
        keeping.sent = Some(delivery);
    }
}
