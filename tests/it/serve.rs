//! `second-story serve`: the class server, spoken to over HTTP on a free
//! localhost port, as the web game and the instructor's browser will.

use super::support::*;
use second_story::record::Record;
use second_story::serve::{self, Options, Running, Store};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A server on a free port, its database in `dir`, logging nowhere.
fn start_in(dir: &Path, class: &str, lrs: Option<serve::Lrs>) -> Running {
    serve::start(
        Options {
            class: class.into(),
            port: 0,
            data: dir.join("class.sqlite"),
            web: dir.join("web"),
            scenarios: vec![root().join("scenarios")],
            lrs,
            ..Options::default()
        },
        Arc::new(|_: &str| {}),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// The status and the JSON answer (Null when the answer is not JSON).
fn answer(resp: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> (u16, Value) {
    let mut resp = resp.unwrap_or_else(|e| panic!("{e}"));
    let status = resp.status().as_u16();
    let text = resp
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_string()
        .unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn post(s: &Running, path: &str, body: &str) -> (u16, Value) {
    answer(
        agent()
            .post(format!("http://{}{path}", s.addr()))
            .header("Content-Type", "application/json")
            .send(body),
    )
}

fn upload(s: &Running, record: &str) -> (u16, Value) {
    post(s, "/api/records", record)
}

fn get(s: &Running, path: &str) -> (u16, Value) {
    answer(agent().get(format!("http://{}{path}", s.addr())).call())
}

fn get_text(s: &Running, path: &str) -> (u16, String) {
    let mut resp = agent()
        .get(format!("http://{}{path}", s.addr()))
        .call()
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.body_mut().read_to_string().unwrap_or_default())
}

/// The class as the instructor's page sees it.
fn class_json(s: &Running) -> Value {
    let (status, v) = get(s, &format!("/api/class?key={}", s.key()));
    assert_eq!(status, 200, "{v}");
    v
}

/// The record of a fixture script played by `player`, as JSON text.
fn record_text(id: &str, kind: &str, player: &str) -> String {
    let meeting = play_script(id, &script(&format!("{id}.{kind}.ron")), 1);
    let record = Record::of(&meeting, vec![player.to_owned()]);
    String::from_utf8(record.to_json()).unwrap()
}

fn edited(text: &str, edit: impl FnOnce(&mut Record)) -> String {
    let mut r = Record::parse(text, "test").unwrap();
    edit(&mut r);
    String::from_utf8(r.to_json()).unwrap()
}

fn stored_meetings(dir: &Path) -> Vec<serve::store::Meeting> {
    Store::open_existing(&dir.join("class.sqlite"))
        .unwrap()
        .meetings(None)
        .unwrap()
}

/// Whether a test that needs a program it cannot find should fail: on CI,
/// which installs it (scripts/setup.sh), it must be there.
fn missing(what: &str, why: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{what} is not installed, and CI installs it: {why}");
    }
    eprintln!("SKIPPED: {what} is not installed ({why}); scripts/setup.sh installs it");
    println!("SKIPPED: {what} is not installed ({why}); scripts/setup.sh installs it");
}

#[test]
fn a_record_made_by_run_lands_in_the_database_with_the_score_run_gives() {
    let dir = temp_dir("serve-run");
    let file = dir.join("ana.json");
    let o = bin()
        .args(["run", "zero-that-was-eight", "--moves"])
        .arg(fixture("zero-that-was-eight.expert.ron"))
        .args(["--format", "json", "--player", "Ana Lopez", "--record"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ran: Value = serde_json::from_slice(&o.stdout).unwrap();
    let total = ran["score"]["total"].as_u64().unwrap();
    let text = std::fs::read_to_string(&file).unwrap();

    let s = start_in(&dir, "week-3", None);
    let (status, a) = upload(&s, &text);
    assert_eq!(status, 201, "{a}");
    assert_eq!(a["score"]["total"].as_u64(), Some(total));
    assert_eq!(a["student"], "Ana Lopez");
    assert_eq!(a["duplicate"], false);

    // In the database, as it arrived, with the class and when.
    let stored = stored_meetings(&dir);
    assert_eq!(stored.len(), 1);
    assert_eq!(
        (stored[0].class.as_str(), stored[0].student.as_str()),
        ("week-3", "Ana Lopez")
    );
    assert_eq!(stored[0].record, text);
    assert!(second_story::record::is_rfc3339(&stored[0].received_at));
    let r = Record::parse(&stored[0].record, "stored").unwrap();
    assert_eq!(u64::from(r.outcome.score.total), total);

    // The instructor's page shows it.
    let c = class_json(&s);
    assert_eq!(c["meetings"].as_array().unwrap().len(), 1);
    assert_eq!(c["meetings"][0]["student"], "Ana Lopez");
    assert_eq!(c["meetings"][0]["score"]["total"].as_u64(), Some(total));
    assert!(
        c["html"]["meetings"]
            .as_str()
            .unwrap()
            .contains("Ana Lopez")
    );
    let (status, page) = get_text(&s, &format!("/class?key={}", s.key()));
    assert_eq!(status, 200);
    assert!(
        page.contains("Ana Lopez") && page.contains("<svg"),
        "{page}"
    );

    // A game that did not hear the answer sends it again: kept once.
    let (status, again) = upload(&s, &text);
    assert_eq!(status, 200, "{again}");
    assert_eq!(
        (again["duplicate"].clone(), again["meeting"].clone()),
        (json!(true), a["meeting"].clone())
    );
    assert_eq!(stored_meetings(&dir).len(), 1);
    assert_eq!(class_json(&s)["meetings"].as_array().unwrap().len(), 1);

    // The instructor can fetch it back.
    let (status, back) = get_text(
        &s,
        &format!("/api/meetings/{}/record?key={}", a["meeting"], s.key()),
    );
    assert_eq!((status, back), (200, text));
}

#[test]
fn tampered_foreign_oversized_and_malformed_uploads_are_refused_with_reasons() {
    let dir = temp_dir("serve-refuse");
    let s = start_in(&dir, "class", None);
    let good = record_text("zero-that-was-eight", "expert", "Ben");
    let cases: Vec<(&str, String, u16, &str)> = vec![
        (
            "an edited score",
            edited(&good, |r| {
                r.outcome.score.total = r.outcome.score.total.saturating_sub(9)
            }),
            422,
            "outcome-differs",
        ),
        (
            "edited moves",
            edited(&good, |r| {
                r.moves.truncate(r.moves.len() / 2);
            }),
            422,
            "outcome-differs",
        ),
        (
            "a fact claimed that never came out",
            edited(&good, |r| {
                r.outcome.facts_surfaced.pop();
            }),
            422,
            "outcome-differs",
        ),
        (
            "an unknown scenario",
            edited(&good, |r| r.scenario = "an-incident-nobody-wrote".into()),
            422,
            "unknown-scenario",
        ),
        (
            "a changed scenario hash",
            edited(&good, |r| r.scenario_hash = "0123456789abcdef".into()),
            409,
            "scenario-changed",
        ),
        (
            "a scenario named by a path",
            edited(&good, |r| r.scenario = "../../etc/passwd".into()),
            422,
            "unsound",
        ),
        (
            "another record format",
            good.replacen("\"format\": 1", "\"format\": 99", 1),
            422,
            "format",
        ),
        (
            "no player",
            edited(&good, |r| r.players.clear()),
            422,
            "no-student",
        ),
        (
            "malformed JSON",
            good[..good.len() / 2].to_owned(),
            400,
            "malformed",
        ),
        ("not JSON at all", "hello".to_owned(), 400, "malformed"),
    ];
    for (what, body, status, code) in &cases {
        let (got, v) = upload(&s, body);
        assert_eq!(
            (got, v["code"].as_str()),
            (*status, Some(*code)),
            "{what}: {v}"
        );
        assert!(
            v["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{what}: a reason"
        );
    }
    let (_, v) = upload(&s, &cases[0].1);
    assert!(
        v["error"].as_str().unwrap().contains("different report"),
        "{v}"
    );

    // The wrong content type.
    let (status, v) = answer(
        agent()
            .post(format!("http://{}/api/records", s.addr()))
            .header("Content-Type", "text/plain")
            .send(&good),
    );
    assert_eq!((status, v["code"].as_str()), (415, Some("not-json")), "{v}");

    // Over the size limit: by its length, and by what arrives.
    let big = format!(
        "{{\"pad\": \"{}\"}}",
        "x".repeat(second_story::limits::RECORD_BYTES as usize)
    );
    let (status, v) = upload(&s, &big);
    assert_eq!(
        (status, v["code"].as_str()),
        (413, Some("too-large")),
        "{v}"
    );

    // A client that claims a terabyte and sends three bytes is told no at
    // once, and the server goes on (tiny_http 0.12 aborted on this).
    let mut raw = TcpStream::connect(s.addr()).unwrap();
    raw.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    raw.write_all(
        b"POST /api/records HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000000000\r\n\r\nabc",
    )
    .unwrap();
    let mut head = [0u8; 12];
    raw.read_exact(&mut head).unwrap();
    assert_eq!(&head, b"HTTP/1.1 413");
    drop(raw);
    // A chunked body that goes on past the limit.
    let mut raw = TcpStream::connect(s.addr()).unwrap();
    raw.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    raw.write_all(b"POST /api/records HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
        .unwrap();
    let chunk = format!("100000\r\n{}\r\n", "x".repeat(0x100000));
    let mut answer_head = Vec::new();
    for _ in 0..4 {
        if raw.write_all(chunk.as_bytes()).is_err() {
            break;
        }
    }
    let _ = raw.write_all(b"0\r\n\r\n");
    let _ = raw.read_to_end(&mut answer_head);
    assert!(
        String::from_utf8_lossy(&answer_head).starts_with("HTTP/1.1 413"),
        "{}",
        String::from_utf8_lossy(&answer_head)
    );

    // Nothing refused was kept, and a good record still goes in.
    assert!(stored_meetings(&dir).is_empty());
    let (status, v) = upload(&s, &good);
    assert_eq!(status, 201, "{v}");
    assert_eq!(stored_meetings(&dir).len(), 1);
    assert_eq!(class_json(&s)["meetings"].as_array().unwrap().len(), 1);
}

#[test]
fn students_say_hello_and_the_instructor_sees_who_plays_what() {
    let dir = temp_dir("serve-hello");
    let s = start_in(&dir, "class", None);
    let (status, hi) = post(
        &s,
        "/api/hello",
        r#"{"name": "  Chen Wei ", "scenario": "the-bird-in-the-chat"}"#,
    );
    assert_eq!(status, 201, "{hi}");
    assert_eq!(hi["name"], "Chen Wei");
    let token = hi["player"].as_str().unwrap().to_owned();
    assert_eq!(token.len(), 32);
    let (status, _) = post(&s, "/api/hello", r#"{"name": "Dana"}"#);
    assert_eq!(status, 201);

    let c = class_json(&s);
    let playing = c["playing"].as_array().unwrap();
    assert_eq!(playing.len(), 2);
    assert_eq!(playing[0]["name"], "Chen Wei");
    assert_eq!(playing[0]["scenario"], "the-bird-in-the-chat");
    assert!(
        c["html"]["playing"]
            .as_str()
            .unwrap()
            .contains("The bird in the chat")
    );

    let ping = json!({"player": token, "minute": 12, "phase": "timeline", "moves": 9, "facts": 3});
    let (status, _) = post(&s, "/api/progress", &ping.to_string());
    assert_eq!(status, 204);
    let c = class_json(&s);
    assert_eq!(c["playing"][0]["progress"]["minute"], 12);
    assert_eq!(c["playing"][0]["progress"]["phase"], "timeline");

    for (body, status, code) in [
        (r#"{"name": ""}"#, 422, "no-name"),
        (
            r#"{"name": "Eve", "scenario": "nope"}"#,
            422,
            "unknown-scenario",
        ),
        (r#"{"name": "Eve", "extra": 1}"#, 400, "malformed"),
        (r#"{"name": "a\u0007b"}"#, 422, "bad-name"),
    ] {
        let (got, v) = post(&s, "/api/hello", body);
        assert_eq!(
            (got, v["code"].as_str()),
            (status, Some(code)),
            "{body}: {v}"
        );
    }
    let long = json!({ "name": "é".repeat(second_story::limits::NAME_BYTES) });
    let (got, v) = post(&s, "/api/hello", &long.to_string());
    assert_eq!((got, v["code"].as_str()), (422, Some("name-too-long")));
    let (got, v) = post(&s, "/api/progress", r#"{"player": "not-a-token"}"#);
    assert_eq!((got, v["code"].as_str()), (404, Some("unknown-player")));

    // Chen finishes: the meeting is linked to the hello, and Chen is no
    // longer listed as playing.
    let record = record_text("the-bird-in-the-chat", "expert", "Chen Wei");
    let (status, v) = answer(
        agent()
            .post(format!("http://{}/api/records", s.addr()))
            .header("Content-Type", "application/json")
            .header("X-Player", &token)
            .send(&record),
    );
    assert_eq!(status, 201, "{v}");
    let c = class_json(&s);
    let names: Vec<&str> = c["playing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Dana"]);
}

#[test]
fn the_scenarios_served_are_those_validate_accepts_with_their_files() {
    let dir = temp_dir("serve-scenarios");
    // A folder with a copy of one shipped scenario under a new id, one
    // with an error, and one that is not RON.
    let extra = dir.join("extra");
    std::fs::create_dir_all(&extra).unwrap();
    let flagship =
        std::fs::read_to_string(root().join("scenarios/zero-that-was-eight.ron")).unwrap();
    std::fs::write(
        extra.join("a-copy.ron"),
        flagship.replacen("id: \"zero-that-was-eight\"", "id: \"a-copy\"", 1),
    )
    .unwrap();
    std::fs::write(
        extra.join("broken.ron"),
        flagship
            .replacen("id: \"zero-that-was-eight\"", "id: \"broken\"", 1)
            .replacen("holder: \"phil\"", "holder: \"ghost\"", 1),
    )
    .unwrap();
    std::fs::write(extra.join("notes.ron"), "not a scenario").unwrap();
    let s = serve::start(
        Options {
            port: 0,
            data: dir.join("class.sqlite"),
            web: dir.join("web"),
            scenarios: vec![extra.clone(), root().join("scenarios")],
            ..Options::default()
        },
        Arc::new(|_: &str| {}),
    )
    .unwrap();
    let (library, _) = s.served();
    let refused: Vec<String> = library
        .refused
        .iter()
        .map(|(f, _)| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(refused, ["broken.ron", "notes.ron"]);

    let (status, list) = get(&s, "/api/scenarios");
    assert_eq!(status, 200);
    let list = list["scenarios"].as_array().unwrap();
    let mut ids: Vec<String> = list
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_owned())
        .collect();
    let difficulties: Vec<u64> = list
        .iter()
        .map(|l| l["difficulty"].as_u64().unwrap())
        .collect();
    assert!(
        difficulties.windows(2).all(|w| w[0] <= w[1]),
        "curriculum order"
    );
    ids.sort();
    let mut want = shipped();
    want.push("a-copy".into());
    want.sort();
    assert_eq!(ids, want);
    for l in list {
        let id = l["id"].as_str().unwrap();
        assert!(
            !l["title"].as_str().unwrap().is_empty() && !l["lesson"].as_str().unwrap().is_empty()
        );
        let file = if id == "a-copy" {
            extra.join("a-copy.ron")
        } else {
            root().join(format!("scenarios/{id}.ron"))
        };
        let loaded = second_story::scenario::load_file(&file).unwrap();
        assert_eq!(
            l["hash"].as_str().unwrap(),
            second_story::record::scenario_hash(&loaded.scenario)
        );
        let (status, text) = get_text(&s, l["url"].as_str().unwrap());
        assert_eq!((status, text), (200, loaded.source));
    }
    // A copy that has not changed is not sent again.
    let hash = list[0]["hash"].as_str().unwrap();
    let resp = agent()
        .get(format!(
            "http://{}{}",
            s.addr(),
            list[0]["url"].as_str().unwrap()
        ))
        .header("If-None-Match", &format!("\"{hash}\""))
        .call()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 304);
    assert_eq!(get(&s, "/api/scenarios/broken").0, 404);
    assert_eq!(get(&s, "/api/scenarios/..%2F..%2Fetc%2Fpasswd").0, 404);
}

#[test]
fn the_meetings_are_still_there_after_a_restart_and_the_key_is_the_same() {
    let dir = temp_dir("serve-restart");
    let s = start_in(&dir, "class", None);
    let key = s.key().to_owned();
    for (id, who) in [
        ("lego-warm-up", "Ana"),
        ("the-overflowing-coffee-pot", "Ben"),
    ] {
        assert_eq!(upload(&s, &record_text(id, "expert", who)).0, 201);
    }
    s.stop().unwrap();
    let s = start_in(&dir, "class", None);
    assert_eq!(s.key(), key);
    let c = class_json(&s);
    let students: Vec<&str> = c["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["student"].as_str().unwrap())
        .collect();
    assert_eq!(students, ["Ana", "Ben"]);
    assert_eq!(c["summary"]["meetings"], 2);
    // Another class in the same database starts empty.
    s.stop().unwrap();
    let s = start_in(&dir, "week-4", None);
    assert!(class_json(&s)["meetings"].as_array().unwrap().is_empty());
}

#[test]
fn names_with_html_in_them_are_shown_as_text_on_the_instructors_page() {
    let dir = temp_dir("serve-escape");
    let s = start_in(&dir, "<b>week 3</b>", None);
    let hello = json!({"name": "<script>alert('hi')</script> & Co", "scenario": "lego-warm-up"});
    let (status, v) = post(&s, "/api/hello", &hello.to_string());
    assert_eq!(status, 201, "{v}");
    let sly = "<img src=x onerror=alert(1)>";
    let (status, v) = upload(&s, &record_text("zero-that-was-eight", "expert", sly));
    assert_eq!(status, 201, "{v}");
    assert_eq!(v["student"], sly, "kept as typed");

    let (status, page) = get_text(&s, &format!("/class?key={}", s.key()));
    assert_eq!(status, 200);
    for shown in [
        "&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt; &amp; Co",
        "&lt;img src=x onerror=alert(1)&gt;",
        "Class: &lt;b&gt;week 3&lt;/b&gt;",
    ] {
        assert!(page.contains(shown), "{shown} not in {page}");
    }
    for raw in ["<script>alert", "<img src=x", "<b>week"] {
        assert!(!page.contains(raw), "{raw} unescaped in {page}");
    }
    // The parts the page swaps in as it updates, and the report file.
    let c = class_json(&s);
    let parts = c["html"].to_string();
    assert!(
        parts.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{parts}"
    );
    assert!(!parts.contains("<img src=x") && !parts.contains("<script>alert"));
    let (status, report) = get_text(&s, &format!("/class/report.html?key={}", s.key()));
    assert_eq!(status, 200);
    assert!(report.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!report.contains("<img src=x") && !report.contains("<b>week"));
}

#[test]
fn the_instructor_pages_need_the_key_and_the_students_pages_do_not() {
    let dir = temp_dir("serve-key");
    let s = start_in(&dir, "class", None);
    assert_eq!(get(&s, "/api/class").0, 401);
    assert_eq!(get(&s, "/api/class?key=wrong").0, 401);
    let (status, page) = get_text(&s, "/class");
    assert_eq!(status, 401);
    assert!(page.contains("key"));
    for path in [
        "/class/report.csv",
        "/class/xapi.json",
        "/api/meetings/1/record",
    ] {
        assert_eq!(get(&s, path).0, 401, "{path}");
    }
    let resp = agent()
        .get(format!("http://{}/api/class", s.addr()))
        .header("Authorization", &format!("Bearer {}", s.key()))
        .call()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(get(&s, "/api/scenarios").0, 200);
    // The page's script, and its policy: scripts from this server only.
    let resp = agent()
        .get(format!("http://{}/class?key={}", s.addr(), s.key()))
        .call()
        .unwrap();
    let csp = resp.headers().get("content-security-policy").unwrap();
    assert!(csp.to_str().unwrap().contains("script-src 'self'"));
    assert_eq!(
        resp.headers().get("referrer-policy").unwrap(),
        "no-referrer",
        "the key never leaves in a Referer"
    );
    let (status, js) = get_text(&s, "/class/live.js");
    assert_eq!(status, 200);
    assert!(js.contains("/api/class"));
    // Wrong methods and unknown API paths are answered in JSON.
    let (status, v) = post(&s, "/api/scenarios", "{}");
    assert_eq!((status, v["code"].as_str()), (405, Some("method")));
    let (status, v) = get(&s, "/api/nothing-here");
    assert_eq!((status, v["code"].as_str()), (404, Some("no-such-path")));
}

#[test]
fn the_web_build_is_served_and_its_absence_explained() {
    let dir = temp_dir("serve-web");
    let s = start_in(&dir, "class", None);
    let (status, page) = get_text(&s, "/");
    assert_eq!(status, 503);
    assert!(page.contains("scripts/build-web.sh"), "{page}");
    // Built while the server runs: served at once.
    let web = dir.join("web");
    std::fs::create_dir_all(&web).unwrap();
    std::fs::write(web.join("index.html"), "<!DOCTYPE html><title>game</title>").unwrap();
    std::fs::write(web.join("game.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(web.join("game.wasm.gz"), b"pretend gzip").unwrap();
    std::fs::write(dir.join("secret.txt"), "outside the build").unwrap();
    let (status, page) = get_text(&s, "/");
    assert_eq!((status, page.contains("<title>game</title>")), (200, true));
    let wasm = raw_get(s.addr(), "/game.wasm", "Accept-Encoding: gzip\r\n");
    assert!(wasm.starts_with("HTTP/1.1 200"), "{wasm}");
    let wasm = wasm.to_ascii_lowercase();
    assert!(wasm.contains("content-type: application/wasm"), "{wasm}");
    assert!(wasm.contains("content-encoding: gzip"), "{wasm}");
    // Nothing outside the build, however the path is spelled.
    for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt"] {
        let got = raw_get(s.addr(), path, "");
        assert!(!got.contains("outside the build"), "{path}: {got}");
        assert!(!got.starts_with("HTTP/1.1 200"), "{path}: {got}");
    }
}

/// A GET sent as bytes, exactly as written; the whole answer, as text.
fn raw_get(addr: std::net::SocketAddr, path: &str, headers: &str) -> String {
    let mut raw = TcpStream::connect(addr).unwrap();
    raw.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        raw,
        "GET {path} HTTP/1.1\r\nHost: x\r\n{headers}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut got = Vec::new();
    let _ = raw.read_to_end(&mut got);
    String::from_utf8_lossy(&got).into_owned()
}

/// Records of every shipped incident, expert and blaming, by `n` students.
fn class_records(n: usize) -> Vec<String> {
    let ids = shipped();
    let plays: Vec<(String, &str)> = ids
        .iter()
        .flat_map(|id| [(id.clone(), "expert"), (id.clone(), "blaming")])
        .collect();
    let made: Vec<Record> = plays
        .iter()
        .map(|(id, kind)| {
            let meeting = play_script(id, &script(&format!("{id}.{kind}.ron")), 1);
            Record::of(&meeting, vec![String::new()])
        })
        .collect();
    (0..n)
        .map(|i| {
            let mut r = made[i % made.len()].clone();
            r.players = vec![format!("Student {:02}", i + 1)];
            String::from_utf8(r.to_json()).unwrap()
        })
        .collect()
}

#[test]
fn report_from_the_database_sums_up_as_report_from_a_folder_of_the_same_records() {
    let dir = temp_dir("serve-report");
    let s = start_in(&dir, "week-3", None);
    let folder = dir.join("records");
    std::fs::create_dir_all(&folder).unwrap();
    for (i, text) in class_records(9).iter().enumerate() {
        assert_eq!(upload(&s, text).0, 201);
        std::fs::write(folder.join(format!("r{i}.json")), text).unwrap();
    }
    // A meeting of another class in the same database.
    s.stop().unwrap();
    let s = start_in(&dir, "week-4", None);
    assert_eq!(
        upload(&s, &record_text("lego-warm-up", "expert", "Late Comer")).0,
        201
    );
    s.stop().unwrap();

    let data = dir.join("class.sqlite");
    let run = |args: &[&std::ffi::OsStr]| {
        let o = bin().args(args).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
        String::from_utf8(o.stdout).unwrap()
    };
    let out = dir.join("out");
    let (csv_db, csv_dir) = (out.join("db.csv"), out.join("dir.csv"));
    let (x_db, x_dir) = (out.join("db.xapi.json"), out.join("dir.xapi.json"));
    let from_db = run(&[
        "report".as_ref(),
        "--data".as_ref(),
        data.as_os_str(),
        "--class".as_ref(),
        "week-3".as_ref(),
        "--csv".as_ref(),
        csv_db.as_os_str(),
        "--xapi".as_ref(),
        x_db.as_os_str(),
    ]);
    let from_dir = run(&[
        "report".as_ref(),
        folder.as_os_str(),
        "--csv".as_ref(),
        csv_dir.as_os_str(),
        "--xapi".as_ref(),
        x_dir.as_os_str(),
    ]);
    let summary = |out: &str| -> String {
        out.lines()
            .filter(|l| !l.starts_with("wrote"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(summary(&from_db), summary(&from_dir));
    assert!(
        from_db.starts_with("9 meeting(s) by 9 student(s); 0 file(s) skipped"),
        "{from_db}"
    );

    // The same numbers in the library, the same rows but for where each
    // came from, and the same statements (ids included).
    let find = |id: &str| shipped().contains(&id.to_owned()).then(|| scenario(id));
    let db = serve::class_from_database(&data, Some("week-3"), &find).unwrap();
    let folder_class = second_story::class::Class::gather(&folder, &find, &mut |_, _| {}).unwrap();
    assert_eq!(db.summary(), folder_class.summary());
    let rows = |f: &Path| -> Vec<String> {
        let mut rows: Vec<String> = std::fs::read_to_string(f)
            .unwrap()
            .lines()
            .map(|l| l.split_once(',').unwrap().1.to_owned())
            .collect();
        rows.sort();
        rows
    };
    assert_eq!(rows(&csv_db), rows(&csv_dir));
    let ids = |f: &Path| -> Vec<String> {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        let mut ids: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&x_db), ids(&x_dir));

    // Without --class, every class in the database.
    let all = run(&[
        "report".as_ref(),
        data.as_os_str(),
        "--csv".as_ref(),
        "/dev/null".as_ref(),
    ]);
    assert!(all.starts_with("10 meeting(s) by 10 student(s)"), "{all}");
    // --data is a database, nothing else: a folder, or no file, is
    // refused with the reason.
    for not_one in [folder.clone(), dir.join("no-such.sqlite")] {
        let o = bin()
            .arg("report")
            .arg("--data")
            .arg(&not_one)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(2), "{said}");
        assert!(said.contains("not a class database"), "{said}");
    }
    // --class on a folder is an error, said so.
    let o = bin()
        .arg("report")
        .arg(&folder)
        .args(["--class", "week-3"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

/// The server as a separate process: its address, read from what it
/// prints.
struct Process {
    child: std::process::Child,
    addr: String,
    key: String,
}

impl Process {
    fn start(data: &Path) -> Process {
        let mut child = bin()
            .args(["serve", "--port", "0", "--class", "load", "--data"])
            .arg(data)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let (mut addr, mut key) = (String::new(), String::new());
        for line in lines.by_ref() {
            let line = line.unwrap();
            if let Some(url) = line.trim().strip_prefix("instructor: http://") {
                let (a, k) = url.split_once("/class?key=").unwrap();
                (addr, key) = (a.to_owned(), k.to_owned());
            }
            if line.starts_with("Ctrl-C") {
                break;
            }
        }
        assert!(addr.starts_with("127.0.0.1:"), "bound to localhost: {addr}");
        // Keep reading what it prints, so that it never blocks on a pipe.
        std::thread::spawn(move || for _ in lines {});
        Process { child, addr, key }
    }

    /// Peak and current resident memory, in KiB (Linux).
    fn memory(&self) -> Option<(u64, u64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let field = |name: &str| -> Option<u64> {
            status
                .lines()
                .find(|l| l.starts_with(name))?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()
        };
        Some((field("VmHWM:")?, field("VmRSS:")?))
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn upload_to(addr: &str, text: &str) -> (u16, Value) {
    answer(
        agent()
            .post(format!("http://{addr}/api/records"))
            .header("Content-Type", "application/json")
            .send(text),
    )
}

#[test]
fn sixty_students_finishing_at_once_are_all_accepted() {
    let dir = temp_dir("serve-load");
    let data = dir.join("class.sqlite");
    let server = Process::start(&data);
    let records = class_records(60);
    let (idle, _) = server.memory().unwrap_or((0, 0));
    let gate = Arc::new(std::sync::Barrier::new(records.len()));
    let started = Instant::now();
    let threads: Vec<_> = records
        .into_iter()
        .map(|text| {
            let (gate, addr) = (gate.clone(), server.addr.clone());
            std::thread::spawn(move || {
                gate.wait();
                upload_to(&addr, &text)
            })
        })
        .collect();
    let answers: Vec<(u16, Value)> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let took = started.elapsed();
    for (status, v) in &answers {
        assert_eq!(*status, 201, "{v}");
    }
    let (peak, now) = server.memory().unwrap_or((0, 0));
    println!(
        "serve: 60 concurrent uploads accepted in {:.2} s ({:.0} records/s); server memory: {} MiB idle, {} MiB peak, {} MiB after",
        took.as_secs_f64(),
        60.0 / took.as_secs_f64(),
        idle / 1024,
        peak / 1024,
        now / 1024
    );
    let (status, c) = answer(
        agent()
            .get(format!(
                "http://{}/api/class?key={}",
                server.addr, server.key
            ))
            .call(),
    );
    assert_eq!(status, 200);
    assert_eq!(c["meetings"].as_array().unwrap().len(), 60);
    assert_eq!(c["summary"]["students"].as_array().unwrap().len(), 60);
    drop(server);
    assert_eq!(stored_meetings(&dir).len(), 60);
}

#[test]
fn a_server_killed_mid_class_loses_no_acknowledged_record() {
    let dir = temp_dir("serve-kill");
    let data = dir.join("class.sqlite");
    let mut server = Process::start(&data);
    let records = class_records(40);
    let acknowledged = Arc::new(std::sync::Mutex::new(Vec::new()));
    let threads: Vec<_> = records
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let (addr, acked) = (server.addr.clone(), acknowledged.clone());
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(20 * i as u64));
                let r = agent()
                    .post(format!("http://{addr}/api/records"))
                    .header("Content-Type", "application/json")
                    .send(&text);
                if let Ok(resp) = r
                    && resp.status().as_u16() == 201
                {
                    acked.lock().unwrap().push(text);
                }
            })
        })
        .collect();
    // Killed, without warning, while uploads are arriving.
    let started = Instant::now();
    while acknowledged.lock().unwrap().len() < 5 && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(5));
    }
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    for t in threads {
        t.join().unwrap();
    }
    let acked = acknowledged.lock().unwrap().clone();
    let stored: Vec<String> = stored_meetings(&dir)
        .into_iter()
        .map(|m| m.record)
        .collect();
    for text in &acked {
        assert!(stored.contains(text), "an acknowledged record was lost");
    }
    println!(
        "serve: killed mid-class: {} acknowledged, {} stored",
        acked.len(),
        stored.len()
    );
    // And it starts again on the same database.
    let server = Process::start(&data);
    let (status, c) = answer(
        agent()
            .get(format!(
                "http://{}/api/class?key={}",
                server.addr, server.key
            ))
            .call(),
    );
    assert_eq!(status, 200);
    assert_eq!(c["meetings"].as_array().unwrap().len(), stored.len());
}

// ---- a real learning record store: ralph, from PyPI ----

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

// ---- the instructor's page in a real browser ----

/// A headless Chromium, driven through its DevTools protocol.
struct Chromium {
    child: std::process::Child,
    page: cdp::Socket,
}

impl Chromium {
    fn find() -> Option<PathBuf> {
        if let Some(p) = std::env::var_os("SECOND_STORY_CHROMIUM") {
            return Some(PathBuf::from(p));
        }
        ["chromium", "chromium-browser", "google-chrome"]
            .iter()
            .flat_map(|name| {
                std::env::var_os("PATH")
                    .map(|p| {
                        std::env::split_paths(&p)
                            .map(|d| d.join(name))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
            .find(|p| p.is_file())
    }

    fn open(exe: &Path, url: &str, profile: &Path) -> Chromium {
        use std::os::unix::process::CommandExt;
        let child = std::process::Command::new(exe)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--remote-debugging-port=0",
                "--window-size=1280,900",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(url)
            .process_group(0)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let port = loop {
            let found = std::fs::read_to_string(profile.join("DevToolsActivePort"))
                .ok()
                .and_then(|t| t.lines().next()?.trim().parse::<u16>().ok());
            if let Some(port) = found {
                break port;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "Chromium did not open its DevTools port"
            );
            std::thread::sleep(Duration::from_millis(200));
        };
        let ws = loop {
            let (_, list) = answer(
                agent()
                    .get(format!("http://127.0.0.1:{port}/json/list"))
                    .call(),
            );
            let page = list.as_array().into_iter().flatten().find(|t| {
                t["type"] == "page" && t["url"].as_str().is_some_and(|u| u.contains("/class"))
            });
            if let Some(ws) = page.and_then(|p| p["webSocketDebuggerUrl"].as_str()) {
                break ws.to_owned();
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "no page: {list}"
            );
            std::thread::sleep(Duration::from_millis(200));
        };
        Chromium {
            child,
            page: cdp::Socket::connect(&ws),
        }
    }

    /// The value of a JavaScript expression in the page.
    fn eval(&mut self, expression: &str) -> Value {
        let r = self.page.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        );
        r["result"]["value"].clone()
    }

    /// Waits until `expression` is true in the page.
    fn wait_for(&mut self, expression: &str, within: Duration) {
        let started = Instant::now();
        while self.eval(expression) != json!(true) {
            assert!(
                started.elapsed() < within,
                "not true within {within:?}: {expression}"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        // The browser and every process it started.
        unsafe {
            libc::kill(-(self.child.id() as i32), libc::SIGKILL);
        }
        let _ = self.child.wait();
    }
}

#[test]
fn the_instructor_page_in_chromium_shows_a_meeting_as_it_arrives() {
    let Some(exe) = Chromium::find() else {
        return missing("Chromium", "no chromium on PATH");
    };
    let dir = temp_dir("serve-chromium");
    let s = start_in(&dir, "week-3", None);
    assert_eq!(
        post(
            &s,
            "/api/hello",
            r#"{"name": "Dana", "scenario": "lego-warm-up"}"#
        )
        .0,
        201
    );
    let mut browser = Chromium::open(&exe, &s.class_url(), &dir.join("profile"));
    browser.wait_for(
        "document.readyState === 'complete' && document.getElementById('meetings').innerText.includes('No meeting has finished yet') && document.getElementById('playing').innerText.includes('Dana')",
        Duration::from_secs(30),
    );
    // A meeting arrives while the page is open: it appears, and the charts
    // are drawn, without a reload.
    let before = browser.eval("performance.timeOrigin");
    assert_eq!(
        upload(
            &s,
            &record_text("zero-that-was-eight", "expert", "Ana Lopez")
        )
        .0,
        201
    );
    browser.wait_for(
        "document.getElementById('meetings').innerText.includes('Ana Lopez')",
        Duration::from_secs(30),
    );
    assert_eq!(
        browser.eval("performance.timeOrigin"),
        before,
        "not reloaded"
    );
    let charts = browser.eval("document.querySelectorAll('#report svg').length");
    assert_eq!(
        charts.as_u64(),
        Some(second_story::engine::Dimension::ALL.len() as u64 + 1)
    );
    assert_eq!(
        browser.eval("document.getElementById('connection').innerText"),
        ""
    );
    // A picture, for a person to look at.
    let shot = browser
        .page
        .call("Page.captureScreenshot", json!({ "format": "png" }));
    if let Some(png) = shot["data"].as_str() {
        let bytes =
            base64::Engine::decode(&base64::engine::general_purpose::STANDARD, png).unwrap();
        assert!(bytes.len() > 10_000, "a page with something on it");
        let path = dir.join("class-page.png");
        std::fs::write(&path, bytes).unwrap();
        println!("serve: the live class page in Chromium: {}", path.display());
    }
}

/// Just enough of a WebSocket client for Chromium's DevTools protocol:
/// text frames, masked from the client, on a local connection.
mod cdp {
    use serde_json::{Value, json};
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpStream;
    use std::time::Duration;

    pub struct Socket {
        reader: BufReader<TcpStream>,
        writer: TcpStream,
        next: u64,
    }

    impl Socket {
        pub fn connect(url: &str) -> Socket {
            let rest = url.strip_prefix("ws://").expect("a ws:// address");
            let (host, path) = rest.split_at(rest.find('/').unwrap());
            let stream = TcpStream::connect(host).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(30)))
                .unwrap();
            let mut writer = stream.try_clone().unwrap();
            write!(
                writer,
                "GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
            )
            .unwrap();
            let mut reader = BufReader::new(stream);
            let mut status = String::new();
            reader.read_line(&mut status).unwrap();
            assert!(status.contains(" 101 "), "{status}");
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if line == "\r\n" {
                    break;
                }
            }
            Socket {
                reader,
                writer,
                next: 1,
            }
        }

        fn send(&mut self, text: &str) {
            let bytes = text.as_bytes();
            let mut frame = vec![0x81u8];
            match bytes.len() {
                n if n < 126 => frame.push(0x80 | n as u8),
                n if n < 65_536 => {
                    frame.push(0x80 | 126);
                    frame.extend_from_slice(&(n as u16).to_be_bytes());
                }
                n => {
                    frame.push(0x80 | 127);
                    frame.extend_from_slice(&(n as u64).to_be_bytes());
                }
            }
            let mask = [0x37u8, 0xfa, 0x21, 0x3d];
            frame.extend_from_slice(&mask);
            frame.extend(bytes.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
            self.writer.write_all(&frame).unwrap();
        }

        /// The next whole text message.
        fn receive(&mut self) -> String {
            let mut message = Vec::new();
            loop {
                let mut head = [0u8; 2];
                self.reader.read_exact(&mut head).unwrap();
                let fin = head[0] & 0x80 != 0;
                let opcode = head[0] & 0x0f;
                let mut len = u64::from(head[1] & 0x7f);
                if len == 126 {
                    let mut b = [0u8; 2];
                    self.reader.read_exact(&mut b).unwrap();
                    len = u64::from(u16::from_be_bytes(b));
                } else if len == 127 {
                    let mut b = [0u8; 8];
                    self.reader.read_exact(&mut b).unwrap();
                    len = u64::from_be_bytes(b);
                }
                let mut payload = vec![0u8; len as usize];
                self.reader.read_exact(&mut payload).unwrap();
                match opcode {
                    0x1 | 0x0 => message.extend_from_slice(&payload),
                    0x8 => panic!("the browser closed the connection"),
                    _ => continue, // ping, pong
                }
                if fin {
                    return String::from_utf8(message).unwrap();
                }
            }
        }

        /// Calls a DevTools method and returns its result.
        pub fn call(&mut self, method: &str, params: Value) -> Value {
            let id = self.next;
            self.next += 1;
            self.send(&json!({ "id": id, "method": method, "params": params }).to_string());
            loop {
                let reply: Value = serde_json::from_str(&self.receive()).unwrap();
                if reply["id"] == id {
                    assert!(reply.get("error").is_none(), "{method}: {reply}");
                    return reply["result"].clone();
                }
            }
        }
    }
}
