//! Every shipped scenario loads, validates and is big enough to teach.

use super::support::*;
use second_story::scenario::{self, Severity};

#[test]
fn every_shipped_scenario_validates() {
    let ids = shipped();
    assert!(!ids.is_empty(), "no scenarios shipped");
    for id in ids {
        let path = root().join("scenarios").join(format!("{id}.ron"));
        let loaded = scenario::load_file(&path).unwrap_or_else(|e| panic!("{e}"));
        let errors: Vec<String> = loaded
            .problems()
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| p.to_string())
            .collect();
        assert!(errors.is_empty(), "{id}:\n{}", errors.join("\n"));
        assert_eq!(
            loaded.scenario.id.as_str(),
            id,
            "the id matches the file name"
        );
    }
}

#[test]
fn the_flagship_is_rich_enough_to_teach() {
    let s = scenario("zero-that-was-eight");
    assert!(s.participants.len() >= 5);
    assert!(s.facts.len() >= 10);
    assert!(s.choices.len() >= 40);
    let traps = s.choices.iter().filter(|c| c.kind.is_trap()).count();
    assert!(traps >= 10, "only {traps} traps");
    // At normal size the failed count reads as a zero; zoomed, an eight.
    let dashboard = s
        .artifacts
        .iter()
        .find_map(|a| match &a.body {
            second_story::scenario::ArtifactBody::Dashboard { tiles } => Some((a, tiles)),
            _ => None,
        })
        .expect("a dashboard");
    let tile = dashboard
        .1
        .iter()
        .find(|t| t.reads_as.is_some())
        .expect("a tile that misreads");
    assert_eq!(
        (tile.value.as_str(), tile.reads_as.as_deref()),
        ("8", Some("0"))
    );
    let normal = second_story::engine::describe_artifact(dashboard.0, false);
    let zoomed = second_story::engine::describe_artifact(dashboard.0, true);
    assert!(
        normal.contains(": 0") && zoomed.contains(": 8"),
        "{normal} / {zoomed}"
    );
}

#[test]
fn a_broken_reference_is_reported_with_the_item_and_its_line() {
    let path = root().join("scenarios/zero-that-was-eight.ron");
    let source = std::fs::read_to_string(&path).unwrap();
    let s = scenario("zero-that-was-eight");
    // Point the first fact at somebody who is not in the room, and give the
    // first choice a response from a stranger: both problems are listed.
    let holder = format!("holder: \"{}\"", s.facts[0].holder);
    let broken = source.replacen(&holder, "holder: \"nobody-here\"", 1);
    assert_ne!(broken, source, "the fixture edit applied");
    let mut parsed = scenario::parse_str(&broken, "broken.ron").unwrap();
    parsed.choices[0]
        .responses
        .push(second_story::scenario::Response {
            speaker: "a-stranger".into(),
            band: None,
            text: "Hello?".into(),
        });
    let loaded = scenario::Loaded {
        scenario: parsed,
        path: "broken.ron".into(),
        source: broken,
    };
    let problems = loaded.problems();
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let fact = format!("fact \"{}\"", s.facts[0].id);
    let holder_problem = problems
        .iter()
        .find(|p| p.item == fact && p.message.contains("nobody-here"))
        .unwrap_or_else(|| panic!("{text:#?}"));
    assert!(holder_problem.line.is_some(), "the fact's line is known");
    assert!(
        text.iter()
            .any(|t| t.contains("a-stranger")
                && t.contains(&format!("choice \"{}\"", s.choices[0].id))),
        "{text:#?}"
    );
}

#[test]
fn the_example_in_the_format_guide_is_a_valid_scenario() {
    let doc = std::fs::read_to_string(root().join("docs/scenario-format.md")).unwrap();
    let start = doc.find("```ron\n").expect("an example") + "```ron\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let s = scenario::parse_str(&doc[start..end], "docs/scenario-format.md")
        .unwrap_or_else(|e| panic!("{e}"));
    let problems = scenario::validate(&s);
    assert!(problems.is_empty(), "{problems:#?}");
    // And it plays: the self-blame is met, the quiet release manager invited,
    // the runbook shown, and the moved migration step comes out.
    let mut m = second_story::engine::Meeting::new(std::sync::Arc::new(s), 3).unwrap();
    use second_story::engine::Move::*;
    for mv in [
        Ask("pre-ana".into()),
        NextPhase,
        Ask("open".into()),
        NextPhase,
        Reassure("ana".into()),
        Invite("raj".into()),
        Show("runbook".into()),
        Ask("where-does-it-live".into()),
        Ask("what-did-you-see".into()),
        End,
    ] {
        m.apply(&mv).unwrap_or_else(|e| panic!("{mv}: {e}"));
    }
    let r = m.report();
    assert_eq!(r.facts_surfaced.len(), 2, "{:#?}", r.facts_missed);
    assert!(r.success.learned && r.success.would_return);
}

/// The examples in the authoring guide extend the format guide's example:
/// pasted into it (participants and choices added to its lists, the
/// guide's moments in place of its one), they validate.
#[test]
fn the_examples_in_the_authoring_guide_validate() {
    let fmt = std::fs::read_to_string(root().join("docs/scenario-format.md")).unwrap();
    let start = fmt.find("```ron\n").unwrap() + "```ron\n".len();
    let mut s = fmt[start..start + fmt[start..].find("```").unwrap()].to_string();
    let guide = std::fs::read_to_string(root().join("docs/writing-scenarios.md")).unwrap();
    let (mut participants, mut choices, mut moments) = (vec![], vec![], vec![]);
    for block in guide.split("```ron\n").skip(1) {
        let block = &block[..block.find("```").expect("a closed block")];
        // Split a block into its top-level items.
        let mut items: Vec<String> = vec![];
        for line in block.lines() {
            if ["Participant(", "Choice(", "Moment("]
                .iter()
                .any(|k| line.starts_with(k))
            {
                items.push(String::new());
            }
            let item = items.last_mut().expect("a block starts with an item");
            item.push_str(line);
            item.push('\n');
        }
        for item in items {
            match item.split('(').next().unwrap() {
                "Participant" => participants.push(item),
                "Choice" => choices.push(item),
                _ => moments.push(item),
            }
        }
    }
    assert!(!participants.is_empty() && choices.len() >= 3 && moments.len() >= 3);
    let insert = |s: &mut String, before: &str, items: &[String]| {
        let at = s.find(before).unwrap_or_else(|| panic!("{before}"));
        s.insert_str(at, &items.concat());
    };
    insert(&mut s, "    ],\n    artifacts: [", &participants);
    insert(&mut s, "    ],\n    moments: [", &choices);
    let from = s.find("    moments: [").unwrap();
    let to = s.find("    phases: [").unwrap();
    s.replace_range(
        from..to,
        &format!("    moments: [\n{}    ],\n", moments.concat()),
    );
    let parsed =
        scenario::parse_str(&s, "docs/writing-scenarios.md").unwrap_or_else(|e| panic!("{e}\n{s}"));
    let problems = scenario::validate(&parsed);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(parsed.moments.len(), moments.len());
    assert!(parsed.moments.iter().all(|m| !m.replies.is_empty()));
}

#[test]
fn an_invalid_scenario_cannot_start_a_meeting() {
    let mut s = (*scenario("zero-that-was-eight")).clone();
    s.facts[0].holder = "nobody".into();
    let err = second_story::engine::Meeting::new(std::sync::Arc::new(s), 1).unwrap_err();
    assert!(err.to_string().contains("nobody"), "{err}");
}

#[test]
fn the_coach_flags_the_words_of_every_shipped_trap() {
    // A trap the coach does not flag teaches players that it is not one.
    for id in shipped() {
        let path = root().join("scenarios").join(format!("{id}.ron"));
        let loaded = scenario::load_file(&path).unwrap_or_else(|e| panic!("{e}"));
        let unflagged: Vec<String> = loaded
            .problems()
            .iter()
            .map(|p| p.to_string())
            .filter(|p| p.contains("the coach does not flag"))
            .collect();
        assert!(unflagged.is_empty(), "{id}:\n{}", unflagged.join("\n"));
    }
}

/// Traps must not give themselves away by a word: a rule that calls every
/// question with "who", "why", "should", "if only", "root cause" or a tag
/// question a trap sorts each incident's questions little better than a
/// coin, and the library as a whole close to chance.
#[test]
fn spotting_giveaway_words_sorts_the_questions_close_to_chance() {
    let (mut right, mut all) = (0, 0);
    for id in shipped() {
        let (r, n) = second_story::scenario::word_spotting(&scenario(&id));
        assert!(n >= 30, "{id}: only {n} questions to judge");
        assert!(
            r * 100 <= n * 65,
            "{id}: word spotting sorts {r} of {n} questions correctly"
        );
        right += r;
        all += n;
    }
    assert!(
        right * 100 <= all * 60,
        "the library: word spotting sorts {right} of {all} questions correctly"
    );
}
