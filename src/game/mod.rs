//! The Bevy game. For now a title screen that lists the incidents; the
//! meeting room is drawn over the same engine in the next milestone.

use crate::scenario::{self, Scenario};
use bevy::prelude::*;
use bevy::winit::WinitSettings;
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};
use std::process::ExitCode;

/// The incidents found at start, or why they could not be read.
#[derive(Resource, Default)]
struct Library {
    scenarios: Vec<Scenario>,
    problems: Vec<String>,
}

/// Opens the game window and runs until it is closed.
pub fn run() -> ExitCode {
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: "Second Story".into(),
            resolution: (1280, 720).into(),
            ..default()
        }),
        ..default()
    }))
    .add_plugins(EguiPlugin::default())
    // Redraw only when something changes: an idle screen costs nothing.
    .insert_resource(WinitSettings::desktop_app())
    .insert_resource(load_library())
    .add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
    })
    .add_systems(EguiPrimaryContextPass, title_screen);
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}

fn load_library() -> Library {
    let mut library = Library::default();
    let files = scenario::find_scenarios(&scenario::scenario_dir()).unwrap_or_default();
    for file in files {
        match scenario::load_file(&file) {
            Ok(loaded) => library.scenarios.push(loaded.scenario),
            Err(e) => library.problems.push(e.to_string()),
        }
    }
    library
}

fn title_screen(mut contexts: EguiContexts, library: Res<Library>) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    egui::CentralPanel::default().show(&mut root, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(40.0);
            ui.heading(egui::RichText::new("Second Story").size(48.0));
            ui.label("Practise facilitating blameless postmortems.");
            ui.add_space(24.0);
            for s in &library.scenarios {
                ui.label(egui::RichText::new(&s.title).size(22.0).strong());
                ui.label(&s.lesson);
                ui.label(format!(
                    "{} people · {} minutes · difficulty {}",
                    s.participants.len(),
                    s.brief.minutes,
                    s.difficulty
                ));
                ui.add_space(12.0);
            }
            for p in &library.problems {
                ui.colored_label(egui::Color32::LIGHT_RED, p);
            }
            ui.add_space(24.0);
            ui.label("The meeting room opens in the next version. Until then, play from the command line:");
            ui.monospace("second-story run zero-that-was-eight --moves tests/fixtures/zero-that-was-eight.expert.ron");
        });
    });
    Ok(())
}
