//! Shared helpers: loading shipped scenarios and fixture scripts.

use second_story::engine::{Meeting, Move, Report};
use second_story::scenario::{self, Scenario};
use second_story::script::play;
use second_story::script::{self, Script};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn scenario(id: &str) -> Arc<Scenario> {
    let path = root().join("scenarios").join(format!("{id}.ron"));
    Arc::new(
        scenario::load_file(&path)
            .unwrap_or_else(|e| panic!("{e}"))
            .scenario,
    )
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

pub fn script(name: &str) -> Script {
    script::load_script(&fixture(name)).unwrap_or_else(|e| panic!("{e}"))
}

pub fn play_script(id: &str, script: &Script, seed: u64) -> Meeting {
    play(scenario(id), seed, script).unwrap_or_else(|r| panic!("{r}"))
}

pub fn report(id: &str, kind: &str, seed: u64) -> Report {
    play_script(id, &script(&format!("{id}.{kind}.ron")), seed).report()
}

/// The same script without the moves `drop` says to leave out.
pub fn without(script: &Script, drop: impl Fn(&Move) -> bool) -> Script {
    let (moves, lines) = script
        .moves
        .iter()
        .zip(&script.lines)
        .filter(|(m, _)| !drop(m))
        .map(|(m, l)| (m.clone(), *l))
        .unzip();
    Script { moves, lines }
}

/// Ids of every shipped scenario.
pub fn shipped() -> Vec<String> {
    scenario::find_scenarios(&root().join("scenarios"))
        .expect("scenarios/ is readable")
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect()
}

pub fn bin() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_second-story"));
    cmd.current_dir(root());
    cmd
}

/// A fresh, empty folder under the system's temp folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("second-story-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// How many colours a PNG shows, and its size: a blank or one-colour
/// picture has very few.
#[cfg_attr(not(feature = "game"), allow(dead_code))]
pub fn distinct_colours(path: &std::path::Path) -> (usize, (u32, u32)) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let step = info.color_type.samples();
    let mut seen = std::collections::HashSet::new();
    for px in buf[..info.buffer_size()].chunks(step) {
        seen.insert(px[..3.min(step)].to_vec());
    }
    (seen.len(), (info.width, info.height))
}
