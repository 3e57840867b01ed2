//! Session records: a meeting saved, replayed, and checked.

use super::support::*;

fn dir(name: &str) -> std::path::PathBuf {
    temp_dir(&format!("record-{name}"))
}

fn record_expert(d: &std::path::Path) -> std::path::PathBuf {
    let rec = d.join("ada.json");
    let o = bin()
        .args(["run", "zero-that-was-eight", "--player", "Ada", "--record"])
        .arg(&rec)
        .arg("--moves")
        .arg(fixture("zero-that-was-eight.expert.ron"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    rec
}

#[test]
fn a_record_replays_to_the_same_report() {
    let d = dir("same");
    let rec = record_expert(&d);
    let r = second_story::record::Record::load(&rec).unwrap();
    assert_eq!(
        (r.scenario.as_str(), r.players.as_slice(), r.seed),
        ("zero-that-was-eight", &["Ada".to_owned()][..], 1)
    );
    let replayed = r.replay(scenario("zero-that-was-eight")).unwrap();
    assert!(r.matches(&replayed));
    let o = bin().arg("replay").arg(&rec).output().unwrap();
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("the report matches the record"));
}

#[test]
fn a_changed_scenario_or_a_changed_record_is_told_apart() {
    let d = dir("changed");
    let rec = record_expert(&d);
    // The scenario edited since the record was made.
    let edited = std::fs::read_to_string(root().join("scenarios/zero-that-was-eight.ron"))
        .unwrap()
        .replacen("difficulty: 1", "difficulty: 2", 1);
    let path = d.join("edited.ron");
    std::fs::write(&path, edited).unwrap();
    let o = bin()
        .arg("replay")
        .arg(&rec)
        .arg("--scenario")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("has changed since this record was made"));
    // A record whose report was altered.
    let text = std::fs::read_to_string(&rec).unwrap();
    let altered = text.replacen("\"total\": 100", "\"total\": 99", 1);
    assert_ne!(altered, text);
    let bad = d.join("altered.json");
    std::fs::write(&bad, altered).unwrap();
    let o = bin().arg("replay").arg(&bad).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("differs from the record"));
    // A damaged record is an error with its line.
    let broken = d.join("broken.json");
    std::fs::write(&broken, "{\n  \"format\": 1,\n  oops\n}").unwrap();
    let o = bin().arg("replay").arg(&broken).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("broken.json:3:"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn the_documented_record_example_is_a_record() {
    let doc = std::fs::read_to_string(root().join("docs/records.md")).unwrap();
    let json = doc
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("docs/records.md has a JSON example");
    let record: second_story::record::Record = serde_json::from_str(json).unwrap();
    assert_eq!(record.players, ["Ada", "Ben"]);
    let vote = record.moves[2].vote.as_ref().unwrap();
    assert_eq!(vote.alignment(&record.moves[2].mv), Some(0.7));
}
