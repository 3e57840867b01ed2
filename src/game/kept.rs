//! What the game keeps between runs: the settings and the player's
//! progress. Where they live (files on a desktop, the browser's storage on
//! the web), reading them at start, applying the settings to the window,
//! saving on change. Damaged files are set aside by `store`, and the title
//! screen says so.

use crate::store::{self, KeptFile, Progress, Settings};
use bevy::prelude::*;
use bevy::window::{MonitorSelection, PrimaryWindow, WindowMode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::PathBuf;

/// Where a kept value lives.
#[derive(Debug, Clone)]
pub enum Shelf {
    /// A RON file, written atomically.
    File(PathBuf),
    /// The browser's local storage, under this key.
    #[cfg(target_arch = "wasm32")]
    Browser(&'static str),
}

impl Shelf {
    fn load<T: DeserializeOwned + Default>(&self) -> KeptFile<T> {
        match self {
            Shelf::File(path) => store::load(path),
            #[cfg(target_arch = "wasm32")]
            Shelf::Browser(key) => match super::web::stored(key) {
                None => KeptFile::Fresh(T::default()),
                Some(text) => match store::parse(&text) {
                    Ok(value) => KeptFile::Read(value),
                    // Nothing to move aside in a browser: the damaged text
                    // is written over at the next save.
                    Err(reason) => KeptFile::Damaged {
                        value: T::default(),
                        reason,
                    },
                },
            },
        }
    }

    fn save<T: Serialize + DeserializeOwned>(&self, value: &T) -> Result<(), String> {
        match self {
            Shelf::File(path) => {
                store::save(path, value).map_err(|e| format!("{}: {e}", path.display()))
            }
            #[cfg(target_arch = "wasm32")]
            Shelf::Browser(key) => super::web::store(key, &store::text(value)?),
        }
    }
}

/// The settings in force, and where they are kept.
#[derive(Resource, Debug, Default)]
pub struct KeptSettings {
    pub value: Settings,
    pub shelf: Option<Shelf>,
    pub warning: Option<String>,
}

/// The player's progress (runs and best score per incident), and where it
/// is kept.
#[derive(Resource, Debug, Default)]
pub struct KeptProgress {
    pub progress: Progress,
    pub shelf: Option<Shelf>,
    pub warning: Option<String>,
}

impl KeptProgress {
    /// Counts a finished meeting and saves; a failure to save is kept as a
    /// warning for the player, never lost silently.
    pub fn count(&mut self, scenario: &str, total: u8) {
        self.progress.record(scenario, total);
        if let Some(shelf) = &self.shelf
            && let Err(e) = shelf.save(&self.progress)
        {
            self.warning = Some(format!("Could not save progress: {e}"));
        }
    }
}

/// Folders for settings and progress. `SECOND_STORY_HOME` puts both in one
/// folder (tests, portable installs); otherwise the platform's config and
/// data folders.
#[cfg(not(target_arch = "wasm32"))]
fn folders() -> Option<(PathBuf, PathBuf)> {
    if let Some(home) = std::env::var_os("SECOND_STORY_HOME") {
        let home = PathBuf::from(home);
        return Some((home.clone(), home));
    }
    let dirs = directories::ProjectDirs::from("org", "Second Story", "second-story")?;
    Some((dirs.config_dir().to_owned(), dirs.data_dir().to_owned()))
}

#[cfg(target_arch = "wasm32")]
fn folders() -> Option<(PathBuf, PathBuf)> {
    None
}

/// Where the settings live.
fn settings_shelf() -> Option<Shelf> {
    #[cfg(target_arch = "wasm32")]
    return Some(Shelf::Browser("second-story/settings"));
    #[cfg(not(target_arch = "wasm32"))]
    folders().map(|(config, _)| Shelf::File(config.join("settings.ron")))
}

/// Where the progress lives.
fn progress_shelf() -> Option<Shelf> {
    #[cfg(target_arch = "wasm32")]
    return Some(Shelf::Browser("second-story/progress"));
    #[cfg(not(target_arch = "wasm32"))]
    folders().map(|(_, data)| Shelf::File(data.join("progress.ron")))
}

/// Reads the settings at start (before the window exists).
pub fn load_settings() -> KeptSettings {
    let Some(shelf) = settings_shelf() else {
        return KeptSettings::default();
    };
    let loaded = shelf.load::<Settings>();
    KeptSettings {
        warning: loaded.warning(),
        value: loaded.into_value().sanitised(),
        shelf: Some(shelf),
    }
}

/// Reads the player's progress at start.
pub fn load_progress() -> KeptProgress {
    let Some(shelf) = progress_shelf() else {
        return KeptProgress::default();
    };
    let loaded = shelf.load();
    KeptProgress {
        warning: loaded.warning(),
        progress: loaded.into_value(),
        shelf: Some(shelf),
    }
}

/// Where the game saves session records outside class mode (and, in class
/// mode, when the class folder cannot be written). None in a browser,
/// where records go to the class server.
pub fn records_dir() -> Option<PathBuf> {
    folders().map(|(_, data)| data.join("records"))
}

pub fn window_mode(fullscreen: bool) -> WindowMode {
    if fullscreen {
        WindowMode::BorderlessFullscreen(MonitorSelection::Current)
    } else {
        WindowMode::Windowed
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<KeptSettings>()
        .init_resource::<KeptProgress>()
        .add_systems(
            Update,
            apply_and_save.run_if(resource_changed::<KeptSettings>),
        );
}

fn apply_and_save(kept: Res<KeptSettings>, mut window: Query<&mut Window, With<PrimaryWindow>>) {
    if let Ok(mut w) = window.single_mut() {
        let mode = window_mode(kept.value.fullscreen);
        if w.mode != mode {
            w.mode = mode;
        }
    }
    if kept.is_added() {
        return;
    }
    if let Some(shelf) = &kept.shelf
        && let Err(e) = shelf.save(&kept.value)
    {
        warn!("could not save settings: {e}");
    }
}
