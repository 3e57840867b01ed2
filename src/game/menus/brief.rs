//! The brief: the incident, the objective timeline, the attendees, the
//! pre-meeting talks on offer and what can go on the big screen.

use crate::game::meeting::Session;
use crate::game::screens::{Navigate, Screen};
use crate::game::theme::{palette, pt};
use crate::game::widgets::{nav_bar, root};
use crate::scenario::{ArtifactBody, ChoiceKind, Participant, Phase, Target, TimelineEntry};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

pub fn brief(
    mut contexts: EguiContexts,
    mut nav: MessageWriter<Navigate>,
    session: Res<Session>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    let m = &session.meeting;
    let s = m.scenario();
    nav_bar(&mut ui, &s.title, &mut nav);
    egui::Panel::bottom("brief-go").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            let go = ui.add(egui::Button::new(egui::RichText::new("Start the meeting »").size(pt(ui, 22.0))));
            if go.clicked() {
                nav.write(Navigate::Open(Screen::Meeting));
            }
            if ui.memory(|mem| mem.focused().is_none()) {
                go.request_focus();
            }
            ui.label(egui::RichText::new("The pre-meeting talks come first, in the meeting screen; or skip them with “Next phase”.").color(palette::NOTE));
        });
    });
    egui::CentralPanel::default().show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.label(egui::RichText::new(&s.brief.summary).size(pt(ui, 18.0)));
            ui.add_space(6.0);
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(format!("⏱ {} minutes", s.brief.minutes))
                        .strong()
                        .color(palette::FACILITATOR),
                );
                ui.label(egui::RichText::new("The easy story in the room:").color(palette::NOTE));
                ui.label(egui::RichText::new(format!("“{}”", s.first_story)).italics());
            });
            ui.add_space(12.0);
            ui.columns(2, |cols| {
                cols[0].heading("Timeline");
                timeline(&mut cols[0], &s.timeline);
                if !s.artifacts.is_empty() {
                    cols[0].add_space(12.0);
                    cols[0].heading("For the big screen");
                    for a in &s.artifacts {
                        cols[0].horizontal_wrapped(|ui| {
                            ui.label(
                                egui::RichText::new(kind_of(&a.body))
                                    .small()
                                    .color(palette::NOTE),
                            );
                            ui.label(&a.title);
                        });
                    }
                }
                cols[1].heading("Attendees");
                for (i, p) in s.participants.iter().enumerate() {
                    attendee(&mut cols[1], i, p);
                }
                cols[1].add_space(12.0);
                cols[1].heading("Pre-meeting talks you can have");
                for c in s
                    .choices
                    .iter()
                    .filter(|c| c.phase == Phase::PreMeeting && c.kind == ChoiceKind::Prepare)
                {
                    let to = match &c.target {
                        Target::Person(p) => s.name_of(p).to_owned(),
                        Target::Room => "everyone".into(),
                    };
                    cols[1].horizontal_wrapped(|ui| {
                        ui.label(egui::RichText::new(format!("With {to}:")).strong());
                        ui.label(&c.text);
                    });
                    cols[1].add_space(4.0);
                }
            });
        });
    });
    Ok(())
}

/// The timeline as a timeline: times down the left, a line joining dots,
/// a filled dot where the story turned.
fn timeline(ui: &mut egui::Ui, entries: &[TimelineEntry]) {
    ui.label(
        egui::RichText::new("A filled dot marks where the story turned.")
            .small()
            .color(palette::NOTE),
    );
    let time_w = pt(ui, 78.0);
    let line = egui::Stroke::new(2.0, palette::NOTE);
    let mut joints: Vec<(egui::Pos2, bool)> = vec![];
    for e in entries {
        let row = ui
            .horizontal_top(|ui| {
                ui.allocate_ui_with_layout(
                    egui::vec2(time_w, 0.0),
                    egui::Layout::top_down(egui::Align::RIGHT),
                    |ui| {
                        ui.set_min_width(time_w);
                        ui.label(egui::RichText::new(&e.time).strong());
                    },
                );
                ui.add_space(28.0);
                let mut text = egui::RichText::new(&e.observed);
                if e.inflection {
                    text = text.strong();
                }
                ui.add(egui::Label::new(text).wrap());
            })
            .response;
        let dot = egui::pos2(
            row.rect.left() + time_w + 18.0,
            row.rect.top() + ui.text_style_height(&egui::TextStyle::Body) / 2.0 + 1.0,
        );
        joints.push((dot, e.inflection));
        ui.add_space(6.0);
    }
    let painter = ui.painter();
    for pair in joints.windows(2) {
        painter.line_segment([pair[0].0, pair[1].0], line);
    }
    for (at, turned) in joints {
        if turned {
            painter.circle(
                at,
                6.0,
                palette::WARN,
                egui::Stroke::new(2.0, palette::WARN),
            );
        } else {
            painter.circle(at, 5.0, palette::BACKGROUND_32, line);
        }
    }
}

/// One person at the table: name in their colour, role, and their part.
fn attendee(ui: &mut egui::Ui, i: usize, p: &Participant) {
    let card = egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .inner_margin(egui::Margin {
            left: 12,
            right: 8,
            top: 4,
            bottom: 4,
        })
        .corner_radius(3.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(&p.name)
                        .color(palette::person(i))
                        .strong()
                        .size(pt(ui, 15.0)),
                );
                ui.label(egui::RichText::new(&p.role).color(palette::NOTE));
            });
            ui.label(&p.involvement);
        });
    let r = card.response.rect;
    ui.painter().rect_filled(
        egui::Rect::from_min_size(r.min, egui::vec2(4.0, r.height())),
        2.0,
        palette::person(i),
    );
    ui.add_space(4.0);
}

/// What kind of tool an artifact comes from, in words.
fn kind_of(body: &ArtifactBody) -> &'static str {
    match body {
        ArtifactBody::Dashboard { .. } => "RESULTS PAGE",
        ArtifactBody::Chat { .. } => "CHAT",
        ArtifactBody::Graph { .. } => "GRAPH",
        ArtifactBody::Diff { .. } => "DIFF",
        ArtifactBody::Whiteboard { .. } => "WHITEBOARD",
        ArtifactBody::Document { .. } => "DOCUMENT",
    }
}
