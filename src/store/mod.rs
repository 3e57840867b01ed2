//! Files the game keeps between runs (settings, progress): written
//! atomically, never fatal when damaged, and never written over when
//! damaged. Plain Rust, no Bevy.

mod progress;
mod settings;

pub use progress::{Progress, ScenarioProgress};
pub use settings::{Settings, TextSpeed};

use crate::source::FileError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// What reading a kept file gave.
#[derive(Debug, PartialEq)]
pub enum KeptFile<T> {
    /// The file was there and sound.
    Read(T),
    /// No file yet: a first run.
    Fresh(T),
    /// The file was damaged (or not a regular file, or too large); it was
    /// moved aside so nothing is lost, and the game starts from defaults.
    SetAside {
        value: T,
        backup: PathBuf,
        reason: String,
    },
    /// The file was damaged and could not be moved aside: it is left as it
    /// is, and [`save`] will not write over it. The game starts from
    /// defaults and keeps nothing this time.
    Damaged { value: T, reason: String },
}

impl<T> KeptFile<T> {
    pub fn into_value(self) -> T {
        match self {
            KeptFile::Read(v) | KeptFile::Fresh(v) => v,
            KeptFile::SetAside { value, .. } | KeptFile::Damaged { value, .. } => value,
        }
    }

    /// A message for the player when something was set aside or damaged.
    pub fn warning(&self) -> Option<String> {
        match self {
            KeptFile::SetAside { backup, reason, .. } => Some(format!(
                "A saved file could not be read ({reason}); it was kept as {} and the game starts fresh.",
                backup.display()
            )),
            KeptFile::Damaged { reason, .. } => Some(format!(
                "A saved file could not be read ({reason}) nor moved aside; it is left untouched, and nothing will be saved over it."
            )),
            _ => None,
        }
    }
}

/// Why a kept file cannot be used; `None` when there is none yet.
fn read<T: DeserializeOwned>(path: &Path) -> Result<Option<T>, String> {
    let text = match crate::source::read_text(path, crate::source::Limit::KEPT) {
        Ok(text) => text,
        Err(FileError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            // A link to nothing is not a first run: it is set aside too.
            return match std::fs::symlink_metadata(path) {
                Err(_) => Ok(None),
                Ok(_) => Err("a symbolic link to nothing".to_owned()),
            };
        }
        Err(e) => return Err(e.to_string()),
    };
    parse(&text).map(Some)
}

/// A kept value from its text (a file's, or the browser's storage).
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    ron::from_str(text).map_err(|e| format!("line {}: {}", e.span.start.line, e.code))
}

/// A kept value as text, as [`save`] writes it.
pub fn text<T: Serialize>(value: &T) -> Result<String, String> {
    ron::ser::to_string_pretty(value, ron::ser::PrettyConfig::default()).map_err(|e| e.to_string())
}

/// Reads a RON file, or defaults. Never fails and never blocks: a damaged
/// file (or a FIFO, a device, a file over [`crate::limits::KEPT_BYTES`]) is
/// renamed to `<name>.corrupt-<n>` and reported.
pub fn load<T: DeserializeOwned + Default>(path: &Path) -> KeptFile<T> {
    match read(path) {
        Ok(Some(v)) => KeptFile::Read(v),
        Ok(None) => KeptFile::Fresh(T::default()),
        Err(reason) => match set_aside(path) {
            Ok(backup) => KeptFile::SetAside {
                value: T::default(),
                backup,
                reason,
            },
            Err(e) => KeptFile::Damaged {
                value: T::default(),
                reason: format!("{reason}; moving it aside failed: {e}"),
            },
        },
    }
}

/// Renames a damaged file to a free `<name>.corrupt-<n>`. The name itself
/// is moved (a link, not what it points to).
fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    for n in 1..=1_000 {
        let candidate = path.with_extension(format!("corrupt-{n}"));
        if std::fs::symlink_metadata(&candidate).is_err() {
            std::fs::rename(path, &candidate)?;
            return Ok(candidate);
        }
    }
    Err(std::io::Error::other(
        "1000 damaged copies are kept already",
    ))
}

/// Writes a RON file atomically (see [`crate::save::replace`]). A file
/// already there that cannot be read is set aside first, and if it cannot
/// be, nothing is written: a damaged file is never overwritten.
pub fn save<T: Serialize + DeserializeOwned>(path: &Path, value: &T) -> std::io::Result<()> {
    let text = text(value).map_err(std::io::Error::other)?;
    if let Err(reason) = read::<T>(path) {
        set_aside(path).map_err(|e| {
            std::io::Error::other(format!(
                "{} is damaged ({reason}) and could not be moved aside ({e}); not writing over it",
                path.display()
            ))
        })?;
    }
    crate::save::replace(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d =
            std::env::temp_dir().join(format!("second-story-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn saved_progress_reads_back() {
        let path = dir("roundtrip").join("progress.ron");
        let mut p = Progress::default();
        p.record("zero-that-was-eight", 73);
        p.record("zero-that-was-eight", 91);
        p.record("zero-that-was-eight", 60);
        save(&path, &p).unwrap();
        let KeptFile::Read(back) = load::<Progress>(&path) else {
            panic!("not read back")
        };
        let z = &back.scenarios["zero-that-was-eight"];
        assert_eq!((z.runs, z.best), (3, 91));
    }

    #[test]
    fn a_corrupt_file_is_set_aside_and_the_game_starts_fresh() {
        let d = dir("corrupt");
        let path = d.join("progress.ron");
        std::fs::write(&path, "(scenarios: {\"x\": (runs: 1, best: ").unwrap();
        let loaded = load::<Progress>(&path);
        assert!(loaded.warning().is_some_and(|w| w.contains("corrupt-1")));
        let KeptFile::SetAside { value, backup, .. } = loaded else {
            panic!("not set aside")
        };
        assert_eq!(value, Progress::default());
        assert!(
            backup.exists() && !path.exists(),
            "the damaged file is kept, not deleted"
        );
        // Saving afterwards works and does not touch the backup.
        save(&path, &value).unwrap();
        assert!(matches!(load::<Progress>(&path), KeptFile::Read(_)));
        assert!(backup.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_a_link_to_a_device_is_set_aside_without_waiting() {
        let d = dir("special");
        let path = d.join("progress.ron");
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        let loaded = load::<Progress>(&path);
        assert!(
            matches!(&loaded, KeptFile::SetAside { reason, .. } if reason.contains("a device")),
            "{loaded:?}"
        );
        save(&path, &Progress::default()).unwrap();
        assert!(std::fs::symlink_metadata(&path).unwrap().is_file());
        let settings = d.join("settings.ron");
        let made = std::process::Command::new("mkfifo").arg(&settings).status();
        if made.is_ok_and(|s| s.success()) {
            let loaded = load::<Settings>(&settings);
            assert!(
                loaded.warning().is_some_and(|w| w.contains("FIFO")),
                "{loaded:?}"
            );
        }
    }

    #[test]
    fn a_damaged_file_that_cannot_be_set_aside_is_never_overwritten() {
        let d = dir("stuck");
        let path = d.join("progress.ron");
        std::fs::write(&path, "(scenarios: {\"x\": (runs: 1, best: ").unwrap();
        // Every backup name taken: setting aside fails.
        for n in 1..=1_000 {
            std::fs::write(path.with_extension(format!("corrupt-{n}")), "").unwrap();
        }
        let loaded = load::<Progress>(&path);
        assert!(matches!(loaded, KeptFile::Damaged { .. }), "{loaded:?}");
        assert!(
            loaded
                .warning()
                .is_some_and(|w| w.contains("left untouched"))
        );
        assert!(save(&path, &Progress::default()).is_err());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "(scenarios: {\"x\": (runs: 1, best: ",
            "the damaged file is as it was"
        );
    }

    #[test]
    fn counts_in_a_hand_edited_file_do_not_overflow() {
        let mut p: Progress =
            ron::from_str("(scenarios: {\"x\": (runs: 4294967295, best: 50)})").unwrap();
        assert!(!p.record("x", 40));
        assert_eq!(p.scenarios["x"].runs, u32::MAX);
    }

    #[test]
    fn a_missing_file_is_a_first_run() {
        let path = dir("missing").join("settings.ron");
        assert_eq!(
            load::<Settings>(&path),
            KeptFile::Fresh(Settings::default())
        );
    }
}
