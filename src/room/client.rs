//! The host's side of a room, for the native game: plain blocking calls
//! over `ureq`, one per request in docs/serve.md. Call them off the frame
//! loop (a thread), since `state` may wait for news.

use super::protocol::{Close, Closed, Created, HostState, Offer, Refused};
use std::time::Duration;

/// Why a call to the room failed.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server could not be reached, or the connection broke.
    #[error("the room server cannot be reached: {0}")]
    Unreachable(String),
    /// The server answered with a refusal (`{"error", "code"}`).
    #[error("the room server refused ({status} {code}): {error}")]
    Refused {
        status: u16,
        code: String,
        error: String,
    },
    /// An answer that is not what the protocol says.
    #[error("the room server answered something unexpected: {0}")]
    Unexpected(String),
}

/// The longest a `state` call waits for news; the server caps it too.
pub const LONGEST_WAIT: Duration = Duration::from_secs(super::LONGEST_WAIT_SECS);

/// A room this host opened (or was given the key of).
#[derive(Clone)]
pub struct Host {
    agent: ureq::Agent,
    base: String,
    key: String,
    /// The room's code, to show large.
    pub code: String,
    /// The address phones open (also in the QR code).
    pub join_url: String,
    /// The short address to read out (`…/join`).
    pub short_url: String,
}

impl std::fmt::Debug for Host {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the key: debug output ends up on the projector.
        f.debug_struct("Host")
            .field("base", &self.base)
            .field("code", &self.code)
            .finish_non_exhaustive()
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(LONGEST_WAIT + Duration::from_secs(10)))
        .user_agent(format!("second-story/{}", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

impl Host {
    /// Opens a new room on the server at `base` (`http://HOST:PORT`).
    /// `public`, when given, is the address phones reach the server by
    /// (`http://192.168.1.20:8080`); without it the server works it out.
    pub fn open(base: &str, public: Option<&str>) -> Result<Host, ClientError> {
        let agent = agent();
        let base = base.trim_end_matches('/').to_owned();
        let body = serde_json::json!({ "public": public }).to_string();
        let created: Created = answer(
            agent
                .post(format!("{base}/api/rooms"))
                .header("Content-Type", "application/json")
                .send(body.as_str()),
        )?;
        Ok(Host {
            agent,
            base,
            key: created.host_key,
            code: created.code,
            join_url: created.join_url,
            short_url: created.short_url,
        })
    }

    /// The QR code of the join address, to paint.
    pub fn qr(&self) -> Option<super::Matrix> {
        super::Matrix::of(&self.join_url)
    }

    fn url(&self, what: &str) -> String {
        format!("{}/api/rooms/{}/{what}", self.base, self.code)
    }

    fn bearer(&self) -> String {
        format!("Bearer {}", self.key)
    }

    /// Publishes what is on offer now. A higher round than the last starts
    /// a new question.
    pub fn publish(&self, offer: &Offer) -> Result<(), ClientError> {
        let body =
            serde_json::to_string(offer).map_err(|e| ClientError::Unexpected(e.to_string()))?;
        let _: serde_json::Value = answer(
            self.agent
                .put(self.url("offer"))
                .header("Authorization", &self.bearer())
                .header("Content-Type", "application/json")
                .send(body.as_str()),
        )?;
        Ok(())
    }

    /// The room now; with `after`, waits up to `wait` (at most
    /// [`LONGEST_WAIT`]) until its version is past `after`, and answers
    /// as it stands then.
    pub fn state(&self, after: Option<u64>, wait: Duration) -> Result<HostState, ClientError> {
        let wait = wait.min(LONGEST_WAIT).as_secs();
        let query = match after {
            Some(v) => format!("?after={v}&wait={wait}"),
            None => String::new(),
        };
        answer(
            self.agent
                .get(format!("{}{query}", self.url("state")))
                .header("Authorization", &self.bearer())
                .call(),
        )
    }

    /// Closes the round's vote: the majority, or a tie for the host to
    /// break by closing again with `played`.
    pub fn close(&self, close: &Close) -> Result<Closed, ClientError> {
        let body =
            serde_json::to_string(close).map_err(|e| ClientError::Unexpected(e.to_string()))?;
        answer(
            self.agent
                .post(self.url("close"))
                .header("Authorization", &self.bearer())
                .header("Content-Type", "application/json")
                .send(body.as_str()),
        )
    }
}

/// A 2xx answer as `T`, anything else as the refusal it carries.
fn answer<T: serde::de::DeserializeOwned>(
    resp: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
) -> Result<T, ClientError> {
    let mut resp = resp.map_err(|e| ClientError::Unreachable(e.to_string()))?;
    let status = resp.status().as_u16();
    let text = resp
        .body_mut()
        .with_config()
        .limit(4 << 20)
        .read_to_string()
        .map_err(|e| ClientError::Unreachable(e.to_string()))?;
    if (200..300).contains(&status) {
        let text = if text.is_empty() { "null" } else { &text };
        serde_json::from_str(text).map_err(|e| ClientError::Unexpected(e.to_string()))
    } else {
        let refused: Refused = serde_json::from_str(&text).map_err(|_| ClientError::Refused {
            status,
            code: "unknown".into(),
            error: crate::save::cut(&text, 200).to_owned(),
        })?;
        Err(ClientError::Refused {
            status,
            code: refused.code,
            error: refused.error,
        })
    }
}
