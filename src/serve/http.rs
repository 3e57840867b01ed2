//! HTTP plumbing: accepting connections (each with a deadline for its
//! request head, and a cap on how many are open), reading bodies within a
//! size and a time limit, and answering in JSON.

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, HeaderValue, Response, StatusCode, header};
use http_body_util::BodyExt;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;

/// A client must send a request's head (its line and headers) within this;
/// an idle kept-alive connection is closed after it too.
const HEADER_TIMEOUT: Duration = Duration::from_secs(30);
/// A request's body must arrive within this.
const BODY_TIMEOUT: Duration = Duration::from_secs(60);
/// Connections open at once; past it new ones are closed at once.
const CONNECTIONS: usize = 1_024;
/// In-flight requests are given this long to finish when the server stops.
const DRAIN: Duration = Duration::from_secs(10);

/// Serves `router` on `listener` until `stop` fires, then lets requests in
/// flight finish.
pub async fn serve(
    listener: std::net::TcpListener,
    router: Router,
    mut stop: tokio::sync::oneshot::Receiver<()>,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let slots = Arc::new(tokio::sync::Semaphore::new(CONNECTIONS));
    loop {
        tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(a) => a,
                    // Out of file descriptors, or a connection reset before
                    // it was accepted: wait a moment rather than spin.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let Ok(slot) = slots.clone().try_acquire_owned() else {
                    drop(stream);
                    continue;
                };
                let _ = stream.set_nodelay(true);
                let router = router.clone();
                let service = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
                    req.extensions_mut().insert(ConnectInfo(peer));
                    router.clone().oneshot(req)
                });
                let conn = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(HEADER_TIMEOUT)
                    .serve_connection(TokioIo::new(stream), service);
                let conn = graceful.watch(conn);
                tokio::spawn(async move {
                    let _ = conn.await;
                    drop(slot);
                });
            }
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(DRAIN, graceful.shutdown()).await;
    Ok(())
}

/// An answer that is an error: a status, a short code a program can test,
/// and a sentence for a person.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl Refusal {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Refusal {
        Refusal {
            status,
            code,
            message: message.into(),
        }
    }
}

impl axum::response::IntoResponse for Refusal {
    fn into_response(self) -> axum::response::Response {
        json(
            self.status,
            &serde_json::json!({ "error": self.message, "code": self.code }),
        )
    }
}

/// A JSON answer, never cached.
pub fn json<T: serde::Serialize>(status: StatusCode, value: &T) -> axum::response::Response {
    // Cannot fail: the values are strings, numbers, lists and maps with
    // string keys.
    let body = serde_json::to_vec(value).unwrap_or_default();
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = status;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Whether the request says its body is JSON (`application/json`,
/// parameters such as a charset allowed).
pub fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
}

/// The body as UTF-8 text, refused when its type is not JSON, when it is
/// larger than `limit` bytes (said by its length, or found while reading),
/// when it stalls, or when it is not UTF-8.
pub async fn json_text(
    headers: &HeaderMap,
    body: Body,
    limit: u64,
    what: &str,
) -> Result<String, Refusal> {
    if !is_json(headers) {
        return Err(Refusal::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "not-json",
            format!("send {what} as JSON, with Content-Type: application/json"),
        ));
    }
    let too_large = || {
        Refusal::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            format!("{what} is larger than {limit} bytes, the most this server takes"),
        )
    };
    let stalled = || {
        Refusal::new(
            StatusCode::REQUEST_TIMEOUT,
            "stalled",
            format!("{what} did not arrive within {} s", BODY_TIMEOUT.as_secs()),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let mut body = body;
    if declared.is_some_and(|n| n > limit) {
        // Read (and drop) a body of a sensible size first, so that the
        // client, which is still sending, hears the answer rather than a
        // connection reset; a larger one is answered at once.
        if declared.is_some_and(|n| n <= DRAINED) {
            let _ = tokio::time::timeout(BODY_TIMEOUT, drain(&mut body, DRAINED)).await;
        }
        return Err(too_large());
    }
    let read = async {
        let mut bytes: Vec<u8> = Vec::with_capacity(declared.unwrap_or(0) as usize);
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|e| {
                Refusal::new(
                    StatusCode::BAD_REQUEST,
                    "broken-body",
                    format!("{what} could not be read: {e}"),
                )
            })?;
            if let Some(data) = frame.data_ref() {
                if bytes.len() as u64 + data.len() as u64 > limit {
                    let read = bytes.len() as u64 + data.len() as u64;
                    drop(bytes);
                    drain(&mut body, DRAINED.saturating_sub(read)).await;
                    return Err(too_large());
                }
                bytes.extend_from_slice(data);
            }
        }
        Ok(bytes)
    };
    let bytes = tokio::time::timeout(BODY_TIMEOUT, read)
        .await
        .map_err(|_| stalled())??;
    String::from_utf8(bytes).map_err(|e| {
        Refusal::new(
            StatusCode::BAD_REQUEST,
            "malformed",
            format!(
                "{what} is not UTF-8 text (a bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// A refused body is read and dropped up to this many bytes, so the client
/// hears why; past it, the connection is closed.
const DRAINED: u64 = 16 << 20;

/// Reads and drops up to `max` more bytes of a body.
async fn drain(body: &mut Body, max: u64) {
    let mut read = 0u64;
    while read <= max {
        match body.frame().await {
            Some(Ok(frame)) => read += frame.data_ref().map_or(0, |d| d.len() as u64),
            _ => return,
        }
    }
}

/// Headers every answer carries: no guessing of content types, and no
/// address (the instructor's page has its key in it) sent on in a
/// Referer.
pub async fn common_headers(mut res: axum::response::Response) -> axum::response::Response {
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    res
}

/// The database failed (500).
pub fn store_error(e: impl std::fmt::Display) -> Refusal {
    Refusal::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "storage",
        format!("the class database: {e}"),
    )
}

/// A lock held by a thread that panicked (500).
pub fn poisoned<T>(_: T) -> Refusal {
    store_error("a lock was poisoned by an earlier failure")
}
