//! The command line as a user meets it: exit codes, messages that point at
//! the file and line, output that scripts can read.

use super::support::*;
use std::process::Output;

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn temp(name: &str, contents: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("second-story-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn validate_passes_the_shipped_scenarios() {
    let o = bin().arg("validate").output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("all valid"));
}

#[test]
fn a_syntax_error_points_at_file_line_and_column() {
    let source = std::fs::read_to_string(root().join("scenarios/zero-that-was-eight.ron")).unwrap();
    // A word where a number belongs, on a known line.
    let mut lines: Vec<String> = source.lines().map(str::to_owned).collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with("difficulty:"))
        .expect("a difficulty line");
    lines[at] = lines[at].replacen("difficulty: 1", "difficulty: one", 1);
    let path = temp("syntax.ron", &lines.join("\n"));
    let o = bin().arg("validate").arg(&path).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = text(&o);
    let expected = format!("{}:{}:", path.display(), at + 1);
    let rest = out
        .split(&expected)
        .nth(1)
        .unwrap_or_else(|| panic!("expected {expected} in:\n{out}"));
    let (column, message) = rest.split_once(": ").expect("file:line:column: message");
    assert!(column.parse::<usize>().is_ok(), "a column in {out}");
    assert!(
        message.starts_with("Expected integer"),
        "says what was expected: {out}"
    );
}

#[test]
fn every_semantic_problem_is_listed_not_just_the_first() {
    let source = std::fs::read_to_string(root().join("scenarios/zero-that-was-eight.ron")).unwrap();
    let s = scenario("zero-that-was-eight");
    let broken = source
        .replacen(
            &format!("holder: \"{}\"", s.facts[0].holder),
            "holder: \"ghost\"",
            1,
        )
        .replacen(
            &format!("id: \"{}\"", s.choices[1].id),
            &format!("id: \"{}\"", s.choices[0].id),
            1,
        );
    let path = temp("semantic.ron", &broken);
    let o = bin().arg("validate").arg(&path).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o);
    assert!(out.contains("\"ghost\" is not a participant"), "{out}");
    assert!(out.contains("used by more than one choice"), "{out}");
}

#[test]
fn run_prints_a_json_report_scripts_can_read() {
    let o = bin()
        .args([
            "run",
            "zero-that-was-eight",
            "--format",
            "json",
            "--seed",
            "7",
            "--moves",
        ])
        .arg(fixture("zero-that-was-eight.expert.ron"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON object");
    assert_eq!(v["scenario"], "zero-that-was-eight");
    assert_eq!(v["seed"], 7);
    for key in [
        "total",
        "blame",
        "counterfactual",
        "self_blame",
        "discovery",
        "inclusion",
        "time",
        "language",
    ] {
        assert!(
            v["score"][key].as_u64().is_some_and(|n| n <= 100),
            "score.{key}"
        );
    }
    assert!(
        v["facts_surfaced"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    );
    assert!(v["facts_total"].as_u64().unwrap() >= 10);
    assert_eq!(v["success"]["learned"], true);
    assert!(v["transcript"].as_array().unwrap().len() > 20);
    // And the same run again is byte-identical.
    let again = bin()
        .args([
            "run",
            "zero-that-was-eight",
            "--format",
            "json",
            "--seed",
            "7",
            "--moves",
        ])
        .arg(fixture("zero-that-was-eight.expert.ron"))
        .output()
        .unwrap();
    assert_eq!(o.stdout, again.stdout);
}

#[test]
fn run_in_text_shows_the_transcript_and_the_report() {
    let o = bin()
        .args(["run", "scenarios/zero-that-was-eight.ron", "--moves"])
        .arg(fixture("zero-that-was-eight.blaming.ron"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let out = text(&o);
    assert!(
        out.contains("Report:") && out.contains("blame awareness") && out.contains("You:"),
        "{out}"
    );
}

#[test]
fn a_bad_move_names_its_index_and_line_and_exits_2() {
    let script = temp(
        "bad-moves.ron",
        "[\n  NextPhase,\n  // a comment\n  Ask(\"no-such-question\"),\n]\n",
    );
    let o = bin()
        .args(["run", "zero-that-was-eight", "--moves"])
        .arg(&script)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let out = text(&o);
    assert!(
        out.contains(&format!("{}:4: move 2", script.display())),
        "{out}"
    );
    assert!(out.contains("no-such-question"), "{out}");
}

#[test]
fn a_move_the_phase_does_not_allow_exits_2() {
    // Zooming in the pre-meeting: there is no big screen yet.
    let script = temp("early-zoom.ron", "[Zoom]");
    let o = bin()
        .args(["run", "zero-that-was-eight", "--moves"])
        .arg(&script)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains(":1: move 1 (Zoom)"), "{}", text(&o));
}

#[test]
fn an_unknown_scenario_is_a_clear_error() {
    let o = bin()
        .args(["run", "no-such-incident", "--moves", "x.ron"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("no scenario \"no-such-incident\""));
}

#[test]
fn list_shows_each_scenario_with_its_size() {
    let o = bin().arg("list").output().unwrap();
    assert!(o.status.success());
    let out = text(&o);
    let row = out
        .lines()
        .find(|l| l.starts_with("zero-that-was-eight"))
        .expect("the flagship is listed");
    assert!(
        row.contains("The") || row.split_whitespace().count() > 6,
        "{row}"
    );
}

#[test]
fn run_in_text_says_what_each_line_in_own_words_was_heard_as() {
    let script = temp(
        "say-text.ron",
        "[Ask(\"pre-phil\"), NextPhase, Ask(\"open-learn\"), NextPhase, Reassure(\"phil\"), NextEntry, NextEntry, Show(\"results-page\"),\n Say(text: \"Phil, when the run finished what did you open?\", to: Person(\"phil\")),\n Say(text: \"Sam, how long have you been on the team?\", to: Person(\"sam\")),\n]",
    );
    let o = bin()
        .args(["run", "zero-that-was-eight", "--moves"])
        .arg(&script)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let out = text(&o);
    let heard: Vec<&str> = out.lines().filter(|l| l.contains("~ heard as")).collect();
    assert_eq!(heard.len(), 2, "{out}");
    assert!(heard[0].contains("(res-phil-opened)"), "{}", heard[0]);
    assert!(
        heard[1].contains("nothing authored matches") && heard[1].contains("Sam"),
        "a question nobody wrote is still heard, and said to be new: {}",
        heard[1]
    );
}

#[test]
fn run_json_shows_what_own_words_were_taken_as() {
    let script = temp(
        "say.ron",
        "[Ask(\"pre-phil\"), NextPhase, Ask(\"open-learn\"), NextPhase, Reassure(\"phil\"), NextEntry, NextEntry, Show(\"results-page\"),\n Say(text: \"Phil, when the run finished what did you open?\", to: Person(\"phil\")),\n Say(text: \"Why didn't you just read the count?\", to: Person(\"phil\"), intent: Some(\"res-closed-count\")),\n]",
    );
    let o = bin()
        .args(["run", "zero-that-was-eight", "--format", "json", "--moves"])
        .arg(&script)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let said: Vec<&serde_json::Value> = v["moves"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m.get("understood"))
        .collect();
    assert_eq!(said.len(), 2);
    assert_eq!(said[0]["intent"], "res-phil-opened");
    assert!(said[0]["findings"].as_array().unwrap().is_empty());
    assert_eq!(
        said[1]["intent"], "res-closed-count",
        "the player's correction stands"
    );
    let cats: Vec<&str> = said[1]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["category"].as_str().unwrap())
        .collect();
    assert_eq!(cats, ["why-question", "minimizing"]);
}
