//! The report: the eight dimensions as a chart, the total, the two success
//! questions and who decided them, everyone's safety over the meeting,
//! every move with its feedback, the facts found and missed, "try again
//! from here", and what other features add (`ReportBar`, `ReportSections`).

use super::{MeetingInput, ReportBar, ReportButtonPressed, ReportSections, Session, Tone};
use crate::game::kept::KeptProgress;
use crate::game::screens::Navigate;
use crate::game::theme::{palette, verdict};
use crate::game::widgets::{nav_bar, root};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui_plot::{Legend, Line, Plot, PlotPoints};

/// A line's tone as a mark and a colour, so it reads without colour too.
fn tone(t: Tone, text: &str) -> egui::RichText {
    let (mark, colour) = match t {
        Tone::Plain => ("", palette::NOTE),
        Tone::Good => ("✔ ", palette::GOOD),
        Tone::Warn => ("⚠ ", palette::WARN),
        Tone::Poor => ("✖ ", palette::POOR),
    };
    egui::RichText::new(format!("{mark}{text}")).color(colour)
}

/// What was pressed on the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportAction {
    Input(MeetingInput),
    Button(ReportButtonPressed),
}

pub fn report_screen(
    mut contexts: EguiContexts,
    mut nav: MessageWriter<Navigate>,
    mut input: MessageWriter<MeetingInput>,
    mut pressed: MessageWriter<ReportButtonPressed>,
    session: Res<Session>,
    progress: Res<KeptProgress>,
    (bar, sections): (Res<ReportBar>, Res<ReportSections>),
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    let title = format!("Report — {}", session.meeting.scenario().title);
    nav_bar(&mut ui, &title, &mut nav);
    for action in report_ui(&mut ui, &session, &progress, &bar, &sections) {
        match action {
            ReportAction::Input(i) => {
                input.write(i);
            }
            ReportAction::Button(b) => {
                pressed.write(b);
            }
        }
    }
    Ok(())
}

/// The report on `ui`, under the screen's top bar; returns what was
/// pressed.
pub fn report_ui(
    ui: &mut egui::Ui,
    session: &Session,
    progress: &KeptProgress,
    bar: &ReportBar,
    sections: &ReportSections,
) -> Vec<ReportAction> {
    let mut actions = Vec::new();
    let m = &session.meeting;
    let r = m.report();
    let s = m.scenario();
    egui::Panel::bottom("record").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            for b in &bar.buttons {
                if ui.button(&b.label).on_hover_text(&b.hover).clicked() {
                    actions.push(ReportAction::Button(ReportButtonPressed(b.id)));
                }
            }
            for (text, t) in &bar.notes {
                ui.label(tone(*t, text));
            }
        });
    });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(
                    egui::RichText::new(format!("{} / 100", r.score.total))
                        .size(crate::game::theme::pt(ui, 44.0))
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
                        .size(crate::game::theme::pt(ui, 18.0)),
                    );
                    ui.label(
                        egui::RichText::new(format!("Would at least half the room come back? {b}"))
                            .color(bc)
                            .size(crate::game::theme::pt(ui, 18.0)),
                    );
                    for who in &r.at_risk {
                        let end = r
                            .safety
                            .iter()
                            .find(|t| &t.participant == who)
                            .map_or(0, |t| t.end);
                        let back = end >= crate::engine::rules::WOULD_RETURN;
                        ui.label(
                            egui::RichText::new(format!(
                                "{} was most at risk here and ends at {end}/100: {}",
                                s.name_of(who),
                                if back {
                                    "would come back"
                                } else {
                                    "would not come back"
                                }
                            ))
                            .color(if back {
                                palette::NOTE
                            } else {
                                palette::POOR
                            }),
                        );
                    }
                    if let Some(best) = progress.progress.best(s.id.as_str()) {
                        ui.label(
                            egui::RichText::new(format!("Your best on this incident: {best}"))
                                .color(palette::NOTE),
                        );
                    }
                });
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button(
                            egui::RichText::new("Play again")
                                .size(crate::game::theme::pt(ui, 18.0)),
                        )
                        .clicked()
                    {
                        actions.push(ReportAction::Input(MeetingInput::TryAgainFrom(0)));
                    }
                });
            });
            ui.columns(2, |cols| {
                cols[0].heading("How you facilitated");
                // One row per dimension, named in full: a bar chart's axis
                // drops every other name when the column is narrow.
                egui::Grid::new("dimensions")
                    .num_columns(2)
                    .spacing([12.0, 6.0])
                    .show(&mut cols[0], |ui| {
                        for (name, v) in r.score.dimensions() {
                            ui.label(name);
                            let bar = egui::ProgressBar::new(f32::from(v) / 100.0)
                                .text(format!("{v}"))
                                .fill(palette::FACILITATOR.linear_multiply(0.6))
                                .desired_width(ui.available_width().max(120.0));
                            ui.add(bar).on_hover_text(format!("{name}: {v} / 100"));
                            ui.end_row();
                        }
                    });
                cols[1].heading("Safety in the room");
                Plot::new("safety")
                    .height(crate::game::theme::pt(&cols[1], 220.0))
                    .legend(Legend::default())
                    .x_axis_label("move")
                    .y_axis_label("how safe (0 to 100)")
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
            for section in &sections.0 {
                ui.heading(&section.title);
                if let Some((head, rows)) = section.table.split_first() {
                    egui::Grid::new(&section.title)
                        .striped(true)
                        .show(ui, |ui| {
                            for h in head {
                                ui.label(egui::RichText::new(h).strong());
                            }
                            ui.end_row();
                            for row in rows {
                                for cell in row {
                                    ui.label(cell);
                                }
                                ui.end_row();
                            }
                        });
                }
                for (text, t) in &section.notes {
                    ui.label(tone(*t, text));
                }
                ui.add_space(8.0);
            }
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
                        egui::RichText::new(format!("✖ {}", missed.summary)).color(palette::POOR),
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
                    let (mark, color) = verdict(p.feedback.verdict);
                    cols[1].horizontal_wrapped(|ui| {
                        ui.label(
                            egui::RichText::new(format!("{mark} {}.", p.index + 1)).color(color),
                        );
                        ui.label(p.mv.label(s));
                        if ui.small_button("try again from here").clicked() {
                            actions.push(ReportAction::Input(MeetingInput::TryAgainFrom(p.index)));
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
    actions
}
