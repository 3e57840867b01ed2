//! What a room refuses: unknown codes and tokens, the host's calls
//! without its key, oversized, malformed and odd input; and names that are
//! HTML stay text.

use super::*;

fn refused(got: (u16, Value), status: u16, code: &str) {
    assert_eq!(got.0, status, "{}", got.1);
    assert_eq!(got.1["code"], code, "{}", got.1);
    assert!(
        got.1["error"].as_str().is_some_and(|e| !e.is_empty()),
        "{}",
        got.1
    );
}

#[test]
fn unknown_rooms_tokens_and_keys_are_answered_in_json() {
    let (_dir, s, host) = room("room-unknown");
    let (ana, _) = join(&s, &host.code, "Ana");
    refused(
        post(&s, "/api/rooms/WXYV/join", r#"{"name": "Ana"}"#),
        404,
        "unknown-room",
    );
    refused(
        post(&s, "/api/rooms/not-a-code/join", r#"{"name": "Ana"}"#),
        404,
        "unknown-room",
    );
    refused(
        phone(
            &s,
            "GET",
            &format!("/api/rooms/{}/view", host.code),
            "0123456789abcdef",
            None,
        ),
        404,
        "unknown-participant",
    );
    refused(
        phone(
            &s,
            "GET",
            &format!("/api/rooms/{}/view", host.code),
            "",
            None,
        ),
        404,
        "unknown-participant",
    );
    refused(
        act(&s, &host, "nobody", "vote", json!({"choice": "a"})),
        404,
        "unknown-participant",
    );
    // A phone's token is no host key, and the state needs one.
    refused(
        answer(
            agent()
                .get(format!("http://{}/api/rooms/{}/state", s.addr(), host.code))
                .header("Authorization", format!("Bearer {ana}"))
                .call(),
        ),
        401,
        "key",
    );
    refused(
        answer(
            agent()
                .post(format!("http://{}/api/rooms/{}/close", s.addr(), host.code))
                .header("Content-Type", "application/json")
                .send("{}"),
        ),
        401,
        "key",
    );
    refused(get(&s, "/api/rooms/WXYV/qr.svg"), 404, "unknown-room");
}

#[test]
fn oversized_and_malformed_input_is_refused_with_a_reason() {
    let (_dir, s, host) = room("room-hostile");
    let code = &host.code;
    let join_path = format!("/api/rooms/{code}/join");
    refused(
        post(
            &s,
            &join_path,
            &json!({"name": "x".repeat(241)}).to_string(),
        ),
        422,
        "name-too-long",
    );
    refused(post(&s, &join_path, r#"{"name": "   "}"#), 422, "no-name");
    refused(
        post(&s, &join_path, r#"{"name": "Ana\u0007"}"#),
        422,
        "bad-text",
    );
    refused(post(&s, &join_path, r#"{"name": "Ana""#), 400, "malformed");
    refused(
        post(&s, &join_path, r#"{"name": "Ana", "admin": true}"#),
        400,
        "malformed",
    );
    refused(
        post(
            &s,
            &join_path,
            &format!("{{\"name\": \"{}\"}}", "x".repeat(9000)),
        ),
        413,
        "too-large",
    );
    refused(
        answer(
            agent()
                .post(format!("http://{}{join_path}", s.addr()))
                .header("Content-Type", "text/plain")
                .send("name=Ana"),
        ),
        415,
        "not-json",
    );
    let (ana, _) = join(&s, code, "Ana");
    host.publish(&Offer {
        round: 1,
        stage: Stage::Discuss,
        question: Some("?".into()),
        ..Offer::default()
    })
    .unwrap();
    refused(
        act(&s, &host, &ana, "line", json!({"text": "x".repeat(281)})),
        422,
        "too-long",
    );
    refused(
        act(&s, &host, &ana, "line", json!({"text": " \n "})),
        422,
        "empty",
    );
    refused(
        act(&s, &host, &ana, "line", json!({"words": "wrong field"})),
        400,
        "malformed",
    );
    // A host's offer is checked too.
    let mut twice = offer(2, Stage::Vote, &["a", "a"]);
    match host.publish(&twice) {
        Err(ClientError::Refused {
            status: 422, code, ..
        }) => assert_eq!(code, "bad-offer"),
        other => panic!("{other:?}"),
    }
    twice.choices.truncate(1);
    twice.round = 0;
    match host.publish(&twice) {
        Err(ClientError::Refused {
            status: 409, code, ..
        }) => assert_eq!(code, "old-round"),
        other => panic!("{other:?}"),
    }
    // Tapping faster than a person can is slowed down, not counted.
    host.publish(&offer(3, Stage::Vote, &["a", "b"])).unwrap();
    let answers: Vec<u16> = (0..15)
        .map(|i| {
            act(
                &s,
                &host,
                &ana,
                "vote",
                json!({"choice": if i % 2 == 0 { "a" } else { "b" }}),
            )
            .0
        })
        .collect();
    assert!(answers.contains(&429), "{answers:?}");
    assert_eq!(host.state(None, Duration::ZERO).unwrap().voted, 1);
}

#[test]
fn a_name_typed_as_html_is_kept_and_served_as_text() {
    let (_dir, s, host) = room("room-html");
    let name = "<img src=x onerror=alert(1)> & \"Ana\"";
    let (token, _) = join(&s, &host.code, name);
    assert_eq!(view(&s, &host, &token)["you"]["name"], name);
    assert_eq!(
        host.state(None, Duration::ZERO).unwrap().people[0].name,
        name
    );
    // The page has no HTML of anyone's making in it: names arrive as JSON
    // and are set with textContent (the browser test looks at the page).
    let (_, page) = get_text(&s, &format!("/join/{}", host.code));
    assert!(!page.contains("onerror"));
}
