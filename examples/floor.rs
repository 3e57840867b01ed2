//! The floor of this stack: a bare Bevy + bevy_egui window with one text
//! panel, measured like the game's meeting screen (`--autoplay`), so the
//! README can set the game's frame time beside it.
//!
//! `cargo run --release --example floor -- [OUT.json]`

use bevy::diagnostic::{DiagnosticsStore, FrameCount, FrameTimeDiagnosticsPlugin};
use bevy::prelude::*;
use bevy::winit::WinitSettings;
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};
use second_story::game::Perf;

const WARM_UP: u32 = 30;
const MEASURED: usize = 150;

fn main() {
    App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window {
                title: "floor".into(),
                resolution: (1280, 720).into(),
                ..default()
            }),
            ..default()
        }))
        .add_plugins(EguiPlugin::default())
        .add_plugins(FrameTimeDiagnosticsPlugin::new(MEASURED * 2))
        .insert_resource(WinitSettings::game())
        .add_systems(Startup, |mut commands: Commands| {
            commands.spawn(Camera2d);
        })
        .add_systems(EguiPrimaryContextPass, panel)
        .add_systems(Update, measure)
        .run();
}

fn panel(mut contexts: EguiContexts) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    egui::CentralPanel::default().show(&mut root, |ui| {
        ui.label("The floor: one text panel, nothing else.");
    });
    Ok(())
}

fn measure(
    frames: Res<FrameCount>,
    diagnostics: Res<DiagnosticsStore>,
    mut samples: Local<Vec<f64>>,
    mut exit: MessageWriter<AppExit>,
) {
    if frames.0 < WARM_UP {
        return;
    }
    if let Some(v) = diagnostics
        .get(&FrameTimeDiagnosticsPlugin::FRAME_TIME)
        .and_then(|d| d.value())
    {
        samples.push(v);
    }
    if samples.len() >= MEASURED {
        let perf = Perf::from_frames(&samples, None);
        let json = serde_json::to_string_pretty(&perf).unwrap_or_default();
        match std::env::args().nth(1) {
            Some(path) => std::fs::write(&path, &json).unwrap_or_else(|e| eprintln!("{path}: {e}")),
            None => println!("{json}"),
        }
        exit.write(AppExit::Success);
    }
}
