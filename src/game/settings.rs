//! Settings and progress files: where they live, loading them at start,
//! applying settings to the window and the UI, saving on change.

use super::session::KeptProgress;
use crate::store::{self, Settings};
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
pub fn load() -> KeptSettings {
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

pub fn window_mode(fullscreen: bool) -> WindowMode {
    if fullscreen {
        WindowMode::BorderlessFullscreen(MonitorSelection::Current)
    } else {
        WindowMode::Windowed
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<KeptSettings>().add_systems(
        Update,
        apply_and_save.run_if(resource_changed::<KeptSettings>),
    );
}

/// Where the game saves session records outside class mode.
pub fn records_dir() -> Option<PathBuf> {
    folders().map(|(_, data)| data.join("records"))
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
