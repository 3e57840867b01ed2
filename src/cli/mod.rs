//! The command line's commands. `main.rs` parses arguments and calls these;
//! each writes to the given output and returns the process exit code.

mod class;
mod lint;
mod lint_output;
#[cfg(not(target_arch = "wasm32"))]
mod serve;
mod text;

use crate::engine::{Meeting, Move};
use crate::scenario::{self, Loaded, Severity};
use crate::script::{self, Script};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use class::{ReportFiles, ReportFrom, class_report};
pub use lint::{DEFAULT_CONFIG, LintFormat, LintOptions, lint, parse_fail_on};
#[cfg(not(target_arch = "wasm32"))]
pub use serve::{ServeArgs, serve};
pub use text::write_report;

/// Exit codes shared by the commands.
pub mod exit {
    pub const OK: u8 = 0;
    /// Validation found problems; lint found findings (in a fail-on
    /// category).
    pub const FOUND: u8 = 1;
    /// Bad input: an unreadable file, a bad move script.
    pub const ERROR: u8 = 2;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// `second-story validate [PATH...]`: every problem in every file.
pub fn validate(paths: &[PathBuf], search: bool, out: &mut dyn Write) -> io::Result<u8> {
    let default = [scenario::scenario_dir()];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let (mut files, mut bad) = (0, 0);
    for path in paths {
        let found = match scenario::list_scenarios(path) {
            Ok(found) => found,
            Err(e) => {
                writeln!(out, "error: {e}")?;
                bad += 1;
                continue;
            }
        };
        if found.files.is_empty() && found.refused.is_empty() {
            writeln!(
                out,
                "warning: {}: no .ron scenario files here",
                crate::source::name(path)
            )?;
        }
        for (file, why) in &found.refused {
            files += 1;
            bad += 1;
            writeln!(out, "{}: error: {why}", crate::source::name(file))?;
        }
        for file in found.files {
            files += 1;
            if !report_file(&file, search, out)? {
                bad += 1;
            }
        }
    }
    if bad == 0 {
        writeln!(out, "{files} scenario file(s) checked: all valid")?;
    } else {
        writeln!(out, "{files} scenario file(s) checked: {bad} with errors")?;
    }
    Ok(if bad == 0 { exit::OK } else { exit::FOUND })
}

/// Prints one file's problems; true if it has no errors. With `search`, a
/// scenario that passes the checks is also explored: one whose best
/// reachable score is under 85, or with a fact no path reveals, fails.
fn report_file(file: &Path, search: bool, out: &mut dyn Write) -> io::Result<bool> {
    let loaded = match scenario::load_file(file) {
        Ok(l) => l,
        Err(e) => {
            writeln!(out, "{e}")?;
            return Ok(false);
        }
    };
    let id = loaded.scenario.id.clone();
    let problems = loaded.problems();
    let file = crate::source::name(file);
    let file = file.as_str();
    let mut errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    // A scenario's texts are shown as they are, but escape characters in
    // an id or a message are not sent to the terminal.
    let id = crate::escape::terminal(id.as_str());
    for p in &problems {
        let text = crate::escape::terminal(&p.to_string()).into_owned();
        match p.line {
            Some(line) => writeln!(out, "{file}:{line}: {text} (in scenario \"{id}\")")?,
            None => writeln!(out, "{file}: {text} (in scenario \"{id}\")")?,
        }
    }
    let (sorted, questions) = scenario::word_spotting(&loaded.scenario);
    if let Some(share) = (sorted * 100).checked_div(questions) {
        writeln!(
            out,
            "{file}: note: spotting giveaway words sorts {sorted} of {questions} questions ({share}%) into traps and good ones; close to 50% means the traps sound reasonable (in scenario \"{id}\")"
        )?;
    }
    if errors == 0 && search {
        let e = match crate::explore::explore(
            Arc::new(loaded.scenario),
            crate::explore::Settings::default(),
        ) {
            Ok(e) => e,
            Err(err) => {
                writeln!(out, "{file}: error: {err} (in scenario \"{id}\")")?;
                return Ok(false);
            }
        };
        if e.best_score < WINNABLE {
            errors += 1;
            writeln!(
                out,
                "{file}: error: the best score a search found is {} (at least {WINNABLE} needed); see `second-story explore {file}` (in scenario \"{id}\")",
                e.best_score,
            )?;
        }
        for f in &e.facts_unreached {
            errors += 1;
            writeln!(
                out,
                "{file}: error: fact \"{f}\": no line of play reveals it (in scenario \"{id}\")"
            )?;
        }
    }
    if errors == 0 {
        writeln!(out, "{file}: ok ({id})")?;
    }
    Ok(errors == 0)
}

/// The best score a shipped scenario must allow.
pub const WINNABLE: u8 = 85;

/// `second-story new ID`: a valid starting scenario to fill in.
pub fn new_scenario(id: &str, dir: &Path, out: &mut dyn Write) -> io::Result<u8> {
    if !scenario::is_id(id) {
        writeln!(
            out,
            "error: \"{}\" is not a scenario id: use lower-case letters, digits and '-', at most {} bytes",
            crate::escape::terminal(crate::save::cut(id, 200)),
            crate::limits::ID_BYTES
        )?;
        return Ok(exit::ERROR);
    }
    let path = dir.join(format!("{id}.ron"));
    let title: String = id
        .split('-')
        .enumerate()
        .map(|(i, w)| if i == 0 { capitalise(w) } else { w.to_owned() })
        .collect::<Vec<_>>()
        .join(" ");
    let text = TEMPLATE.replace("@ID@", id).replace("@TITLE@", &title);
    // Created new: never over a file, and never through a symbolic link
    // (even one to nothing) to a file somewhere else.
    match crate::save::create(&path, text.as_bytes()) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            writeln!(
                out,
                "error: {} already exists; choose another id",
                path.display()
            )?;
            return Ok(exit::ERROR);
        }
        Err(e) => {
            writeln!(out, "error: {}: cannot write: {e}", path.display())?;
            return Ok(exit::ERROR);
        }
    }
    writeln!(out, "wrote {}", path.display())?;
    writeln!(
        out,
        "next: edit it, then `second-story validate {}` and `second-story explore {}`",
        path.display(),
        path.display()
    )?;
    Ok(exit::OK)
}

const TEMPLATE: &str = include_str!("../../assets/templates/scenario.ron");

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// `second-story list`: the shipped scenarios and their size.
pub fn list(out: &mut dyn Write) -> io::Result<u8> {
    let dir = scenario::scenario_dir();
    let (files, refused) = match scenario::list_scenarios(&dir) {
        Ok(f) => (f.files, f.refused),
        Err(e) => {
            writeln!(out, "error: {e}")?;
            return Ok(exit::ERROR);
        }
    };
    for (file, why) in &refused {
        writeln!(out, "{}: error: {why}", crate::source::name(file))?;
    }
    writeln!(
        out,
        "{:<28} {:>4} {:>6} {:>5} {:>7} {:>7}  title",
        "id", "diff", "people", "facts", "choices", "minutes"
    )?;
    // Curriculum order: easiest first.
    let mut loaded: Vec<_> = files.iter().map(|f| scenario::load_file(f)).collect();
    loaded.sort_by_key(|l| l.as_ref().map_or(u8::MAX, |l| l.scenario.difficulty));
    for l in loaded {
        match l {
            Ok(Loaded { scenario: s, .. }) => writeln!(
                out,
                "{:<28} {:>4} {:>6} {:>5} {:>7} {:>7}  {}",
                s.id,
                s.difficulty,
                s.participants.len(),
                s.facts.len(),
                s.choices.len(),
                s.brief.minutes,
                s.title
            )?,
            Err(e) => writeln!(out, "{e}")?,
        }
    }
    Ok(exit::OK)
}

/// `run --record`: where to save the record, who played, and when the hot
/// seat passed on.
#[derive(Clone, Debug)]
pub struct Recording {
    pub path: PathBuf,
    pub players: Vec<String>,
    pub turn: crate::workshop::Turn,
}

/// `second-story run SCENARIO --moves FILE`: plays a move script headless
/// and prints the transcript and the report.
/// With `record`, the meeting is also saved as a session record.
pub fn run(
    scenario_name: &str,
    moves: &Path,
    seed: u64,
    format: Format,
    record: Option<Recording>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    if let Some(r) = &record
        && let Err(e) = check_names(&r.players, "--player")
    {
        writeln!(err, "error: {e}")?;
        return Ok(exit::ERROR);
    }
    let loaded = match load_valid(scenario_name) {
        Ok(l) => l,
        Err(message) => {
            writeln!(out, "{message}")?;
            return Ok(exit::ERROR);
        }
    };
    let script = match script::load_script(moves) {
        Ok(s) => s,
        Err(e) => {
            writeln!(out, "{e}")?;
            return Ok(exit::ERROR);
        }
    };
    let meeting = match play(Arc::new(loaded.scenario), seed, &script) {
        Ok(m) => m,
        Err(failure) => {
            // A Say's text comes from the script: shown, not obeyed.
            let said = crate::escape::terminal(&failure.to_string()).into_owned();
            match &failure {
                Refused::Move { line, .. } => {
                    writeln!(out, "{}:{line}: {said}", crate::source::name(moves))?
                }
                Refused::Scenario(_) => writeln!(out, "{said}")?,
            }
            return Ok(exit::ERROR);
        }
    };
    if let Some(Recording {
        path,
        players,
        turn,
    }) = record
    {
        let path = path.as_path();
        let json = script_record(&meeting, players, turn).to_json();
        // Never over another file: a name already taken gets a number.
        match crate::save::create_free(path, &json) {
            Ok(saved) if saved != path => writeln!(
                err,
                "{} exists; the record was saved as {}",
                crate::source::name(path),
                crate::source::name(&saved)
            )?,
            Ok(_) => {}
            Err(e) => {
                writeln!(
                    err,
                    "error: {}: cannot write the record: {e}",
                    crate::source::name(path)
                )?;
                return Ok(exit::ERROR);
            }
        }
    }
    let report = meeting.report();
    match format {
        Format::Json => {
            write_json(out, &report)?;
        }
        Format::Text => write_report(&meeting, &report, out)?,
    }
    Ok(exit::OK)
}

/// Names for records and workshops: at most [`crate::limits::PLAYERS`],
/// each at most [`crate::limits::NAME_BYTES`] bytes. `flag` names the option
/// they came from.
pub fn check_names(names: &[String], flag: &str) -> Result<(), String> {
    use crate::limits::{NAME_BYTES, PLAYERS};
    if names.len() > PLAYERS {
        return Err(format!(
            "{} names given with {flag}; at most {PLAYERS}",
            names.len()
        ));
    }
    if let Some(n) = names.iter().find(|n| n.len() > NAME_BYTES) {
        return Err(format!(
            "{flag}: a name of {} bytes (\"{}…\"); a name is at most {NAME_BYTES} bytes",
            n.len(),
            crate::escape::terminal(crate::save::cut(n, 40))
        ));
    }
    Ok(())
}

/// The record of a scripted meeting; with several players, they take
/// turns in the hot seat as `turn` says.
fn script_record(
    meeting: &Meeting,
    players: Vec<String>,
    turn: crate::workshop::Turn,
) -> crate::record::Record {
    use crate::workshop::{Plan, Workshop};
    let plan = Plan {
        facilitators: players.clone(),
        turn,
        ..Plan::default()
    };
    Workshop::seat_moves(meeting, plan).record(meeting, players)
}

/// Pretty JSON and a newline; a closed pipe stays a closed pipe.
pub(crate) fn write_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    })?;
    writeln!(out)
}

/// `second-story replay RECORD`: re-runs a session record and checks that
/// the report still matches. Exit 0 when it does, 1 when it does not (or
/// the scenario changed), 2 when the record cannot be read.
pub fn replay(
    path: &Path,
    scenario_path: Option<&str>,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<u8> {
    use crate::record::{Record, ReplayError};
    let record = match Record::load(path) {
        Ok(r) => r,
        Err(e) => {
            writeln!(out, "error: {e}")?;
            return Ok(exit::ERROR);
        }
    };
    // The record names its scenario by id (checked when read): it is
    // looked up in the library only; `--scenario` may name any file.
    let loaded = match scenario_path {
        Some(name) => load_valid(name),
        None => match scenario::by_id(&record.scenario) {
            Some(path) => load_valid_path(&path),
            None => Err(format!(
                "error: no scenario \"{}\" in the library (scenarios/); name its file with --scenario",
                record.scenario
            )),
        },
    };
    let loaded = match loaded {
        Ok(l) => l,
        Err(message) => {
            writeln!(out, "{message}")?;
            return Ok(exit::ERROR);
        }
    };
    let file = crate::source::name(path);
    let meeting = match record.replay(Arc::new(loaded.scenario)) {
        Ok(m) => m,
        Err(e @ (ReplayError::ScenarioChanged { .. } | ReplayError::Refused { .. })) => {
            writeln!(out, "{file}: {}", crate::escape::terminal(&e.to_string()))?;
            return Ok(exit::FOUND);
        }
        Err(e) => {
            writeln!(out, "{file}: {}", crate::escape::terminal(&e.to_string()))?;
            return Ok(exit::ERROR);
        }
    };
    let matches = record.matches(&meeting);
    match format {
        Format::Json => {
            #[derive(serde::Serialize)]
            struct Replayed<'a> {
                record: &'a Record,
                matches: bool,
                report: crate::engine::Report,
            }
            write_json(
                out,
                &Replayed {
                    record: &record,
                    matches,
                    report: meeting.report(),
                },
            )?;
        }
        Format::Text => {
            write_report(&meeting, &meeting.report(), out)?;
            writeln!(out)?;
            // Names from a record someone else wrote: shown, not obeyed.
            let who = if record.players.is_empty() {
                "unnamed".to_owned()
            } else {
                crate::escape::terminal(&record.players.join(", ")).into_owned()
            };
            if matches {
                writeln!(
                    out,
                    "{file}: {} moves by {who} replayed; the report matches the record ({} / 100).",
                    record.moves.len(),
                    record.outcome.score.total
                )?;
            } else {
                writeln!(
                    out,
                    "{file}: the replayed report differs from the record: recorded {} / 100, replayed {} / 100",
                    record.outcome.score.total,
                    meeting.score().total
                )?;
            }
        }
    }
    Ok(if matches { exit::OK } else { exit::FOUND })
}

/// `second-story cards SCENARIO --out DIR`: printable role cards.
pub fn cards(name: &str, dir: &Path, out: &mut dyn Write) -> io::Result<u8> {
    let loaded = match load_valid(name) {
        Ok(l) => l,
        Err(message) => {
            writeln!(out, "{message}")?;
            return Ok(exit::ERROR);
        }
    };
    match crate::cards::write_cards(&loaded.scenario, dir) {
        Ok(files) => {
            for f in &files {
                writeln!(out, "wrote {}", crate::source::name(f))?;
            }
            Ok(exit::OK)
        }
        Err(e) => {
            writeln!(out, "error: {}: {e}", crate::source::name(dir))?;
            Ok(exit::ERROR)
        }
    }
}

/// `second-story explore SCENARIO`: what a player can and cannot reach.
pub fn explore(
    name: &str,
    settings: crate::explore::Settings,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<u8> {
    if let Err(e) = settings.check() {
        writeln!(out, "error: {e}")?;
        return Ok(exit::ERROR);
    }
    let loaded = match load_valid(name) {
        Ok(l) => l,
        Err(message) => {
            writeln!(out, "{message}")?;
            return Ok(exit::ERROR);
        }
    };
    let s = Arc::new(loaded.scenario);
    let started = std::time::Instant::now();
    let e = match crate::explore::explore(Arc::clone(&s), settings) {
        Ok(e) => e,
        Err(err) => {
            writeln!(out, "{err}")?;
            return Ok(exit::ERROR);
        }
    };
    if format == Format::Json {
        write_json(out, &e)?;
        return Ok(exit::OK);
    }
    let yes = |b: bool| if b { "yes" } else { "no" };
    writeln!(
        out,
        "{} — {} states searched in {:.1} s",
        s.title,
        e.states_searched,
        started.elapsed().as_secs_f64()
    )?;
    writeln!(
        out,
        "best score found: {} (learned: {}, would return: {})",
        e.best_score,
        yes(e.best_learned),
        yes(e.best_would_return)
    )?;
    writeln!(
        out,
        "both success questions reachable: {}",
        yes(e.success_reachable)
    )?;
    let r = &e.random_play;
    writeln!(
        out,
        "random play: min {} · 25% {} · median {} · 75% {} · max {}",
        r.min, r.p25, r.median, r.p75, r.max
    )?;
    if e.facts_unreached.is_empty() {
        writeln!(out, "every fact came out on some path")?;
    }
    for f in &e.facts_unreached {
        writeln!(out, "fact never revealed: {f}")?;
    }
    if !e.choices_unreached.is_empty() {
        let ids: Vec<&str> = e.choices_unreached.iter().map(|c| c.as_str()).collect();
        writeln!(
            out,
            "choices no path reached ({}): {}",
            ids.len(),
            ids.join(", ")
        )?;
    }
    writeln!(out, "dead ends near the start: {}", e.dead_ends.len())?;
    for d in e.dead_ends.iter().take(5) {
        let after: Vec<String> = d.after.iter().map(|m| m.to_string()).collect();
        writeln!(
            out,
            "  after [{}]: every move lowers the score ({} now)",
            after.join(", "),
            d.score
        )?;
    }
    writeln!(out, "a script that reaches {}:", e.best_score)?;
    writeln!(out, "[")?;
    for mv in &e.best_script {
        writeln!(
            out,
            "    {},",
            ron::to_string(mv).unwrap_or_else(|_| mv.to_string())
        )?;
    }
    writeln!(out, "]")?;
    Ok(exit::OK)
}

/// Loads a scenario by id or path and refuses it if it has errors.
pub fn load_valid(name: &str) -> Result<Loaded, String> {
    let path = scenario::resolve(name)
        .map_err(|e| format!("error: {}", crate::escape::terminal(&e.to_string())))?;
    load_valid_path(&path)
}

/// Loads a scenario file and refuses it if it has errors.
pub fn load_valid_path(path: &Path) -> Result<Loaded, String> {
    let loaded = scenario::load_file(path).map_err(|e| e.to_string())?;
    let file = crate::source::name(path);
    let errors: Vec<String> = loaded
        .problems()
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| {
            format!(
                "{file}:{}: {}",
                p.line.unwrap_or(0),
                crate::escape::terminal(&p.to_string())
            )
        })
        .collect();
    if errors.is_empty() {
        Ok(loaded)
    } else {
        Err(format!(
            "{file} has errors; run `second-story validate {file}`:\n{}",
            errors.join("\n")
        ))
    }
}

/// Why a script could not be played.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("{0}")]
    Scenario(crate::engine::InvalidScenario),
    /// A move the meeting refused; `index` counts from 0.
    #[error("move {} ({mv}): {error}", index + 1)]
    Move {
        index: usize,
        line: usize,
        mv: Box<Move>,
        error: crate::engine::MoveError,
    },
}

/// Plays a script to the end. A meeting the script leaves open is ended, so
/// there is always a report.
pub fn play(
    scenario: Arc<scenario::Scenario>,
    seed: u64,
    script: &Script,
) -> Result<Meeting, Refused> {
    let mut meeting = Meeting::new(scenario, seed).map_err(Refused::Scenario)?;
    for (index, mv) in script.moves.iter().enumerate() {
        meeting.apply(mv).map_err(|error| Refused::Move {
            index,
            line: script.lines.get(index).copied().unwrap_or(0),
            mv: Box::new(mv.clone()),
            error,
        })?;
    }
    if !meeting.is_over() {
        // A meeting that is not over can always end; were it ever
        // refused, the report of the meeting as it stands is still true.
        let _ = meeting.apply(&Move::End);
    }
    Ok(meeting)
}
