//! What the game keeps between runs: the settings and the player's
//! progress. Where the files live, reading them at start, applying the
//! settings to the window, saving on change. Damaged files are set aside
//! by `store`, and the title screen says so.

use crate::store::{self, Progress, Settings};
use bevy::prelude::*;
use bevy::window::{MonitorSelection, PrimaryWindow, WindowMode};
use std::path::PathBuf;

/// The settings in force, and where they are kept.
#[derive(Resource, Debug, Default)]
pub struct KeptSettings {
    pub value: Settings,
    pub path: Option<PathBuf>,
    pub warning: Option<String>,
}

/// The player's progress (runs and best score per incident), and where it
/// is kept.
#[derive(Resource, Debug, Default)]
pub struct KeptProgress {
    pub progress: Progress,
    pub path: Option<PathBuf>,
    pub warning: Option<String>,
}

impl KeptProgress {
    /// Counts a finished meeting and saves; a failure to save is kept as a
    /// warning for the player, never lost silently.
    pub fn count(&mut self, scenario: &str, total: u8) {
        self.progress.record(scenario, total);
        if let Some(path) = self.path.clone()
            && let Err(e) = store::save(&path, &self.progress)
        {
            self.warning = Some(format!(
                "Could not save progress to {}: {e}",
                path.display()
            ));
        }
    }
}

/// Folders for settings and progress. `SECOND_STORY_HOME` puts both in one
/// folder (tests, portable installs); otherwise the platform's config and
/// data folders.
fn folders() -> Option<(PathBuf, PathBuf)> {
    if let Some(home) = std::env::var_os("SECOND_STORY_HOME") {
        let home = PathBuf::from(home);
        return Some((home.clone(), home));
    }
    let dirs = directories::ProjectDirs::from("org", "Second Story", "second-story")?;
    Some((dirs.config_dir().to_owned(), dirs.data_dir().to_owned()))
}

/// Reads the settings at start (before the window exists).
pub fn load_settings() -> KeptSettings {
    let Some((config, _)) = folders() else {
        return KeptSettings::default();
    };
    let path = config.join("settings.ron");
    let loaded = store::load::<Settings>(&path);
    let warning = loaded.warning();
    KeptSettings {
        value: loaded.into_value().sanitised(),
        path: Some(path),
        warning,
    }
}

/// Reads the player's progress at start.
pub fn load_progress() -> KeptProgress {
    let Some((_, data)) = folders() else {
        return KeptProgress::default();
    };
    let path = data.join("progress.ron");
    let loaded = store::load(&path);
    KeptProgress {
        warning: loaded.warning(),
        progress: loaded.into_value(),
        path: Some(path),
    }
}

/// Where the game saves session records outside class mode (and, in class
/// mode, when the class folder cannot be written).
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
    if let Some(path) = &kept.path
        && let Err(e) = store::save(path, &kept.value)
    {
        warn!("could not save settings to {}: {e}", path.display());
    }
}
