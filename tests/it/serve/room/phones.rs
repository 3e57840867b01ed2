//! Phones in a real browser: several pages, each with storage of its own,
//! join one room and play through a vote, the hot seat, a pause and the
//! end, driven by a host that uses the game's Rust client.

use super::*;
use crate::chromium::{Chromium, Page};
use second_story::room::HostState;

const SOON: Duration = Duration::from_secs(30);

/// Waits until the room, as the host sees it, passes `test`.
fn host_sees(host: &Host, what: &str, test: impl Fn(&HostState) -> bool) -> HostState {
    let started = Instant::now();
    let mut state = host.state(None, Duration::ZERO).unwrap();
    while !test(&state) {
        assert!(
            started.elapsed() < SOON,
            "the host never saw {what}: {state:?}"
        );
        state = host
            .state(Some(state.version), Duration::from_secs(2))
            .unwrap();
    }
    state
}

fn text_of(page: &mut Page, selector: &str) -> String {
    page.eval(&format!(
        "(document.querySelector({}) || {{}}).textContent || ''",
        json!(selector)
    ))
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

fn stage(page: &mut Page, stage: &str) {
    page.wait_for(&format!("document.body.dataset.stage === '{stage}'"), SOON);
}

fn pressed(choice: &str) -> String {
    format!(
        "(document.querySelector('[data-choice=\"{choice}\"]') || {{}}).getAttribute && document.querySelector('[data-choice=\"{choice}\"]').getAttribute('aria-pressed') === 'true'"
    )
}

#[test]
fn phones_in_chromium_join_vote_take_the_seat_write_lines_and_survive_a_reload() {
    let Some(exe) = Chromium::find() else {
        return missing("Chromium", "no chromium on PATH");
    };
    let (dir, _s, host) = room("room-chromium");
    let mut chromium = Chromium::launch(&exe, &dir.join("profile"));
    let names = ["Ana", "Ben", "<b>Cy</b>"];
    let mut phones: Vec<Page> = names
        .iter()
        .map(|_| chromium.page(&host.join_url, 360, 640))
        .collect();
    for (phone, name) in phones.iter_mut().zip(names) {
        phone.wait_for("!!document.getElementById('name')", SOON);
        assert_eq!(
            phone.eval("document.getElementById('code').value"),
            json!(host.code)
        );
        phone.fill("#name", name);
        phone.click("#join");
        stage(phone, "idle");
    }
    let state = host_sees(&host, "three people", |s| s.people.len() == 3);
    let id_of = |name: &str| {
        state
            .people
            .iter()
            .find(|p| p.name == name)
            .unwrap()
            .id
            .clone()
    };
    // A name typed as HTML is shown as the text typed.
    assert!(text_of(&mut phones[2], "#status").contains("you are <b>Cy</b>"));
    assert_eq!(
        phones[2].eval("document.querySelectorAll('#app b').length"),
        json!(0)
    );

    // The room votes; Ana changes her mind.
    host.publish(&offer(1, Stage::Vote, &["a", "b"])).unwrap();
    for (phone, choice) in phones.iter_mut().zip(["a", "b", "b"]) {
        stage(phone, "vote");
        phone.click(&format!("[data-choice=\"{choice}\"]"));
        phone.wait_for(&pressed(choice), SOON);
    }
    phones[0].click("[data-choice=\"b\"]");
    phones[0].wait_for(&pressed("b"), SOON);
    let shot = dir.join("phone-vote-360x640.png");
    assert!(phones[0].screenshot(&shot) > 5_000);
    println!("room: a phone voting, 360x640: {}", shot.display());
    host_sees(&host, "three votes for b", |s| {
        s.voted == 3 && s.tally[1].votes == 3
    });

    // Ben's phone drops and comes back: the same person, the same vote.
    phones[1].reload();
    stage(&mut phones[1], "vote");
    phones[1].wait_for(&pressed("b"), SOON);
    assert!(text_of(&mut phones[1], "#status").contains("you are Ben"));
    assert_eq!(host.state(None, Duration::ZERO).unwrap().people.len(), 3);

    let closed = host
        .close(&Close {
            played: None,
            best: vec!["b".into()],
        })
        .unwrap();
    assert_eq!(
        (closed.outcome, closed.played.as_deref()),
        (Outcome::Majority, Some("b"))
    );
    phones[2].wait_for("!!document.getElementById('result')", SOON);
    assert!(text_of(&mut phones[2], "#result").contains("The room chose"));

    // Ana takes the seat; she says it in her own words; Ben suggests.
    let mut seat = offer(2, Stage::Seat, &["a", "c"]);
    seat.seat = Some(id_of("Ana"));
    host.publish(&seat).unwrap();
    for phone in phones.iter_mut() {
        stage(phone, "seat");
    }
    assert_eq!(text_of(&mut phones[0], "h1"), "You have the seat");
    assert_eq!(text_of(&mut phones[1], "h1"), "Ana has the seat");
    phones[1].click("[data-choice=\"c\"]");
    phones[1].wait_for(&pressed("c"), SOON);
    phones[0].wait_for("!!document.getElementById('suggestions')", SOON);
    assert!(text_of(&mut phones[0], "#suggestions").contains("Ben"));
    phones[0].fill("#words-2", "What did the dashboard show you at 2:14?");
    phones[0].click("#say");
    let state = host_sees(&host, "the seat's own words", |s| s.seat_pick.is_some());
    assert_eq!(
        state.seat_pick,
        Some(second_story::room::Pick::words(
            "What did the dashboard show you at 2:14?"
        ))
    );
    assert_eq!(
        state.suggestions[0].pick,
        second_story::room::Pick::choice("c")
    );
    phones[2].wait_for("!!document.getElementById('picked')", SOON);

    // A pause: everyone writes a line; only Cy signs hers.
    host.publish(&Offer {
        round: 3,
        stage: Stage::Discuss,
        title: Some("A moment of self-blame".into()),
        principle: Some("Blame closes people up".into()),
        question: Some("What would you say to Phil?".into()),
        ..Offer::default()
    })
    .unwrap();
    for (i, phone) in phones.iter_mut().enumerate() {
        stage(phone, "discuss");
        assert_eq!(text_of(phone, "#question"), "What would you say to Phil?");
        phone.fill("#line-3", &format!("Line {i}: thank him for saying so"));
        if i == 2 {
            phone.click("#signed");
        }
        phone.click("#send");
        phone.wait_for("!!document.getElementById('my-line')", SOON);
    }
    let state = host_sees(&host, "three lines", |s| s.lines.len() == 3);
    let signed: Vec<&str> = state
        .lines
        .iter()
        .filter(|l| l.signed)
        .map(|l| l.from.as_str())
        .collect();
    assert_eq!(signed, [id_of("<b>Cy</b>").as_str()]);
    let shot = dir.join("phone-360x640.png");
    assert!(phones[0].screenshot(&shot) > 5_000);
    println!(
        "room: a phone in a pause to discuss, 360x640: {}",
        shot.display()
    );

    // Afterwards: Ana opens her summary.
    host.publish(&Offer {
        round: 4,
        stage: Stage::Ended,
        ..Offer::default()
    })
    .unwrap();
    stage(&mut phones[0], "ended");
    phones[0].click("#summary-button");
    phones[0].wait_for("!!document.getElementById('summary')", SOON);
    let summary = text_of(&mut phones[0], "#summary");
    assert!(
        summary.contains("With the room's choice: 1 of 1"),
        "{summary}"
    );
    assert!(summary.contains("rates best: 1 of 1"), "{summary}");
    assert!(summary.contains("thank him"), "{summary}");
    let shot = dir.join("phone-summary-360x640.png");
    phones[0].screenshot(&shot);
    println!("room: a phone's summary, 360x640: {}", shot.display());
}
