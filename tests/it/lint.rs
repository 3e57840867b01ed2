//! `second-story lint` as a postmortem repository's CI would run it.

use super::support::*;
use std::io::Write;
use std::process::{Output, Stdio};

fn dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("second-story-lint-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn lint(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = bin();
    cmd.arg("lint")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(text) = stdin {
        // The command may exit before reading (a bad config): a closed pipe
        // is not the test's concern.
        let _ = child.stdin.take().unwrap().write_all(text.as_bytes());
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

const POSTMORTEM: &str = "# Checkout outage\n\n## What happened\n\nThe root cause was human error.\n\n```\nwhy did you = 1\n```\n\n- Why didn't you just zoom in?\n- We should add an alert for unstable runs.\n";

#[test]
fn findings_are_printed_as_file_line_column_and_exit_1() {
    let d = dir("text");
    let file = d.join("pm.md");
    std::fs::write(&file, POSTMORTEM).unwrap();
    let o = lint(&[file.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    let f = file.display();
    assert!(out.contains(&format!("{f}:5:5: root-cause: ")), "{out}");
    assert!(out.contains(&format!("{f}:5:20: human-error: ")), "{out}");
    assert!(
        out.contains(&format!("{f}:11:3: why-question: "))
            && out.contains("(What got in the way of zooming in at the time?)"),
        "{out}"
    );
    assert!(out.contains(&format!("{f}:11:18: minimizing: ")), "{out}");
    assert!(!out.contains(":8:"), "code blocks are not prose: {out}");
    assert!(
        !out.contains(":12:"),
        "a future remediation idea is not a counterfactual: {out}"
    );
}

#[test]
fn json_has_one_object_per_finding() {
    let o = lint(
        &["--format", "json", "-"],
        Some("Phil should've zoomed in.\n"),
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = v.as_array().unwrap();
    let categories: Vec<&str> = rows
        .iter()
        .map(|r| r["category"].as_str().unwrap())
        .collect();
    assert_eq!(categories, ["blame", "counterfactual"]);
    let r = &rows[1];
    assert_eq!(
        (
            r["file"].as_str(),
            r["line"].as_u64(),
            r["column"].as_u64(),
            r["end_column"].as_u64()
        ),
        (Some("-"), Some(1), Some(6), Some(15))
    );
    assert_eq!(r["matched"], "should've");
    assert!(
        r["message"].as_str().unwrap().contains("hindsight")
            && !r["suggestion"].as_str().unwrap().is_empty()
    );
}

#[test]
fn a_clean_document_exits_0() {
    let o = lint(
        &["-"],
        Some("What did the page show you at 10:04?\nWho was on call that night?\n"),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn folders_are_searched_for_markdown_and_text() {
    let d = dir("folder");
    std::fs::create_dir_all(d.join("2026")).unwrap();
    std::fs::write(d.join("2026/a.md"), "It was obviously a typo.\n").unwrap();
    std::fs::write(d.join("b.txt"), "Fine.\n").unwrap();
    std::fs::write(d.join("c.rs"), "// obviously not prose\n").unwrap();
    let o = lint(&[d.to_str().unwrap()], None);
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("a.md:1:8: minimizing"));
}

#[test]
fn a_config_disables_categories_and_adds_phrases() {
    let d = dir("config");
    let cfg = d.join("coach.ron");
    std::fs::write(&cfg, "Config(\n    disable: [Minimizing],\n    phrases: [Phrase(category: Blame, text: \"asleep at the wheel\")],\n    exceptions: [\"human error budget\"],\n)\n").unwrap();
    let o = lint(
        &["--config", cfg.to_str().unwrap(), "-"],
        Some("They were simply asleep at the wheel.\nOur human error budget is fine.\n"),
    );
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        out.contains("-:1:18: blame:") && !out.contains("minimizing") && !out.contains(":2:"),
        "{out}"
    );
}

#[test]
fn errors_exit_2_with_file_and_line() {
    let d = dir("errors");
    let cfg = d.join("bad.ron");
    std::fs::write(&cfg, "Config(\n    disable: [Minimising],\n)\n").unwrap();
    let o = lint(&["--config", cfg.to_str().unwrap(), "-"], Some("hi\n"));
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains(&format!("{}:2:", cfg.display())) && err.contains("Minimising"),
        "{err}"
    );

    let latin1 = d.join("latin1.md");
    std::fs::write(&latin1, b"caf\xe9\n").unwrap();
    let o = lint(&[latin1.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8(o.stderr).unwrap().contains("not UTF-8"));

    let o = lint(&["/no/such/file.md"], None);
    assert_eq!(o.status.code(), Some(2));
}

fn run(args: &[&str], stdin: &str) -> (Option<i32>, String) {
    let o = lint(args, Some(stdin));
    (o.status.code(), String::from_utf8(o.stdout).unwrap())
}

#[test]
fn repeats_of_one_rule_are_one_text_line_with_count_and_lines_but_json_keeps_each() {
    let doc = "The root cause was the cache.\n\nA second root cause was DNS.\n\nAnd a third root cause.\n";
    let (code, out) = run(&["-"], doc);
    assert_eq!(code, Some(1));
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with("-:1:5: root-cause: ") && out.contains("[3 times: lines 1, 3, 5]"),
        "{out}"
    );
    let (_, json) = run(&["--format", "json", "-"], doc);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 3);
}

#[test]
fn a_root_cause_heading_is_one_finding_for_its_section() {
    let doc = "# Outage\n\n## Root causes\n\nThe root cause was the cache.\nAnother root cause: DNS.\n\n## Follow-up\n\nWe will review the root cause list.\n";
    let (_, json) = run(&["--format", "json", "-"], doc);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let lines: Vec<u64> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [3, 10], "{json}");
    assert!(
        !json.contains("\"blame\""),
        "a heading is not a person: {json}"
    );
}

#[test]
fn sarif_has_a_rule_per_category_and_a_result_per_finding() {
    let (code, out) = run(
        &["--format", "sarif", "-"],
        "Phil was careless.\nThe root cause was DNS.\n",
    );
    assert_eq!(code, Some(1));
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "second-story");
    assert_eq!(run["tool"]["driver"]["rules"].as_array().unwrap().len(), 7);
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["ruleId"], "blame");
    assert_eq!(results[0]["level"], "warning");
    let region = &results[1]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(2), Some(5))
    );
    assert_eq!(
        results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "-"
    );
}

#[test]
fn github_format_annotates_each_finding_for_a_pull_request() {
    let d = dir("github");
    let file = d.join("pm, draft.md");
    std::fs::write(&file, "Ok.\nYou should have checked.\n").unwrap();
    let o = lint(&["--format", "github", file.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    let escaped = file.display().to_string().replace(',', "%2C");
    assert!(
        out.contains(&format!(
            "::warning file={escaped},line=2,col=5,endColumn=16,title=second-story%3A blame::Blame: "
        )),
        "{out}"
    );
    assert_eq!(out.lines().count(), 2, "blame and counterfactual: {out}");
}

#[test]
fn fail_on_chooses_which_categories_set_the_exit_code() {
    let doc = "The root cause was DNS.\n";
    assert_eq!(run(&["-"], doc).0, Some(1));
    let (code, out) = run(&["--fail-on", "blame,self-blame", "-"], doc);
    assert_eq!(code, Some(0), "still printed, but not failing: {out}");
    assert!(out.contains("root-cause"));
    assert_eq!(
        run(&["--fail-on", "blame", "--fail-on", "root-cause", "-"], doc).0,
        Some(1)
    );
    assert_eq!(run(&["--fail-on", "none", "-"], doc).0, Some(0));
    let o = lint(&["--fail-on", "rootcause", "-"], Some(doc));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8(o.stderr).unwrap().contains("root-cause"));
}

#[test]
fn in_file_switches_turn_the_coach_off_and_on_by_category() {
    let doc = "Phil should have checked.\n<!-- second-story off -->\nThe root cause was DNS.\n<!-- second-story on -->\n<!-- second-story off counterfactual -->\nPhil should have checked.\n<!-- second-story on counterfactual -->\nYou should have checked.\n";
    let (_, json) = run(&["--format", "json", "-"], doc);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let found: Vec<(u64, &str)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["category"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            (1, "blame"),
            (1, "counterfactual"),
            (6, "blame"),
            (8, "blame"),
            (8, "counterfactual")
        ]
    );
}

#[test]
fn what_is_not_the_writers_words_is_not_flagged() {
    let doc = "She wrote “this is all on me” in the channel.\n\
The ticket said ‘root cause: human error’ and we left it there.\n\
> Phil should have zoomed in.\n\
See [the old report](https://example.com/root-cause-human-error) and https://x.io/why-did-you-fail.\n\
<!-- the root cause was Phil -->\n\
Run `grep should-have` to find them.\n\
```\nwhy did you push = true\n```\n";
    let (code, out) = run(&["-"], doc);
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn an_empty_exception_in_a_config_is_an_error_not_a_silent_change() {
    let d = dir("empty-exception");
    let cfg = d.join("coach.ron");
    std::fs::write(
        &cfg,
        "Config(\n    exceptions: [\"human error budget\", \"\"],\n)\n",
    )
    .unwrap();
    let o = lint(
        &["--config", cfg.to_str().unwrap(), "-"],
        Some("The root cause was DNS.\n"),
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains(&cfg.display().to_string()) && err.contains("exceptions: entry 2 is empty"),
        "{err}"
    );
}

#[test]
fn a_config_people_list_reads_those_names_as_people() {
    let d = dir("people");
    let cfg = d.join("coach.ron");
    std::fs::write(&cfg, "Config(\n    people: [\"Marisol\"],\n)\n").unwrap();
    let doc = "The root cause was Marisol.\n";
    let (_, plain) = run(&["-"], doc);
    assert!(!plain.contains("blame"), "{plain}");
    let (_, known) = run(&["--config", cfg.to_str().unwrap(), "-"], doc);
    assert!(known.contains(": blame: "), "{known}");
}

#[test]
fn a_two_megabyte_line_is_read_whole() {
    // Once quadratic: a 1 MB line took 20 s and 2 MB never finished.
    let line = "root cause ".repeat(200_000);
    let (code, out) = run(&["-"], &line);
    assert_eq!(code, Some(1));
    assert_eq!(out.lines().count(), 1);
    assert!(
        out.contains("[200000 times: lines 1]"),
        "{}",
        &out[..out.len().min(300)]
    );
}

/// The first fenced block of a kind in docs/language.md.
fn documented(kind: &str) -> String {
    let doc = std::fs::read_to_string(root().join("docs/language.md")).unwrap();
    let start = doc.find(&format!("```{kind}\n")).unwrap() + kind.len() + 4;
    let len = doc[start..].find("```").unwrap();
    doc[start..start + len].to_owned()
}

#[test]
fn the_documented_config_and_switches_do_what_the_docs_say() {
    let d = dir("documented");
    let cfg = d.join("coach.ron");
    std::fs::write(&cfg, documented("ron")).unwrap();
    let (code, out) = run(
        &["--config", cfg.to_str().unwrap(), "-"],
        "The root cause was Marisol.\nIt was obviously an eight.\n",
    );
    assert_eq!(code, Some(1));
    assert!(
        out.contains(": blame: ") && !out.contains("minimizing"),
        "people are read as people, minimising is disabled: {out}"
    );
    let (code, out) = run(&["-"], &documented("markdown"));
    assert_eq!(code, Some(0), "{out}");
}
