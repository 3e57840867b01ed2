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
