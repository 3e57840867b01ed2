//! The Bevy game: one plugin per feature, dependencies one way.
//!
//! - `screens`, `theme`, `input`, `widgets`: what every feature shares
//!   (the screen states and the meeting's modes, the look, the keyboard
//!   with egui, a few drawing helpers);
//! - `library` (the incidents), `kept` (settings and progress);
//! - `meeting`: the meeting screen and the report; it drives the engine and
//!   speaks to other features through messages and extension points;
//! - `menus`, `records`, `workshop`: features on top of the meeting, which
//!   listen to it and never the other way round;
//! - `autoplay`: plays a move script through the real window for tests.
//!
//! docs/architecture.md draws the map.

mod autoplay;
mod input;
pub mod kept;
pub mod library;
pub mod meeting;
pub mod menus;
pub mod net;
pub mod records;
pub mod screens;
pub mod textboxes;
pub mod theme;
#[cfg(target_arch = "wasm32")]
mod web;
mod widgets;
pub mod workshop;

pub use autoplay::Perf;

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use std::path::PathBuf;
use std::process::ExitCode;
// The standard `Instant` on a desktop; the browser's clock on the web.
use bevy::platform::time::Instant;

/// How the game was started from the command line.
#[derive(Clone, Debug, Default, Resource)]
pub struct Options {
    /// Play this move script through the real UI.
    pub autoplay: Option<PathBuf>,
    /// The same, given as the script's text (the web build's `?autoplay=`).
    pub autoplay_text: Option<String>,
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
    /// Workshop with phones: the class server that hosts the room (empty
    /// in a browser: the page's own server).
    pub room: Option<String>,
    /// When the process started, for the time to the first frame.
    pub started: Option<Instant>,
    /// The window's size in logical pixels (1280 by 720 unless given).
    pub size: Option<(u32, u32)>,
}

/// The order of the game's own work in a frame: input becomes intents,
/// intents are carried out, proposals are decided (by the meeting, or by a
/// workshop's vote), moves are played, then features react to what
/// happened; so a key press shows on the next frame.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppSystems {
    Input,
    Act,
    Decide,
    Play,
    React,
}

/// The order of drawing: the style first, then the screen, then what lies
/// over it (the pause menu, a workshop's pause), then the keyboard check.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UiSystems {
    Style,
    Screens,
    Overlays,
    Last,
}

/// Opens the game window and runs until it is closed.
pub fn run(options: Options) -> ExitCode {
    if let Some(why) = no_display() {
        eprintln!("error: cannot open the game window: {why}");
        eprintln!(
            "hint: the command line works without a window (`second-story --help`); to play, run it on a desktop or under `xvfb-run`"
        );
        return ExitCode::from(2);
    }
    let mut app = build(options);
    // A missing GPU adapter (no Vulkan, GL or Metal driver) stops Bevy's
    // renderer with a panic deep inside wgpu: say what it means.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| app.run()));
    match result {
        Ok(AppExit::Success) => ExitCode::SUCCESS,
        Ok(AppExit::Error(code)) => ExitCode::from(code.get()),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            if is_renderer_failure(&message) {
                eprintln!(
                    "error: the game stopped while starting its renderer; on a machine without a graphics driver, install Mesa's software Vulkan (`mesa-vulkan-drivers`, see scripts/setup.sh)"
                );
            } else {
                eprintln!(
                    "error: the game stopped on an internal error (above); records saved so far are kept"
                );
            }
            ExitCode::from(2)
        }
    }
}

/// The game in a browser page (the web build's `main`): the options come
/// from the page's address, the scenarios from the server that sent the
/// page, and every finished meeting goes back to it.
#[cfg(target_arch = "wasm32")]
pub fn run_in_browser() {
    let options = web::options();
    let mut app = build(options);
    app.add_plugins(web::plugin);
    app.run();
}

/// The whole game, ready to run.
fn build(options: Options) -> App {
    let mut app = App::new();
    let mut settings = kept::load_settings();
    if let Some(name) = &options.name {
        settings.value.name = name.clone();
        settings.value = settings.value.clone().sanitised();
    }
    // On the web, scenarios come from the class server instead (`web`).
    #[cfg(not(target_arch = "wasm32"))]
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
                    resolution: options.size.unwrap_or((1280, 720)).into(),
                    // In a page: fill the canvas's box and take the keyboard.
                    canvas: Some("#second-story".into()),
                    fit_canvas_to_parent: true,
                    prevent_default_event_handling: true,
                    mode: kept::window_mode(settings.value.fullscreen),
                    ..default()
                }),
                ..default()
            })
            .set(AssetPlugin {
                // Hot reload of scenarios with the `dev` feature.
                watch_for_changes_override: Some(cfg!(feature = "dev")),
                // The web build loads its few assets without `.meta` files
                // (a request each that would only be answered 404).
                meta_check: bevy::asset::AssetMetaCheck::Never,
                ..default()
            }),
    )
    .add_plugins(bevy_egui::EguiPlugin::default())
    .add_plugins(bevy::diagnostic::FrameTimeDiagnosticsPlugin::new(
        autoplay::MEASURED_FRAMES * 2,
    ))
    .insert_resource(winit_settings(&options))
    .insert_resource(ClearColor(theme::palette::BACKGROUND))
    .insert_resource(settings)
    .insert_resource(kept::load_progress())
    .insert_resource(records::Keeping {
        class: options.class.clone(),
        dir: kept::records_dir(),
        ..default()
    })
    .insert_resource(options.clone())
    .add_plugins(logic_plugin)
    .add_plugins((
        library::plugin,
        view_plugin,
        meeting::draw_plugin,
        autoplay::plugin,
    ));
    if let Some(plan) = options.workshop.clone() {
        app.add_plugins(workshop::plugin(plan));
        if let Some(base) = options.room.clone() {
            app.add_plugins(workshop::phones::plugin(base));
        }
    }
    app
}

/// Whether a panic's message comes from wgpu failing to find or open a GPU
/// adapter, rather than from the game itself.
fn is_renderer_failure(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    ["adapter", "wgpu", "vulkan", "no suitable"]
        .iter()
        .any(|w| m.contains(w))
}

/// Why no window can open here, on systems where that can be told before
/// trying: a Linux or BSD session with neither an X11 nor a Wayland display.
fn no_display() -> Option<String> {
    if !cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "openbsd"
    )) {
        return None;
    }
    let set = |v: &str| std::env::var_os(v).is_some_and(|x| !x.is_empty());
    (!set("DISPLAY") && !set("WAYLAND_DISPLAY"))
        .then(|| "there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)".to_owned())
}

/// Redraw only when something changes, so an idle screen costs nothing;
/// autoplay runs flat out; a workshop room wakes four times a second; with
/// `dev`, wake twice a second so scenario files edited on disk reload even
/// while the window sleeps.
fn winit_settings(options: &Options) -> WinitSettings {
    if options.autoplay.is_some() || options.autoplay_text.is_some() {
        WinitSettings::game()
    } else if options.room.is_some() {
        // A room's phones speak at any time, and a projector's window is
        // rarely the one in focus: look for news four times a second.
        let mode = bevy::winit::UpdateMode::reactive(std::time::Duration::from_millis(250));
        WinitSettings {
            focused_mode: mode,
            unfocused_mode: mode,
        }
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

/// Everything that works without a window: the screens, the meeting and
/// its features, reading input. Tests run this with `MinimalPlugins`; it
/// reads no files (`run` loads settings and progress and inserts them).
pub fn logic_plugin(app: &mut App) {
    app.configure_sets(
        Update,
        (
            AppSystems::Input,
            AppSystems::Act,
            AppSystems::Decide,
            AppSystems::Play,
            AppSystems::React,
        )
            .chain(),
    )
    .add_plugins((
        screens::plugin,
        kept::plugin,
        meeting::plugin,
        menus::plugin,
        records::plugin,
    ));
}

/// What draws: egui's order of panels, the look, the keyboard's handover
/// to text fields.
fn view_plugin(app: &mut App) {
    app.configure_sets(
        bevy_egui::EguiPrimaryContextPass,
        (
            UiSystems::Style,
            UiSystems::Screens,
            UiSystems::Overlays,
            UiSystems::Last,
        )
            .chain(),
    )
    .add_plugins((theme::plugin, input::plugin));
}
