//! The room's paths: the host's (`POST /api/rooms`, `…/offer`, `…/state`,
//! `…/close`, with the host key) and the phones' (`…/join`, `…/view`,
//! `…/vote`, `…/seat`, `…/suggest`, `…/line`, `…/me`, with the
//! participant's token in `X-Participant`), the QR code and the page.

use super::super::http::{Refusal, json, json_text, poisoned, store_error};
use super::super::{App, store::unix_now};
use crate::limits;
use crate::room::{Close, Join, Offer, Pick, VoteFor, Write};
use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use serde::Deserialize;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

type Shared = State<Arc<App>>;

pub fn add(router: Router<Arc<App>>) -> Router<Arc<App>> {
    router
        .route("/api/rooms", post(open))
        .route("/api/rooms/{code}/offer", put(offer))
        .route("/api/rooms/{code}/state", get(state))
        .route("/api/rooms/{code}/close", post(close))
        .route("/api/rooms/{code}/join", post(join))
        .route("/api/rooms/{code}/view", get(view))
        .route("/api/rooms/{code}/vote", post(vote))
        .route("/api/rooms/{code}/seat", post(seat))
        .route("/api/rooms/{code}/suggest", post(suggest))
        .route("/api/rooms/{code}/line", post(line))
        .route("/api/rooms/{code}/me", get(me))
        .route("/api/rooms/{code}/qr.svg", get(qr_svg))
        .route("/join", get(page))
        .route("/join/{code}", get(page))
        .route("/join.js", get(script))
}

fn parsed<T: serde::de::DeserializeOwned>(text: &str, form: &str) -> Result<T, Refusal> {
    serde_json::from_str(text).map_err(|e| {
        Refusal::new(
            StatusCode::BAD_REQUEST,
            "malformed",
            format!("expected {form}: {e}"),
        )
    })
}

fn host_key(headers: &HeaderMap) -> String {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|v| v.trim().to_owned())
        .unwrap_or_default()
}

fn token(headers: &HeaderMap) -> String {
    headers
        .get("x-participant")
        .and_then(|v| v.to_str().ok())
        .map(|v| crate::save::cut(v.trim(), 64).to_owned())
        .unwrap_or_default()
}

// ---- the host ----

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct OpenRoom {
    /// The address phones reach this server by, when the host knows it.
    #[serde(default)]
    public: Option<String>,
}

/// The address phones should open: as the host says, else as the host
/// reached us, unless that was the loopback address while the server
/// listens on the network: then this machine's address on it.
fn public_base(app: &App, asked: Option<&str>, headers: &HeaderMap) -> Result<String, Refusal> {
    if let Some(p) = asked {
        let p = p.trim().trim_end_matches('/');
        let ok = (p.starts_with("http://") || p.starts_with("https://"))
            && p.len() <= 200
            && !p
                .chars()
                .any(|c| c.is_control() || c.is_whitespace() || c == '"' || c == '<');
        if !ok {
            return Err(Refusal::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "bad-address",
                "public is an address such as http://192.168.1.20:8080",
            ));
        }
        return Ok(p.to_owned());
    }
    let port = app.addr.port();
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| h.len() <= 200 && h.chars().all(|c| c.is_ascii_graphic()))
        .unwrap_or_default()
        .to_owned();
    let loopback = host.is_empty()
        || host.starts_with("127.")
        || host.starts_with("localhost")
        || host.starts_with("[::1]");
    if loopback
        && !app.addr.ip().is_loopback()
        && let Some(ip) = lan_address()
    {
        return Ok(format!("http://{ip}:{port}"));
    }
    Ok(if host.is_empty() {
        format!("http://{}", app.addr)
    } else {
        format!("http://{host}")
    })
}

/// This machine's address on the network it would reach the outside by
/// (a UDP socket is aimed, nothing is sent).
fn lan_address() -> Option<std::net::IpAddr> {
    let s = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    s.connect("192.0.2.1:9").ok()?;
    let ip = s.local_addr().ok()?.ip();
    (!ip.is_unspecified() && !ip.is_loopback()).then_some(ip)
}

async fn open(
    State(app): Shared,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refusal> {
    let text = json_text(&headers, body, limits::PHONE_BYTES, "a room").await?;
    let asked: OpenRoom = if text.trim().is_empty() {
        OpenRoom::default()
    } else {
        parsed(&text, "{\"public\": \"http://HOST:PORT\" or null}")?
    };
    let base = public_base(&app, asked.public.as_deref(), &headers)?;
    let (code, key) = app.rooms.open(&base)?;
    (app.log)(&format!("{}: opened the workshop room {code}", peer.ip()));
    Ok(json(
        StatusCode::CREATED,
        &crate::room::Created {
            join_url: format!("{base}/join/{code}"),
            short_url: format!("{base}/join"),
            qr_svg: format!("/api/rooms/{code}/qr.svg"),
            code,
            host_key: key,
        },
    ))
}

async fn offer(
    State(app): Shared,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refusal> {
    let key = host_key(&headers);
    let text = json_text(&headers, body, limits::OFFER_BYTES, "an offer").await?;
    let offer: Offer = parsed(&text, "an offer (docs/serve.md)")?;
    let ended = offer.stage == crate::room::Stage::Ended;
    let ledger = app.rooms.as_host(&code, &key, |room| {
        room.publish(offer)?;
        Ok(ended.then(|| room.ledger.clone()))
    })?;
    if let Some(ledger) = ledger {
        keep(&app, ledger).await?;
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Keeps a room's ledger in the database.
async fn keep(app: &Arc<App>, ledger: super::state::Ledger) -> Result<(), Refusal> {
    let app = app.clone();
    let text = serde_json::to_string(&ledger).map_err(store_error)?;
    tokio::task::spawn_blocking(move || {
        let store = app.store.lock().map_err(poisoned)?;
        store
            .keep_room(
                &ledger.code,
                &app.class,
                ledger.opened_at,
                &text,
                unix_now(),
            )
            .map_err(store_error)
    })
    .await
    .map_err(store_error)?
}

#[derive(Deserialize)]
struct Wait {
    #[serde(default)]
    after: Option<u64>,
    #[serde(default)]
    wait: Option<u64>,
}

async fn state(
    State(app): Shared,
    Path(code): Path<String>,
    headers: HeaderMap,
    query: Result<Query<Wait>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, Refusal> {
    let key = host_key(&headers);
    let Query(wait) = query.map_err(|e| {
        Refusal::new(
            StatusCode::BAD_REQUEST,
            "malformed",
            format!("?after=VERSION&wait=SECONDS: {e}"),
        )
    })?;
    let mut news = app
        .rooms
        .as_host(&code, &key, |room| Ok(room.news.subscribe()))?;
    if let Some(after) = wait.after {
        let secs = wait.wait.unwrap_or(0).min(crate::room::LONGEST_WAIT_SECS);
        let _ =
            tokio::time::timeout(Duration::from_secs(secs), news.wait_for(|v| *v > after)).await;
    }
    let state = app
        .rooms
        .as_host(&code, &key, |room| Ok(room.host_state()))?;
    Ok(json(StatusCode::OK, &state))
}

async fn close(
    State(app): Shared,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refusal> {
    let key = host_key(&headers);
    let text = json_text(&headers, body, limits::OFFER_BYTES, "a close").await?;
    let asked: Close = if text.trim().is_empty() {
        Close::default()
    } else {
        parsed(
            &text,
            "{\"played\": \"a choice id\" or null, \"best\": [\"choice ids\"]}",
        )?
    };
    let (closed, ledger) = app.rooms.as_host(&code, &key, |room| {
        Ok((room.close(asked)?, room.ledger.clone()))
    })?;
    keep(&app, ledger).await?;
    Ok(json(StatusCode::OK, &closed))
}

// ---- the phones ----

async fn join(
    State(app): Shared,
    Path(code): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refusal> {
    let text = json_text(&headers, body, limits::PHONE_BYTES, "a join").await?;
    let asked: Join = parsed(&text, "{\"name\": \"…\", \"token\": \"…\" or null}")?;
    let joined = app.rooms.with(&code, |room| room.join(asked))?;
    if !joined.returning {
        (app.log)(&format!(
            "{}: {} joined the room {}",
            peer.ip(),
            crate::escape::terminal(&joined.name),
            joined.code
        ));
    }
    let status = if joined.returning {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok(json(status, &joined))
}

async fn view(
    State(app): Shared,
    Path(code): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let view = app
        .rooms
        .as_member(&code, &token(&headers), |room, p| Ok(room.view(p)))?;
    Ok(json(StatusCode::OK, &view))
}

/// A phone's write: the body parsed as `T`, applied, and the phone's view
/// as it is after.
async fn phone_write<T: serde::de::DeserializeOwned>(
    app: Arc<App>,
    code: String,
    headers: HeaderMap,
    body: Body,
    form: &str,
    act: impl FnOnce(&mut super::state::Room, usize, T) -> Result<(), Refusal>,
) -> Result<Response, Refusal> {
    let text = json_text(&headers, body, limits::PHONE_BYTES, "a request").await?;
    let asked: T = parsed(&text, form)?;
    let view = app.rooms.as_member(&code, &token(&headers), |room, p| {
        act(room, p, asked)?;
        Ok(room.view(p))
    })?;
    Ok(json(StatusCode::OK, &view))
}

async fn vote(
    State(app): Shared,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refusal> {
    phone_write(
        app,
        code,
        headers,
        body,
        "{\"choice\": \"an id\"}",
        |room, p, v: VoteFor| room.vote(p, &v.choice),
    )
    .await
}

const PICK: &str = "{\"choice\": \"an id\"} or {\"words\": \"…\"}";

async fn seat(
    State(app): Shared,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refusal> {
    phone_write(app, code, headers, body, PICK, |room, p, pick: Pick| {
        room.seat(p, pick)
    })
    .await
}

async fn suggest(
    State(app): Shared,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refusal> {
    phone_write(app, code, headers, body, PICK, |room, p, pick: Pick| {
        room.suggest(p, pick)
    })
    .await
}

async fn line(
    State(app): Shared,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refusal> {
    phone_write(
        app,
        code,
        headers,
        body,
        "{\"text\": \"…\", \"signed\": false}",
        |room, p, w: Write| room.line(p, &w.text, w.signed),
    )
    .await
}

async fn me(
    State(app): Shared,
    Path(code): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let summary = app
        .rooms
        .as_member(&code, &token(&headers), |room, p| Ok(room.summary(p)))?;
    Ok(json(StatusCode::OK, &summary))
}

// ---- for anyone ----

async fn qr_svg(State(app): Shared, Path(code): Path<String>) -> Result<Response, Refusal> {
    let url = app.rooms.with(&code, |room| Ok(room.join_url.clone()))?;
    let svg = crate::room::Matrix::of(&url)
        .map(|m| m.svg())
        .unwrap_or_default();
    let mut res = svg.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(res)
}

async fn page() -> Response {
    super::super::routes::html_response(StatusCode::OK, super::page::HTML.to_owned())
}

async fn script() -> Response {
    super::super::routes::javascript(super::page::SCRIPT)
}
