//! Engine speed: moves per second on the flagship, and loading plus
//! validating every shipped scenario. Run with `cargo bench`.

use divan::counter::ItemsCount;
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
