//! Whole meetings played from the fixture scripts: the game's rules as a
//! facilitator would notice them.

use super::support::*;
use second_story::engine::Move;
use second_story::scenario::{Habit, MomentKind};

const FLAGSHIP: &str = "zero-that-was-eight";

#[test]
fn an_expert_facilitator_brings_the_second_story_to_light() {
    let r = report(FLAGSHIP, "expert", 1);
    assert!(r.score.total >= 85, "expert scored {:?}", r.score);
    assert!(r.second_story_reached, "missed: {:#?}", r.facts_missed);
    assert!(
        r.success.learned && r.success.would_return,
        "{:?}",
        r.success
    );
    assert!(!r.first_story_accepted);
}

#[test]
fn a_blaming_facilitator_keeps_the_room_shut() {
    let r = report(FLAGSHIP, "blaming", 1);
    assert!(r.score.total <= 40, "blaming scored {:?}", r.score);
    assert!(
        !r.success.would_return,
        "the room would come back after being blamed"
    );
    assert!(!r.second_story_reached);
    // The eight behind the zero is the heart of the second story: it stays hidden.
    let s = scenario(FLAGSHIP);
    let zoom_facts: Vec<_> = s
        .facts
        .iter()
        .filter(|f| f.reveal.zoomed)
        .map(|f| f.id.clone())
        .collect();
    assert!(!zoom_facts.is_empty());
    for f in zoom_facts {
        assert!(!r.facts_surfaced.contains(&f), "{f} came out under blame");
    }
    let second: Vec<_> = s.facts.iter().filter(|f| f.second_story).collect();
    let found = second
        .iter()
        .filter(|f| r.facts_surfaced.contains(&f.id))
        .count();
    assert!(
        found * 2 < second.len(),
        "{found} of {} second-story facts came out",
        second.len()
    );
}

#[test]
fn ignoring_the_self_blame_alone_costs_points() {
    let s = scenario(FLAGSHIP);
    let self_blamers: Vec<_> = s
        .participants
        .iter()
        .filter(|p| p.habits.contains(&Habit::FallsOnSword))
        .map(|p| p.id.clone())
        .collect();
    assert!(s.moments.iter().any(|m| m.kind == MomentKind::SelfBlame));
    let expert = script(&format!("{FLAGSHIP}.expert.ron"));
    let careless = without(
        &expert,
        |m| matches!(m, Move::Reassure(p) if self_blamers.contains(p)),
    );
    assert!(
        careless.moves.len() < expert.moves.len(),
        "the expert script reassures"
    );
    let with_care = play_script(FLAGSHIP, &expert, 1).report();
    let without_care = play_script(FLAGSHIP, &careless, 1).report();
    assert!(without_care.score.self_blame < with_care.score.self_blame);
    assert!(
        without_care.score.total < with_care.score.total,
        "{:?} vs {:?}",
        without_care.score,
        with_care.score
    );
}

#[test]
fn the_same_seed_and_moves_replay_byte_for_byte() {
    for kind in ["expert", "blaming"] {
        let a = serde_json::to_string(&report(FLAGSHIP, kind, 42)).unwrap();
        let b = serde_json::to_string(&report(FLAGSHIP, kind, 42)).unwrap();
        assert_eq!(a, b, "{kind} differs between two runs");
    }
}

#[test]
fn accepting_the_first_story_ends_the_inquiry() {
    let s = scenario(FLAGSHIP);
    let trap = s
        .choices
        .iter()
        .find(|c| c.accepts_first_story)
        .expect("the first story is on offer");
    let mut m = second_story::engine::Meeting::new(s.clone(), 1).unwrap();
    // Walk to the trap's phase and entry, then take it.
    while m.check(&Move::Ask(trap.id.clone())).is_err() {
        let step = if m.phase() == trap.phase {
            Move::NextEntry
        } else {
            Move::NextPhase
        };
        m.apply(&step)
            .unwrap_or_else(|e| panic!("cannot reach the trap: {e}"));
    }
    let events = m.apply(&Move::Ask(trap.id.clone())).unwrap();
    assert!(
        events
            .iter()
            .any(|e| matches!(e, second_story::engine::Event::InquiryClosed))
    );
    assert_eq!(m.phase(), second_story::scenario::Phase::Learning);
    let r = m.report();
    assert!(r.first_story_accepted);
    assert!(!r.second_story_reached);
}

#[test]
fn every_move_gets_feedback_naming_a_principle() {
    let r = report(FLAGSHIP, "expert", 1);
    for played in r.moves.iter().filter(|p| matches!(p.mv, Move::Ask(_))) {
        assert!(
            played.feedback.principle.is_some() && !played.feedback.text.is_empty(),
            "{played:?}"
        );
    }
    let blaming = report(FLAGSHIP, "blaming", 1);
    let poor = blaming
        .moves
        .iter()
        .filter(|p| p.feedback.verdict == second_story::engine::Verdict::Poor)
        .count();
    assert!(poor >= 3, "traps are called out");
}
