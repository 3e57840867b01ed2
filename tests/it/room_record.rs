//! A workshop room's people in the record: every vote and line kept,
//! checked when read, and judged by `report` (with the room, with the
//! coach), while the record still replays.

use super::support::*;
use second_story::engine::{Meeting, Move, Verdict};
use second_story::record::{Record, ReplayError};
use second_story::workshop::{self, Plan, Workshop};

/// The flagship's expert script played by a room: Ana always votes for
/// the move played, Ben for it and then for ending the meeting, Cy always
/// for ending it; Dee joins and never votes.
fn room_meeting() -> (Meeting, Workshop) {
    let script = script("zero-that-was-eight.expert.ron");
    let mut m = Meeting::new(scenario("zero-that-was-eight"), 1).unwrap();
    let mut w = Workshop::new(Plan {
        vote: true,
        discuss: true,
        ..Plan::default()
    });
    for id in ["p1", "p2", "p3", "p4"] {
        let name = match id {
            "p1" => "Ana",
            "p2" => "Ben",
            "p3" => "<b>Cy</b>",
            _ => "Dee",
        };
        w.room.joined(id, name);
    }
    for (i, mv) in script.moves.iter().enumerate() {
        if i < 3 {
            let ben = if i == 0 { mv.clone() } else { Move::End };
            let casts = vec![
                ("p1".to_owned(), "Ana".to_owned(), mv.clone()),
                ("p2".to_owned(), "Ben".to_owned(), ben),
                ("p3".to_owned(), "<b>Cy</b>".to_owned(), Move::End),
            ];
            for (_, _, v) in &casts {
                w.ballot.add(v);
            }
            w.room.voted(i, &casts);
        }
        let events = m.apply(mv).unwrap();
        w.played(&m, mv, &events);
        if i == 1 {
            w.room
                .wrote(2, "p1", "Ana", "Thank Phil for saying so", false);
            w.room
                .wrote(2, "p3", "<b>Cy</b>", "Ask what the dashboard showed", true);
            w.room.wrote(
                2,
                "p3",
                "<b>Cy</b>",
                "Ask what he saw on the dashboard",
                true,
            );
        }
    }
    (m, w)
}

#[test]
fn a_room_record_keeps_every_participants_votes_and_lines_and_still_replays() {
    let (m, w) = room_meeting();
    let record = w.record(&m, vec!["The room".into()]);
    let names: Vec<&str> = record
        .participants
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["Ana", "Ben", "<b>Cy</b>", "Dee"]);
    assert_eq!(record.participants[0].votes.len(), 3);
    assert_eq!(
        record.participants[2].lines.len(),
        1,
        "a second line replaces the first"
    );
    assert_eq!(
        record.participants[2].lines[0].text,
        "Ask what he saw on the dashboard"
    );
    assert!(record.participants[2].lines[0].signed && !record.participants[0].lines[0].signed);
    assert!(record.participants[3].votes.is_empty());

    let dir = temp_dir("room-record");
    let path = dir.join("room.json");
    record.save(&path).unwrap();
    let loaded = Record::load(&path).unwrap();
    assert_eq!(loaded, record);
    let replayed = loaded.replay(scenario("zero-that-was-eight")).unwrap();
    assert!(
        loaded.matches(&replayed),
        "the room's votes change nothing the replay checks"
    );

    // Judged: Ana is always with the room; the coach's verdicts on the
    // first three moves are what she gets for good moves.
    let fresh = Meeting::new(scenario("zero-that-was-eight"), 1).unwrap();
    let members = workshop::members(&loaded.participants, &loaded.moves, &fresh);
    let good = m.report().moves[..3]
        .iter()
        .filter(|p| p.feedback.verdict == Verdict::Good)
        .count();
    assert!(good > 0, "the expert script starts well");
    assert_eq!(
        (members[0].votes, members[0].with_room, members[0].with_best),
        (3, 3, good)
    );
    assert_eq!((members[1].votes, members[1].with_room), (3, 1));
    assert_eq!(
        (members[2].with_room, members[2].with_best, members[2].lines),
        (0, 0, 1)
    );
    assert_eq!((members[3].votes, members[3].room_share()), (0, None));

    // `report` prints each participant and the most split votes, and its
    // page shows names as text.
    let out = bin()
        .args(["report"])
        .arg(&dir)
        .arg("--out")
        .arg(dir.join("report.html"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("workshop room (room.json, zero-that-was-eight)"),
        "{text}"
    );
    assert!(
        text.contains("Ana: 3 vote(s), 100% with the room"),
        "{text}"
    );
    assert!(text.contains("Ben: 3 vote(s), 33% with the room"), "{text}");
    assert!(text.contains("Dee: 0 vote(s), - with the room"), "{text}");
    assert!(text.contains("most split: move "), "{text}");
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(
        html.contains("&lt;b&gt;Cy&lt;/b&gt;: 3 vote(s), 0% with the room"),
        "{html}"
    );
    assert!(!html.contains("<b>Cy</b>"));
    assert!(html.contains("most split: move"));
}

#[test]
fn a_record_without_a_room_still_loads_and_a_bad_vote_is_refused_with_its_line() {
    let (m, w) = room_meeting();
    let record = w.record(&m, vec!["The room".into()]);
    // Older records have no participants at all.
    let mut old: serde_json::Value = serde_json::from_slice(&record.to_json()).unwrap();
    old.as_object_mut().unwrap().remove("participants");
    let old = Record::parse(&old.to_string(), "old.json").unwrap();
    assert!(old.participants.is_empty());
    assert!(old.matches(&old.replay(scenario("zero-that-was-eight")).unwrap()));

    let text = String::from_utf8(record.to_json()).unwrap();
    let edited = text.replacen("\"at\": 2", "\"at\": 9999", 1);
    match Record::parse(&edited, "edited.json") {
        Err(ReplayError::Unsound {
            line: Some(line),
            what,
            ..
        }) => {
            assert!(what.contains("a vote on move 10000"), "{what}");
            assert!(edited.lines().nth(line - 1).unwrap().contains("9999"));
        }
        other => panic!("{other:?}"),
    }
    let long = text.replacen("Thank Phil for saying so", &"x".repeat(400), 1);
    assert!(matches!(
        Record::parse(&long, "long.json"),
        Err(ReplayError::Unsound { .. })
    ));
}
