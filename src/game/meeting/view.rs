//! How a meeting looks, whether it is played or watched: the phase bar,
//! the notebook, the transcript, the room and the big screen, around a
//! right-hand panel the caller fills (the choices when playing, the replay
//! controls when watching).

use super::{Banner, Propose, Session, bigscreen, moments, room, transcript};
use crate::engine::Meeting;
use crate::game::kept::KeptSettings;
use crate::game::theme::{Projector, palette};
use crate::scenario::Phase;
use bevy::prelude::*;
use bevy_egui::egui;

/// The part of the window the room and the big screen are drawn in, in
/// egui points, as the meeting screen laid it out this frame.
#[derive(Resource, Default, Clone, Copy, Debug)]
pub struct RoomArea {
    pub rect: Option<egui::Rect>,
    /// Logical pixels per egui point (the UI scale).
    pub zoom: f32,
    /// The settings' text size, which the labels' boxes are sized for.
    pub text_size: f32,
}

/// The transcript's view: when the newest lines started appearing (the
/// typewriter), and whether every earlier line is shown.
#[derive(Resource, Default)]
pub struct TranscriptView {
    pub version: u64,
    pub started: f64,
    pub whole: bool,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<RoomArea>()
        .init_resource::<TranscriptView>();
}

/// What the frame needs besides the session.
pub struct Frame<'a> {
    pub kept: &'a KeptSettings,
    pub projector: Projector,
    pub banner: &'a Banner,
    pub now: f64,
    /// Moments can be answered from their banners (not when watching).
    pub interactive: bool,
    /// Put the keyboard focus on the first reply of an open moment.
    pub focus_replies: bool,
}

/// Draws a meeting: `right` fills the right-hand panel. Returns proposals
/// made by clicking a moment's reply.
pub fn frame(
    ui: &mut egui::Ui,
    session: &Session,
    f: &Frame,
    area: &mut RoomArea,
    view: &mut TranscriptView,
    right: impl FnOnce(&mut egui::Ui),
) -> Vec<Propose> {
    let m = &session.meeting;
    let mut proposals = Vec::new();
    egui::Panel::top("phases").show(ui, |ui| {
        phase_bar(ui, m);
        for line in &f.banner.0 {
            ui.label(
                egui::RichText::new(line)
                    .size(crate::game::theme::pt(
                        ui,
                        if f.projector.0 { 16.0 } else { 15.0 },
                    ))
                    .color(palette::FACILITATOR),
            );
        }
    });
    egui::Panel::right("choices")
        .default_size(if f.projector.0 { 520.0 } else { 430.0 })
        .resizable(true)
        .show(ui, right);
    // The projector layout leaves the notebook out, for a bigger room.
    if !f.projector.0 {
        egui::Panel::left("notebook")
            .default_size(280.0)
            .resizable(true)
            .show(ui, |ui| notebook(ui, session));
    }
    egui::Panel::bottom("transcript")
        .default_size(if f.projector.0 { 190.0 } else { 230.0 })
        .resizable(true)
        .show(ui, |ui| {
            if view.version != session.version {
                view.version = session.version;
                view.started = f.now;
            }
            let shown = f
                .kept
                .value
                .reveal_rate()
                .map(|cps| ((f.now - view.started) * f64::from(cps)) as usize);
            transcript::show(
                ui,
                m,
                shown,
                f.kept.value.coach.then_some(session),
                &mut view.whole,
            );
        });
    egui::CentralPanel::default()
        .frame(egui::Frame::NONE)
        .show(ui, |ui| {
            let rect = ui.max_rect();
            area.rect = Some(rect);
            area.zoom = ui.ctx().zoom_factor();
            area.text_size = f.kept.value.text_size;
            let layout = room::layout(rect, m.scenario().participants.len(), area.text_size);
            bigscreen::draw(ui, layout.screen, m);
            proposals.extend(moments::banners(
                ui,
                layout.screen,
                m,
                f.interactive,
                f.focus_replies,
            ));
            room::labels(ui, &layout, m, session.speaking.as_ref(), area.text_size);
            if f.kept.value.coach {
                room::thoughts(ui, &layout, m, &session.thoughts);
            }
        });
    proposals
}

/// One phase in the bar: "✔ opening 5/5", its colour, whether it is the
/// current one, and how much of its time is used (0 to 1).
struct PhaseMark {
    text: String,
    color: egui::Color32,
    current: bool,
    fill: f32,
}

/// The phases with the minutes used of each, the clock, and the timeline
/// entry being walked. The bar fits its width: with less room the phases
/// drop their "min" and then their progress bars, never running into the
/// clock.
fn phase_bar(ui: &mut egui::Ui, m: &Meeting) {
    let minutes = m.scenario().brief.minutes;
    // A little larger than the phases, and growing with the text size.
    let clock_size = crate::game::theme::pt(ui, 15.0).max(18.0);
    let clock = egui::RichText::new(format!(
        "⏱ {:02}:{:02} of {minutes} min",
        m.clock() / 60,
        m.clock() % 60
    ))
    .size(clock_size)
    .strong();
    let phases: Vec<PhaseMark> = Phase::ALL
        .into_iter()
        .map(|phase| {
            let (used, budget) = m.phase_time(phase);
            let current = m.phase() == phase;
            // Over time, now and done carry a mark as well as a colour.
            let (mark, color) = if used > budget {
                ("⚠ ", palette::POOR)
            } else if current {
                ("▶ ", palette::FACILITATOR)
            } else if phase < m.phase() {
                ("✔ ", palette::NOTE)
            } else {
                ("", ui.visuals().weak_text_color())
            };
            let fill = if budget == 0 {
                0.0
            } else {
                (f32::from(used) / f32::from(budget)).min(1.0)
            };
            let text = format!("{mark}{} {used}/{budget}", phase.label());
            PhaseMark {
                text,
                color,
                current,
                fill,
            }
        })
        .collect();
    // Widths of the three forms, measured in this ui's type.
    let width = |text: String| {
        let font = egui::TextStyle::Body.resolve(ui.style());
        ui.fonts_mut(|f| f.layout_no_wrap(text, font, egui::Color32::WHITE).size().x)
    };
    let gap = ui.spacing().item_spacing.x;
    let clock_w = {
        let font = egui::FontId::proportional(clock_size);
        ui.fonts_mut(|f| {
            f.layout_no_wrap("⏱ 00:00 of 000 min".into(), font, egui::Color32::WHITE)
                .size()
                .x
        })
    };
    let labels: f32 = phases.iter().map(|p| width(p.text.clone())).sum::<f32>() * 1.1;
    let n = phases.len() as f32;
    let room = ui.available_width() - clock_w - 2.0 * gap;
    let with_min = width(" min".into()) * n;
    let separators = n * (gap * 2.0 + 6.0);
    let (unit, bar) = if labels + with_min + n * (60.0 + gap) + separators <= room {
        (" min", 60.0)
    } else if labels + n * (28.0 + gap) + separators <= room {
        ("", 28.0)
    } else {
        ("", 0.0)
    };
    ui.horizontal(|ui| {
        for p in &phases {
            let mut rich = egui::RichText::new(format!("{}{unit}", p.text)).color(p.color);
            if p.current {
                rich = rich.strong();
            }
            ui.label(rich);
            if bar > 0.0 {
                ui.add(egui::ProgressBar::new(p.fill).desired_width(bar));
            }
            ui.separator();
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(clock);
        });
    });
    if let Some(e) = m.current_entry() {
        ui.label(
            egui::RichText::new(format!("Timeline: {} — {}", e.time, e.observed))
                .color(palette::WARN),
        );
    }
}

/// Details surfaced so far, by timeline entry, and the parking lot.
fn notebook(ui: &mut egui::Ui, session: &Session) {
    let m = &session.meeting;
    let s = m.scenario();
    ui.heading("Notebook");
    let found = m.facts_revealed().count();
    ui.label(
        egui::RichText::new(format!("{found} of {} details surfaced", s.facts.len()))
            .color(palette::NOTE),
    );
    egui::ScrollArea::vertical()
        .id_salt("notebook")
        .max_height(ui.available_height() * 0.7)
        .show(ui, |ui| {
            for e in &s.timeline {
                ui.label(
                    egui::RichText::new(format!("{} {}", e.time, e.observed))
                        .small()
                        .strong(),
                );
                for f in m
                    .facts_revealed()
                    .filter(|f| f.entry.as_ref() == Some(&e.id))
                {
                    ui.label(
                        egui::RichText::new(format!("  • {}", f.summary))
                            .small()
                            .color(palette::GOOD),
                    );
                }
            }
            let loose: Vec<_> = m.facts_revealed().filter(|f| f.entry.is_none()).collect();
            if !loose.is_empty() {
                ui.label(egui::RichText::new("Also").small().strong());
                for f in loose {
                    ui.label(
                        egui::RichText::new(format!("  • {}", f.summary))
                            .small()
                            .color(palette::GOOD),
                    );
                }
            }
        });
    ui.separator();
    ui.heading("Parking lot");
    if session.parking.is_empty() {
        ui.label(
            egui::RichText::new("Pinned tangents and parked fixes wait here.")
                .small()
                .color(palette::NOTE),
        );
    }
    for (kind, text) in &session.parking {
        ui.label(egui::RichText::new(format!("📌 {}: {text}", kind.label())).small());
    }
}
