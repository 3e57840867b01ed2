//! Scenario authoring tools: `explore` finds what a player can reach, every
//! shipped scenario is winnable and fair, and `new` starts a valid one.

use super::support::*;
use second_story::explore::{Settings, explore};
use second_story::script::Script;
use second_story::script::play;

#[test]
fn every_shipped_scenario_can_be_won_and_has_no_unreachable_fact() {
    for id in shipped() {
        let e = explore(scenario(&id), Settings::default()).unwrap();
        assert!(e.best_score >= 85, "{id}: best found {}", e.best_score);
        assert!(
            e.facts_unreached.is_empty(),
            "{id}: {:?}",
            e.facts_unreached
        );
        assert!(
            e.success_reachable,
            "{id}: both success questions are never met"
        );
    }
}

#[test]
fn the_best_script_replays_to_the_best_score() {
    let s = scenario("zero-that-was-eight");
    let e = explore(s.clone(), Settings::default()).unwrap();
    let script = Script {
        lines: vec![1; e.best_script.len()],
        moves: e.best_script.clone(),
    };
    let m = play(s, Settings::default().seed, &script).unwrap();
    assert_eq!(m.score().total, e.best_score);
    assert!(
        e.random_play.median < e.best_score,
        "random play does worse than the best line"
    );
}

#[test]
fn every_shipped_scenario_has_expert_and_blaming_scripts_within_bounds() {
    for id in shipped() {
        let s = scenario(&id);
        let expert = report(&id, "expert", 1);
        assert!(expert.score.total >= 85, "{id} expert: {:?}", expert.score);
        assert!(
            expert.success.learned && expert.success.would_return,
            "{id} expert: {:?}",
            expert.success
        );
        assert!(
            expert.second_story_reached,
            "{id} expert missed {:?}",
            expert.facts_missed
        );
        let blaming = report(&id, "blaming", 1);
        assert!(
            blaming.score.total <= 40,
            "{id} blaming: {:?}",
            blaming.score
        );
        assert!(
            !blaming.success.would_return,
            "{id}: the room would come back after blame"
        );
        let second: Vec<_> = s.facts.iter().filter(|f| f.second_story).collect();
        let found = second
            .iter()
            .filter(|f| blaming.facts_surfaced.contains(&f.id))
            .count();
        assert!(
            found * 2 < second.len(),
            "{id}: blame surfaced {found} of {} second-story facts",
            second.len()
        );
        for f in s.facts.iter().filter(|f| f.reveal.zoomed) {
            assert!(
                !blaming.facts_surfaced.contains(&f.id),
                "{id}: {} came out under blame",
                f.id
            );
        }
    }
}

#[test]
fn new_writes_a_scenario_that_validates() {
    let dir = std::env::temp_dir().join(format!("second-story-new-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_second-story"))
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap()
    };
    let o = run(&["new", "the-long-friday"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let o = run(&["validate", "scenarios/the-long-friday.ron"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(String::from_utf8_lossy(&o.stdout).contains("ok (the-long-friday)"));
    assert_eq!(
        run(&["new", "the-long-friday"]).status.code(),
        Some(2),
        "an existing scenario is never overwritten"
    );
    assert_eq!(run(&["new", "Not An Id"]).status.code(), Some(2));
}

#[test]
fn validate_fails_a_scenario_nobody_can_win() {
    let dir = std::env::temp_dir().join(format!("second-story-unwinnable-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let doc = std::fs::read_to_string(root().join("docs/scenario-format.md")).unwrap();
    let start = doc.find("```ron\n").unwrap() + 7;
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    // Two minutes for the whole meeting: no line of play gets far.
    let hard = example
        .replacen("minutes: 30,", "minutes: 2,", 1)
        .replacen(
            "phase: Opening, minutes: 3",
            "phase: Opening, minutes: 1",
            1,
        )
        .replacen(
            "phase: Timeline, minutes: 17",
            "phase: Timeline, minutes: 1",
            1,
        )
        .replacen("phase: Check, minutes: 5", "phase: Check, minutes: 1", 1)
        .replacen(
            "phase: Learning, minutes: 5",
            "phase: Learning, minutes: 1",
            1,
        );
    assert_ne!(hard, example);
    let path = dir.join("mini.ron");
    std::fs::write(&path, hard).unwrap();
    let o = bin().args(["validate"]).arg(&path).output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("the best score a search found is"), "{out}");
    assert!(out.contains("no line of play reveals it"), "{out}");
    // --quick checks only the file itself.
    let o = bin()
        .args(["validate", "--quick"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(o.status.success());
}
