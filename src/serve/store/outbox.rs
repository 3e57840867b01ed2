//! The outbox: xAPI statements waiting for the learning record store,
//! kept with the meeting they describe until the store takes them.

use super::{Store, StoreError};
use rusqlite::{OptionalExtension, params};

/// Statements waiting to be sent.
#[derive(Clone, Debug)]
pub struct Outgoing {
    pub id: i64,
    pub meeting: i64,
    pub statements: String,
    pub attempts: i64,
}

/// The outbox at a glance.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Outbox {
    /// Meetings whose statements are waiting.
    pub waiting: i64,
    /// Meetings whose statements the LRS took.
    pub sent: i64,
    /// The latest failure of a meeting still waiting.
    pub last_error: Option<String>,
}

impl Store {
    /// Statements due to be sent (`next_try` passed), oldest first.
    pub fn outbox_due(&self, now: i64, limit: usize) -> Result<Vec<Outgoing>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, meeting, statements, attempts FROM outbox
                 WHERE sent_at IS NULL AND next_try <= ?1 ORDER BY id LIMIT ?2",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![now, limit as i64], |r| {
                Ok(Outgoing {
                    id: r.get(0)?,
                    meeting: r.get(1)?,
                    statements: r.get(2)?,
                    attempts: r.get(3)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// When the next waiting statement is due, if any waits.
    pub fn outbox_next(&self) -> Result<Option<i64>, StoreError> {
        self.conn
            .query_row(
                "SELECT MIN(next_try) FROM outbox WHERE sent_at IS NULL",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// The LRS took them.
    pub fn outbox_sent(&self, id: i64) -> Result<(), StoreError> {
        let at = crate::record::timestamp(std::time::SystemTime::now());
        self.conn
            .execute(
                "UPDATE outbox SET sent_at = ?2, attempts = attempts + 1, last_error = NULL
                 WHERE id = ?1",
                params![id, at],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// A try failed: why, and when to try again.
    pub fn outbox_failed(&self, id: i64, next_try: i64, error: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE outbox SET attempts = attempts + 1, next_try = ?2, last_error = ?3
                 WHERE id = ?1",
                params![id, next_try, error],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// How many wait, how many went, and the latest failure.
    pub fn outbox(&self) -> Result<Outbox, StoreError> {
        let (waiting, sent): (i64, i64) = self
            .conn
            .query_row(
                "SELECT COUNT(*) FILTER (WHERE sent_at IS NULL),
                        COUNT(*) FILTER (WHERE sent_at IS NOT NULL) FROM outbox",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.err(e))?;
        let last_error = self
            .conn
            .query_row(
                "SELECT last_error FROM outbox WHERE sent_at IS NULL AND last_error IS NOT NULL
                 ORDER BY attempts DESC, id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        Ok(Outbox {
            waiting,
            sent,
            last_error,
        })
    }
}
