//! Hostile and unlucky input, as a careless student, a curious one or a
//! shared class folder produces it: nothing blocks, nothing runs out of
//! memory, nothing is lost or overwritten, nothing reaches a report or a
//! terminal unescaped, and every refusal says what and where.

use super::support::*;
use second_story::record::{self, Record};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs a command, failing the test if it takes longer than `secs`
/// (a hang is the bug these tests look for, so it must not hang them).
fn within(secs: u64, cmd: &mut Command) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("still running after {secs} s: {cmd:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A FIFO, where the system can make one.
fn fifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(unix)]
fn link(target: impl AsRef<Path>, at: &Path) {
    std::os::unix::fs::symlink(target, at).unwrap();
}

/// A finished meeting's record, saved in `dir` as `file`.
fn saved(dir: &Path, file: &str, player: &str) -> PathBuf {
    let meeting = play_script(
        "zero-that-was-eight",
        &script("zero-that-was-eight.expert.ron"),
        1,
    );
    let path = dir.join(file);
    Record::of(&meeting, vec![player.to_owned()])
        .save(&path)
        .unwrap();
    path
}

fn edit_record(path: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    edit(&mut v);
    std::fs::write(path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_in_a_folder_are_refused_by_name_not_waited_on() {
    let d = temp_dir("hostile-fifo");
    if !(fifo(&d.join("stuck.ron")) && fifo(&d.join("stuck.md")) && fifo(&d.join("stuck.json"))) {
        return; // no mkfifo here
    }
    link("/dev/zero", &d.join("zero.ron"));
    link("/dev/zero", &d.join("zero.md"));
    link("/dev/zero", &d.join("zero.json"));
    std::fs::copy(
        root().join("scenarios/lego-warm-up.ron"),
        d.join("lego.ron"),
    )
    .unwrap();
    let o = within(20, bin().args(["validate", "--quick"]).arg(&d));
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("stuck.ron: error: not a regular file (a FIFO)"),
        "{out}"
    );
    assert!(
        out.contains("zero.ron: error: not a regular file (a device)"),
        "{out}"
    );
    assert!(
        out.contains("lego.ron: ok"),
        "the good file is still checked: {out}"
    );

    let o = within(20, bin().arg("lint").arg(&d));
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("stuck.md: not a regular file (a FIFO)"));

    let out_dir = temp_dir("hostile-fifo-out");
    let o = within(
        20,
        bin()
            .arg("report")
            .arg(&d)
            .arg("--csv")
            .arg(out_dir.join("c.csv")),
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("0 meeting(s) by 0 student(s); 2 file(s) skipped"),
        "{}",
        text(&o)
    );

    let o = within(
        20,
        bin().args(["run", "lego-warm-up", "--moves", "/dev/zero"]),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("/dev/zero: not a regular file (a device)"));
    let o = within(
        20,
        bin()
            .args(["run", "lego-warm-up", "--moves"])
            .arg(d.join("stuck.ron")),
    );
    assert!(text(&o).contains("(a FIFO)"), "{}", text(&o));
    let o = within(20, bin().arg("replay").arg(d.join("zero.json")));
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("(a device)"), "{}", text(&o));
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_counts_every_file_once() {
    let d = temp_dir("hostile-loop").join("class");
    std::fs::create_dir(&d).unwrap();
    saved(&d, "ana.json", "Ana");
    std::fs::write(d.join("notes.md"), "The root cause was human error.\n").unwrap();
    link(".", &d.join("loop"));
    link("..", &d.join("up")); // out of the folder and back into it
    std::fs::create_dir(d.join("sub")).unwrap();
    link("../sub", &d.join("sub/again"));
    let o = within(20, bin().arg("lint").arg(&d));
    let findings = String::from_utf8_lossy(&o.stdout).lines().count();
    assert_eq!(findings, 2, "{}", text(&o));
    let o = within(
        20,
        bin()
            .arg("report")
            .arg(&d)
            .arg("--csv")
            .arg(d.join("c.csv")),
    );
    assert!(
        text(&o).starts_with("1 meeting(s) by 1 student(s)"),
        "{}",
        text(&o)
    );
}

#[test]
fn files_over_their_limit_are_refused_without_reading_them_whole() {
    let d = temp_dir("hostile-huge");
    // A record of 3 MB (a real one is about 20 KB) and a script of 2 MB.
    let record = d.join("huge.json");
    std::fs::write(
        &record,
        format!("{{\"format\": 1, \"pad\": \"{}\"}}", "x".repeat(3 << 20)),
    )
    .unwrap();
    let o = within(20, bin().arg("replay").arg(&record));
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("too large"), "{}", text(&o));
    let moves = d.join("huge.ron");
    std::fs::write(&moves, format!("[{}]", "Zoom,".repeat(400_000))).unwrap();
    let o = within(
        20,
        bin().args(["run", "lego-warm-up", "--moves"]).arg(&moves),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("too large"), "{}", text(&o));
    // Just under the size limit, but more moves than a script may hold.
    std::fs::write(&moves, format!("[{}]", "Zoom,".repeat(5_000))).unwrap();
    let o = within(
        20,
        bin().args(["run", "lego-warm-up", "--moves"]).arg(&moves),
    );
    assert!(text(&o).contains("too many moves: 5000"), "{}", text(&o));
}

#[test]
fn invalid_utf8_is_located_at_its_line_and_column() {
    let d = temp_dir("hostile-utf8");
    let moves = d.join("moves.ron");
    std::fs::write(
        &moves,
        b"[\n  NextPhase,\n  Say(text: \"caf\xe9\", to: Room),\n]\n",
    )
    .unwrap();
    let o = within(
        20,
        bin().args(["run", "lego-warm-up", "--moves"]).arg(&moves),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains(&format!("{}:3:17: not UTF-8", moves.display())),
        "{}",
        text(&o)
    );
    let mut scenario = std::fs::read(root().join("scenarios/lego-warm-up.ron")).unwrap();
    // Line 3 starts "// The practice round"; its sixth character goes bad.
    let at = std::str::from_utf8(&scenario)
        .unwrap()
        .find("// The practice")
        .unwrap()
        + 5;
    scenario[at] = 0xff;
    let path = d.join("bad.ron");
    std::fs::write(&path, scenario).unwrap();
    let o = within(20, bin().args(["validate", "--quick"]).arg(&path));
    assert!(
        text(&o).contains(&format!("{}:3:6: not UTF-8", path.display())),
        "{}",
        text(&o)
    );
}

#[test]
fn huge_numbers_and_counts_are_refused_with_the_limit() {
    let o = within(
        20,
        bin().args([
            "explore",
            "lego-warm-up",
            "--samples",
            "18446744073709551615",
        ]),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("at most 10000"), "{}", text(&o));
    let o = within(20, bin().args(["explore", "lego-warm-up", "--depth", "6"]));
    assert!(text(&o).contains("--depth 6: at most 3"), "{}", text(&o));

    let d = temp_dir("hostile-numbers");
    let source = std::fs::read_to_string(root().join("scenarios/lego-warm-up.ron")).unwrap();
    let minutes = source.replacen("minutes: 35,", "minutes: 65535,", 1);
    assert_ne!(minutes, source);
    let path = d.join("long.ron");
    std::fs::write(&path, minutes).unwrap();
    let o = within(30, bin().arg("validate").arg(&path));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains("65535 minutes; a meeting is at most 480"),
        "{}",
        text(&o)
    );

    // 2,000 facts with a missing holder: refused at once, with the count.
    let fact = "Fact(id: \"f{}\", summary: \"s\", holder: \"ghost\", line: \"l\", weight: 1, reveal: Reveal(kinds: [Cue], safety: 0)),";
    let facts: String = (0..2_000)
        .map(|i| fact.replace("{}", &i.to_string()))
        .collect();
    let many = source.replacen("\n    facts: [", &format!("\n    facts: [{facts}"), 1);
    assert_ne!(many, source);
    let path = d.join("many.ron");
    std::fs::write(&path, many).unwrap();
    let o = within(20, bin().args(["validate", "--quick"]).arg(&path));
    assert!(text(&o).contains("too many facts: 2"), "{}", text(&o));
}

#[test]
fn a_record_is_never_written_over_and_nothing_else_is_touched() {
    let d = temp_dir("hostile-save");
    let rec = d.join("rec.json");
    std::fs::write(d.join("rec.tmp"), "someone else's").unwrap();
    let run = || {
        within(
            30,
            bin()
                .args(["run", "zero-that-was-eight", "--player", "Ana", "--record"])
                .arg(&rec)
                .arg("--moves")
                .arg(fixture("zero-that-was-eight.expert.ron")),
        )
    };
    assert!(run().status.success());
    let first = std::fs::read_to_string(&rec).unwrap();
    let o = run();
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("rec.json exists; the record was saved as"),
        "{}",
        text(&o)
    );
    assert_eq!(std::fs::read_to_string(&rec).unwrap(), first);
    assert!(d.join("rec-2.json").is_file());
    assert_eq!(
        std::fs::read_to_string(d.join("rec.tmp")).unwrap(),
        "someone else's"
    );
    let mut names: Vec<String> = std::fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["rec-2.json", "rec.json", "rec.tmp"],
        "no temporary file left"
    );
}

#[test]
fn two_students_of_one_name_saving_in_one_second_keep_both_meetings() {
    let d = temp_dir("hostile-same-second");
    let meeting = play_script(
        "zero-that-was-eight",
        &script("zero-that-was-eight.expert.ron"),
        1,
    );
    let mut a = Record::of(&meeting, vec!["Ana Lopez".into()]);
    a.saved_at = Some("2026-11-23T09:30:00Z".into());
    let mut b = a.clone();
    b.seed = 2;
    let pa = record::save_into(&d, &a).unwrap();
    let pb = record::save_into(&d, &b).unwrap();
    assert_ne!(pa, pb);
    assert_eq!(
        pa.file_name().unwrap(),
        "ana-lopez-zero-that-was-eight-20261123-093000.json"
    );
    assert_eq!(Record::load(&pa).unwrap().seed, 1);
    assert_eq!(Record::load(&pb).unwrap().seed, 2);
    // A name of 60 wide letters (240 bytes) and one far longer still make
    // a file name under 255 bytes.
    for name in ["𝒜".repeat(60), "ö".repeat(5_000)] {
        let mut long = a.clone();
        long.players = vec![name];
        let p = record::save_into(&d, &long).unwrap();
        assert!(p.file_name().unwrap().len() < 255);
    }
}

#[test]
fn a_class_folder_that_cannot_be_written_keeps_the_record_elsewhere() {
    let d = temp_dir("hostile-fallback");
    // A file where the class folder should be: nothing can be saved in it.
    let class = d.join("class");
    std::fs::write(&class, "not a folder").unwrap();
    let local = d.join("mine");
    let meeting = play_script(
        "zero-that-was-eight",
        &script("zero-that-was-eight.expert.ron"),
        1,
    );
    let r = Record::of(&meeting, vec!["Ana".into()]);
    let saved = record::keep(&r, &class, Some(&local)).unwrap();
    assert!(saved.path.starts_with(&local));
    assert!(
        saved
            .instead
            .as_deref()
            .is_some_and(|w| w.contains("class"))
    );
    assert!(saved.message().contains("kept in"), "{}", saved.message());
    assert_eq!(Record::load(&saved.path).unwrap(), r);
    let err = record::keep(&r, &class, None).unwrap_err();
    assert!(err.contains("class"), "{err}");
}

#[cfg(unix)]
#[test]
fn the_newest_records_skip_fifos_huge_files_and_say_why_junk_is_junk() {
    let d = temp_dir("hostile-newest");
    saved(&d, "old.json", "Old");
    saved(&d, "new.json", "New");
    std::fs::write(d.join("junk.json"), "{ not json").unwrap();
    std::fs::write(d.join("huge.json"), vec![b' '; 3 << 20]).unwrap();
    // Oldest to newest, a minute apart: file times can be coarse.
    let now = std::time::SystemTime::now();
    for (i, f) in ["old.json", "new.json", "junk.json", "huge.json"]
        .iter()
        .enumerate()
    {
        let at = now - Duration::from_secs(60 * (4 - i as u64));
        std::fs::File::options()
            .write(true)
            .open(d.join(f))
            .unwrap()
            .set_modified(at)
            .unwrap();
    }
    fifo(&d.join("fifo.json"));
    link("/dev/zero", &d.join("zero.json"));
    let start = Instant::now();
    let listed = record::newest(&d, 6);
    assert!(start.elapsed() < Duration::from_secs(5));
    let names: Vec<String> = listed
        .iter()
        .map(|l| l.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["junk.json", "new.json", "old.json"]);
    assert!(listed[0].record.is_err());
    assert_eq!(listed[1].record.as_ref().unwrap().players, ["New"]);
}

#[test]
fn the_class_report_trusts_no_record() {
    let d = temp_dir("hostile-class");
    saved(&d, "good.json", "=HYPERLINK(\"http://x\")");
    let by_path = saved(&d, "by-path.json", "Ana");
    edit_record(&by_path, |v| {
        v["scenario"] = root()
            .join("scenarios/zero-that-was-eight")
            .display()
            .to_string()
            .into()
    });
    let up = saved(&d, "up.json", "Ben");
    edit_record(&up, |v| {
        v["scenario"] = "../scenarios/zero-that-was-eight".into()
    });
    let votes = saved(&d, "votes.json", "Cy");
    edit_record(&votes, |v| {
        let mv = v["moves"][2]["move"].clone();
        v["moves"][2]["vote"] = serde_json::json!({ "tally": [[mv, 4294967295u32]] });
    });
    let when = saved(&d, "when.json", "Di");
    edit_record(&when, |v| v["saved_at"] = "yesterday\",\"x\":\"".into());
    let escape = saved(&d, "escape.json", "Eve\u{1b}[2J\u{1b}]0;owned\u{7}");
    let out = temp_dir("hostile-class-out");
    let o = within(
        60,
        bin()
            .arg("report")
            .arg(&d)
            .arg("--out")
            .arg(out.join("r.html"))
            .arg("--csv")
            .arg(out.join("r.csv"))
            .arg("--xapi")
            .arg(out.join("r.json")),
    );
    let printed = text(&o);
    assert!(o.status.success(), "{printed}");
    assert!(
        printed.starts_with("2 meeting(s) by 2 student(s); 4 file(s) skipped"),
        "{printed}"
    );
    assert_eq!(
        printed.matches("names its scenario by a path").count(),
        2,
        "{printed}"
    );
    assert!(
        printed.contains("4294967295 votes for one option"),
        "{printed}"
    );
    assert!(
        printed.contains("is not a time in RFC 3339 form"),
        "{printed}"
    );
    assert!(
        !printed.contains('\u{1b}'),
        "no raw escape reaches the terminal"
    );

    let csv = std::fs::read_to_string(out.join("r.csv")).unwrap();
    assert!(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), "{csv}");
    let xapi: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("r.json")).unwrap()).unwrap();
    for st in xapi.as_array().unwrap() {
        assert!(record::is_rfc3339(st["timestamp"].as_str().unwrap()));
    }
    let html = std::fs::read_to_string(out.join("r.html")).unwrap();
    assert!(
        !html.contains("yesterday\""),
        "the bad time is not in the page unescaped"
    );

    let o = within(30, bin().arg("replay").arg(&escape));
    assert!(o.status.success(), "{}", text(&o));
    assert!(!text(&o).contains('\u{1b}') && !text(&o).contains('\u{7}'));
    assert!(text(&o).contains("Eve\\u{1b}[2J"), "{}", text(&o));
}

#[test]
fn a_participant_named_in_html_stays_text_on_every_card() {
    let d = temp_dir("hostile-cards");
    let s = scenario("lego-warm-up");
    let source = std::fs::read_to_string(root().join("scenarios/lego-warm-up.ron")).unwrap();
    let name = &s.participants[0].name;
    let evil = "<img src=x onerror=alert(1)>";
    let path = d.join("evil.ron");
    std::fs::write(
        &path,
        source.replace(&format!("name: \"{name}\""), &format!("name: \"{evil}\"")),
    )
    .unwrap();
    let out = d.join("cards");
    let o = within(30, bin().arg("cards").arg(&path).arg("--out").arg(&out));
    assert!(o.status.success(), "{}", text(&o));
    for entry in std::fs::read_dir(&out).unwrap() {
        let page = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(!page.contains("<img"), "unescaped in {page}");
    }
    let sheet = std::fs::read_to_string(out.join("lego-warm-up-facilitator.html")).unwrap();
    assert!(
        sheet.contains("&lt;img src=x"),
        "the name is still shown, as text"
    );
}

#[cfg(unix)]
#[test]
fn new_never_writes_through_a_dangling_link() {
    let d = temp_dir("hostile-new");
    let scenarios = d.join("scenarios");
    std::fs::create_dir(&scenarios).unwrap();
    let outside = d.join("outside.txt");
    link(&outside, &scenarios.join("planted.ron"));
    let o = within(
        20,
        Command::new(env!("CARGO_BIN_EXE_second-story"))
            .current_dir(&d)
            .args(["new", "planted"]),
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("already exists"), "{}", text(&o));
    assert!(!outside.exists());
}

#[test]
fn names_too_long_for_a_record_are_refused_before_the_meeting() {
    let long = "x".repeat(10_000);
    let d = temp_dir("hostile-names");
    let o = within(
        20,
        bin()
            .args(["run", "lego-warm-up", "--player", &long, "--record"])
            .arg(d.join("r.json"))
            .arg("--moves")
            .arg(fixture("lego-warm-up.expert.ron")),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("a name is at most 240 bytes"),
        "{}",
        text(&o)
    );
    let o = within(20, bin().args(["--facilitator", &long]));
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("--facilitator"), "{}", text(&o));
}
