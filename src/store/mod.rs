//! Files the game keeps between runs (settings, progress): written
//! atomically, and never fatal when damaged. Plain Rust, no Bevy.

mod progress;
mod settings;

pub use progress::{Progress, ScenarioProgress};
pub use settings::{Settings, TextSpeed};

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What reading a kept file gave.
#[derive(Debug, PartialEq)]
pub enum Loaded<T> {
    /// The file was there and sound.
    Read(T),
    /// No file yet: a first run.
    Fresh(T),
    /// The file was damaged; it was moved aside so nothing is lost, and the
    /// game starts from defaults.
    SetAside {
        value: T,
        backup: PathBuf,
        reason: String,
    },
}

impl<T> Loaded<T> {
    pub fn into_value(self) -> T {
        match self {
            Loaded::Read(v) | Loaded::Fresh(v) => v,
            Loaded::SetAside { value, .. } => value,
        }
    }

    /// A message for the player when something was set aside.
    pub fn warning(&self) -> Option<String> {
        match self {
            Loaded::SetAside { backup, reason, .. } => Some(format!(
                "A saved file could not be read ({reason}); it was kept as {} and the game starts fresh.",
                backup.display()
            )),
            _ => None,
        }
    }
}

/// Reads a RON file, or defaults. Never fails: a damaged file is renamed
/// to `<name>.corrupt-<n>` and reported.
pub fn load<T: DeserializeOwned + Default>(path: &Path) -> Loaded<T> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Loaded::Fresh(T::default()),
        Err(e) => return set_aside(path, e.to_string()),
    };
    match ron::from_str(&text) {
        Ok(v) => Loaded::Read(v),
        Err(e) => set_aside(path, format!("line {}: {}", e.span.start.line, e.code)),
    }
}

fn set_aside<T: Default>(path: &Path, reason: String) -> Loaded<T> {
    let mut n = 1;
    let backup = loop {
        let candidate = path.with_extension(format!("corrupt-{n}"));
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    let backup = match std::fs::rename(path, &backup) {
        Ok(()) => backup,
        Err(_) => path.to_owned(),
    };
    Loaded::SetAside {
        value: T::default(),
        backup,
        reason,
    }
}

/// Writes a RON file atomically: a temporary file in the same folder, synced,
/// then renamed over the old one. A crash leaves the old file or the new one,
/// never half of either.
pub fn save<T: Serialize>(path: &Path, value: &T) -> std::io::Result<()> {
    let text = ron::ser::to_string_pretty(value, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    let mut file = std::fs::File::create(&tmp)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&tmp, path)
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
        let Loaded::Read(back) = load::<Progress>(&path) else {
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
        let Loaded::SetAside { value, backup, .. } = loaded else {
            panic!("not set aside")
        };
        assert_eq!(value, Progress::default());
        assert!(
            backup.exists() && !path.exists(),
            "the damaged file is kept, not deleted"
        );
        // Saving afterwards works and does not touch the backup.
        save(&path, &value).unwrap();
        assert!(matches!(load::<Progress>(&path), Loaded::Read(_)));
        assert!(backup.exists());
    }

    #[test]
    fn a_missing_file_is_a_first_run() {
        let path = dir("missing").join("settings.ron");
        assert_eq!(load::<Settings>(&path), Loaded::Fresh(Settings::default()));
    }
}
