//! A real learning record store: ralph, from PyPI.

use super::*;

/// Where scripts/setup.sh puts the Python tools.
fn venv() -> PathBuf {
    std::env::var_os("SECOND_STORY_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
                .join(".cache/second-story-venv")
        })
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A test password, and its bcrypt hash (cost 4, so that the LRS checks
/// it quickly).
const LRS_USER: &str = "second-story";
const LRS_PASSWORD: &str = "second-story-test";
const LRS_HASH: &str = "$2b$04$SYYwHoO1AZZ4dOISIQi4F.IGT3X4.15Mfu6WkykxcaxD3MyJbcsoq";

struct Ralph {
    child: std::process::Child,
    port: u16,
}

impl Ralph {
    /// Ralph's LRS on `port`, keeping statements in files under `dir`.
    fn start(dir: &Path, port: u16) -> Ralph {
        let app = dir.join("app");
        std::fs::create_dir_all(&app).unwrap();
        let auth = json!([{
            "agent": {"mbox": "mailto:second-story@example.com", "objectType": "Agent"},
            "scopes": ["all"],
            "hash": LRS_HASH,
            "username": LRS_USER,
        }]);
        std::fs::write(app.join("auth.json"), auth.to_string()).unwrap();
        let child = std::process::Command::new(venv().join("bin/python"))
            .arg(fixture("ralph_lrs.py"))
            .arg(port.to_string())
            .env("RALPH_APP_DIR", &app)
            .env("RALPH_RUNSERVER_BACKEND", "fs")
            .env(
                "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH",
                dir.join("statements"),
            )
            .current_dir(dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let ralph = Ralph { child, port };
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(120) {
            let up = agent()
                .get(format!("http://127.0.0.1:{port}/__heartbeat__"))
                .call()
                .is_ok_and(|r| r.status().as_u16() == 200);
            if up {
                return ralph;
            }
            std::thread::sleep(Duration::from_millis(300));
        }
        panic!("ralph did not start on port {port} within two minutes");
    }

    fn has(&self, statement: &str) -> bool {
        let auth = format!(
            "Basic {}",
            base64::Engine::encode(
                &base64::engine::general_purpose::STANDARD,
                format!("{LRS_USER}:{LRS_PASSWORD}")
            )
        );
        agent()
            .get(format!(
                "http://127.0.0.1:{}/xAPI/statements?statementId={statement}",
                self.port
            ))
            .header("X-Experience-API-Version", "1.0.3")
            .header("Authorization", &auth)
            .call()
            .is_ok_and(|r| r.status().as_u16() == 200)
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Ralph {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits until the server's outbox says `sent` meetings went and none
/// waits.
fn wait_sent(s: &Running, sent: u64, within: Duration) -> Value {
    let started = Instant::now();
    loop {
        let c = class_json(s);
        if c["lrs"]["sent"].as_u64() == Some(sent) && c["lrs"]["waiting"].as_u64() == Some(0) {
            return c;
        }
        assert!(
            started.elapsed() < within,
            "not sent within {within:?}: {}",
            c["lrs"]
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}

fn statement_ids(s: &Running) -> Vec<String> {
    let (status, v) = get(s, &format!("/class/xapi.json?key={}", s.key()));
    assert_eq!(status, 200);
    v.as_array()
        .unwrap()
        .iter()
        .map(|st| st["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn meetings_reach_a_real_lrs_even_when_it_is_down_mid_class() {
    if !venv().join("bin/ralph").exists() {
        return missing("ralph (an LRS, from PyPI)", "no ralph in the venv");
    }
    let dir = temp_dir("serve-lrs");
    let port = free_port();
    let lrs = || {
        let mut l = serve::Lrs::new(
            &format!("http://127.0.0.1:{port}/xAPI/"),
            Some(serve::Credentials {
                user: LRS_USER.into(),
                password: LRS_PASSWORD.into(),
            }),
        )
        .unwrap();
        l.max_backoff = Duration::from_secs(2);
        Some(l)
    };
    let ralph = Ralph::start(&dir.join("lrs"), port);
    let s = start_in(&dir, "class", lrs());
    assert_eq!(
        upload(&s, &record_text("lego-warm-up", "expert", "Ana")).0,
        201
    );
    wait_sent(&s, 1, Duration::from_secs(60));
    let first = statement_ids(&s);
    assert_eq!(first.len(), 1);
    assert!(ralph.has(&first[0]), "the LRS has the statement");

    // The LRS goes down; meetings go on being accepted and wait.
    ralph.stop();
    assert_eq!(
        upload(&s, &record_text("zero-that-was-eight", "expert", "Ben")).0,
        201
    );
    let started = Instant::now();
    loop {
        let c = class_json(&s);
        if c["lrs"]["last_error"].as_str().is_some() {
            assert_eq!(c["lrs"]["waiting"], 1);
            assert!(c["html"]["status"].as_str().unwrap().contains("1 waiting"));
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "{}", c["lrs"]);
        std::thread::sleep(Duration::from_millis(250));
    }
    // The class server restarts too, while the LRS is still down.
    s.stop().unwrap();
    let s = start_in(&dir, "class", lrs());
    assert_eq!(
        upload(&s, &record_text("the-bird-in-the-chat", "blaming", "Chen")).0,
        201
    );
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(class_json(&s)["lrs"]["waiting"], 2);

    // Back up: what waited arrives, nothing twice, nothing lost.
    let ralph = Ralph::start(&dir.join("lrs"), port);
    wait_sent(&s, 3, Duration::from_secs(90));
    let ids = statement_ids(&s);
    assert_eq!(ids.len(), 3);
    for id in &ids {
        assert!(ralph.has(id), "statement {id} reached the LRS");
    }
    let stored =
        std::fs::read_to_string(dir.join("lrs/statements/fs_lrs.jsonl")).unwrap_or_default();
    assert_eq!(stored.lines().count(), 3, "each statement stored once");
}
