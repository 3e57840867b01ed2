//! The title screen: the game's name, the player's name for records, what
//! mode the game is in (class, workshop), messages about damaged files,
//! and the saved meetings that can be watched.

use crate::game::kept::{KeptProgress, KeptSettings};
use crate::game::records::{Keeping, SavedRecords, WatchRecord};
use crate::game::screens::{CAN_QUIT, Navigate, Notice, Screen};
use crate::game::theme::palette;
use crate::game::widgets::root;
use crate::game::workshop::Group;
use crate::store::Settings;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

/// What a press on the title screen asks for.
#[derive(Debug)]
pub enum TitleAction {
    Navigate(Navigate),
    Watch(WatchRecord),
}

#[allow(clippy::too_many_arguments)]
pub fn title(
    mut contexts: EguiContexts,
    mut nav: MessageWriter<Navigate>,
    mut watch: MessageWriter<WatchRecord>,
    mut kept: ResMut<KeptSettings>,
    progress: Res<KeptProgress>,
    (keeping, notice, group): (Res<Keeping>, Res<Notice>, Option<Res<Group>>),
    saved: Res<SavedRecords>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    let mut name = kept.value.name.clone();
    let actions = title_ui(
        &mut ui,
        &kept,
        &mut name,
        &progress,
        (&keeping, &notice, group.as_deref()),
        &saved,
    );
    if name != kept.value.name {
        kept.value.name = name;
    }
    for action in actions {
        match action {
            TitleAction::Navigate(n) => {
                nav.write(n);
            }
            TitleAction::Watch(w) => {
                watch.write(w);
            }
        }
    }
    Ok(())
}

/// The title screen on `ui`, with the player's `name` in its field;
/// returns what was pressed.
pub fn title_ui(
    ui: &mut egui::Ui,
    kept: &KeptSettings,
    name: &mut String,
    progress: &KeptProgress,
    (keeping, notice, group): (&Keeping, &Notice, Option<&Group>),
    saved: &SavedRecords,
) -> Vec<TitleAction> {
    let mut actions = Vec::new();
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.2);
            ui.label(
                egui::RichText::new("Second Story")
                    .size(crate::game::theme::pt(ui, 56.0))
                    .strong(),
            );
            ui.label(
                egui::RichText::new("Practise facilitating blameless postmortems.")
                    .size(crate::game::theme::pt(ui, 18.0)),
            );
            ui.add_space(16.0);
            if let Some(dir) = &keeping.class {
                ui.label(
                    egui::RichText::new(format!(
                        "Class mode: every meeting you finish is saved in {}",
                        dir.display()
                    ))
                    .color(palette::WARN),
                );
            }
            if let Some(g) = &group {
                let mut how = vec!["projector layout".to_owned()];
                if g.0.plan.hot_seat() {
                    how.push(format!(
                        "hot seat for {} ({})",
                        g.0.plan.facilitators.join(", "),
                        g.0.plan.turn
                    ));
                }
                if g.0.plan.vote {
                    how.push("the room votes on each question".into());
                }
                if g.0.plan.discuss {
                    how.push("pauses to discuss".into());
                }
                ui.label(
                    egui::RichText::new(format!("Workshop: {}", how.join(" · ")))
                        .color(palette::WARN),
                );
            }
            if group.as_ref().is_none_or(|g| !g.0.plan.hot_seat()) {
                ui.horizontal(|ui| {
                    ui.add_space((ui.available_width() - 360.0).max(0.0) / 2.0);
                    let label = ui.label("Your name:");
                    ui.add(
                        egui::TextEdit::singleline(name)
                            .hint_text(if keeping.class.is_some() {
                                "needed in class mode"
                            } else {
                                "for your records"
                            })
                            .char_limit(Settings::MAX_NAME),
                    )
                    .labelled_by(label.id);
                });
            }
            if let Some(n) = &notice.0 {
                ui.colored_label(palette::POOR, n);
            }
            ui.add_space(16.0);
            let size = crate::game::theme::pt(ui, 22.0);
            let big = |text: &str| {
                egui::Button::new(egui::RichText::new(text).size(size))
                    .min_size(egui::vec2(260.0, 44.0))
            };
            let play = ui.add(big("Choose an incident"));
            if play.clicked() {
                actions.push(TitleAction::Navigate(Navigate::Open(Screen::Picker)));
            }
            if ui.memory(|m| m.focused().is_none()) {
                play.request_focus();
            }
            if ui.add(big("Settings")).clicked() {
                actions.push(TitleAction::Navigate(Navigate::Open(Screen::Settings)));
            }
            if CAN_QUIT && ui.add(big("Quit")).clicked() {
                actions.push(TitleAction::Navigate(Navigate::Quit));
            }
            if !saved.0.is_empty() {
                ui.add_space(16.0);
                ui.label(
                    egui::RichText::new("Watch a saved meeting")
                        .size(crate::game::theme::pt(ui, 18.0)),
                );
                for listed in &saved.0 {
                    let file = listed
                        .path
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                    match &listed.record {
                        Ok(r) => {
                            let who = if r.players.is_empty() {
                                "unnamed".to_owned()
                            } else {
                                r.players.join(", ")
                            };
                            let label =
                                format!("{who} · {} · {} / 100", r.scenario, r.outcome.score.total);
                            if ui.button(label).on_hover_text(&file).clicked() {
                                actions.push(TitleAction::Watch(WatchRecord(Box::new(r.clone()))));
                            }
                        }
                        Err(e) => {
                            ui.colored_label(palette::NOTE, format!("{file}: {e}"));
                        }
                    }
                }
            }
            ui.add_space(24.0);
            ui.label(
                egui::RichText::new("Mouse or keyboard: Tab moves between buttons, Enter presses.")
                    .color(palette::NOTE),
            );
            for w in kept.warning.iter().chain(progress.warning.iter()) {
                ui.colored_label(palette::WARN, w);
            }
        });
    });
    actions
}
