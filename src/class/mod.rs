//! A class's records, read together: `second-story report DIR` replays
//! every record in a folder and sums up where the class struggles. A record
//! that cannot be used (corrupt, another format, a changed scenario) is
//! listed as skipped with the reason; it never stops the report.

mod export;
mod html;

pub use export::{csv, xapi};
pub use html::html;

use crate::engine::Meeting;
use crate::record::{Record, ReplayError};
use crate::scenario::Scenario;
use crate::workshop;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One record that replayed to its recorded report.
#[derive(Debug)]
pub struct Entry {
    pub file: PathBuf,
    pub record: Record,
    pub meeting: Meeting,
}

impl Entry {
    /// Whoever facilitated, for tables: "Ana", "Ana & Ben", or "unnamed".
    pub fn student(&self) -> String {
        if self.record.players.is_empty() {
            "unnamed".to_owned()
        } else {
            self.record.players.join(" & ")
        }
    }
}

/// A file that was not counted, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Skipped {
    pub file: PathBuf,
    pub reason: String,
}

/// Every record found in a folder.
#[derive(Debug, Default)]
pub struct Class {
    pub entries: Vec<Entry>,
    pub skipped: Vec<Skipped>,
}

impl Class {
    /// Reads every `.json` file under `dir` (sorted, sub-folders included)
    /// and replays it against the scenario `find` returns for its id.
    /// `progress` hears (done, of) after each file.
    pub fn gather(
        dir: &Path,
        find: &dyn Fn(&str) -> Option<Arc<Scenario>>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> std::io::Result<Class> {
        let mut files = Vec::new();
        collect_json(dir, &mut files)?;
        files.sort();
        let mut class = Class::default();
        for (done, file) in files.into_iter().enumerate() {
            match read_one(&file, find) {
                Ok((record, meeting)) => class.entries.push(Entry {
                    file,
                    record,
                    meeting,
                }),
                Err(reason) => class.skipped.push(Skipped { file, reason }),
            }
            progress(done + 1, class.entries.len() + class.skipped.len());
        }
        Ok(class)
    }

    pub fn summary(&self) -> Summary {
        Summary::of(&self.entries)
    }
}

fn collect_json(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_json(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}

fn read_one(
    file: &Path,
    find: &dyn Fn(&str) -> Option<Arc<Scenario>>,
) -> Result<(Record, Meeting), String> {
    let record = Record::load(file).map_err(|e| match e {
        ReplayError::File(f) => format!("not a session record: {f}"),
        other => other.to_string(),
    })?;
    let scenario = find(&record.scenario).ok_or_else(|| {
        format!(
            "no scenario \"{}\" here to replay it on (played with version {})",
            record.scenario, record.version
        )
    })?;
    let meeting = record.replay(scenario).map_err(|e| e.to_string())?;
    if !record.matches(&meeting) {
        return Err(format!(
            "replaying it gives a different report (recorded {} / 100, now {} / 100); it was made by version {}",
            record.outcome.score.total,
            meeting.score().total,
            record.version
        ));
    }
    Ok((record, meeting))
}

/// The class at a glance: what `report` prints, draws and exports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub meetings: usize,
    pub students: Vec<Student>,
    /// The total first, then the seven dimensions.
    pub distributions: Vec<Distribution>,
    pub missed: Vec<Counted>,
    pub traps: Vec<Counted>,
    pub drops: Vec<Drop>,
}

/// One student's meetings, averaged.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Student {
    pub name: String,
    pub meetings: usize,
    pub best_total: u8,
    /// Mean total, then the mean of each dimension (report order).
    pub means: Vec<(String, f32)>,
}

/// How a class scored on one dimension.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Distribution {
    pub name: String,
    /// Meetings per band of ten points: 0–9, 10–19, …, 90–100.
    pub bands: [u32; 10],
    pub min: u8,
    pub median: u8,
    pub max: u8,
}

/// Something counted over meetings: a missed fact, a trap taken.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Counted {
    pub scenario: String,
    pub what: String,
    /// Meetings in which it happened.
    pub count: usize,
    /// Meetings of that scenario.
    pub of: usize,
}

/// A move after which the room's safety fell.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Drop {
    pub scenario: String,
    pub what: String,
    /// How often it came right before a drop.
    pub count: usize,
    /// The mean fall in the room's safety, in points.
    pub mean_fall: f32,
}

/// How many rows the "most often" tables keep.
const TOP: usize = 10;

impl Summary {
    pub fn of(entries: &[Entry]) -> Summary {
        let per_scenario = count_by(entries.iter().map(|e| e.record.scenario.clone()));
        Summary {
            meetings: entries.len(),
            students: students(entries),
            distributions: distributions(entries),
            missed: missed(entries, &per_scenario),
            traps: traps(entries, &per_scenario),
            drops: drops(entries),
        }
    }
}

fn count_by(keys: impl Iterator<Item = String>) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for k in keys {
        *counts.entry(k).or_insert(0) += 1;
    }
    counts
}

/// The total and the seven dimensions of one meeting, named.
pub(crate) fn scores(record: &Record) -> Vec<(&'static str, u8)> {
    let s = &record.outcome.score;
    std::iter::once(("total", s.total))
        .chain(s.dimensions())
        .collect()
}

fn students(entries: &[Entry]) -> Vec<Student> {
    let mut by: BTreeMap<String, Vec<&Entry>> = BTreeMap::new();
    for e in entries {
        by.entry(e.student()).or_default().push(e);
    }
    by.into_iter()
        .map(|(name, es)| {
            let rows: Vec<Vec<(&str, u8)>> = es.iter().map(|e| scores(&e.record)).collect();
            let means = rows[0]
                .iter()
                .enumerate()
                .map(|(i, (dim, _))| {
                    let sum: f32 = rows.iter().map(|r| f32::from(r[i].1)).sum();
                    ((*dim).to_owned(), sum / rows.len() as f32)
                })
                .collect();
            Student {
                name,
                meetings: es.len(),
                best_total: es
                    .iter()
                    .map(|e| e.record.outcome.score.total)
                    .max()
                    .unwrap_or(0),
                means,
            }
        })
        .collect()
}

fn distributions(entries: &[Entry]) -> Vec<Distribution> {
    let Some(first) = entries.first() else {
        return Vec::new();
    };
    let names: Vec<&str> = scores(&first.record).iter().map(|(n, _)| *n).collect();
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut values: Vec<u8> = entries.iter().map(|e| scores(&e.record)[i].1).collect();
            values.sort_unstable();
            let mut bands = [0; 10];
            for v in &values {
                bands[usize::from(*v / 10).min(9)] += 1;
            }
            Distribution {
                name: (*name).to_owned(),
                bands,
                min: values[0],
                median: values[values.len() / 2],
                max: values[values.len() - 1],
            }
        })
        .collect()
}

/// Most-often first; ties by scenario, then by name, so the order is stable.
fn top(mut counted: Vec<Counted>) -> Vec<Counted> {
    counted.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.scenario.cmp(&b.scenario))
            .then_with(|| a.what.cmp(&b.what))
    });
    counted.truncate(TOP);
    counted
}

fn missed(entries: &[Entry], per_scenario: &BTreeMap<String, usize>) -> Vec<Counted> {
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for e in entries {
        for (fact, at) in e.meeting.fact_reveals() {
            if at.is_none() {
                *counts
                    .entry((e.record.scenario.clone(), fact.summary.clone()))
                    .or_insert(0) += 1;
            }
        }
    }
    top(with_totals(counts, entries, per_scenario))
}

fn traps(entries: &[Entry], per_scenario: &BTreeMap<String, usize>) -> Vec<Counted> {
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for e in entries {
        let s = e.meeting.scenario();
        let mut taken: Vec<String> = e
            .meeting
            .played()
            .iter()
            .filter_map(|p| {
                let id = match &p.mv {
                    crate::engine::Move::Ask(id) => id.clone(),
                    crate::engine::Move::Say { .. } => p.understood.as_ref()?.intent.clone()?,
                    _ => return None,
                };
                let c = s.choices.iter().find(|c| c.id == id)?;
                c.kind
                    .is_trap()
                    .then(|| format!("{} ({})", c.text, c.kind.label()))
            })
            .collect();
        taken.sort();
        taken.dedup();
        for t in taken {
            *counts.entry((s.id.to_string(), t)).or_insert(0) += 1;
        }
    }
    top(with_totals(counts, entries, per_scenario))
}

fn with_totals(
    counts: BTreeMap<(String, String), usize>,
    entries: &[Entry],
    per_scenario: &BTreeMap<String, usize>,
) -> Vec<Counted> {
    counts
        .into_iter()
        .map(|((id, what), count)| Counted {
            of: per_scenario.get(&id).copied().unwrap_or(0),
            scenario: title_of(entries, &id),
            what,
            count,
        })
        .collect()
}

fn title_of(entries: &[Entry], id: &str) -> String {
    entries
        .iter()
        .find(|e| e.record.scenario == id)
        .map_or_else(|| id.to_owned(), |e| e.meeting.scenario().title.clone())
}

fn drops(entries: &[Entry]) -> Vec<Drop> {
    let mut falls: BTreeMap<(String, String), Vec<i32>> = BTreeMap::new();
    for e in entries {
        let report = e.meeting.report();
        let room = workshop::room_safety(&report);
        for (i, p) in report.moves.iter().enumerate() {
            if let (Some(before), Some(after)) = (room.get(i), room.get(i + 1))
                && after < before
            {
                falls
                    .entry((report.title.clone(), p.mv.label(e.meeting.scenario())))
                    .or_default()
                    .push(before - after);
            }
        }
    }
    let mut drops: Vec<Drop> = falls
        .into_iter()
        .map(|((scenario, what), f)| Drop {
            scenario,
            what,
            count: f.len(),
            mean_fall: f.iter().sum::<i32>() as f32 / f.len() as f32,
        })
        .collect();
    drops.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| b.mean_fall.total_cmp(&a.mean_fall))
            .then_with(|| a.what.cmp(&b.what))
    });
    drops.truncate(TOP);
    drops
}
