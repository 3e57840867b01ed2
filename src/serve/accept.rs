//! Taking in a finished meeting: the record is read with the same checks
//! as a record file, replayed on the scenario this server serves (same id,
//! same content hash) and must end as it says it did; only then is it
//! stored, and it is acknowledged once stored.

use super::App;
use super::http::Refusal;
use super::store::NewMeeting;
use crate::class::{Entry, Unreplayable};
use crate::engine::{Score, Success};
use crate::record::{Record, ReplayError};
use axum::http::StatusCode;

/// A meeting taken in.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Accepted {
    /// Its number in the database.
    pub meeting: i64,
    /// The same record had been taken in before; nothing new was stored.
    pub duplicate: bool,
    pub student: String,
    pub scenario: String,
    pub title: String,
    pub score: Score,
    pub success: Success,
    pub facts_surfaced: usize,
    pub facts_total: usize,
    pub received_at: String,
}

/// Why a record is refused: the status, a code and the reason.
fn refusal(status: StatusCode, code: &'static str, message: String) -> Refusal {
    Refusal::new(status, code, message)
}

impl App {
    /// Reads, checks, stores and counts one record. `player` is the token
    /// of the hello it comes with, if any; `from` names the sender in the
    /// log.
    pub(crate) fn accept(
        &self,
        text: &str,
        player: Option<&str>,
        from: &str,
    ) -> Result<Accepted, Refusal> {
        let result = self.take(text, player);
        match &result {
            Ok(a) if a.duplicate => (self.log)(&format!(
                "{from}: meeting {} sent again by {}; kept once",
                a.meeting,
                crate::escape::terminal(&a.student)
            )),
            Ok(a) => (self.log)(&format!(
                "{from}: meeting {} accepted: {}, {}, {} / 100",
                a.meeting,
                crate::escape::terminal(&a.student),
                a.scenario,
                a.score.total
            )),
            Err(r) => (self.log)(&format!(
                "{from}: record refused ({}): {}",
                r.code,
                crate::escape::terminal(&r.message)
            )),
        }
        result
    }

    fn take(&self, text: &str, player: Option<&str>) -> Result<Accepted, Refusal> {
        let record = Record::parse(text, "the record").map_err(|e| match e {
            ReplayError::File(_) => refusal(
                StatusCode::BAD_REQUEST,
                "malformed",
                crate::class::unreadable(&e),
            ),
            ReplayError::Format { .. } => {
                refusal(StatusCode::UNPROCESSABLE_ENTITY, "format", e.to_string())
            }
            _ => refusal(
                StatusCode::UNPROCESSABLE_ENTITY,
                "unsound",
                crate::class::unreadable(&e),
            ),
        })?;
        if record.players.iter().all(|p| p.trim().is_empty()) {
            return Err(refusal(
                StatusCode::UNPROCESSABLE_ENTITY,
                "no-student",
                "the record names no player; a class record says who played it".into(),
            ));
        }
        let replayed = {
            let mut live = self.live.lock().map_err(|_| broken())?;
            live.check(&record, &self.find()).map_err(|e| {
                let message = e.to_string();
                match e {
                    Unreplayable::NoScenario { .. } => refusal(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "unknown-scenario",
                        format!("{message}; this server serves {}", self.served_ids()),
                    ),
                    Unreplayable::Replay(ReplayError::ScenarioChanged { .. }) => {
                        refusal(StatusCode::CONFLICT, "scenario-changed", message)
                    }
                    Unreplayable::Replay(_) => {
                        refusal(StatusCode::UNPROCESSABLE_ENTITY, "refused-move", message)
                    }
                    Unreplayable::Differs { .. } => {
                        refusal(StatusCode::UNPROCESSABLE_ENTITY, "outcome-differs", message)
                    }
                }
            })?
        };
        let received_at = crate::record::timestamp(std::time::SystemTime::now());
        let mut entry = Entry::new(std::path::PathBuf::new(), record.clone(), &replayed);
        let statements = self.lrs.as_ref().map(|_| {
            serde_json::to_string(&crate::class::statements_of(&entry)).unwrap_or_default()
        });
        let student = entry.student();
        let fingerprint = {
            let (a, b) = entry.fingerprint;
            format!("{a:016x}{b:016x}")
        };
        let stored = {
            let mut store = self.store.lock().map_err(|_| broken())?;
            store.add_meeting(&NewMeeting {
                class: &self.class,
                student: &student,
                record: &record,
                text,
                total: replayed.report.score.total,
                received_at: &received_at,
                player,
                fingerprint: &fingerprint,
                statements,
            })
        }
        .map_err(|e| {
            refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                "not-stored",
                format!("the record could not be stored ({e}); it was not kept: send it again"),
            )
        })?;
        let scenario = entry.scenario.clone();
        let accepted = Accepted {
            meeting: stored.id,
            duplicate: stored.duplicate,
            student,
            scenario: scenario.id.to_string(),
            title: scenario.title.clone(),
            score: entry.score,
            success: entry.success,
            facts_surfaced: entry.facts_surfaced,
            facts_total: scenario.facts.len(),
            received_at: received_at.clone(),
        };
        if !stored.duplicate {
            entry.file = format!("{}#{}", self.data_name, stored.id).into();
            if let Ok(mut live) = self.live.lock() {
                live.add(stored.id, received_at, entry, &replayed);
            }
            if let Some((_, sender)) = &self.lrs {
                sender.ring();
            }
        }
        Ok(accepted)
    }

    fn served_ids(&self) -> String {
        let ids: Vec<String> = self
            .library
            .served
            .iter()
            .map(|s| s.scenario.id.to_string())
            .collect();
        if ids.is_empty() {
            "no scenario".into()
        } else {
            ids.join(", ")
        }
    }
}

/// A lock poisoned by a panic elsewhere: the server cannot go on safely.
fn broken() -> Refusal {
    Refusal::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "server-error",
        "the server hit an internal error; the record was not kept: send it again",
    )
}
