//! The paths the server answers, and their handlers. The students' game
//! uses `/api/scenarios`, `/api/hello`, `/api/progress` and
//! `/api/records`; the instructor's pages (`/class`, its downloads and
//! `/api/class`) need the instructor's key. docs/serve.md has them all.

use super::http::{self, Refusal, json, json_text, poisoned, store_error};
use super::live;
use super::store::{Progress, unix_now};
use super::{App, random_hex};
use crate::limits;
use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

type Shared = State<Arc<App>>;
type Params = Result<Query<HashMap<String, String>>, axum::extract::rejection::QueryRejection>;

pub fn router(app: Arc<App>) -> Router {
    super::room::routes::add(Router::new())
        .route("/api/scenarios", get(scenarios))
        .route("/api/scenarios/{id}", get(scenario_file))
        .route("/api/hello", post(hello))
        .route("/api/progress", post(progress))
        .route("/api/records", post(records))
        .route("/api/class", get(class_json))
        .route("/api/meetings/{id}/record", get(meeting_record))
        .route("/class", get(class_page))
        .route("/class/live.js", get(live_js))
        .route("/class/report.html", get(report_html))
        .route("/class/report.csv", get(report_csv))
        .route("/class/xapi.json", get(report_xapi))
        .fallback(fallback)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::map_response(http::common_headers))
        .with_state(app)
}

async fn fallback(State(app): Shared, req: Request) -> Response {
    if req.uri().path().starts_with("/api/") {
        return Refusal::new(
            StatusCode::NOT_FOUND,
            "no-such-path",
            format!("there is no {} here; see docs/serve.md", req.uri().path()),
        )
        .into_response();
    }
    super::web::files(app, req).await
}

async fn method_not_allowed(req: Request) -> Refusal {
    Refusal::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method",
        format!("{} does not take {}", req.uri().path(), req.method()),
    )
}

/// Runs blocking work (the database, replays) off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Refusal> + Send + 'static,
) -> Result<T, Refusal> {
    tokio::task::spawn_blocking(work).await.unwrap_or_else(|_| {
        Err(Refusal::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server-error",
            "the server hit an internal error",
        ))
    })
}

// ---- the students' game ----

async fn scenarios(State(app): Shared) -> Response {
    json(
        StatusCode::OK,
        &serde_json::json!({ "class": app.class, "scenarios": app.library.list() }),
    )
}

async fn scenario_file(
    State(app): Shared,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let served = app.library.get(&id).ok_or_else(|| {
        Refusal::new(
            StatusCode::NOT_FOUND,
            "unknown-scenario",
            format!(
                "no scenario \"{}\" is served here",
                crate::save::cut(&id, limits::ID_BYTES)
            ),
        )
    })?;
    let etag = format!("\"{}\"", served.hash);
    let cached = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut res = if cached {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        served.source.clone().into_response()
    };
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    if let Ok(v) = HeaderValue::from_str(&served.hash) {
        h.insert("x-scenario-hash", v);
    }
    Ok(res)
}

/// A name as a person typed it: trimmed, 1 to NAME_BYTES bytes, no
/// control characters.
fn checked_name(name: &str) -> Result<String, Refusal> {
    let name = name.trim();
    let refuse =
        |code, what: String| Err(Refusal::new(StatusCode::UNPROCESSABLE_ENTITY, code, what));
    if name.is_empty() {
        return refuse(
            "no-name",
            "give a name: the instructor sees who is playing".into(),
        );
    }
    if name.len() > limits::NAME_BYTES {
        return refuse(
            "name-too-long",
            format!(
                "a name of {} bytes; a name is at most {} bytes",
                name.len(),
                limits::NAME_BYTES
            ),
        );
    }
    if name.chars().any(char::is_control) {
        return refuse("bad-name", "a name cannot hold control characters".into());
    }
    Ok(name.to_owned())
}

fn served_id(app: &App, id: Option<&str>) -> Result<(), Refusal> {
    match id {
        Some(id) if app.library.get(id).is_none() => Err(Refusal::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown-scenario",
            format!(
                "no scenario \"{}\" is served here",
                crate::save::cut(id, limits::ID_BYTES)
            ),
        )),
        _ => Ok(()),
    }
}

fn parsed<'a, T: Deserialize<'a>>(text: &'a str, what: &str, form: &str) -> Result<T, Refusal> {
    serde_json::from_str(text).map_err(|e| {
        Refusal::new(
            StatusCode::BAD_REQUEST,
            "malformed",
            format!("{what} is {form}: {e}"),
        )
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Hello {
    name: String,
    #[serde(default)]
    scenario: Option<String>,
}

async fn hello(
    State(app): Shared,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refusal> {
    let text = json_text(&headers, body, limits::REQUEST_BYTES, "a hello").await?;
    let hello: Hello = parsed(
        &text,
        "a hello",
        "{\"name\": \"…\", \"scenario\": \"an id\" or null}",
    )?;
    let name = checked_name(&hello.name)?;
    served_id(&app, hello.scenario.as_deref())?;
    let player = blocking(move || {
        let store = app.store.lock().map_err(poisoned)?;
        if store.players_in(&app.class).map_err(store_error)? >= limits::PLAYERS_IN_A_CLASS {
            return Err(Refusal::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "class-full",
                format!(
                    "{} players have said hello in this class, the most it takes",
                    limits::PLAYERS_IN_A_CLASS
                ),
            ));
        }
        let token = random_hex().map_err(store_error)?;
        let p = store
            .hello(
                &app.class,
                &name,
                hello.scenario.as_deref(),
                &token,
                unix_now(),
            )
            .map_err(store_error)?;
        (app.log)(&format!(
            "{}: {} said hello ({})",
            peer.ip(),
            crate::escape::terminal(&p.name),
            p.scenario.as_deref().unwrap_or("choosing")
        ));
        Ok(p)
    })
    .await?;
    Ok(json(StatusCode::CREATED, &player))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Ping {
    player: String,
    #[serde(default)]
    scenario: Option<String>,
    #[serde(default)]
    minute: Option<u16>,
    #[serde(default)]
    phase: Option<String>,
    #[serde(default)]
    moves: Option<u32>,
    #[serde(default)]
    facts: Option<u32>,
}

/// The longest phase name a game may send.
const PHASE_BYTES: usize = 40;

async fn progress(State(app): Shared, headers: HeaderMap, body: Body) -> Result<Response, Refusal> {
    let text = json_text(&headers, body, limits::REQUEST_BYTES, "a progress report").await?;
    let ping: Ping = parsed(
        &text,
        "a progress report",
        "{\"player\": \"…\", \"scenario\", \"minute\", \"phase\", \"moves\", \"facts\"}",
    )?;
    served_id(&app, ping.scenario.as_deref())?;
    let bad = |what: &str| {
        Err(Refusal::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad-progress",
            what.to_owned(),
        ))
    };
    if ping.minute.is_some_and(|m| m > limits::MINUTES) {
        return bad("the minute is past the longest meeting");
    }
    if ping
        .phase
        .as_deref()
        .is_some_and(|p| p.len() > PHASE_BYTES || p.chars().any(char::is_control))
    {
        return bad("a phase is a short name without control characters");
    }
    let found = blocking(move || {
        let store = app.store.lock().map_err(poisoned)?;
        let progress = Progress {
            minute: ping.minute,
            phase: ping.phase,
            moves: ping.moves,
            facts: ping.facts,
        };
        store
            .progress(
                &ping.player,
                ping.scenario.as_deref(),
                &progress,
                unix_now(),
            )
            .map_err(store_error)
    })
    .await?;
    if !found {
        return Err(Refusal::new(
            StatusCode::NOT_FOUND,
            "unknown-player",
            "no player has this token: say hello again",
        ));
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn records(
    State(app): Shared,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refusal> {
    let text = match json_text(&headers, body, limits::RECORD_BYTES, "a record").await {
        Ok(t) => t,
        Err(r) => {
            (app.log)(&format!(
                "{}: record refused ({}): {}",
                peer.ip(),
                r.code,
                r.message
            ));
            return Err(r);
        }
    };
    let player = headers
        .get("x-player")
        .and_then(|v| v.to_str().ok())
        .map(|v| crate::save::cut(v.trim(), 64).to_owned())
        .filter(|v| !v.is_empty());
    let from = peer.ip().to_string();
    let accepted = blocking(move || app.accept(&text, player.as_deref(), &from)).await?;
    let status = if accepted.duplicate {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok(json(status, &accepted))
}

// ---- the instructor ----

/// The instructor's key, from `?key=` or `Authorization: Bearer`.
fn instructor(app: &App, headers: &HeaderMap, params: &Params) -> Result<(), Refusal> {
    let from_query = params.as_ref().ok().and_then(|q| q.get("key").cloned());
    let from_header = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|v| v.trim().to_owned());
    let given = from_query.or(from_header).unwrap_or_default();
    if same(given.as_bytes(), app.key.as_bytes()) {
        Ok(())
    } else {
        Err(Refusal::new(
            StatusCode::UNAUTHORIZED,
            "key",
            "the instructor's pages need the key printed when the server started (/class?key=…)",
        ))
    }
}

/// Compares without stopping at the first difference.
pub(super) fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

async fn class_json(
    State(app): Shared,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, Refusal> {
    instructor(&app, &headers, &params)?;
    let snapshot = blocking(move || app.snapshot()).await?;
    Ok(json(StatusCode::OK, &snapshot))
}

pub(super) fn html_response(status: StatusCode, html: String) -> Response {
    let mut res = (status, html).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
    );
    res
}

async fn class_page(State(app): Shared, headers: HeaderMap, params: Params) -> Response {
    if let Err(r) = instructor(&app, &headers, &params) {
        let body = format!(
            "<h1>The instructor's page</h1><p>{}</p><p>Open the address printed by <code>second-story serve</code> where it was started; it ends in <code>?key=…</code>.</p>",
            crate::html::esc(&r.message)
        );
        return html_response(
            StatusCode::UNAUTHORIZED,
            crate::html::page("Second Story: key needed", "", &body),
        );
    }
    let app2 = app.clone();
    match blocking(move || app2.snapshot()).await {
        Ok(s) => html_response(StatusCode::OK, live::page(&app.class, &app.key, &s.html)),
        Err(r) => r.into_response(),
    }
}

async fn live_js() -> Response {
    javascript(live::SCRIPT.replace("POLL_MS", &live::POLL_MS.to_string()))
}

/// A script of ours, never cached stale.
pub(super) fn javascript(text: impl IntoResponse) -> Response {
    let mut res = text.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    res
}

async fn meeting_record(
    State(app): Shared,
    Path(id): Path<String>,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, Refusal> {
    instructor(&app, &headers, &params)?;
    let missing = || {
        Refusal::new(
            StatusCode::NOT_FOUND,
            "unknown-meeting",
            format!("no meeting {} here", crate::save::cut(&id, 20)),
        )
    };
    let n: i64 = id.parse().map_err(|_| missing())?;
    let found = blocking(move || {
        let store = app.store.lock().map_err(poisoned)?;
        store.record(n).map_err(store_error)
    })
    .await?
    .ok_or_else(missing)?;
    let name = crate::record::Record::parse(&found.record, "stored")
        .map(|r| crate::record::file_stem(&r))
        .unwrap_or_else(|_| format!("meeting-{n}"));
    let mut res = found.record.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}.json\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

/// One of the report's files, made from the class as it stands.
async fn report_file(
    app: Arc<App>,
    headers: HeaderMap,
    params: Params,
    kind: &'static str,
) -> Result<Response, Refusal> {
    instructor(&app, &headers, &params)?;
    let (text, content_type, name) = blocking(move || {
        let live = app.live.lock().map_err(poisoned)?;
        let class = &live.class;
        Ok(match kind {
            "html" => (
                crate::class::html(class, &class.summary(), &app.class),
                "text/html; charset=utf-8",
                "class-report.html",
            ),
            "csv" => (
                crate::class::csv(class),
                "text/csv; charset=utf-8",
                "class.csv",
            ),
            _ => (
                crate::class::xapi_json(class),
                "application/json",
                "class.xapi.json",
            ),
        })
    })
    .await?;
    let mut res = text.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    if kind == "html" {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
        );
    }
    Ok(res)
}

async fn report_html(
    State(app): Shared,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, Refusal> {
    report_file(app, headers, params, "html").await
}

async fn report_csv(
    State(app): Shared,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, Refusal> {
    report_file(app, headers, params, "csv").await
}

async fn report_xapi(
    State(app): Shared,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, Refusal> {
    report_file(app, headers, params, "xapi").await
}
