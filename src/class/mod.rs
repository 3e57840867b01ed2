//! A class's records, read together: `second-story report DIR` replays
//! every record in a folder and sums up where the class struggles. A record
//! that cannot be used (corrupt, another format, a changed scenario) is
//! listed as skipped with the reason; it never stops the report.

mod export;
mod html;

pub use export::{csv, statements_of, xapi, xapi_json};
pub use html::{STYLE, html, sections};

use crate::engine::{Meeting, Report, Score, Success};
use crate::record::{Record, ReplayError};
use crate::scenario::{self, Scenario};
use crate::source::FileError;
use crate::workshop;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Finds the scenario a record is replayed on, by id and only by id: in
/// `extra` first, then the shipped ones (the library). A file is used only
/// when the id inside it is the id asked for and it has no errors; each is
/// loaded once. Whether a record was played on this very content is then
/// checked by its hash.
pub fn scenario_finder(extra: Option<&Path>) -> impl Fn(&str) -> Option<Arc<Scenario>> {
    let cache: RefCell<HashMap<String, Option<Arc<Scenario>>>> = RefCell::default();
    let extra = extra.map(Path::to_owned);
    move |id: &str| {
        if let Some(hit) = cache.borrow().get(id) {
            return hit.clone();
        }
        let found = extra
            .iter()
            .filter_map(|d| scenario::in_folder(d, id))
            .chain(scenario::by_id(id))
            .filter_map(|p| scenario::load_valid_file(&p).ok())
            .find(|l| l.scenario.id.as_str() == id)
            .map(|l| Arc::new(l.scenario));
        cache.borrow_mut().insert(id.to_owned(), found.clone());
        found
    }
}

/// One record that replayed to its recorded report, kept as the numbers
/// the report needs: the record and its meeting are dropped once read, so
/// a class of any size is summed up in little memory.
#[derive(Clone, Debug)]
pub struct Entry {
    pub file: PathBuf,
    pub players: Vec<String>,
    pub scenario: Arc<Scenario>,
    pub seed: u64,
    pub scenario_hash: String,
    /// RFC 3339 (checked when the record was read).
    pub saved_at: Option<String>,
    /// As the engine computed it on replay (and as recorded).
    pub score: Score,
    pub success: Success,
    pub facts_surfaced: usize,
    /// Each hot-seat facilitator's part, when several took turns.
    pub credits: Vec<workshop::Credit>,
    /// How aligned the room was, when it voted.
    pub alignment: Option<workshop::Alignment>,
    /// Each participant of a workshop room, judged.
    pub members: Vec<workshop::Member>,
    /// A hash of the whole record, from which statement ids are made.
    pub(crate) fingerprint: (u64, u64),
}

impl Entry {
    /// Whoever facilitated, for tables: "Ana", "Ana & Ben", or "unnamed".
    pub fn student(&self) -> String {
        if self.players.is_empty() {
            "unnamed".to_owned()
        } else {
            self.players.join(" & ")
        }
    }

    /// The total and every dimension, named.
    pub fn scores(&self) -> [(&'static str, u8); COLUMNS] {
        scores(&self.score)
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
    /// What the meetings had in common, counted as they were read.
    tally: Tally,
}

/// Counts over every meeting read, keyed by scenario id and text.
#[derive(Debug, Default)]
struct Tally {
    missed: BTreeMap<(String, String), usize>,
    traps: BTreeMap<(String, String), usize>,
    /// (title, move) → how often before a fall, and the falls summed.
    falls: BTreeMap<(String, String), (usize, i64)>,
}

impl Class {
    /// Reads every `.json` file under `dir` (sorted, sub-folders included,
    /// each file once) and replays it against the scenario `find` returns
    /// for its id; only the numbers the report needs are kept. Files that
    /// are not regular ones are listed as skipped. `progress` hears
    /// (done, of) after each file.
    pub fn gather(
        dir: &Path,
        find: &dyn Fn(&str) -> Option<Arc<Scenario>>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Class, FileError> {
        let found = crate::source::walk(
            dir,
            crate::source::Walk {
                extensions: &["json"],
                recurse: true,
                skip_hidden: false,
            },
        )?;
        let mut class = Class::default();
        for (file, reason) in found.refused {
            class.skip(file, reason);
        }
        let of = found.files.len();
        let mut replayer = Replayer::default();
        for (done, file) in found.files.into_iter().enumerate() {
            let record = Record::load(&file).map_err(|e| unreadable(&e));
            class.take(file, record, find, &mut replayer);
            progress(done + 1, of);
        }
        class.skipped.sort_by(|a, b| a.file.cmp(&b.file));
        Ok(class)
    }

    /// Records from somewhere other than a folder (the class server's
    /// database), each with the name it is listed under and the record or
    /// why it could not be read; summed up exactly as [`Class::gather`]
    /// sums up a folder.
    pub fn of_records(
        records: impl IntoIterator<Item = (PathBuf, Result<Record, String>)>,
        find: &dyn Fn(&str) -> Option<Arc<Scenario>>,
    ) -> Class {
        let mut class = Class::default();
        let mut replayer = Replayer::default();
        for (file, record) in records {
            class.take(file, record, find, &mut replayer);
        }
        class.skipped.sort_by(|a, b| a.file.cmp(&b.file));
        class
    }

    /// Replays one record and counts it, or lists it as skipped with why.
    pub fn take(
        &mut self,
        file: PathBuf,
        record: Result<Record, String>,
        find: &dyn Fn(&str) -> Option<Arc<Scenario>>,
        replayer: &mut Replayer,
    ) {
        let checked = record.and_then(|record| {
            let replayed = replayer.check(&record, find).map_err(|e| e.to_string())?;
            Ok((record, replayed))
        });
        match checked {
            Ok((record, replayed)) => {
                let entry = Entry::new(file, record, &replayed);
                self.add(entry, &replayed);
            }
            Err(reason) => self.skip(file, reason),
        }
    }

    /// Counts a meeting whose record [`Replayer::check`] accepted.
    pub fn add(&mut self, entry: Entry, replayed: &Replayed) {
        self.tally.add(&replayed.meeting, &replayed.report);
        self.entries.push(entry);
    }

    /// Lists a file or record that could not be counted.
    pub fn skip(&mut self, file: PathBuf, reason: String) {
        self.skipped.push(Skipped { file, reason });
    }

    pub fn summary(&self) -> Summary {
        Summary::of(self)
    }
}

/// Why a record could not be read, as a class report words it.
pub fn unreadable(e: &ReplayError) -> String {
    match e {
        ReplayError::File(f) => format!("not a session record: {f}"),
        ReplayError::Unsound {
            line: Some(line),
            what,
            ..
        } => format!("line {line}: {what}"),
        ReplayError::Unsound { what, .. } => what.clone(),
        other => other.to_string(),
    }
}

impl Entry {
    /// The numbers the report needs from a record that replayed as
    /// recorded; `file` is the name it is listed under.
    pub fn new(file: PathBuf, record: Record, replayed: &Replayed) -> Entry {
        let (meeting, report) = (&replayed.meeting, &replayed.report);
        let moves_by_several = record.moves.iter().any(|m| m.player.is_some());
        Entry {
            credits: if moves_by_several {
                workshop::credits_in(&record.players, &record.moves, meeting, report)
            } else {
                Vec::new()
            },
            alignment: workshop::alignment(&record.moves),
            members: if record.participants.is_empty() {
                Vec::new()
            } else {
                crate::engine::Meeting::new(meeting.scenario_arc().clone(), record.seed)
                    .map(|fresh| workshop::members(&record.participants, &record.moves, &fresh))
                    .unwrap_or_default()
            },
            fingerprint: export::fingerprint(&record),
            file,
            scenario: meeting.scenario_arc().clone(),
            seed: record.seed,
            score: report.score,
            success: report.success,
            facts_surfaced: report.facts_surfaced.len(),
            scenario_hash: record.scenario_hash,
            saved_at: record.saved_at,
            players: record.players,
        }
    }
}

/// A record played again, and the report it ended with.
#[derive(Debug)]
pub struct Replayed {
    pub meeting: Meeting,
    pub report: Report,
}

/// Why a record that was read cannot be counted.
#[derive(Debug, thiserror::Error)]
pub enum Unreplayable {
    /// Its scenario is not one `find` knows (for the class server: not
    /// one it serves).
    #[error("no scenario \"{id}\" in the library to replay it on (played with version {version})")]
    NoScenario { id: String, version: String },
    /// The scenario changed since, or the engine refused a move.
    #[error(transparent)]
    Replay(ReplayError),
    /// It replays, but not to the outcome it records: edited, or made by
    /// an engine that scores differently.
    #[error(
        "replaying it gives a different report (recorded {recorded} / 100, now {now} / 100); it was made by version {version}"
    )]
    Differs {
        recorded: u8,
        now: u8,
        version: String,
    },
}

/// Replays records and checks each ends as it records: the one check
/// behind `report` and the class server. It keeps a fresh meeting per
/// scenario and seed, so a class of many records costs little more than
/// their moves.
#[derive(Default)]
pub struct Replayer {
    stage: Stage,
}

impl Replayer {
    /// Plays `record` again on the scenario `find` gives for its id.
    pub fn check(
        &mut self,
        record: &Record,
        find: &dyn Fn(&str) -> Option<Arc<Scenario>>,
    ) -> Result<Replayed, Unreplayable> {
        let shown = |s: &str| crate::escape::terminal(s).into_owned();
        // The record's soundness check made sure the scenario is an id: a
        // path or `../` never reaches `find`.
        let scenario = find(&record.scenario).ok_or_else(|| Unreplayable::NoScenario {
            id: record.scenario.clone(),
            version: shown(&record.version),
        })?;
        let meeting = self
            .stage
            .replay(record, scenario)
            .map_err(Unreplayable::Replay)?;
        let report = meeting.report();
        if !record.matches_report(&report) {
            return Err(Unreplayable::Differs {
                recorded: record.outcome.score.total,
                now: report.score.total,
                version: shown(&record.version),
            });
        }
        Ok(Replayed { meeting, report })
    }
}

/// Fresh meetings by scenario and seed, and each scenario's hash, made
/// once for the whole class: a class is many records of few scenarios,
/// mostly with the same seed, and making a meeting (which checks its
/// scenario) costs far more than replaying one.
#[derive(Default)]
struct Stage {
    fresh: std::collections::HashMap<(String, u64), Meeting>,
    hashes: std::collections::HashMap<String, String>,
}

impl Stage {
    /// Meetings kept at most; past it, they are made again as needed.
    const KEPT: usize = 256;

    fn replay(&mut self, record: &Record, scenario: Arc<Scenario>) -> Result<Meeting, ReplayError> {
        let hash = self
            .hashes
            .entry(record.scenario.clone())
            .or_insert_with(|| crate::record::scenario_hash(&scenario))
            .clone();
        let key = (record.scenario.clone(), record.seed);
        if !self.fresh.contains_key(&key) {
            if record.scenario_hash != hash {
                // Not worth a meeting: the replay says why it is refused.
                return record.replay(scenario);
            }
            let m = Meeting::new(scenario, record.seed)?;
            if self.fresh.len() >= Self::KEPT {
                self.fresh.clear();
            }
            self.fresh.insert(key.clone(), m);
        }
        let fresh = &self.fresh[&key];
        record.replay_from(fresh, &hash)
    }
}

impl Tally {
    /// Counts one meeting: facts missed, traps taken (each once per
    /// meeting), and moves after which the room's safety fell.
    fn add(&mut self, meeting: &Meeting, report: &Report) {
        let s = meeting.scenario();
        for (fact, at) in meeting.fact_reveals() {
            if at.is_none() {
                *self
                    .missed
                    .entry((s.id.to_string(), fact.summary.clone()))
                    .or_insert(0) += 1;
            }
        }
        let mut taken: Vec<String> = meeting
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
            *self.traps.entry((s.id.to_string(), t)).or_insert(0) += 1;
        }
        let room = workshop::room_safety(report);
        for (i, p) in report.moves.iter().enumerate() {
            if let (Some(before), Some(after)) = (room.get(i), room.get(i + 1))
                && after < before
            {
                let fall = self
                    .falls
                    .entry((report.title.clone(), p.mv.label(s)))
                    .or_insert((0, 0));
                fall.0 += 1;
                fall.1 += i64::from(before - after);
            }
        }
    }
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
    pub fn of(class: &Class) -> Summary {
        let entries = &class.entries;
        let mut per_scenario: BTreeMap<String, usize> = BTreeMap::new();
        let mut titles: BTreeMap<String, String> = BTreeMap::new();
        for e in entries {
            *per_scenario.entry(e.scenario.id.to_string()).or_insert(0) += 1;
            titles
                .entry(e.scenario.id.to_string())
                .or_insert_with(|| e.scenario.title.clone());
        }
        let counted = |counts: &BTreeMap<(String, String), usize>| {
            top(counts
                .iter()
                .map(|((id, what), count)| Counted {
                    of: per_scenario.get(id).copied().unwrap_or(0),
                    scenario: titles.get(id).cloned().unwrap_or_else(|| id.clone()),
                    what: what.clone(),
                    count: *count,
                })
                .collect())
        };
        Summary {
            meetings: entries.len(),
            students: students(entries),
            distributions: distributions(entries),
            missed: counted(&class.tally.missed),
            traps: counted(&class.tally.traps),
            drops: drops(&class.tally.falls),
        }
    }
}

/// The total and each dimension: the columns of a class's tables.
pub(crate) const COLUMNS: usize = crate::engine::Dimension::ALL.len() + 1;

/// The total and every dimension of one meeting, named.
pub(crate) fn scores(s: &Score) -> [(&'static str, u8); COLUMNS] {
    let d = s.dimensions();
    std::array::from_fn(|i| if i == 0 { ("total", s.total) } else { d[i - 1] })
}

fn students(entries: &[Entry]) -> Vec<Student> {
    let mut by: BTreeMap<String, Vec<&Entry>> = BTreeMap::new();
    for e in entries {
        by.entry(e.student()).or_default().push(e);
    }
    by.into_iter()
        .map(|(name, es)| {
            let mut sums = [0u64; COLUMNS];
            for e in &es {
                for (i, (_, v)) in e.scores().iter().enumerate() {
                    sums[i] += u64::from(*v);
                }
            }
            let n = es.len().max(1) as f64;
            let means = scores(&es[0].score)
                .iter()
                .zip(sums)
                .map(|((dim, _), sum)| ((*dim).to_owned(), (sum as f64 / n) as f32))
                .collect();
            Student {
                name,
                meetings: es.len(),
                best_total: es.iter().map(|e| e.score.total).max().unwrap_or(0),
                means,
            }
        })
        .collect()
}

fn distributions(entries: &[Entry]) -> Vec<Distribution> {
    if entries.is_empty() {
        return Vec::new();
    }
    (0..COLUMNS)
        .map(|i| {
            let mut values: Vec<u8> = entries.iter().map(|e| e.scores()[i].1).collect();
            values.sort_unstable();
            let mut bands = [0u32; 10];
            for v in &values {
                let band = &mut bands[usize::from(*v / 10).min(9)];
                *band = band.saturating_add(1);
            }
            Distribution {
                name: scores(&entries[0].score)[i].0.to_owned(),
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

fn drops(falls: &BTreeMap<(String, String), (usize, i64)>) -> Vec<Drop> {
    let mut drops: Vec<Drop> = falls
        .iter()
        .map(|((scenario, what), (count, sum))| Drop {
            scenario: scenario.clone(),
            what: what.clone(),
            count: *count,
            mean_fall: (*sum as f64 / (*count).max(1) as f64) as f32,
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
