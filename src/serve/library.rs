//! The scenarios a class server serves: the same files and the same
//! checks as `second-story validate --quick`, read once at start so that a
//! file edited during a class cannot turn the meetings being played into
//! records of a scenario that no longer exists.

use crate::scenario::{self, Scenario, Unplayable};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One scenario served.
#[derive(Debug)]
pub struct Served {
    pub scenario: Arc<Scenario>,
    /// [`crate::record::scenario_hash`] of it: what a record of it names.
    pub hash: String,
    /// The file's text, served as it is.
    pub source: String,
    pub file: PathBuf,
}

/// Every scenario served, in curriculum order, and the files left out.
#[derive(Debug, Default)]
pub struct Library {
    pub served: Vec<Served>,
    by_id: HashMap<String, usize>,
    /// Files that are not served, and why (printed at start).
    pub refused: Vec<(PathBuf, String)>,
}

/// A summary of one scenario, for the game's picker.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Listed {
    pub id: String,
    pub title: String,
    pub difficulty: u8,
    pub lesson: String,
    pub hash: String,
    pub minutes: u16,
    /// Where its file is.
    pub url: String,
}

impl Library {
    /// Reads the `.ron` files in each folder (the first one to declare an
    /// id wins); a file with an error is left out, with why.
    pub fn load(folders: &[PathBuf]) -> Library {
        let mut lib = Library::default();
        for folder in folders {
            let found = match scenario::list_scenarios(folder) {
                Ok(found) => found,
                Err(e) => {
                    lib.refused.push((folder.clone(), e.to_string()));
                    continue;
                }
            };
            lib.refused.extend(found.refused);
            for file in found.files {
                match valid(&file) {
                    Ok(s) => lib.add(s),
                    Err(why) => lib.refused.push((file, why)),
                }
            }
        }
        // Curriculum order, as `list` and the picker show it.
        lib.served.sort_by_key(|s| s.scenario.difficulty);
        lib.by_id = lib
            .served
            .iter()
            .enumerate()
            .map(|(i, s)| (s.scenario.id.to_string(), i))
            .collect();
        lib
    }

    fn add(&mut self, s: Served) {
        let id = s.scenario.id.to_string();
        if let Some(first) = self.served.iter().find(|o| o.scenario.id.as_str() == id) {
            let why = format!(
                "the id \"{id}\" is served from {} already",
                crate::source::name(&first.file)
            );
            self.refused.push((s.file, why));
            return;
        }
        self.served.push(s);
    }

    pub fn get(&self, id: &str) -> Option<&Served> {
        self.by_id.get(id).map(|i| &self.served[*i])
    }

    /// The scenario with this id, for replaying records.
    pub fn find(&self, id: &str) -> Option<Arc<Scenario>> {
        self.get(id).map(|s| s.scenario.clone())
    }

    pub fn list(&self) -> Vec<Listed> {
        self.served
            .iter()
            .map(|s| {
                let sc = &s.scenario;
                Listed {
                    id: sc.id.to_string(),
                    title: sc.title.clone(),
                    difficulty: sc.difficulty,
                    lesson: sc.lesson.clone(),
                    hash: s.hash.clone(),
                    minutes: sc.brief.minutes,
                    url: format!("/api/scenarios/{}", sc.id),
                }
            })
            .collect()
    }
}

/// A scenario file that loads and has no error (warnings are fine, as in
/// `validate --quick`).
fn valid(file: &Path) -> Result<Served, String> {
    let loaded = scenario::load_valid_file(file).map_err(|e| match e {
        Unplayable::Load(e) => e.to_string(),
        Unplayable::Invalid { errors, .. } => {
            let first = match errors[0].line {
                Some(line) => format!("line {line}: {}", errors[0]),
                None => errors[0].to_string(),
            };
            format!(
                "{} error(s), the first: {first}; see `second-story validate {}`",
                errors.len(),
                crate::source::name(file)
            )
        }
    })?;
    let hash = crate::record::scenario_hash(&loaded.scenario);
    Ok(Served {
        scenario: Arc::new(loaded.scenario),
        hash,
        source: loaded.source,
        file: file.to_owned(),
    })
}
