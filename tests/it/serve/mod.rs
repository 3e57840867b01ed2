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

mod browser;
mod lrs;
mod pages;
mod process;
mod room;
#[cfg(feature = "game")]
mod web_game;

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
