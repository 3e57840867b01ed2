//! `second-story report DIR` (or `--data FILE`, a class database made by
//! `serve`): a class's session records summed up for an instructor, as a
//! printed summary, one offline HTML file, a CSV table and xAPI statements.

use super::{CliError, CliResult, Exit};
use crate::class::{self, Class};
use crate::scenario::Scenario;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where `report` writes its files.
#[derive(Clone, Debug, Default)]
pub struct ReportFiles {
    pub html: Option<PathBuf>,
    pub csv: Option<PathBuf>,
    pub xapi: Option<PathBuf>,
}

/// What `report` reads.
#[derive(Clone, Debug)]
pub enum ReportFrom {
    /// `report PATH`: a folder of records, or a class database.
    Path(PathBuf),
    /// `report --data FILE`: a class database, and nothing else.
    Database(PathBuf),
}

impl ReportFrom {
    /// From `report`'s arguments: `--data` when no PATH is given.
    pub fn new(path: Option<PathBuf>, data: Option<PathBuf>) -> ReportFrom {
        match (path, data) {
            (Some(p), _) => ReportFrom::Path(p),
            (None, d) => ReportFrom::Database(d.unwrap_or_else(|| "class.sqlite".into())),
        }
    }

    fn path(&self) -> &Path {
        match self {
            ReportFrom::Path(p) | ReportFrom::Database(p) => p,
        }
    }
}

/// Exit 0 once the report is written (skipped files are listed, not
/// fatal); 2 when the folder cannot be read or a file cannot be written.
/// `from` is a folder of records or a class database (`class` picks one
/// class in it).
pub fn class_report(
    from: &ReportFrom,
    class_name: Option<&str>,
    files: &ReportFiles,
    scenarios: Option<&Path>,
    out: &mut dyn Write,
) -> CliResult {
    let find = class::scenario_finder(scenarios);
    let tty = io::stderr().is_terminal();
    let mut progress = |done: usize, _: usize| {
        if tty {
            eprint!("\rreading records: {done}");
        }
    };
    let dir = from.path();
    let database = from_database(dir, class_name, &find);
    if matches!(from, ReportFrom::Database(_)) && database.is_none() {
        return Err(CliError::error(format!(
            "error: --data: {} is not a class database made by `serve`{}",
            crate::source::name(dir),
            if dir.exists() {
                ""
            } else {
                " (there is no such file)"
            }
        )));
    }
    if class_name.is_some() && database.is_none() {
        return Err(CliError::error(format!(
            "error: --class picks a class in a database; {} is not one",
            crate::source::name(dir)
        )));
    }
    let from_db = database.is_some();
    let class = match database {
        Some(d) => d,
        None => Class::gather(dir, &find, &mut progress).map_err(|e| e.to_string()),
    }
    .map_err(|e| CliError::error(format!("error: {e}")))?;
    if tty && !from_db {
        eprintln!();
    }
    let summary = class.summary();
    print_summary(&class, &summary, out)?;
    let title = match class_name {
        Some(name) => name.to_owned(),
        None if from_db => dir.file_stem().map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        None => dir
            .canonicalize()
            .ok()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| dir.display().to_string()),
    };
    let html = files.html.clone().or_else(|| {
        (files.csv.is_none() && files.xapi.is_none()).then(|| "class-report.html".into())
    });
    let mut writes: Vec<(PathBuf, String)> = Vec::new();
    if let Some(path) = html {
        writes.push((path, class::html(&class, &summary, &title)));
    }
    if let Some(path) = &files.csv {
        writes.push((path.clone(), class::csv(&class)));
    }
    if let Some(path) = &files.xapi {
        writes.push((path.clone(), class::xapi_json(&class)));
    }
    for (path, text) in writes {
        crate::save::replace(&path, text.as_bytes()).map_err(|e| {
            CliError::error(format!(
                "error: {}: cannot write: {e}",
                crate::source::name(&path)
            ))
        })?;
        writeln!(out, "wrote {}", crate::source::name(&path))?;
    }
    Ok(Exit::Ok)
}

/// The class in `path` when it is a class database made by `serve`.
#[cfg(not(target_arch = "wasm32"))]
fn from_database(
    path: &Path,
    class: Option<&str>,
    find: &dyn Fn(&str) -> Option<Arc<Scenario>>,
) -> Option<Result<Class, String>> {
    crate::serve::is_database(path)
        .then(|| crate::serve::class_from_database(path, class, find).map_err(|e| e.to_string()))
}

#[cfg(target_arch = "wasm32")]
fn from_database(
    _: &Path,
    _: Option<&str>,
    _: &dyn Fn(&str) -> Option<Arc<Scenario>>,
) -> Option<Result<Class, String>> {
    None
}

fn print_summary(class: &Class, s: &class::Summary, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{} meeting(s) by {} student(s); {} file(s) skipped",
        s.meetings,
        s.students.len(),
        class.skipped.len()
    )?;
    for d in &s.distributions {
        writeln!(
            out,
            "  {:<19} min {:>3} · median {:>3} · max {:>3}",
            d.name, d.min, d.median, d.max
        )?;
    }
    let term = |s: &str| crate::escape::terminal(s).into_owned();
    let tops = [
        ("most often missed", &s.missed),
        ("trap questions most often asked", &s.traps),
    ];
    for (heading, rows) in tops {
        if !rows.is_empty() {
            writeln!(out, "{heading}:")?;
        }
        for r in rows.iter().take(3) {
            writeln!(
                out,
                "  {} of {}: {} ({})",
                r.count,
                r.of,
                term(&r.what),
                term(&r.scenario)
            )?;
        }
    }
    if !s.drops.is_empty() {
        writeln!(out, "moves most often before a drop in safety:")?;
    }
    for d in s.drops.iter().take(3) {
        writeln!(
            out,
            "  {} time(s), {:.1} points on average: {} ({})",
            d.count,
            d.mean_fall,
            term(&d.what),
            term(&d.scenario)
        )?;
    }
    for e in class.entries.iter().filter(|e| !e.members.is_empty()) {
        writeln!(
            out,
            "workshop room ({}, {}):",
            term(&e.file.file_name().map_or_else(
                || e.file.display().to_string(),
                |n| n.to_string_lossy().into_owned()
            )),
            term(&e.scenario.id.to_string())
        )?;
        for m in &e.members {
            let pct =
                |s: Option<f32>| s.map_or_else(|| "-".to_owned(), |s| format!("{:.0}%", s * 100.0));
            writeln!(
                out,
                "  {}: {} vote(s), {} with the room, {} for a good move, {} line(s)",
                term(&m.name),
                m.votes,
                pct(m.room_share()),
                pct(m.best_share()),
                m.lines
            )?;
        }
        if let Some(a) = e.alignment.as_ref().filter(|a| !a.split.is_empty()) {
            let split: Vec<String> = a
                .split
                .iter()
                .take(3)
                .map(|(i, s)| format!("move {} ({:.0}%)", i + 1, s * 100.0))
                .collect();
            writeln!(out, "  most split: {}", split.join(", "))?;
        }
    }
    for k in &class.skipped {
        writeln!(
            out,
            "skipped {}: {}",
            crate::source::name(&k.file),
            term(&k.reason)
        )?;
    }
    Ok(())
}
