//! `report DIR`: a class's records summed up, with unusable files skipped
//! and named, as HTML, CSV and xAPI.

use super::support::*;
use second_story::class::{Class, Summary};
use second_story::record::Record;
use second_story::scenario::ChoiceKind;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Saves the record of a fixture script played by `player`.
fn save(dir: &Path, file: &str, id: &str, kind: &str, player: &str) -> Record {
    let meeting = play_script(id, &script(&format!("{id}.{kind}.ron")), 1);
    let record = Record::of(&meeting, vec![player.to_owned()]);
    record.save(&dir.join(file)).unwrap();
    record
}

/// A class folder: Ana's two meetings (one in a sub-folder), Ben's
/// blaming one, and four files that cannot be used.
fn class_folder(name: &str) -> (PathBuf, Vec<Record>) {
    let dir = temp_dir(name);
    let records = vec![
        save(
            &dir,
            "ana-flagship.json",
            "zero-that-was-eight",
            "expert",
            "Ana",
        ),
        save(
            &dir,
            "ben-flagship.json",
            "zero-that-was-eight",
            "blaming",
            "Ben",
        ),
        {
            std::fs::create_dir_all(dir.join("week2")).unwrap();
            save(
                &dir,
                "week2/ana-coffee.json",
                "the-overflowing-coffee-pot",
                "expert",
                "Ana",
            )
        },
    ];
    for f in ["cut-off-while-saving.json", "from-a-future-version.json"] {
        std::fs::copy(fixture(&format!("class/{f}")), dir.join(f)).unwrap();
    }
    let mut changed = records[0].clone();
    changed.scenario_hash = "0123456789abcdef".into();
    changed.save(&dir.join("edited-scenario.json")).unwrap();
    let mut unknown = records[0].clone();
    unknown.scenario = "an-incident-nobody-wrote".into();
    unknown.save(&dir.join("unknown-scenario.json")).unwrap();
    std::fs::write(dir.join("notes.txt"), "not a record, and not read").unwrap();
    (dir, records)
}

fn gather(dir: &Path) -> Class {
    let find =
        |id: &str| -> Option<Arc<_>> { shipped().contains(&id.to_owned()).then(|| scenario(id)) };
    let mut seen = Vec::new();
    let class = Class::gather(dir, &find, &mut |done, _| seen.push(done)).unwrap();
    assert_eq!(
        seen,
        (1..=7).collect::<Vec<_>>(),
        "progress after each file"
    );
    class
}

#[test]
fn a_class_folder_is_summed_up_and_unusable_files_are_named() {
    let (dir, records) = class_folder("class-sum");
    let class = gather(&dir);
    assert_eq!(class.entries.len(), 3);
    let reasons: Vec<(String, &str)> = class
        .skipped
        .iter()
        .map(|s| {
            (
                s.file.file_name().unwrap().to_string_lossy().into_owned(),
                s.reason.as_str(),
            )
        })
        .collect();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    let why = |file: &str| reasons.iter().find(|(f, _)| f == file).unwrap().1;
    assert!(why("cut-off-while-saving.json").starts_with("not a session record"));
    assert!(why("from-a-future-version.json").contains("format 99"));
    assert!(why("edited-scenario.json").contains("has changed since"));
    assert!(why("unknown-scenario.json").contains("an-incident-nobody-wrote"));

    let s: Summary = class.summary();
    assert_eq!(s.meetings, 3);
    let students: Vec<(&str, usize, u8)> = s
        .students
        .iter()
        .map(|st| (st.name.as_str(), st.meetings, st.best_total))
        .collect();
    let total = |i: usize| records[i].outcome.score.total;
    assert_eq!(
        students,
        [("Ana", 2, total(0).max(total(2))), ("Ben", 1, total(1))]
    );
    let ana_mean = s.students[0].means[0].1;
    assert!((ana_mean - f32::from(total(0) + total(2)) / 2.0).abs() < 0.01);

    // The total's spread, then one per dimension, each over 3 meetings.
    assert_eq!(
        s.distributions.len(),
        second_story::engine::Dimension::ALL.len() + 1,
        "one per dimension and the total"
    );
    let t = &s.distributions[0];
    let mut totals: Vec<u8> = (0..3).map(total).collect();
    totals.sort();
    assert_eq!((t.min, t.median, t.max), (totals[0], totals[1], totals[2]));
    for d in &s.distributions {
        assert_eq!(d.bands.iter().sum::<u32>(), 3, "{}", d.name);
    }

    // Missed facts: the coffee pot's, in 1 of its 1 meeting; the flagship's
    // (all missed by Ben, none by Ana) in 1 of 2.
    let coffee = report("the-overflowing-coffee-pot", "expert", 1);
    for m in &s.missed {
        let (of, expected) = if m.scenario == coffee.title {
            (1, coffee.facts_missed.iter().any(|f| f.summary == m.what))
        } else {
            (2, true)
        };
        assert!(expected, "{m:?}");
        assert_eq!((m.count, m.of), (1, of), "{m:?}");
    }
    assert!(s.missed.iter().any(|m| m.scenario == coffee.title));

    // Traps: the blaming script's trap questions, each in 1 of 2 meetings.
    let flagship = scenario("zero-that-was-eight");
    let blaming_traps: Vec<String> = script("zero-that-was-eight.blaming.ron")
        .moves
        .iter()
        .filter_map(|mv| match mv {
            second_story::engine::Move::Ask(id) => flagship.choices.iter().find(|c| &c.id == id),
            _ => None,
        })
        .filter(|c| c.kind.is_trap())
        .map(|c| c.text.clone())
        .collect();
    assert!(!s.traps.is_empty());
    for t in &s.traps {
        assert!(
            blaming_traps.iter().any(|b| t.what.starts_with(b.as_str())),
            "{t:?} was not asked"
        );
        assert_eq!((t.count, t.of), (1, 2));
    }
    assert!(
        s.traps
            .iter()
            .any(|t| t.what.contains(ChoiceKind::Who.label()))
    );

    // Safety drops: blaming questions come right before the room closes up.
    assert!(
        s.drops
            .iter()
            .any(|d| d.what == "Who approved this change?" && d.mean_fall > 0.0),
        "{:?}",
        s.drops
    );
}

/// Tags opened and closed in order, void elements aside: enough to catch
/// a table or an SVG left open.
fn assert_well_formed(html: &str) {
    const VOID: [&str; 4] = ["meta", "br", "hr", "img"];
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').expect("every tag closes");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        let self_closing = tag.ends_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if tag.starts_with('/') {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.as_str()),
                "closing </{name}>"
            );
        } else if !self_closing && !VOID.contains(&name.as_str()) {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "left open: {stack:?}");
}

#[test]
fn report_writes_html_csv_and_xapi() {
    let (dir, records) = class_folder("class-files");
    let out = temp_dir("class-out");
    let (html, csv, xapi) = (
        out.join("class.html"),
        out.join("class.csv"),
        out.join("xapi.json"),
    );
    let o = bin()
        .arg("report")
        .arg(&dir)
        .arg("--out")
        .arg(&html)
        .arg("--csv")
        .arg(&csv)
        .arg("--xapi")
        .arg(&xapi)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{stdout}");
    assert!(stdout.starts_with("3 meeting(s) by 2 student(s); 4 file(s) skipped"));
    assert!(stdout.contains("skipped") && stdout.contains("from-a-future-version.json"));

    let page = std::fs::read_to_string(&html).unwrap();
    assert_well_formed(&page);
    assert_eq!(
        page.matches("<svg").count(),
        second_story::engine::Dimension::ALL.len() + 1,
        "a chart per dimension and the total"
    );
    assert!(
        !page.contains("<script") && !page.contains("src="),
        "opens offline"
    );
    for name in [
        "Ana",
        "Ben",
        "cut-off-while-saving.json",
        "Facts most often missed",
    ] {
        assert!(page.contains(name), "{name} in the page");
    }

    let table = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<Vec<&str>> = table.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 4, "a header and a row per meeting");
    assert_eq!(
        &rows[0][..6],
        ["file", "student", "scenario", "seed", "saved_at", "total"]
    );
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
    let mut got: Vec<(String, String)> = rows[1..]
        .iter()
        .map(|r| (r[1].to_owned(), r[5].to_owned()))
        .collect();
    let mut want: Vec<(String, String)> = records
        .iter()
        .map(|r| (r.players[0].clone(), r.outcome.score.total.to_string()))
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);

    let statements: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&xapi).unwrap()).unwrap();
    let statements = statements.as_array().unwrap();
    assert_eq!(statements.len(), 3);
    let mut ids = std::collections::HashSet::new();
    for st in statements {
        assert_eq!(st["verb"]["id"], "http://adlnet.gov/expapi/verbs/completed");
        let raw = st["result"]["score"]["raw"].as_u64().unwrap();
        let scaled = st["result"]["score"]["scaled"].as_f64().unwrap();
        assert!((scaled - raw as f64 / 100.0).abs() < 1e-9);
        let id = st["id"].as_str().unwrap();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "8", "a version-8 UUID: {id}");
        assert!(ids.insert(id.to_owned()), "ids are unique");
        assert!(st["timestamp"].as_str().unwrap().ends_with('Z'));
    }
    // Exporting again gives the same statement ids: no duplicates in the LRS.
    let again = out.join("again.json");
    let o = bin()
        .arg("report")
        .arg(&dir)
        .arg("--xapi")
        .arg(&again)
        .output()
        .unwrap();
    assert!(o.status.success());
    let again: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&again).unwrap()).unwrap();
    let again_ids: std::collections::HashSet<String> = again
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(again_ids, ids);
}

#[test]
fn a_missing_folder_is_an_error_not_a_crash() {
    let o = bin()
        .args(["report", "no/such/class/folder", "--csv", "/dev/null"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stdout).contains("no/such/class/folder"));
}
