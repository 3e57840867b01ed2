//! Progress for self-paced practice: runs and best score per scenario.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Progress {
    pub scenarios: BTreeMap<String, ScenarioProgress>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScenarioProgress {
    pub runs: u32,
    pub best: u8,
}

impl Progress {
    /// A finished meeting. Returns true for a new best score.
    pub fn record(&mut self, scenario: &str, total: u8) -> bool {
        let entry = self.scenarios.entry(scenario.to_owned()).or_default();
        entry.runs = entry.runs.saturating_add(1);
        let best = entry.runs == 1 || total > entry.best;
        entry.best = entry.best.max(total);
        best
    }

    pub fn best(&self, scenario: &str) -> Option<u8> {
        self.scenarios.get(scenario).map(|p| p.best)
    }
}
