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

/// Moves of the expert script up to the results page on the big screen.
fn to_the_results_page() -> second_story::engine::Meeting {
    let mut m = second_story::engine::Meeting::new(scenario(FLAGSHIP), 1).unwrap();
    let path = "[Ask(\"pre-phil\"), NextPhase, Ask(\"open-learn\"), NextPhase, Reassure(\"phil\"), NextEntry, NextEntry, Show(\"results-page\")]";
    for mv in second_story::script::parse_script(path, "path")
        .unwrap()
        .moves
    {
        m.apply(&mv).unwrap_or_else(|e| panic!("{mv}: {e}"));
    }
    m
}

fn say(text: &str, to: second_story::scenario::Target) -> Move {
    Move::Say {
        text: text.into(),
        to,
        intent: None,
    }
}

#[test]
fn own_words_are_taken_as_the_closest_question_and_shown_before_they_count() {
    use second_story::scenario::Target;
    let mut m = to_the_results_page();
    let phil = Target::Person("phil".into());
    let u = m.understand(
        "Phil, when the run finished what did you open, and what did it show?",
        &phil,
    );
    assert_eq!(
        u.intent.as_ref().map(|c| c.as_str()),
        Some("res-phil-opened"),
        "{u:?}"
    );
    assert!(u.findings.is_empty());
    let before = m.played().len();
    assert_eq!(m.played().len(), before, "understanding changes nothing");
    m.apply(&say(
        "Phil, when the run finished what did you open, and what did it show?",
        phil,
    ))
    .unwrap();
    let played = m.played().last().unwrap();
    assert_eq!(played.feedback.verdict, second_story::engine::Verdict::Good);
    assert!(
        m.transcript()
            .iter()
            .any(|l| l.text.starts_with("Phil, when the run finished")),
        "the player's words are in the transcript"
    );
}

#[test]
fn a_name_in_the_words_says_whom_they_are_put_to() {
    let m = to_the_results_page();
    let u = m.understand(
        "Phil, what did you open when the run finished and what did you see?",
        &second_story::scenario::Target::Room,
    );
    assert_eq!(
        u.intent.as_ref().map(|c| c.as_str()),
        Some("res-phil-opened"),
        "{u:?}"
    );
}

#[test]
fn blaming_words_count_as_the_trap_they_sound_like() {
    use second_story::scenario::Target;
    let mut kind = to_the_results_page();
    let mut blunt = to_the_results_page();
    kind.apply(&say(
        "Phil, when the run finished what did you open, and what did it show?",
        Target::Person("phil".into()),
    ))
    .unwrap();
    blunt
        .apply(&say(
            "Why didn't you read what the page showed when the run finished?",
            Target::Person("phil".into()),
        ))
        .unwrap();
    let played = blunt.played().last().unwrap();
    assert_eq!(played.feedback.verdict, second_story::engine::Verdict::Poor);
    assert!(
        played
            .feedback
            .text
            .contains("What got in the way of reading"),
        "{}",
        played.feedback.text
    );
    assert!(blunt.safety_of(&"phil".into()) < kind.safety_of(&"phil".into()));
    assert!(blunt.score().blame < kind.score().blame);
    // Blame that is close to no authored question still counts.
    let before = blunt.score().blame;
    blunt
        .apply(&say("Who is responsible for that page?", Target::Room))
        .unwrap();
    assert!(blunt.score().blame < before);
    // Words that are neither a question on offer nor flagged are still
    // said: the room hears them, and nothing hidden comes out.
    let facts = blunt.facts_revealed().count();
    blunt
        .apply(&say("Banana pancakes for everyone", Target::Room))
        .unwrap();
    assert_eq!(blunt.facts_revealed().count(), facts);
    assert!(matches!(
        blunt.apply(&say("  ?! ", Target::Room)),
        Err(second_story::engine::MoveError::NothingSaid)
    ));
}

#[test]
fn self_blame_heard_in_an_answer_is_a_moment_to_meet() {
    // Phil, unsettled by a trap, blames himself in his answer: the coach
    // hears it and the player has two moves to meet it.
    let mut m = to_the_results_page();
    let heard = |m: &second_story::engine::Meeting| -> Vec<MomentKind> {
        m.open_moments()
            .filter(|(mo, _)| mo.id.as_str().starts_with("heard-"))
            .map(|(mo, _)| mo.kind)
            .collect()
    };
    for trap in ["res-why-not-read", "res-could-have", "res-closed-count"] {
        m.apply(&Move::Ask(trap.into())).unwrap();
        if !heard(&m).is_empty() {
            break;
        }
    }
    assert_eq!(
        heard(&m),
        [MomentKind::SelfBlame],
        "{:?}",
        m.transcript().last()
    );
    let mut ignored = m.clone();
    m.apply(&Move::Reassure("phil".into())).unwrap();
    ignored.apply(&Move::Normalise).unwrap();
    ignored.apply(&Move::Normalise).unwrap();
    m.apply(&Move::Normalise).unwrap();
    assert!(ignored.score().self_blame < m.score().self_blame);
}
