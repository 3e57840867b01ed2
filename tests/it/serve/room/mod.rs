//! Workshop rooms over HTTP: a host (the Rust client the game uses) and
//! phones (plain requests, as the page makes them).

use super::*;
use second_story::room::client::{ClientError, Host};
use second_story::room::{Choice, Close, Offer, Outcome, Stage};

mod crowd;
mod hostile;
mod phones;

/// A server with a room open on it.
fn room(name: &str) -> (PathBuf, Running, Host) {
    let dir = temp_dir(name);
    let s = start_in(&dir, "workshop", None);
    let host = Host::open(&format!("http://{}", s.addr()), None).unwrap();
    (dir, s, host)
}

fn phone(s: &Running, method: &str, path: &str, token: &str, body: Option<&str>) -> (u16, Value) {
    let url = format!("http://{}{path}", s.addr());
    let a = agent();
    answer(match (method, body) {
        ("GET", _) => a.get(url).header("X-Participant", token).call(),
        (_, b) => a
            .post(url)
            .header("X-Participant", token)
            .header("Content-Type", "application/json")
            .send(b.unwrap_or("")),
    })
}

/// Joins as `name`: the token and the public id.
fn join(s: &Running, code: &str, name: &str) -> (String, String) {
    let (status, j) = post(
        s,
        &format!("/api/rooms/{code}/join"),
        &json!({ "name": name }).to_string(),
    );
    assert_eq!(status, 201, "{j}");
    (
        j["token"].as_str().unwrap().to_owned(),
        j["id"].as_str().unwrap().to_owned(),
    )
}

fn act(s: &Running, host: &Host, token: &str, what: &str, body: Value) -> (u16, Value) {
    phone(
        s,
        "POST",
        &format!("/api/rooms/{}/{what}", host.code),
        token,
        Some(&body.to_string()),
    )
}

fn view(s: &Running, host: &Host, token: &str) -> Value {
    let (status, v) = phone(
        s,
        "GET",
        &format!("/api/rooms/{}/view", host.code),
        token,
        None,
    );
    assert_eq!(status, 200, "{v}");
    v
}

fn offer(round: u64, stage: Stage, ids: &[&str]) -> Offer {
    Offer {
        round,
        stage,
        addressed: Some("Phil (on call)".into()),
        choices: ids
            .iter()
            .map(|i| Choice {
                id: (*i).into(),
                text: format!("Ask about {i}"),
            })
            .collect(),
        ..Offer::default()
    }
}

fn votes(host: &Host) -> Vec<(String, u32)> {
    host.state(None, Duration::ZERO)
        .unwrap()
        .tally
        .into_iter()
        .map(|c| (c.choice, c.votes))
        .collect()
}

#[test]
fn phones_join_vote_change_their_vote_and_the_majority_is_played() {
    let (_dir, s, host) = room("room-vote");
    assert_eq!(host.code.len(), 4);
    assert!(host.join_url.ends_with(&format!("/join/{}", host.code)));
    let (ana, ana_id) = join(&s, &host.code, "Ana");
    let (ben, _) = join(&s, &host.code, "Ben");
    let (cy, _) = join(&s, &host.code, "Cy");
    host.publish(&offer(1, Stage::Vote, &["a", "b", "c"]))
        .unwrap();
    assert_eq!(act(&s, &host, &ana, "vote", json!({"choice": "a"})).0, 200);
    assert_eq!(act(&s, &host, &ben, "vote", json!({"choice": "a"})).0, 200);
    assert_eq!(act(&s, &host, &cy, "vote", json!({"choice": "b"})).0, 200);
    // Ana changes her mind: one vote each, never two.
    let (status, v) = act(&s, &host, &ana, "vote", json!({"choice": "b"}));
    assert_eq!((status, v["you"]["vote"].as_str()), (200, Some("b")));
    assert_eq!(
        votes(&host),
        [("a".into(), 1), ("b".into(), 2), ("c".into(), 0)]
    );
    let state = host.state(None, Duration::ZERO).unwrap();
    assert_eq!(state.voted, 3);
    assert_eq!(state.people.len(), 3);
    assert!(state.people.iter().all(|p| p.connected));
    assert_eq!(state.people[0].id, ana_id);
    let closed = host.close(&Close::default()).unwrap();
    assert_eq!(closed.outcome, Outcome::Majority);
    assert_eq!(closed.played.as_deref(), Some("b"));
    assert_eq!(closed.casts.len(), 3);
    // Closed: no more votes; every phone sees what the room chose.
    let (status, e) = act(&s, &host, &ben, "vote", json!({"choice": "c"}));
    assert_eq!((status, e["code"].as_str()), (409, Some("closed")));
    let v = view(&s, &host, &ben);
    assert_eq!(
        (v["closed"].as_bool(), v["played"].as_str()),
        (Some(true), Some("b"))
    );
    // A vote on a choice not on offer, or when nothing is put to a vote.
    host.publish(&offer(2, Stage::Vote, &["d"])).unwrap();
    let (status, e) = act(&s, &host, &ben, "vote", json!({"choice": "a"}));
    assert_eq!((status, e["code"].as_str()), (422, Some("unknown-choice")));
    assert_eq!(
        view(&s, &host, &ana)["you"]["vote"],
        Value::Null,
        "a new round starts empty"
    );
    host.publish(&offer(3, Stage::Idle, &[])).unwrap();
    let (status, e) = act(&s, &host, &ben, "vote", json!({"choice": "d"}));
    assert_eq!((status, e["code"].as_str()), (409, Some("not-now")));
}

#[test]
fn a_tie_is_reported_to_the_host_who_decides() {
    let (_dir, s, host) = room("room-tie");
    let (ana, _) = join(&s, &host.code, "Ana");
    let (ben, _) = join(&s, &host.code, "Ben");
    host.publish(&offer(1, Stage::Vote, &["a", "b"])).unwrap();
    act(&s, &host, &ana, "vote", json!({"choice": "a"}));
    act(&s, &host, &ben, "vote", json!({"choice": "b"}));
    let closed = host.close(&Close::default()).unwrap();
    assert_eq!(closed.outcome, Outcome::Tie);
    assert_eq!(closed.played, None);
    assert_eq!(closed.leaders, ["a", "b"]);
    let decided = host
        .close(&Close {
            played: Some("b".into()),
            best: vec!["a".into()],
        })
        .unwrap();
    assert_eq!(decided.played.as_deref(), Some("b"));
    // Afterwards each phone opens its own summary.
    host.publish(&Offer {
        round: 2,
        stage: Stage::Ended,
        ..Offer::default()
    })
    .unwrap();
    let (status, me) = phone(
        &s,
        "GET",
        &format!("/api/rooms/{}/me", host.code),
        &ana,
        None,
    );
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["name"], "Ana");
    assert_eq!(
        (me["with_room"].as_u64(), me["decided"].as_u64()),
        (Some(0), Some(1))
    );
    assert_eq!(
        (me["with_best"].as_u64(), me["rated"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(me["votes"][0]["chose"], "Ask about a");
    assert_eq!(me["votes"][0]["played"], "Ask about b");
    // The ledger is in the database once the room ended.
    let store = Store::open(&_dir.join("class.sqlite")).unwrap();
    let kept = store.room_ledgers("workshop").unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].0, host.code);
    assert!(kept[0].1.contains("\"Ana\""), "{}", kept[0].1);
}

#[test]
fn the_seat_picks_or_says_it_in_its_own_words_and_the_others_suggest() {
    let (_dir, s, host) = room("room-seat");
    let (ana, ana_id) = join(&s, &host.code, "Ana");
    let (ben, _) = join(&s, &host.code, "Ben");
    let mut seat = offer(1, Stage::Seat, &["a", "b"]);
    seat.seat = Some(ana_id.clone());
    host.publish(&seat).unwrap();
    let v = view(&s, &host, &ben);
    assert_eq!(
        (v["seat"].as_str(), v["you"]["in_seat"].as_bool()),
        (Some("Ana"), Some(false))
    );
    assert_eq!(
        v["choices"].as_array().unwrap().len(),
        2,
        "the others see what the seat sees"
    );
    assert_eq!(view(&s, &host, &ana)["you"]["in_seat"], true);
    // Ben suggests; he may not pick; Ana may not suggest.
    let (status, _) = act(
        &s,
        &host,
        &ben,
        "suggest",
        json!({"words": "Ask what the dashboard showed"}),
    );
    assert_eq!(status, 200);
    let (status, e) = act(&s, &host, &ben, "seat", json!({"choice": "a"}));
    assert_eq!((status, e["code"].as_str()), (403, Some("not-in-seat")));
    let (status, e) = act(&s, &host, &ana, "suggest", json!({"choice": "a"}));
    assert_eq!((status, e["code"].as_str()), (409, Some("in-seat")));
    let v = view(&s, &host, &ana);
    assert_eq!(v["suggestions"][0]["name"], "Ben");
    assert_eq!(
        v["suggestions"][0]["pick"]["words"],
        "Ask what the dashboard showed"
    );
    // Ana picks a choice, then says it in her own words instead.
    assert_eq!(act(&s, &host, &ana, "seat", json!({"choice": "b"})).0, 200);
    assert_eq!(
        host.state(None, Duration::ZERO).unwrap().seat_pick,
        Some(second_story::room::Pick::choice("b"))
    );
    assert_eq!(
        act(
            &s,
            &host,
            &ana,
            "seat",
            json!({"words": "What did you see at 2:14?"})
        )
        .0,
        200
    );
    let state = host.state(None, Duration::ZERO).unwrap();
    assert_eq!(
        state.seat_pick,
        Some(second_story::room::Pick::words("What did you see at 2:14?"))
    );
    assert_eq!(state.suggestions.len(), 1);
    let (status, e) = act(
        &s,
        &host,
        &ana,
        "seat",
        json!({"choice": "b", "words": "both"}),
    );
    assert_eq!((status, e["code"].as_str()), (422, Some("no-pick")));
    // The seat must name someone in the room.
    seat.seat = Some("p99".into());
    match host.publish(&seat) {
        Err(ClientError::Refused {
            status: 422, code, ..
        }) => assert_eq!(code, "unknown-person"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn lines_are_anonymous_unless_their_author_signs_them() {
    let (_dir, s, host) = room("room-lines");
    let (ana, _) = join(&s, &host.code, "Ana");
    let (ben, ben_id) = join(&s, &host.code, "Ben");
    host.publish(&Offer {
        round: 1,
        stage: Stage::Discuss,
        title: Some("A moment of self-blame".into()),
        principle: Some("Blameless".into()),
        question: Some("What would you say to Phil?".into()),
        ..Offer::default()
    })
    .unwrap();
    let v = view(&s, &host, &ana);
    assert_eq!(v["question"], "What would you say to Phil?");
    assert_eq!(
        act(
            &s,
            &host,
            &ana,
            "line",
            json!({"text": "Thank him,\nthen ask what he saw"})
        )
        .0,
        200
    );
    assert_eq!(
        act(
            &s,
            &host,
            &ben,
            "line",
            json!({"text": "Normalise it", "signed": true})
        )
        .0,
        200
    );
    // One line each per pause: writing again replaces it.
    assert_eq!(
        act(
            &s,
            &host,
            &ben,
            "line",
            json!({"text": "Normalise the slip", "signed": true})
        )
        .0,
        200
    );
    let lines = host.state(None, Duration::ZERO).unwrap().lines;
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].text, "Thank him, then ask what he saw");
    assert!(!lines[0].signed, "anonymous unless signed");
    assert_eq!(
        (lines[1].from.as_str(), lines[1].signed),
        (ben_id.as_str(), true)
    );
    assert_eq!(lines[1].text, "Normalise the slip");
    // Not now: lines belong to a pause.
    host.publish(&offer(2, Stage::Vote, &["a"])).unwrap();
    let (status, e) = act(&s, &host, &ana, "line", json!({"text": "late"}));
    assert_eq!((status, e["code"].as_str()), (409, Some("not-now")));
    assert!(host.state(None, Duration::ZERO).unwrap().lines.is_empty());
}

#[test]
fn a_phone_that_drops_and_comes_back_keeps_its_name_and_its_vote() {
    let (_dir, s, host) = room("room-reconnect");
    let (ana, ana_id) = join(&s, &host.code, "Ana");
    host.publish(&offer(1, Stage::Vote, &["a", "b"])).unwrap();
    act(&s, &host, &ana, "vote", json!({"choice": "b"}));
    // The page sends its kept token with its join; the code in any case.
    let (status, j) = post(
        &s,
        &format!("/api/rooms/{}/join", host.code.to_lowercase()),
        &json!({ "name": "", "token": ana }).to_string(),
    );
    assert_eq!(status, 200, "{j}");
    assert_eq!(
        (
            j["id"].as_str(),
            j["name"].as_str(),
            j["returning"].as_bool()
        ),
        (Some(ana_id.as_str()), Some("Ana"), Some(true))
    );
    assert_eq!(view(&s, &host, &ana)["you"]["vote"], "b");
    assert_eq!(host.state(None, Duration::ZERO).unwrap().people.len(), 1);
}

#[test]
fn the_host_waits_for_news_instead_of_asking_again_and_again() {
    let (_dir, s, host) = room("room-wait");
    let before = host.state(None, Duration::ZERO).unwrap().version;
    let addr = s.addr();
    let code = host.code.clone();
    let joiner = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        answer(
            agent()
                .post(format!("http://{addr}/api/rooms/{code}/join"))
                .header("Content-Type", "application/json")
                .send(r#"{"name": "Late"}"#),
        )
    });
    let started = Instant::now();
    let state = host.state(Some(before), Duration::from_secs(10)).unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "woken by the join"
    );
    assert!(state.version > before);
    assert_eq!(state.people[0].name, "Late");
    assert_eq!(joiner.join().unwrap().0, 201);
    // Without news, it answers when the wait is over.
    let started = Instant::now();
    let same = host
        .state(Some(state.version), Duration::from_secs(1))
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(900));
    assert_eq!(same.version, state.version);
}

#[test]
fn the_join_address_is_a_qr_code_for_the_game_and_as_svg() {
    let (_dir, s, host) = room("room-qr");
    let m = host.qr().unwrap();
    assert!(m.width() >= 21);
    let (status, svg) = get_text(&s, &format!("/api/rooms/{}/qr.svg", host.code));
    assert_eq!(status, 200);
    assert!(svg.starts_with("<svg") && svg.contains("h1v1h-1z"), "{svg}");
    assert_eq!(svg, m.svg(), "the same code as the host paints");
    let (status, page) = get_text(&s, &format!("/join/{}", host.code));
    assert_eq!(status, 200);
    assert!(page.contains("<script src=\"/join.js\">"));
    let (status, script) = get_text(&s, "/join.js");
    assert_eq!(status, 200);
    assert!(!script.contains("innerHTML"), "names are set as text");
    assert!(s.join_url().ends_with("/join"));
}
