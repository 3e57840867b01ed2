//! The Bevy game: screens as states, a meeting room drawn in 2D, egui for
//! panels and text. The engine does the thinking; these plugins feed it the
//! player's moves and draw what comes out.

mod actions;
mod autoplay;
mod bigscreen;
mod group;
mod library;
mod room;
mod screens;
mod session;
mod settings;
mod ui;

pub use actions::{Action, Opt, options};
pub use autoplay::Perf;
pub use group::{Group, Keeping, Notice, Replaying, SavedRecords};
pub use library::{Library, ScenarioAsset, parse as parse_scenario};
pub use screens::{Paused, Screen};
pub use session::Session;
pub use session::{KeptProgress, ScenarioEntry, Scenarios};
pub use settings::KeptSettings;

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// How the game was started from the command line.
#[derive(Clone, Debug, Default, Resource)]
pub struct Options {
    /// Play this move script through the real UI.
    pub autoplay: Option<PathBuf>,
    /// Write screenshots (and frame times) of the autoplay run here.
    pub screenshots: Option<PathBuf>,
    /// Open this scenario's brief at start.
    pub scenario: Option<String>,
    /// Go straight into the meeting (with `scenario`).
    pub meeting: bool,
    pub seed: u64,
    /// Class mode: save every finished meeting into this folder.
    pub class: Option<PathBuf>,
    /// The player's name for records (kept in the settings).
    pub name: Option<String>,
    /// Workshop mode: projector layout, and how the group plays.
    pub workshop: Option<crate::workshop::Plan>,
    /// Open this session record in the replay viewer.
    pub replay: Option<PathBuf>,
    /// When the process started, for the time to the first frame.
    pub started: Option<Instant>,
}

/// Opens the game window and runs until it is closed.
pub fn run(options: Options) -> ExitCode {
    let mut app = App::new();
    let mut settings = settings::load();
    if let Some(name) = &options.name {
        settings.value.name = name.clone();
        settings.value = settings.value.clone().sanitised();
    }
    let keeping = group::Keeping {
        class: options.class.clone(),
        dir: settings::records_dir(),
        saved: None,
    };
    if let Some(plan) = &options.workshop {
        app.insert_resource(group::Group::new(plan.clone()));
    }
    app.register_asset_source(
        "scenarios",
        bevy::asset::io::AssetSourceBuilder::platform_default(
            &crate::scenario::scenario_dir()
                .canonicalize()
                .unwrap_or_else(|_| crate::scenario::scenario_dir())
                .to_string_lossy(),
            None,
        ),
    );
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Second Story".into(),
                    resolution: (1280, 720).into(),
                    mode: settings::window_mode(settings.value.fullscreen),
                    ..default()
                }),
                ..default()
            })
            .set(AssetPlugin {
                // Hot reload of scenarios with the `dev` feature.
                watch_for_changes_override: Some(cfg!(feature = "dev")),
                ..default()
            }),
    )
    .add_plugins(bevy_egui::EguiPlugin::default())
    .add_plugins(bevy::diagnostic::FrameTimeDiagnosticsPlugin::new(
        autoplay::MEASURED_FRAMES * 2,
    ))
    .insert_resource(winit_settings(&options))
    .insert_resource(ClearColor(ui::palette::BACKGROUND))
    .insert_resource(settings)
    .insert_resource(settings::load_progress())
    .insert_resource(keeping)
    .insert_resource(options.clone())
    .add_plugins((
        logic_plugin,
        library::plugin,
        ui::plugin,
        room::plugin,
        bigscreen::plugin,
        autoplay::plugin,
    ));
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}

/// Redraw only when something changes, so an idle screen costs nothing;
/// autoplay runs flat out; with `dev`, wake twice a second so scenario
/// files edited on disk reload even while the window sleeps.
fn winit_settings(options: &Options) -> WinitSettings {
    if options.autoplay.is_some() {
        WinitSettings::game()
    } else if cfg!(feature = "dev") {
        let mode = bevy::winit::UpdateMode::reactive(std::time::Duration::from_millis(500));
        WinitSettings {
            focused_mode: mode,
            unfocused_mode: mode,
        }
    } else {
        WinitSettings::desktop_app()
    }
}

/// Everything that works without a window: screens, the session, the
/// actions that turn input into engine moves. Tests run this with
/// `MinimalPlugins`. It reads no files: `run` loads settings and progress
/// and inserts them before adding it.
pub fn logic_plugin(app: &mut App) {
    app.configure_sets(
        Update,
        (AppSystems::Input, AppSystems::Act, AppSystems::Session).chain(),
    )
    .add_plugins((
        screens::plugin,
        actions::plugin,
        session::plugin,
        settings::plugin,
        group::plugin,
    ));
}

/// The order of the game's own work in a frame: input becomes actions,
/// actions are carried out, then the session reacts (a new meeting, the end
/// of one), so a key press shows on the next frame.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppSystems {
    Input,
    Act,
    Session,
}
