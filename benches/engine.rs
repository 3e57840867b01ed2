//! Engine speed: moves per second on the flagship, and loading plus
//! validating every shipped scenario. Run with `cargo bench`.

use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};
use second_story::engine::Meeting;
use second_story::scenario;
use std::path::Path;
use std::sync::Arc;

fn main() {
    divan::main();
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The expert script on the flagship, move by move.
#[divan::bench]
fn moves_expert_script(bencher: Bencher) {
    let s = Arc::new(
        scenario::load_file(&root().join("scenarios/zero-that-was-eight.ron"))
            .unwrap()
            .scenario,
    );
    let script = second_story::script::load_script(
        &root().join("tests/fixtures/zero-that-was-eight.expert.ron"),
    )
    .unwrap();
    let fresh = Meeting::new(s, 1).unwrap();
    bencher
        .counter(ItemsCount::new(script.moves.len()))
        .bench_local(|| {
            let mut m = fresh.clone();
            for mv in &script.moves {
                black_box(m.apply(mv).unwrap());
            }
            m
        });
}

/// Reading, parsing and validating every shipped scenario.
#[divan::bench]
fn load_and_validate_all(bencher: Bencher) {
    let dir = root().join("scenarios");
    bencher.bench(|| {
        let mut problems = 0;
        for file in scenario::find_scenarios(&dir).unwrap() {
            problems += scenario::load_file(&file).unwrap().problems().len();
        }
        problems
    });
}

/// A large Markdown archive: the labelled corpus's sentences laid out as
/// postmortems (headings, lists, code blocks), about 5 MB.
fn archive() -> String {
    let corpus =
        std::fs::read_to_string(root().join("tests/fixtures/language-corpus.txt")).unwrap();
    let sentences: Vec<&str> = corpus
        .lines()
        .filter_map(|l| l.split_once('|'))
        .map(|(_, s)| s.trim())
        .collect();
    let mut doc = String::new();
    let mut n = 0;
    while doc.len() < 5_000_000 {
        doc += &format!("# Postmortem {n}\n\n## Timeline\n\n");
        for (i, s) in sentences.iter().enumerate() {
            match i % 7 {
                0 => doc += &format!("- 10:{:02} {s}\n", i % 60),
                3 => doc += &format!("```\nkubectl rollout undo deploy/checkout # {i}\n```\n"),
                _ => doc += &format!("{s} "),
            }
            if i % 5 == 4 {
                doc += "\n\n";
            }
        }
        n += 1;
    }
    doc
}

/// `second-story lint` throughput on a large Markdown archive.
#[divan::bench]
fn lint_markdown_archive(bencher: Bencher) {
    let doc = archive();
    let coach = second_story::language::Coach::shipped();
    bencher
        .counter(BytesCount::new(doc.len()))
        .bench(|| coach.analyze(black_box(&doc)).len());
}

/// `second-story explore` with default settings on the largest shipped
/// scenario (most choices).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn explore_largest_scenario(bencher: Bencher) {
    let dir = root().join("scenarios");
    let largest = scenario::find_scenarios(&dir)
        .unwrap()
        .into_iter()
        .map(|f| scenario::load_file(&f).unwrap().scenario)
        .max_by_key(|s| s.choices.len())
        .unwrap();
    let s = Arc::new(largest);
    bencher.bench(|| {
        second_story::explore::explore(Arc::clone(&s), second_story::explore::Settings::default())
            .unwrap()
            .best_score
    });
}

/// `second-story report` on a class of 1,000 records (the flagship's
/// expert and blaming scripts, 500 students each): reading and replaying
/// every record, the summary, and the HTML page.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn class_report_of_1000_records(bencher: Bencher) {
    let s = Arc::new(
        scenario::load_file(&root().join("scenarios/zero-that-was-eight.ron"))
            .unwrap()
            .scenario,
    );
    let dir = std::env::temp_dir().join(format!("second-story-bench-class-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (kind, n) in [("expert", 500), ("blaming", 500)] {
        let script = second_story::script::load_script(
            &root().join(format!("tests/fixtures/zero-that-was-eight.{kind}.ron")),
        )
        .unwrap();
        let meeting = second_story::script::play(Arc::clone(&s), 1, &script).unwrap();
        for i in 0..n {
            let record =
                second_story::record::Record::of(&meeting, vec![format!("Student {kind} {i}")]);
            record.save(&dir.join(format!("{kind}-{i}.json"))).unwrap();
        }
    }
    let find = |_: &str| Some(Arc::clone(&s));
    bencher.counter(ItemsCount::new(1_000usize)).bench(|| {
        let class = second_story::class::Class::gather(&dir, &find, &mut |_, _| {}).unwrap();
        let summary = class.summary();
        second_story::class::html(&class, &summary, "bench").len()
    });
    let _ = std::fs::remove_dir_all(&dir);
}

/// `serve` taking finished meetings: 60 students' records uploaded over
/// HTTP on localhost, 8 at a time, each checked by replay and committed to
/// the SQLite file before the answer. A fresh database per sample, so every
/// record is new (a record sent twice is only looked up).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn serve_accepts_records(bencher: Bencher) {
    use second_story::record::Record;
    let ids = [
        "zero-that-was-eight",
        "the-bird-in-the-chat",
        "lego-warm-up",
    ];
    let records: Vec<String> = (0..60)
        .map(|i| {
            let id = ids[i % ids.len()];
            let s = Arc::new(
                scenario::load_file(&root().join(format!("scenarios/{id}.ron")))
                    .unwrap()
                    .scenario,
            );
            let script = second_story::script::load_script(
                &root().join(format!("tests/fixtures/{id}.expert.ron")),
            )
            .unwrap();
            let mut m = Meeting::new(s, 1).unwrap();
            for mv in &script.moves {
                m.apply(mv).unwrap();
            }
            let r = Record::of(&m, vec![format!("Student {:02}", i + 1)]);
            String::from_utf8(r.to_json()).unwrap()
        })
        .collect();
    let dir = std::env::temp_dir().join(format!("second-story-bench-serve-{}", std::process::id()));
    let mut round = 0;
    bencher
        .counter(ItemsCount::new(records.len()))
        .with_inputs(|| {
            round += 1;
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            second_story::serve::start(
                second_story::serve::Options {
                    class: format!("bench-{round}"),
                    port: 0,
                    data: dir.join("class.sqlite"),
                    web: dir.join("web"),
                    scenarios: vec![root().join("scenarios")],
                    ..Default::default()
                },
                Arc::new(|_: &str| {}),
            )
            .unwrap()
        })
        .bench_local_values(|server| {
            let addr = server.addr().to_string();
            std::thread::scope(|scope| {
                for chunk in records.chunks(records.len() / 8) {
                    let addr = &addr;
                    scope.spawn(move || {
                        let agent: ureq::Agent = ureq::Agent::config_builder()
                            .http_status_as_error(false)
                            .build()
                            .into();
                        for text in chunk {
                            let r = agent
                                .post(format!("http://{addr}/api/records"))
                                .header("Content-Type", "application/json")
                                .send(text.as_str())
                                .unwrap();
                            assert_eq!(r.status().as_u16(), 201);
                        }
                    });
                }
            });
            server
        });
    let _ = std::fs::remove_dir_all(&dir);
}
