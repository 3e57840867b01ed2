//! Where records are kept: saving one under a name of its own in a class
//! folder (or, when that cannot be written, in the player's own records
//! folder), and listing the newest in a folder for the title screen.

use super::Record;
use crate::limits;
use std::path::{Path, PathBuf};

/// `ana-lopez-zero-that-was-eight-20261123-093000`: who, what, when, as
/// the stem of a file name. Only letters, digits and '-'; the name part is
/// cut to [`limits::NAME_IN_FILE_NAME`] bytes, so that with a counter and
/// `.json` it stays under [`limits::FILE_NAME_BYTES`] on every system.
pub fn file_stem(record: &Record) -> String {
    let who = if record.players.is_empty() {
        "unnamed".to_owned()
    } else {
        record.players.join("-")
    };
    let mut who = crate::save::slug(&who, limits::NAME_IN_FILE_NAME);
    if who.is_empty() {
        who = "unnamed".to_owned();
    }
    let what = crate::save::slug(&record.scenario, limits::ID_BYTES);
    let when: String = record
        .saved_at
        .as_deref()
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .take(14)
        .collect();
    let when = if when.len() == 14 {
        format!("{}-{}", &when[..8], &when[8..])
    } else {
        when
    };
    let stem = [who, what, when]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    crate::save::cut(&stem, limits::FILE_NAME_BYTES - 16).to_owned()
}

/// Saves a record into `dir` (created if need be) under a name of its own:
/// never over another file, even one saved by another student in the same
/// second under the same name. Returns the path written.
pub fn save_into(dir: &Path, record: &Record) -> std::io::Result<PathBuf> {
    let path = dir.join(format!("{}.json", file_stem(record)));
    crate::save::create_free(&path, &record.to_json())
}

/// Where a record was saved.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    pub path: PathBuf,
    /// Set when the record could not go where it was meant to and was
    /// kept in the fallback folder instead: why. Tell the player.
    pub instead: Option<String>,
}

impl Saved {
    /// A line for the player: where the meeting is.
    pub fn message(&self) -> String {
        match &self.instead {
            None => format!("Saved the record as {}.", self.path.display()),
            Some(why) => format!(
                "{why}; the record was kept in {} instead.",
                self.path.display()
            ),
        }
    }
}

/// Saves a finished meeting's record so that it is never lost: into
/// `folder` (the class folder), and when that cannot be written, into
/// `fallback` (the player's own records folder). `Err` only when neither
/// could be written; it says why for both.
pub fn keep(record: &Record, folder: &Path, fallback: Option<&Path>) -> Result<Saved, String> {
    let first = match save_into(folder, record) {
        Ok(path) => {
            return Ok(Saved {
                path,
                instead: None,
            });
        }
        Err(e) => format!("Could not save into {}: {e}", folder.display()),
    };
    let Some(fallback) = fallback.filter(|f| *f != folder) else {
        return Err(first);
    };
    match save_into(fallback, record) {
        Ok(path) => Ok(Saved {
            path,
            instead: Some(first),
        }),
        Err(e) => Err(format!("{first}; nor into {}: {e}", fallback.display())),
    }
}

/// One record file found in a folder.
#[derive(Debug)]
pub struct Listed {
    pub path: PathBuf,
    /// The record, or why it cannot be read (damaged, another format).
    pub record: Result<Record, String>,
}

/// The `n` most recently modified records in `dir` (not its sub-folders),
/// newest first, for the title screen. Only regular `.json` files no larger
/// than a record may be are opened: a FIFO, a device, a huge file or a
/// link to one is left out without blocking. A folder that cannot be read
/// gives an empty list.
pub fn newest(dir: &Path, n: usize) -> Vec<Listed> {
    let Ok(found) = crate::source::walk(
        dir,
        crate::source::Walk {
            extensions: &["json"],
            recurse: false,
            skip_hidden: true,
        },
    ) else {
        return Vec::new();
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = found
        .files
        .into_iter()
        .filter_map(|p| {
            let meta = crate::source::check(&p, crate::source::Limit::RECORD).ok()?;
            Some((meta.modified().unwrap_or(std::time::UNIX_EPOCH), p))
        })
        .collect();
    files.sort_by(|a, b| b.cmp(a));
    files
        .into_iter()
        .take(n)
        .map(|(_, path)| Listed {
            record: Record::load(&path).map_err(|e| e.to_string()),
            path,
        })
        .collect()
}
