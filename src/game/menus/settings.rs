//! The settings screen, and the form the pause menu shares: UI scale with
//! a projector preset, text size, reduced motion, fullscreen, the player's
//! name, coach mode, text speed. Changes apply and are saved at once.

use crate::game::kept::KeptSettings;
use crate::game::screens::Navigate;
use crate::game::widgets::{nav_bar, root};
use crate::store::{Settings, TextSpeed};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

pub fn settings(
    mut contexts: EguiContexts,
    mut nav: MessageWriter<Navigate>,
    mut kept: ResMut<KeptSettings>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    nav_bar(&mut ui, "Settings", &mut nav);
    egui::CentralPanel::default().show(&mut ui, |ui| settings_form(ui, &mut kept));
    Ok(())
}

/// The settings controls; changes are applied and saved at once.
pub fn settings_form(ui: &mut egui::Ui, kept: &mut ResMut<KeptSettings>) {
    let mut s: Settings = kept.value.clone();
    ui.heading("Display");
    ui.add(
        egui::Slider::new(&mut s.ui_scale, Settings::MIN_SCALE..=Settings::MAX_SCALE)
            .text("UI scale"),
    );
    ui.horizontal(|ui| {
        if ui.button("Laptop (1×)").clicked() {
            s.ui_scale = 1.0;
        }
        if ui
            .button("Projector (2×)")
            .on_hover_text("Readable from the back of a room")
            .clicked()
        {
            s.ui_scale = 2.0;
        }
    });
    ui.add(
        egui::Slider::new(&mut s.text_size, Settings::MIN_TEXT..=Settings::MAX_TEXT)
            .text("Text size"),
    )
    .on_hover_text("Larger type only; the UI scale enlarges everything");
    ui.checkbox(
        &mut s.reduce_motion,
        "Reduce motion: nothing fades, slides or leans; lines appear whole",
    );
    ui.checkbox(&mut s.fullscreen, "Fullscreen");
    ui.add_space(8.0);
    ui.heading("You");
    ui.horizontal(|ui| {
        ui.label("Your name, for session records:");
        ui.add(egui::TextEdit::singleline(&mut s.name).char_limit(Settings::MAX_NAME));
    });
    ui.add_space(8.0);
    ui.heading("Play");
    ui.checkbox(
        &mut s.coach,
        "Coach mode: a note after every move, and what people feel but do not say",
    );
    ui.add_enabled_ui(!s.reduce_motion, |ui| {
        ui.horizontal(|ui| {
            ui.label("Text speed:");
            ui.radio_value(&mut s.text_speed, TextSpeed::Slow, "slow");
            ui.radio_value(&mut s.text_speed, TextSpeed::Fast, "fast");
            ui.radio_value(&mut s.text_speed, TextSpeed::Instant, "instant");
            if s.reduce_motion {
                ui.label("(instant while motion is reduced)");
            }
        });
    });
    if s != kept.value {
        kept.value = s.sanitised();
    }
}
