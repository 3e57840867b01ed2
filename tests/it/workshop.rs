//! Group play without a window: the hot seat's turns and credits, the
//! room's ballot, and the pauses to discuss.

use super::support::*;
use second_story::engine::{Meeting, Move};
use second_story::record::{Record, Vote};
use second_story::scenario::{MomentKind, Principle};
use second_story::workshop::{
    self, Ballot, BallotOutcome, Pause, Plan, SeatTurn, Workshop, credits,
};

fn plan(names: &[&str], turn: SeatTurn) -> Plan {
    Plan {
        facilitators: names.iter().map(|n| (*n).to_owned()).collect(),
        turn,
        vote: false,
        discuss: false,
    }
}

/// Plays the flagship's expert script through a workshop.
fn expert_workshop(plan: Plan) -> (Meeting, Workshop) {
    let script = script("zero-that-was-eight.expert.ron");
    let mut m = Meeting::new(scenario("zero-that-was-eight"), 1).unwrap();
    let mut w = Workshop::new(plan);
    for mv in &script.moves {
        let events = m.apply(mv).unwrap();
        w.played(&m, mv, &events);
    }
    (m, w)
}

#[test]
fn every_n_moves_the_seat_passes_on_and_the_report_credits_each() {
    let (m, w) = expert_workshop(plan(&["Ana", "Ben", "Chen"], SeatTurn::Moves(4)));
    let handovers: Vec<&str> = w
        .pending
        .iter()
        .filter_map(|p| match p {
            Pause::Handover { to } => Some(to.as_str()),
            Pause::Discuss(_) => None,
        })
        .collect();
    let moves = m.played().len();
    assert_eq!(handovers.len(), (moves - 1) / 4, "a handover every 4 moves");
    assert_eq!(&handovers[..4], ["Ben", "Chen", "Ana", "Ben"]);

    let record = w.record(&m, vec!["ignored".into()]);
    assert_eq!(record.players, ["Ana", "Ben", "Chen"]);
    for (i, r) in record.moves.iter().enumerate() {
        assert_eq!(r.player, Some(i / 4 % 3), "move {i}");
    }
    let c = credits(&record.players, &record.moves, &m);
    assert_eq!(c.iter().map(|c| c.moves).sum::<usize>(), moves);
    assert_eq!(
        c.iter().map(|c| c.facts).sum::<usize>(),
        m.report().facts_surfaced.len(),
        "every fact is credited to whoever was in the seat"
    );
    let good: usize = c.iter().map(|c| c.good).sum();
    let verdict_good = m
        .played()
        .iter()
        .filter(|p| p.feedback.verdict == second_story::engine::Verdict::Good)
        .count();
    assert_eq!(good, verdict_good);
}

#[test]
fn by_timeline_entry_the_seat_passes_at_each_entry_and_phase() {
    let (m, w) = expert_workshop(plan(&["Ana", "Ben"], SeatTurn::Entry));
    let record = w.record(&m, Vec::new());
    let mut seat = 0;
    for (r, p) in record.moves.iter().zip(m.played()) {
        assert_eq!(r.player, Some(seat), "{}", p.mv);
        if matches!(p.mv, Move::NextEntry | Move::NextPhase) {
            seat = 1 - seat;
        }
    }
}

#[test]
fn one_facilitator_is_no_hot_seat() {
    let (m, w) = expert_workshop(plan(&["Ana"], SeatTurn::Moves(1)));
    assert!(w.pending.is_empty());
    assert_eq!(w.facilitator(), None);
    assert!(
        w.record(&m, vec!["Ana".into()])
            .moves
            .iter()
            .all(|r| r.player.is_none())
    );
}

#[test]
fn the_ballot_finds_the_majority_and_calls_a_tie() {
    let (a, b) = (Move::Ask("a".into()), Move::Ask("b".into()));
    let mut ballot = Ballot::default();
    assert_eq!(ballot.outcome(), BallotOutcome::NoVotes);
    ballot.add(&a);
    ballot.add(&b);
    assert_eq!(
        ballot.outcome(),
        BallotOutcome::Tie(vec![a.clone(), b.clone()])
    );
    ballot.add(&b);
    assert_eq!(ballot.outcome(), BallotOutcome::Majority(b.clone()));
    ballot.undo();
    ballot.undo();
    assert_eq!(ballot.outcome(), BallotOutcome::Majority(a.clone()));
    assert_eq!((ballot.votes_for(&b), ballot.total()), (0, 1));

    let vote = Vote {
        tally: vec![(a.clone(), 3), (b.clone(), 1)],
    };
    assert_eq!(vote.alignment(&a), Some(0.75));
    assert_eq!(vote.alignment(&Move::End), None);
}

#[test]
fn votes_are_kept_in_the_record_and_measure_alignment() {
    let script = script("zero-that-was-eight.expert.ron");
    let mut m = Meeting::new(scenario("zero-that-was-eight"), 1).unwrap();
    let mut w = Workshop::new(Plan {
        vote: true,
        ..Plan::default()
    });
    for (i, mv) in script.moves.iter().enumerate() {
        // The first three moves: 3 of 4 votes, then unanimous, then 2 of 4.
        if let Some(&support) = [3, 4, 2].get(i) {
            for _ in 0..support {
                w.ballot.add(mv);
            }
            for _ in support..4 {
                w.ballot.add(&Move::End);
            }
        }
        let events = m.apply(mv).unwrap();
        w.played(&m, mv, &events);
    }
    let record = w.record(&m, vec!["The room".into()]);
    let a = workshop::alignment(&record.moves).unwrap();
    assert_eq!(a.votes, 3);
    assert!((a.mean - (0.75 + 1.0 + 0.5) / 3.0).abs() < 1e-6);
    assert_eq!(
        a.split,
        vec![(2, 0.5)],
        "the 2-2 split is the one to discuss"
    );

    // Saved and loaded, the votes survive and the record still replays.
    let path = temp_dir("workshop-votes").join("room.json");
    record.save(&path).unwrap();
    let loaded = Record::load(&path).unwrap();
    assert_eq!(loaded, record);
    let replayed = loaded.replay(scenario("zero-that-was-eight")).unwrap();
    assert!(loaded.matches(&replayed));
}

#[test]
fn moments_new_phases_and_poor_moves_call_for_a_pause_to_discuss() {
    let discuss = |kind: &str| {
        let script = script(&format!("zero-that-was-eight.{kind}.ron"));
        let mut m = Meeting::new(scenario("zero-that-was-eight"), 1).unwrap();
        let mut w = Workshop::new(Plan {
            discuss: true,
            ..Plan::default()
        });
        for mv in &script.moves {
            let events = m.apply(mv).unwrap();
            w.played(&m, mv, &events);
        }
        w.pending
            .into_iter()
            .filter_map(|p| match p {
                Pause::Discuss(d) => Some(d),
                Pause::Handover { .. } => None,
            })
            .collect::<Vec<_>>()
    };
    let expert = discuss("expert");
    let self_blame = expert
        .iter()
        .find(|d| d.principle == MomentKind::SelfBlame.principle())
        .expect("Phil's self-blame is a point to discuss");
    assert!(self_blame.question.contains("Phil"));
    assert!(
        expert
            .iter()
            .any(|d| d.principle == Principle::SetExpectations)
    );
    assert!(
        !expert.iter().any(|d| d.title.contains("flagged")),
        "the expert makes no poor move"
    );
    let blaming = discuss("blaming");
    assert!(
        blaming
            .iter()
            .any(|d| d.title.contains("flagged") && d.principle == Principle::WhatAndHow),
        "{blaming:?}"
    );
}

#[test]
fn a_turn_is_entry_or_a_number_of_moves() {
    assert_eq!("entry".parse::<SeatTurn>(), Ok(SeatTurn::Entry));
    assert_eq!("3".parse::<SeatTurn>(), Ok(SeatTurn::Moves(3)));
    for bad in ["0", "often", "-2"] {
        assert!(bad.parse::<SeatTurn>().unwrap_err().contains("not a turn"));
    }
}

#[test]
fn run_with_several_players_records_their_turns() {
    let d = temp_dir("workshop-run");
    let rec = d.join("team.json");
    let o = bin()
        .args(["run", "zero-that-was-eight", "--turn", "5"])
        .args(["--player", "Ana", "--player", "Ben", "--record"])
        .arg(&rec)
        .arg("--moves")
        .arg(fixture("zero-that-was-eight.expert.ron"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let record = Record::load(&rec).unwrap();
    assert_eq!(record.moves[4].player, Some(0));
    assert_eq!(record.moves[5].player, Some(1));
    assert_eq!(record.moves[10].player, Some(0));
}
