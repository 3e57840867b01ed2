//! The class database: one SQLite file holding who said hello, every
//! accepted meeting's record, and the statements waiting for a learning
//! record store. A record is acknowledged only once the transaction that
//! stores it has committed (WAL journal, `synchronous = FULL`: a commit
//! that returned is on disk, a crash at any moment loses nothing
//! acknowledged). The tables are described in docs/serve.md.

use crate::record::Record;
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};
use std::path::{Path, PathBuf};

mod outbox;
pub use outbox::{Outbox, Outgoing};

/// The layout this version writes; a database of another is refused.
const SCHEMA: i64 = 1;

/// The first 16 bytes of every SQLite database file.
const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Why the database cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{file}: {source}")]
    Sqlite {
        file: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{file}: {what}")]
    Unusable { file: String, what: String },
}

/// The class database, open.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// Whether `path` is an SQLite database (by its first bytes): `report`
/// takes a database where it otherwise takes a folder.
pub fn is_database(path: &Path) -> bool {
    use std::io::Read;
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == MAGIC
}

/// Now, in seconds since 1970.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Someone who said hello.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Player {
    #[serde(skip)]
    pub id: i64,
    /// What their game sends back with progress and records.
    #[serde(rename = "player")]
    pub token: String,
    pub name: String,
    pub class: String,
    pub scenario: Option<String>,
    pub started_at: String,
}

/// Where a player's meeting stands, as their game last said.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// The meeting's minute.
    #[serde(default)]
    pub minute: Option<u16>,
    /// The phase, as the game names it.
    #[serde(default)]
    pub phase: Option<String>,
    #[serde(default)]
    pub moves: Option<u32>,
    #[serde(default)]
    pub facts: Option<u32>,
}

/// One student playing now: said hello or sent progress lately, and has
/// not uploaded since.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Playing {
    pub name: String,
    pub scenario: Option<String>,
    pub started_at: String,
    /// Seconds since 1970 of their last hello or progress.
    pub last_seen: i64,
    pub progress: Option<Progress>,
    /// Meetings they have uploaded with this hello.
    pub finished: i64,
}

/// A meeting to store, checked already.
pub struct NewMeeting<'a> {
    pub class: &'a str,
    pub student: &'a str,
    pub record: &'a Record,
    /// The record's text as it arrived.
    pub text: &'a str,
    pub total: u8,
    pub received_at: &'a str,
    /// The hello it came with, if any.
    pub player: Option<&'a str>,
    /// A hash of the record, to find the same record sent again.
    pub fingerprint: &'a str,
    /// The statements for the LRS, queued in the same transaction.
    pub statements: Option<String>,
}

/// What storing a meeting did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stored {
    pub id: i64,
    /// The very same record was stored before (a game that sent it again
    /// because the answer was lost): nothing new was written.
    pub duplicate: bool,
}

/// A stored meeting.
#[derive(Clone, Debug)]
pub struct Meeting {
    pub id: i64,
    pub class: String,
    pub student: String,
    pub received_at: String,
    pub record: String,
}

impl Store {
    /// Opens the class database, creating it (readable by its owner only)
    /// when there is none.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let fresh = !path.exists();
        let store = Store::open_with(path, OpenFlags::default(), true)?;
        #[cfg(unix)]
        if fresh {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        }
        #[cfg(not(unix))]
        let _ = fresh;
        Ok(store)
    }

    /// Opens an existing class database to read it (for `report`): never
    /// creates one, nor a table in one.
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        let mut flags = OpenFlags::default();
        flags.remove(OpenFlags::SQLITE_OPEN_CREATE);
        Store::open_with(path, flags, false)
    }

    fn open_with(path: &Path, flags: OpenFlags, create: bool) -> Result<Store, StoreError> {
        if path.exists() && !is_database(path) {
            let empty = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0);
            if !empty {
                return Err(StoreError::Unusable {
                    file: crate::source::name(path),
                    what: "not an SQLite database; name a new file, or a class database made by `second-story serve`".into(),
                });
            }
        }
        let conn =
            Connection::open_with_flags(path, flags).map_err(|source| StoreError::Sqlite {
                file: crate::source::name(path),
                source,
            })?;
        let store = Store {
            conn,
            path: path.to_owned(),
        };
        store.prepare(create)?;
        Ok(store)
    }

    fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            file: crate::source::name(&self.path),
            source,
        }
    }

    /// The journal, the durability and (when `create`) the tables.
    fn prepare(&self, create: bool) -> Result<(), StoreError> {
        let c = &self.conn;
        c.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(|e| self.err(e))?;
        let has_meta: bool = c
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map_err(|e| self.err(e))?
            > 0;
        if !create && !has_meta {
            return Err(StoreError::Unusable {
                file: crate::source::name(&self.path),
                what: "an SQLite database, but not a class database made by `second-story serve`"
                    .into(),
            });
        }
        let mode: String = c
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Unusable {
                file: crate::source::name(&self.path),
                what: format!("the database cannot use a write-ahead log (journal mode {mode})"),
            });
        }
        c.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
            .map_err(|e| self.err(e))?;
        if create {
            c.execute_batch(
                "CREATE TABLE IF NOT EXISTS meta (
                     key TEXT PRIMARY KEY,
                     value TEXT NOT NULL
                 );
                 CREATE TABLE IF NOT EXISTS players (
                     id INTEGER PRIMARY KEY,
                     token TEXT NOT NULL UNIQUE,
                     class TEXT NOT NULL,
                     name TEXT NOT NULL,
                     scenario TEXT,
                     started_at TEXT NOT NULL,
                     last_seen INTEGER NOT NULL,
                     progress TEXT,
                     last_upload INTEGER
                 );
                 CREATE INDEX IF NOT EXISTS players_by_class ON players (class, last_seen);
                 CREATE TABLE IF NOT EXISTS meetings (
                     id INTEGER PRIMARY KEY,
                     class TEXT NOT NULL,
                     student TEXT NOT NULL,
                     scenario TEXT NOT NULL,
                     scenario_hash TEXT NOT NULL,
                     total INTEGER NOT NULL,
                     received_at TEXT NOT NULL,
                     player INTEGER REFERENCES players (id),
                     fingerprint TEXT NOT NULL,
                     record TEXT NOT NULL
                 );
                 CREATE INDEX IF NOT EXISTS meetings_by_class ON meetings (class, id);
                 CREATE INDEX IF NOT EXISTS meetings_by_fingerprint ON meetings (fingerprint);
                 CREATE TABLE IF NOT EXISTS outbox (
                     id INTEGER PRIMARY KEY,
                     meeting INTEGER NOT NULL REFERENCES meetings (id),
                     statements TEXT NOT NULL,
                     queued_at TEXT NOT NULL,
                     attempts INTEGER NOT NULL DEFAULT 0,
                     next_try INTEGER NOT NULL DEFAULT 0,
                     last_error TEXT,
                     sent_at TEXT
                 );
                 CREATE INDEX IF NOT EXISTS outbox_waiting ON outbox (sent_at, next_try);
                 CREATE TABLE IF NOT EXISTS rooms (
                     code TEXT NOT NULL,
                     class TEXT NOT NULL,
                     opened_at INTEGER NOT NULL,
                     updated_at INTEGER NOT NULL,
                     ledger TEXT NOT NULL,
                     PRIMARY KEY (code, opened_at)
                 );
                 INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', '1');",
            )
            .map_err(|e| self.err(e))?;
        }
        let schema: String = c
            .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
                r.get(0)
            })
            .map_err(|e| self.err(e))?;
        if schema.parse::<i64>().ok() != Some(SCHEMA) {
            return Err(StoreError::Unusable {
                file: crate::source::name(&self.path),
                what: format!(
                    "a class database of layout {schema}; this version reads layout {SCHEMA}"
                ),
            });
        }
        Ok(())
    }

    /// A workshop room's ledger (who joined, the closed votes, the lines)
    /// as JSON, replacing what was kept of the same room before. A room's
    /// code may come back on another day: `opened_at` tells them apart.
    pub fn keep_room(
        &self,
        code: &str,
        class: &str,
        opened_at: i64,
        ledger: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO rooms (code, class, opened_at, updated_at, ledger) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (code, opened_at) DO UPDATE SET updated_at = ?4, ledger = ?5",
                params![code, class, opened_at, now, ledger],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Every kept room ledger of a class, oldest first: (code, JSON).
    pub fn room_ledgers(&self, class: &str) -> Result<Vec<(String, String)>, StoreError> {
        let mut q = self
            .conn
            .prepare("SELECT code, ledger FROM rooms WHERE class = ?1 ORDER BY opened_at, code")
            .map_err(|e| self.err(e))?;
        let rows = q
            .query_map([class], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// A value kept in the database, made by `make` the first time.
    pub fn kept(
        &self,
        key: &str,
        make: impl FnOnce() -> std::io::Result<String>,
    ) -> Result<String, StoreError> {
        let found: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))?;
        if let Some(v) = found {
            return Ok(v);
        }
        let value = make().map_err(|e| StoreError::Unusable {
            file: crate::source::name(&self.path),
            what: e.to_string(),
        })?;
        self.conn
            .execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)",
                params![key, value],
            )
            .map_err(|e| self.err(e))?;
        Ok(value)
    }

    /// Someone starts playing (or is back at the picker).
    pub fn hello(
        &self,
        class: &str,
        name: &str,
        scenario: Option<&str>,
        token: &str,
        now: i64,
    ) -> Result<Player, StoreError> {
        let started_at = crate::record::timestamp(std::time::SystemTime::now());
        self.conn
            .execute(
                "INSERT INTO players (token, class, name, scenario, started_at, last_seen)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![token, class, name, scenario, started_at, now],
            )
            .map_err(|e| self.err(e))?;
        Ok(Player {
            id: self.conn.last_insert_rowid(),
            token: token.to_owned(),
            name: name.to_owned(),
            class: class.to_owned(),
            scenario: scenario.map(str::to_owned),
            started_at,
        })
    }

    /// How many have said hello in a class.
    pub fn players_in(&self, class: &str) -> Result<i64, StoreError> {
        self.conn
            .query_row(
                "SELECT COUNT(*) FROM players WHERE class = ?1",
                [class],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// A player's game says where it is; `false` when no such player.
    pub fn progress(
        &self,
        token: &str,
        scenario: Option<&str>,
        progress: &Progress,
        now: i64,
    ) -> Result<bool, StoreError> {
        let json = serde_json::to_string(progress).unwrap_or_default();
        let changed = self
            .conn
            .execute(
                "UPDATE players SET last_seen = ?2, progress = ?3,
                     scenario = COALESCE(?4, scenario)
                 WHERE token = ?1",
                params![token, now, json, scenario],
            )
            .map_err(|e| self.err(e))?;
        Ok(changed > 0)
    }

    /// Whether a token belongs to a player.
    pub fn player(&self, token: &str) -> Result<Option<Player>, StoreError> {
        self.conn
            .query_row(
                "SELECT id, token, name, class, scenario, started_at FROM players WHERE token = ?1",
                [token],
                |r| {
                    Ok(Player {
                        id: r.get(0)?,
                        token: r.get(1)?,
                        name: r.get(2)?,
                        class: r.get(3)?,
                        scenario: r.get(4)?,
                        started_at: r.get(5)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Who in `class` has said hello or sent progress since `since` and
    /// has not uploaded a meeting after that.
    pub fn playing(&self, class: &str, since: i64) -> Result<Vec<Playing>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT p.name, p.scenario, p.started_at, p.last_seen, p.progress,
                        (SELECT COUNT(*) FROM meetings m WHERE m.player = p.id)
                 FROM players p
                 WHERE p.class = ?1 AND p.last_seen >= ?2
                   AND (p.last_upload IS NULL OR p.last_seen > p.last_upload)
                 ORDER BY p.name, p.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![class, since], |r| {
                let progress: Option<String> = r.get(4)?;
                Ok(Playing {
                    name: r.get(0)?,
                    scenario: r.get(1)?,
                    started_at: r.get(2)?,
                    last_seen: r.get(3)?,
                    progress: progress.and_then(|p| serde_json::from_str(&p).ok()),
                    finished: r.get(5)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Stores a checked meeting, and its statements for the LRS, in one
    /// transaction; returns once it has committed. The very same record
    /// sent again is not stored twice.
    pub fn add_meeting(&mut self, m: &NewMeeting) -> Result<Stored, StoreError> {
        let now = unix_now();
        let path = crate::source::name(&self.path);
        let err = |source| StoreError::Sqlite {
            file: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        // The fingerprint finds candidates; the record itself decides.
        let same: Vec<(i64, String)> = {
            let mut stmt = tx
                .prepare("SELECT id, record FROM meetings WHERE fingerprint = ?1 AND class = ?2")
                .map_err(err)?;
            let rows = stmt
                .query_map(params![m.fingerprint, m.class], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .map_err(err)?;
            rows.collect::<Result<_, _>>().map_err(err)?
        };
        for (id, text) in same {
            if Record::parse(&text, "stored").is_ok_and(|r| r == *m.record) {
                return Ok(Stored {
                    id,
                    duplicate: true,
                });
            }
        }
        let player: Option<i64> = match m.player {
            Some(token) => tx
                .query_row("SELECT id FROM players WHERE token = ?1", [token], |r| {
                    r.get(0)
                })
                .optional()
                .map_err(err)?,
            None => None,
        };
        tx.execute(
            "INSERT INTO meetings (class, student, scenario, scenario_hash, total, received_at,
                                   player, fingerprint, record)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                m.class,
                m.student,
                m.record.scenario,
                m.record.scenario_hash,
                m.total,
                m.received_at,
                player,
                m.fingerprint,
                m.text
            ],
        )
        .map_err(err)?;
        let id = tx.last_insert_rowid();
        if let Some(statements) = &m.statements {
            tx.execute(
                "INSERT INTO outbox (meeting, statements, queued_at) VALUES (?1, ?2, ?3)",
                params![id, statements, m.received_at],
            )
            .map_err(err)?;
        }
        if let Some(player) = player {
            tx.execute(
                "UPDATE players SET last_upload = ?2, last_seen = MAX(last_seen, ?2) WHERE id = ?1",
                params![player, now],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)?;
        Ok(Stored {
            id,
            duplicate: false,
        })
    }

    /// The stored meetings, oldest first: of one class, or of all.
    pub fn meetings(&self, class: Option<&str>) -> Result<Vec<Meeting>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {MEETING_COLUMNS} FROM meetings WHERE ?1 IS NULL OR class = ?1 ORDER BY id"
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([class], meeting_row)
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// One stored meeting's record, as it arrived.
    pub fn record(&self, id: i64) -> Result<Option<Meeting>, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {MEETING_COLUMNS} FROM meetings WHERE id = ?1"),
                [id],
                meeting_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The classes in the database, each with its number of meetings.
    pub fn classes(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT class, COUNT(*) FROM meetings GROUP BY class ORDER BY class")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}

/// The columns `meeting_row` reads, in its order.
const MEETING_COLUMNS: &str = "id, class, student, received_at, record";

/// A stored meeting from a row selected with `MEETING_COLUMNS`.
fn meeting_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Meeting> {
    Ok(Meeting {
        id: r.get(0)?,
        class: r.get(1)?,
        student: r.get(2)?,
        received_at: r.get(3)?,
        record: r.get(4)?,
    })
}

#[cfg(test)]
mod tests;
