//! The pause menu (Esc in a meeting): resume, end the meeting, back to the
//! incidents, quit, and the settings. The meeting takes no moves while it
//! is open (`MeetingMode::Paused`).

use crate::engine::Move;
use crate::game::kept::KeptSettings;
use crate::game::meeting::PlayMove;
use crate::game::screens::{MeetingMode, Navigate, Screen};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

pub fn pause(
    mut contexts: EguiContexts,
    mut nav: MessageWriter<Navigate>,
    mut mode: ResMut<NextState<MeetingMode>>,
    mut play: MessageWriter<PlayMove>,
    mut kept: ResMut<KeptSettings>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    egui::Modal::new(egui::Id::new("pause")).show(ctx, |ui| {
        ui.heading("Paused");
        let resume = ui.button("Resume (Esc)");
        if resume.clicked() {
            mode.set(MeetingMode::Playing);
        }
        if ui.button("End the meeting now").clicked() {
            mode.set(MeetingMode::Playing);
            play.write(PlayMove(Move::End));
        }
        if ui.button("Back to the incidents").clicked() {
            nav.write(Navigate::Open(Screen::Picker));
        }
        if crate::game::screens::CAN_QUIT && ui.button("Quit").clicked() {
            nav.write(Navigate::Quit);
        }
        ui.separator();
        super::settings::settings_form(ui, &mut kept);
    });
    Ok(())
}

/// Esc closes the pause menu.
pub fn keys(keys: Res<ButtonInput<KeyCode>>, mut mode: ResMut<NextState<MeetingMode>>) {
    if keys.just_pressed(KeyCode::Escape) {
        mode.set(MeetingMode::Playing);
    }
}
