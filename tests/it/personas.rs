//! Six kinds of facilitator, each written as move scripts for four
//! incidents by people who had not seen the engine (tests/fixtures/personas,
//! `<incident>.<persona>[.N].ron`). The score must rank them as an
//! instructor would: the guide and the guide in their own words at the top,
//! the novice in the middle, and the polite blamer, the fixer and the
//! passive facilitator at the bottom, whatever words they use.

use super::support::*;
use second_story::engine::{Move, Report};
use second_story::script;

/// Every persona script, with its incident and persona.
fn personas() -> Vec<(String, String, std::path::PathBuf)> {
    let dir = fixture("personas");
    let mut found: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let mut parts = name.split('.');
            let incident = parts.next().unwrap().to_owned();
            let persona = parts.next().expect("<incident>.<persona>").to_owned();
            (incident, persona, p)
        })
        .collect();
    found.sort();
    found
}

fn play(incident: &str, path: &std::path::Path) -> Report {
    let s = script::load_script(path).unwrap_or_else(|e| panic!("{e}"));
    // Every line is played: nothing the persona says is refused.
    play_script(incident, &s, 1).report()
}

fn of(persona: &str) -> Vec<(String, Report)> {
    let all: Vec<_> = personas()
        .into_iter()
        .filter(|(_, p, _)| p == persona)
        .map(|(i, _, path)| {
            let r = play(&i, &path);
            (format!("{}", path.display()), r)
        })
        .collect();
    assert!(
        all.iter()
            .map(|(f, _)| f.split('/').next_back().unwrap().split('.').next().unwrap())
            .collect::<std::collections::BTreeSet<_>>()
            .len()
            >= 3,
        "{persona}: scripts for at least three incidents"
    );
    all
}

#[test]
fn a_guide_brings_out_the_story_and_the_room_comes_back() {
    for (file, r) in of("guide") {
        assert!(r.score.total >= 85, "{file}: {:?}", r.score);
        assert!(
            r.success.learned && r.success.would_return,
            "{file}: {:?}",
            r.success
        );
    }
}

#[test]
fn a_guide_in_their_own_words_scores_close_to_the_menu() {
    for (file, r) in of("own-words") {
        assert!(r.score.total >= 80, "{file}: {:?}", r.score);
        assert!(
            r.success.learned && r.success.would_return,
            "{file}: {:?}",
            r.success
        );
        // Own words only, and none of them named the question it meant.
        let s = script::load_script(std::path::Path::new(&file)).unwrap();
        assert!(s.moves.iter().all(|m| !matches!(
            m,
            Move::Ask(_)
                | Move::Say {
                    intent: Some(_),
                    ..
                }
        )));
    }
}

#[test]
fn a_polite_blamer_in_clean_words_scores_low_and_the_room_stays_away() {
    for (file, r) in of("polite-blamer") {
        assert!(r.score.total <= 40, "{file}: {:?}", r.score);
        assert!(!r.success.would_return, "{file}");
    }
}

#[test]
fn a_fixer_who_turns_the_meeting_into_action_items_does_not_pass() {
    for (file, r) in of("fixer") {
        assert!(r.score.total <= 60, "{file}: {:?}", r.score);
        assert!(r.score.discovery <= 35, "{file}: {:?}", r.score);
        assert!(
            r.score.learning < 70,
            "{file}: learning, not fixing: {:?}",
            r.score
        );
    }
}

#[test]
fn a_passive_facilitator_who_leaves_self_blame_alone_loses_the_room() {
    for (file, r) in of("passive") {
        assert!(r.score.total <= 45, "{file}: {:?}", r.score);
        assert!(!r.success.would_return, "{file}");
        assert!(!r.at_risk.is_empty(), "{file}: someone was left at risk");
    }
}

#[test]
fn a_novice_lands_in_the_middle() {
    for (file, r) in of("novice") {
        assert!((45..=75).contains(&r.score.total), "{file}: {:?}", r.score);
    }
}
