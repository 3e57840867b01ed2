//! The scenario picker: the incidents in curriculum order with their
//! lessons and the player's best, and the files that cannot be played with
//! why.

use super::Pick;
use crate::game::kept::KeptProgress;
use crate::game::library::Scenarios;
use crate::game::screens::Navigate;
use crate::game::theme::palette;
use crate::game::widgets::{nav_bar, root};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

pub fn picker(
    mut contexts: EguiContexts,
    mut nav: MessageWriter<Navigate>,
    mut pick: MessageWriter<Pick>,
    scenarios: Res<Scenarios>,
    progress: Res<KeptProgress>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    nav_bar(&mut ui, "Choose an incident", &mut nav);
    egui::CentralPanel::default().show(&mut ui, |ui| {
        if !scenarios.settled() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("Loading {} scenario file(s)…", scenarios.1 .0));
            });
        }
        if scenarios.0.is_empty() {
            if scenarios.settled() {
                ui.label(format!(
                    "No scenario files found in {}.",
                    crate::scenario::scenario_dir().display()
                ));
            }
            return;
        }
        egui::ScrollArea::vertical().show(ui, |ui| {
            let mut sorted: Vec<_> = scenarios.0.iter().collect();
            sorted.sort_by_key(|e| (e.scenario.as_ref().map_or(u8::MAX, |s| s.difficulty), e.file.clone()));
            ui.label(
                egui::RichText::new("The incidents in curriculum order, from a first meeting to the hardest; each teaches one thing.")
                    .color(palette::NOTE),
            );
            for (step, entry) in sorted.into_iter().enumerate() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    match &entry.scenario {
                        Ok(s) => {
                            ui.horizontal(|ui| {
                                ui.label(egui::RichText::new(format!("{}. {}", step + 1, s.title)).size(crate::game::theme::pt(ui, 22.0)).strong());
                                ui.with_layout(
                                    egui::Layout::right_to_left(egui::Align::Center),
                                    |ui| {
                                        let open = ui.add(egui::Button::new(
                                            egui::RichText::new("Open the brief »").size(crate::game::theme::pt(ui, 18.0)),
                                        ));
                                        if open.clicked() {
                                            pick.write(Pick(s.id.clone()));
                                        }
                                    },
                                );
                            });
                            ui.label(&s.lesson);
                            let best = progress.progress.scenarios.get(s.id.as_str());
                            let best = best.map_or("not played yet".to_owned(), |p| {
                                format!("best {} / 100 over {} run(s)", p.best, p.runs)
                            });
                            ui.label(
                                egui::RichText::new(format!(
                                    "difficulty {} · {} minutes · {} participants · {}",
                                    s.difficulty,
                                    s.brief.minutes,
                                    s.participants.len(),
                                    best
                                ))
                                .color(palette::NOTE),
                            );
                        }
                        Err(problems) => {
                            ui.colored_label(
                                palette::POOR,
                                format!("{} cannot be played:", entry.file),
                            );
                            for p in problems {
                                ui.monospace(p);
                            }
                        }
                    }
                });
                ui.add_space(8.0);
            }
        });
    });
    Ok(())
}
