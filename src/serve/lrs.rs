//! Sending accepted meetings to a learning record store (LRS) as xAPI
//! statements. Each meeting's statements are queued in the class database
//! (the `outbox` table) in the same transaction that stores the meeting;
//! a background thread sends them, oldest first, and marks a meeting sent
//! only when the LRS answers 2xx. While the LRS cannot be reached it
//! waits longer between tries (1 s, 2 s, 4 s, … up to a minute), and
//! nothing is dropped: the queue outlives restarts of either side.

use super::Log;
use super::store::{Store, unix_now};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// The xAPI version the statements follow.
const XAPI_VERSION: &str = "1.0.3";

/// Meetings sent in one round before the queue is looked at again.
const ROUND: usize = 50;

/// Basic credentials for the LRS (its "key" and "secret").
#[derive(Clone, PartialEq)]
pub struct Credentials {
    pub user: String,
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({}, <hidden>)", self.user)
    }
}

/// Reads credentials: from `file` when given (its first line that is not
/// blank or a `#` comment, `USER:PASSWORD`), else from the environment
/// (`SECOND_STORY_LRS_USER` and `SECOND_STORY_LRS_PASSWORD`), else none.
pub fn credentials(file: Option<&Path>) -> Result<Option<Credentials>, String> {
    if let Some(file) = file {
        let text = crate::source::read(file).map_err(|e| e.to_string())?;
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .ok_or_else(|| format!("{}: no USER:PASSWORD line", crate::source::name(file)))?;
        let (user, password) = line.split_once(':').ok_or_else(|| {
            format!(
                "{}: the credentials line is not USER:PASSWORD",
                crate::source::name(file)
            )
        })?;
        return checked(user, password).map(Some);
    }
    let user = std::env::var("SECOND_STORY_LRS_USER").ok();
    let password = std::env::var("SECOND_STORY_LRS_PASSWORD").ok();
    match (user, password) {
        (Some(u), Some(p)) => checked(&u, &p).map(Some),
        (None, None) => Ok(None),
        _ => Err(
            "set both SECOND_STORY_LRS_USER and SECOND_STORY_LRS_PASSWORD, or neither".to_owned(),
        ),
    }
}

fn checked(user: &str, password: &str) -> Result<Credentials, String> {
    if user.is_empty() || user.contains(':') || user.chars().any(char::is_control) {
        return Err("the LRS user must be non-empty, without ':' or control characters".into());
    }
    if password.chars().any(char::is_control) {
        return Err("the LRS password has a control character".into());
    }
    Ok(Credentials {
        user: user.to_owned(),
        password: password.to_owned(),
    })
}

/// Where and how to send statements.
#[derive(Clone, Debug)]
pub struct Lrs {
    /// The LRS's statements resource, `…/statements`.
    pub statements: String,
    pub credentials: Option<Credentials>,
    /// The longest wait between tries while the LRS is down.
    pub max_backoff: Duration,
}

impl Lrs {
    /// `url` is the LRS's xAPI endpoint (`https://lrs.example/xAPI/`) or
    /// its statements resource.
    pub fn new(url: &str, credentials: Option<Credentials>) -> Result<Lrs, String> {
        let url = url.trim();
        let lower = url.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://"))
            || url.chars().any(|c| c.is_control() || c == ' ')
        {
            return Err(format!(
                "--lrs {}: not an http:// or https:// address",
                crate::escape::terminal(url)
            ));
        }
        let base = url.trim_end_matches('/');
        let statements = if base.ends_with("/statements") {
            base.to_owned()
        } else {
            format!("{base}/statements")
        };
        Ok(Lrs {
            statements,
            credentials,
            max_backoff: Duration::from_secs(60),
        })
    }

    fn authorization(&self) -> Option<String> {
        use base64::Engine as _;
        let c = self.credentials.as_ref()?;
        let pair = format!("{}:{}", c.user, c.password);
        Some(format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(pair)
        ))
    }
}

/// How long to wait after `n` failures in a row.
fn backoff(n: u32, max: Duration) -> Duration {
    let secs = 1u64 << n.saturating_sub(1).min(16);
    Duration::from_secs(secs).min(max)
}

/// A try that did not end in 2xx.
struct Failure {
    message: String,
    /// Every statement would fail now (unreachable, 5xx, throttled, bad
    /// credentials); otherwise only this meeting's were refused.
    lrs_down: bool,
}

fn post(agent: &ureq::Agent, lrs: &Lrs, body: &str) -> Result<(), Failure> {
    let mut req = agent
        .post(&lrs.statements)
        .header("X-Experience-API-Version", XAPI_VERSION)
        .header("Content-Type", "application/json");
    if let Some(auth) = lrs.authorization() {
        req = req.header("Authorization", auth);
    }
    let resp = req.send(body).map_err(|e| Failure {
        message: format!("cannot reach the LRS: {e}"),
        lrs_down: true,
    })?;
    let status = resp.status().as_u16();
    if (200..300).contains(&status) {
        return Ok(());
    }
    let said = resp
        .into_body()
        .with_config()
        .limit(2_000)
        .read_to_string()
        .unwrap_or_default();
    let said: String = crate::save::cut(said.trim(), 300).to_owned();
    Err(Failure {
        message: format!("the LRS answered {status}: {said}"),
        lrs_down: !matches!(status, 400 | 409 | 413 | 422),
    })
}

/// The sender thread's doorbell.
#[derive(Default)]
struct Bell {
    state: Mutex<(bool, bool)>, // (rung, stop)
    cv: Condvar,
}

impl Bell {
    /// Waits until rung, stopped, or `timeout`; true when told to stop.
    fn wait(&self, timeout: Option<Duration>) -> bool {
        let Ok(mut s) = self.state.lock() else {
            return true;
        };
        let deadline = timeout.map(|t| std::time::Instant::now() + t);
        while !s.0 && !s.1 {
            let left = match deadline {
                Some(d) => match d.checked_duration_since(std::time::Instant::now()) {
                    Some(left) if !left.is_zero() => left,
                    _ => break,
                },
                None => Duration::from_secs(3600),
            };
            s = match self.cv.wait_timeout(s, left) {
                Ok((s, _)) => s,
                Err(_) => return true,
            };
        }
        s.0 = false;
        s.1
    }

    fn ring(&self, stop: bool) {
        if let Ok(mut s) = self.state.lock() {
            s.0 = true;
            s.1 |= stop;
        }
        self.cv.notify_all();
    }
}

/// The running sender: ring it when a meeting is queued.
pub struct Sender {
    bell: Arc<Bell>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Sender {
    /// Something new is queued.
    pub fn ring(&self) {
        self.bell.ring(false);
    }

    /// Stops the thread after the try in progress.
    pub fn stop(mut self) {
        self.bell.ring(true);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Sender {
    fn drop(&mut self) {
        self.bell.ring(true);
    }
}

/// Starts sending what the outbox holds, and whatever is queued later.
pub fn start(lrs: Lrs, store: Arc<Mutex<Store>>, log: Log) -> Sender {
    let bell = Arc::new(Bell::default());
    let ringer = bell.clone();
    let thread = std::thread::Builder::new()
        .name("lrs-sender".into())
        .spawn(move || run(&lrs, &store, &bell, &log))
        .ok();
    Sender {
        bell: ringer,
        thread,
    }
}

fn run(lrs: &Lrs, store: &Mutex<Store>, bell: &Bell, log: &Log) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(Duration::from_secs(10)))
        .timeout_global(Some(Duration::from_secs(60)))
        .user_agent(format!("second-story/{}", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    // Failures in a row while the LRS is down (0 while it answers), and
    // when to try again: a meeting queued meanwhile does not cut the wait.
    let mut down: u32 = 0;
    let mut retry_at: Option<Instant> = None;
    let mut wait: Option<Duration> = Some(Duration::ZERO);
    loop {
        if bell.wait(wait) {
            return;
        }
        if let Some(left) = retry_at.and_then(|at| at.checked_duration_since(Instant::now())) {
            wait = Some(left);
            continue;
        }
        let due = match store.lock().map(|s| s.outbox_due(unix_now(), ROUND)) {
            Ok(Ok(due)) => due,
            Ok(Err(e)) => {
                log(&format!("LRS: cannot read the outbox: {e}"));
                wait = Some(lrs.max_backoff);
                continue;
            }
            Err(_) => return,
        };
        let mut sent = 0;
        for row in &due {
            match post(&agent, lrs, &row.statements) {
                Ok(()) => {
                    if let Ok(s) = store.lock()
                        && let Err(e) = s.outbox_sent(row.id)
                    {
                        log(&format!("LRS: sent meeting {}, but {e}", row.meeting));
                    }
                    if down > 0 {
                        log("LRS: reachable again; sending what waited");
                    }
                    down = 0;
                    retry_at = None;
                    sent += 1;
                }
                Err(f) => {
                    let pause = if f.lrs_down {
                        down += 1;
                        backoff(down, lrs.max_backoff)
                    } else {
                        backoff(row.attempts as u32 + 1, lrs.max_backoff)
                    };
                    let next = unix_now() + pause.as_secs().max(1) as i64;
                    if let Ok(s) = store.lock() {
                        let _ = s.outbox_failed(row.id, next, &f.message);
                    }
                    if f.lrs_down {
                        if down == 1 {
                            log(&format!(
                                "LRS: {}; statements wait in the database and are retried",
                                f.message
                            ));
                        }
                        retry_at = Some(Instant::now() + pause);
                        break;
                    }
                    log(&format!(
                        "LRS: meeting {}: {}; retried in {} s",
                        row.meeting,
                        f.message,
                        pause.as_secs()
                    ));
                }
            }
        }
        wait = if let Some(at) = retry_at {
            Some(at.saturating_duration_since(Instant::now()))
        } else if due.len() == ROUND && sent > 0 {
            // More may be due: go on at once.
            Some(Duration::ZERO)
        } else {
            // Until the next one is due, or a new one is rung in.
            let next = store
                .lock()
                .ok()
                .and_then(|s| s.outbox_next().ok().flatten());
            next.map(|t| Duration::from_secs((t - unix_now()).max(0) as u64 + 1))
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_statements_resource_is_found_from_the_endpoint() {
        for url in [
            "http://127.0.0.1:8100/xAPI",
            "http://127.0.0.1:8100/xAPI/",
            "http://127.0.0.1:8100/xAPI/statements",
        ] {
            assert_eq!(
                Lrs::new(url, None).unwrap().statements,
                "http://127.0.0.1:8100/xAPI/statements"
            );
        }
        assert!(Lrs::new("ftp://lrs", None).is_err());
        assert!(Lrs::new("lrs.example/xapi", None).is_err());
    }

    #[test]
    fn waits_double_up_to_the_longest() {
        let max = Duration::from_secs(60);
        let waits: Vec<u64> = (1..=8).map(|n| backoff(n, max).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60]);
        assert_eq!(backoff(1000, max).as_secs(), 60);
    }

    #[test]
    fn credentials_are_user_colon_password_and_never_printed() {
        let dir = std::env::temp_dir().join(format!("second-story-lrs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("lrs.key");
        std::fs::write(&file, "# from the LRS's admin page\nkey-1:s3cr:et\n").unwrap();
        let c = credentials(Some(&file)).unwrap().unwrap();
        assert_eq!((c.user.as_str(), c.password.as_str()), ("key-1", "s3cr:et"));
        assert!(!format!("{c:?}").contains("s3cr"));
        std::fs::write(&file, "no colon here\n").unwrap();
        assert!(credentials(Some(&file)).is_err());
        let lrs = Lrs::new("http://x/xAPI", Some(c)).unwrap();
        assert_eq!(lrs.authorization().unwrap(), "Basic a2V5LTE6czNjcjpldA==");
    }
}
