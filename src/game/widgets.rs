//! Small pieces of egui every screen uses: the root `Ui` panels are shown
//! on, the top bar with Back and Quit, names of people and targets.

use super::screens::{Navigate, Screen};
use crate::scenario::{Scenario, Target};
use bevy::prelude::*;
use bevy_egui::egui;

/// The root `Ui` covering the window, on which a screen's panels are shown.
pub fn root(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

/// A top bar with Back, the screen's title, Settings and Quit.
pub fn nav_bar(ui: &mut egui::Ui, title: &str, nav: &mut MessageWriter<Navigate>) {
    egui::Panel::top("nav").show(ui, |ui| {
        ui.horizontal(|ui| {
            if ui.button("Back").on_hover_text("Backspace").clicked() {
                nav.write(Navigate::Back);
            }
            ui.heading(title);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if super::screens::CAN_QUIT && ui.button("Quit").clicked() {
                    nav.write(Navigate::Quit);
                }
                if ui.button("Settings").clicked() {
                    nav.write(Navigate::Open(Screen::Settings));
                }
            });
        });
    });
}

/// "The room", or the person's name.
pub fn target_name(s: &Scenario, target: &Target) -> String {
    match target {
        Target::Room => "The room".into(),
        Target::Person(p) => s.name_of(p).to_owned(),
    }
}
