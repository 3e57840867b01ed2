//! The web game in a real browser: `serve` hands out the build of
//! scripts/build-web.sh, Chromium plays a meeting in it from a move script
//! through the real UI, and the record arrives in the class database with
//! the score `run` gives for the same script.

use super::*;
use crate::chromium::Chromium;

/// A query value, escaped for an address.
fn escaped(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A server for the web build, its database in `dir`.
fn serve_web(dir: &Path, class: &str, dist: PathBuf) -> Running {
    serve::start(
        Options {
            class: class.into(),
            port: 0,
            data: dir.join("class.sqlite"),
            web: dist,
            scenarios: vec![root().join("scenarios")],
            ..Options::default()
        },
        Arc::new(|_: &str| {}),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_web_game_plays_a_meeting_in_chromium_and_the_class_gets_it_scored_as_run_scores_it() {
    let dist = root().join("web").join("dist");
    if !dist.join("second-story_bg.wasm").is_file() {
        return missing(
            "the web build",
            "web/dist is empty: run scripts/build-web.sh",
        );
    }
    let Some(exe) = Chromium::find() else {
        return missing("Chromium", "no chromium on PATH");
    };
    let id = "zero-that-was-eight";
    let script = fixture(&format!("{id}.expert.ron"));
    let dir = temp_dir("web-game");

    // What `run` makes of the script: the score the class must see.
    let o = bin()
        .args(["run", id, "--format", "json", "--moves"])
        .arg(&script)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ran: Value = serde_json::from_slice(&o.stdout).unwrap();
    let total = ran["score"]["total"].as_u64().unwrap();

    let s = serve_web(&dir, "web", dist);
    let text = std::fs::read_to_string(&script).unwrap();
    let url = format!(
        "http://{}/?name={}&scenario={id}&shots=1&autoplay={}",
        s.addr(),
        escaped("Web Student"),
        escaped(&text)
    );
    let mut chromium = Chromium::launch_webgl(&exe, &dir.join("profile"));
    let mut browser = chromium.page(&url, 1280, 720);

    // Each picture autoplay asks for, taken when it asks; then it goes on.
    let mut shots = Vec::new();
    let started = Instant::now();
    loop {
        browser.wait_for(
            "!!(document.body.dataset.shot || document.body.dataset.autoplayDone || document.body.dataset.failed)",
            Duration::from_secs(600).saturating_sub(started.elapsed()),
        );
        let failed = browser.eval("document.body.dataset.failed || ''");
        assert_eq!(failed, json!(""), "the page could not start the game");
        let Some(name) = browser
            .eval("document.body.dataset.shot || ''")
            .as_str()
            .map(str::to_owned)
            .filter(|n| !n.is_empty())
        else {
            break;
        };
        let path = dir.join(format!("web-{name}"));
        browser.screenshot(&path);
        let (colours, size) = distinct_colours(&path);
        assert_eq!(size, (1280, 720), "{name}");
        assert!(colours > 20, "{name} looks blank: {colours} colour(s)");
        println!("web game: {name} in Chromium: {}", path.display());
        shots.push(name);
        browser.eval("delete document.body.dataset.shot");
    }
    assert_eq!(
        shots,
        [
            "title.png",
            "picker.png",
            "brief.png",
            "shown-rounding-diff.png",
            "shown-ci-whiteboard.png",
            "shown-results-page.png",
            "meeting.png",
            "meeting-zoomed.png",
            "shown-error-graph.png",
            "report.png"
        ]
    );
    let first = browser.eval("Number(document.body.dataset.firstFrame)");
    println!("web game: first frame {first} s after the page began loading");
    if let Ok(perf) = serde_json::from_str::<Value>(
        browser
            .eval("document.body.dataset.perf || '{}'")
            .as_str()
            .unwrap_or("{}"),
    ) {
        println!("web game: meeting screen frames in Chromium (SwiftShader): {perf}");
    }

    // The record arrives, with run's score, under the student's name; the
    // instructor's page lists it.
    let wait = Instant::now();
    let meetings = loop {
        let c = class_json(&s);
        if !c["meetings"].as_array().unwrap().is_empty() {
            break c["meetings"].clone();
        }
        assert!(
            wait.elapsed() < Duration::from_secs(60),
            "no record arrived: {c}"
        );
        std::thread::sleep(Duration::from_millis(300));
    };
    assert_eq!(meetings[0]["student"], "Web Student");
    assert_eq!(meetings[0]["score"]["total"].as_u64(), Some(total));
    let stored = stored_meetings(&dir);
    assert_eq!(stored.len(), 1);
    let r = Record::parse(&stored[0].record, "stored").unwrap();
    assert_eq!(r.scenario, id);
    // The game heard that the server has it: nothing waits in the browser.
    browser.wait_for(
        "Object.keys(localStorage).filter(k => k.startsWith('second-story/unsent')).length === 0",
        Duration::from_secs(30),
    );
}

/// A phone in a room: joins by name over HTTP, then votes.
fn join(base: &str, code: &str, name: &str) -> String {
    let (status, v) = answer(
        agent()
            .post(format!("{base}/api/rooms/{code}/join"))
            .header("Content-Type", "application/json")
            .send(json!({ "name": name }).to_string()),
    );
    assert_eq!(status, 201, "{v}");
    v["token"].as_str().unwrap().to_owned()
}

fn phone_view(base: &str, code: &str, token: &str) -> Value {
    answer(
        agent()
            .get(format!("{base}/api/rooms/{code}/view"))
            .header("X-Participant", token)
            .call(),
    )
    .1
}

#[test]
fn the_web_game_on_a_projector_hosts_a_room_the_phones_vote_in() {
    let dist = root().join("web").join("dist");
    if !dist.join("second-story_bg.wasm").is_file() {
        return missing(
            "the web build",
            "web/dist is empty: run scripts/build-web.sh",
        );
    }
    let Some(exe) = Chromium::find() else {
        return missing("Chromium", "no chromium on PATH");
    };
    let dir = temp_dir("web-projector");
    let s = serve_web(&dir, "workshop", dist);
    let base = format!("http://{}", s.addr());
    let url = format!("{base}/?room=1&vote=1&scenario=zero-that-was-eight&meeting=1");
    let mut chromium = Chromium::launch_webgl(&exe, &dir.join("profile"));
    let mut projector = chromium.page(&url, 1280, 720);
    projector.wait_for("!!document.body.dataset.room", Duration::from_secs(300));
    let code = projector
        .eval("document.body.dataset.room")
        .as_str()
        .unwrap()
        .to_owned();
    let tokens: Vec<String> = ["Ana", "Ben", "Chloé"]
        .iter()
        .map(|n| join(&base, &code, n))
        .collect();

    // P moves the meeting to its opening, whose questions are to the room;
    // Space ends the pause to discuss it. Then every phone has a vote.
    let started = Instant::now();
    let mut view = Value::Null;
    while view["stage"] != "vote" {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no vote reached the phones: {view}"
        );
        match view["stage"].as_str() {
            Some("discuss") => projector.press(" ", "Space", 32),
            _ => projector.press("p", "KeyP", 80),
        }
        std::thread::sleep(Duration::from_millis(1500));
        view = phone_view(&base, &code, &tokens[0]);
    }
    let choices = view["choices"].as_array().unwrap().clone();
    assert!(choices.len() >= 2, "{view}");
    for (token, pick) in tokens.iter().zip([1, 1, 0]) {
        let (status, v) = answer(
            agent()
                .post(format!("{base}/api/rooms/{code}/vote"))
                .header("Content-Type", "application/json")
                .header("X-Participant", token)
                .send(json!({ "choice": choices[pick]["id"] }).to_string()),
        );
        assert_eq!(status, 200, "{v}");
    }
    // The projector has the tally (it polls the room); a picture of it.
    std::thread::sleep(Duration::from_secs(4));
    let path = dir.join("projector.png");
    projector.screenshot(&path);
    let (colours, _) = distinct_colours(&path);
    assert!(colours > 20, "the projector looks blank");
    println!(
        "web game: the projector hosting room {code}: {}",
        path.display()
    );

    // Enter plays the majority: the phones hear which choice the room made.
    let started = Instant::now();
    loop {
        projector.press("Enter", "Enter", 13);
        std::thread::sleep(Duration::from_millis(1500));
        let v = phone_view(&base, &code, &tokens[2]);
        if v["played"] == choices[1]["id"] || v["round"].as_u64() > view["round"].as_u64() {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the vote was not played: {v}"
        );
    }
}
