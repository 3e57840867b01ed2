//! The report: the seven dimensions as a chart, the total, the two success
//! questions, everyone's safety over the meeting, every move with its
//! feedback, the facts found and missed, and "try again from here".

use super::{nav_bar, palette, root};
use crate::engine::Verdict;
use crate::game::actions::Action;
use crate::game::group::{Group, Keeping, record_of};
use crate::game::session::{KeptProgress, Session};
use crate::game::settings::KeptSettings;
use crate::game::ui::meeting::move_label;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoints};

pub fn report(
    mut contexts: EguiContexts,
    mut actions: MessageWriter<Action>,
    session: Res<Session>,
    progress: Res<KeptProgress>,
    (group, keeping, kept): (Option<Res<Group>>, Res<Keeping>, Res<KeptSettings>),
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    let m = &session.meeting;
    let r = m.report();
    let s = m.scenario();
    let record = record_of(&session, group.as_deref(), &kept.value.name);
    nav_bar(&mut ui, &format!("Report — {}", s.title), &mut actions);
    egui::Panel::bottom("record").show(&mut ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("Watch the replay")
                .on_hover_text("Step through this meeting move by move")
                .clicked()
            {
                actions.write(Action::Watch(Box::new(record.clone())));
            }
            match &keeping.saved {
                Some(Ok(path)) => {
                    let what = if keeping.class.is_some() {
                        "Saved for your class"
                    } else {
                        "Record saved"
                    };
                    ui.colored_label(palette::GOOD, format!("{what}: {}", path.display()));
                }
                Some(Err(e)) => {
                    ui.colored_label(palette::POOR, e);
                }
                None if !session.replayed
                    && keeping.folder().is_some()
                    && ui
                        .button("Save record")
                        .on_hover_text("A file your teacher can replay and sum up")
                        .clicked() =>
                {
                    actions.write(Action::SaveRecord);
                }
                None => {}
            }
        });
    });
    egui::CentralPanel::default().show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(
                    egui::RichText::new(format!("{} / 100", r.score.total))
                        .size(44.0)
                        .strong(),
                );
                ui.vertical(|ui| {
                    let yes = |b: bool| {
                        if b {
                            ("yes", palette::GOOD)
                        } else {
                            ("no", palette::POOR)
                        }
                    };
                    let (a, ac) = yes(r.success.learned);
                    let (b, bc) = yes(r.success.would_return);
                    ui.label(
                        egui::RichText::new(format!(
                            "Did at least one person learn something? {a}"
                        ))
                        .color(ac)
                        .size(18.0),
                    );
                    ui.label(
                        egui::RichText::new(format!("Would at least half the room come back? {b}"))
                            .color(bc)
                            .size(18.0),
                    );
                    if let Some(best) = progress.progress.best(&s.id) {
                        ui.label(
                            egui::RichText::new(format!("Your best on this incident: {best}"))
                                .color(palette::NOTE),
                        );
                    }
                });
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button(egui::RichText::new("Play again").size(18.0))
                        .clicked()
                    {
                        actions.write(Action::TryAgainFrom(0));
                    }
                });
            });
            ui.columns(2, |cols| {
                cols[0].heading("How you facilitated");
                let dims = r.score.dimensions();
                let bars: Vec<Bar> = dims
                    .iter()
                    .enumerate()
                    .map(|(i, (name, v))| Bar::new(i as f64, f64::from(*v)).name(*name).width(0.7))
                    .collect();
                // Short names, so every label fits under its bar.
                let names: Vec<&str> = dims
                    .iter()
                    .map(|d| d.0.split(' ').next().unwrap_or(d.0))
                    .collect();
                Plot::new("dimensions")
                    .height(220.0)
                    .allow_drag(false)
                    .allow_zoom(false)
                    .allow_scroll(false)
                    .include_y(0.0)
                    .include_y(100.0)
                    .x_axis_formatter(move |mark, _| {
                        names
                            .get(mark.value as usize)
                            .map_or(String::new(), |s| (*s).to_owned())
                    })
                    .show(&mut cols[0], |p| {
                        p.bar_chart(BarChart::new("score", bars).color(palette::FACILITATOR))
                    });
                cols[1].heading("Safety in the room");
                Plot::new("safety")
                    .height(220.0)
                    .legend(Legend::default())
                    .include_y(0.0)
                    .include_y(100.0)
                    .allow_scroll(false)
                    .show(&mut cols[1], |p| {
                        for (i, trace) in r.safety.iter().enumerate() {
                            let name = s
                                .participants
                                .get(i)
                                .map_or(trace.participant.to_string(), |x| x.name.clone());
                            let points: PlotPoints = trace
                                .history
                                .iter()
                                .enumerate()
                                .map(|(x, y)| [x as f64, f64::from(*y)])
                                .collect();
                            p.line(Line::new(name, points).color(palette::person(i)));
                        }
                    });
            });
            ui.add_space(8.0);
            super::group::group_report(ui, m, &record);
            ui.columns(2, |cols| {
                cols[0].heading(format!(
                    "Details surfaced: {} of {}",
                    r.facts_surfaced.len(),
                    r.facts_total
                ));
                for f in s.facts.iter().filter(|f| r.facts_surfaced.contains(&f.id)) {
                    cols[0].label(
                        egui::RichText::new(format!("✔ {}", f.summary)).color(palette::GOOD),
                    );
                }
                for missed in &r.facts_missed {
                    cols[0].label(
                        egui::RichText::new(format!("✘ {}", missed.summary)).color(palette::POOR),
                    );
                    cols[0].label(
                        egui::RichText::new(format!(
                            "    would have come out with: {}",
                            missed.hint
                        ))
                        .small()
                        .color(palette::NOTE),
                    );
                }
                cols[1].heading("Every move");
                for p in &r.moves {
                    let (mark, color) = match p.feedback.verdict {
                        Verdict::Good => ("✔", palette::GOOD),
                        Verdict::Neutral => ("•", palette::NOTE),
                        Verdict::Poor => ("✘", palette::POOR),
                    };
                    cols[1].horizontal_wrapped(|ui| {
                        ui.label(
                            egui::RichText::new(format!("{mark} {}.", p.index + 1)).color(color),
                        );
                        ui.label(move_label(m, &p.mv));
                        if ui.small_button("try again from here").clicked() {
                            actions.write(Action::TryAgainFrom(p.index));
                        }
                    });
                    if !p.feedback.text.is_empty() {
                        cols[1].label(
                            egui::RichText::new(format!("    {}", p.feedback.text))
                                .small()
                                .color(color),
                        );
                    }
                    if let Some(better) = p
                        .better
                        .as_ref()
                        .and_then(|b| s.choices.iter().find(|c| &c.id == b))
                    {
                        cols[1].label(
                            egui::RichText::new(format!("    better: “{}”", better.text))
                                .small()
                                .color(palette::FACILITATOR),
                        );
                    }
                }
            });
        });
    });
    Ok(())
}
