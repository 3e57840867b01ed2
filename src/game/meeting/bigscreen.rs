//! The meeting room's big screen: artifacts drawn from scenario data. At
//! normal size the results page's small italic slashed-zero type makes the
//! 8 read as a 0, as it did in the incident; zoomed in, the 8 is plain.

use crate::engine::Meeting;
use crate::game::theme::palette;
use crate::scenario::{ArtifactBody, DiffLine, TileStyle};
use bevy_egui::egui;
use egui_plot::{Legend, Line, Plot, PlotPoints};

/// Draws whatever is on the big screen inside `rect`.
pub fn draw(ui: &mut egui::Ui, rect: egui::Rect, m: &Meeting) {
    let (shown, zoomed) = m.big_screen();
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect));
    egui::Frame::new()
        .fill(egui::Color32::from_rgb(236, 238, 242))
        .stroke(egui::Stroke::new(6.0, egui::Color32::from_rgb(40, 40, 46)))
        .corner_radius(4.0)
        .inner_margin(12.0)
        .show(&mut child, |ui| {
            ui.set_min_size(rect.size() - egui::vec2(30.0, 30.0));
            ui.style_mut().visuals.override_text_color = Some(egui::Color32::from_rgb(30, 30, 36));
            let Some(a) = shown else {
                ui.centered_and_justified(|ui| {
                    ui.label(
                        egui::RichText::new(
                            "Big screen: nothing shown. Pick an artifact under “Big screen”.",
                        )
                        .color(egui::Color32::GRAY),
                    );
                });
                return;
            };
            let scale: f32 = if zoomed { 2.0 } else { 1.0 };
            ui.label(
                egui::RichText::new(&a.title)
                    .size(14.0 * scale.min(1.4))
                    .color(egui::Color32::from_rgb(40, 60, 110)),
            );
            egui::ScrollArea::both()
                .id_salt("bigscreen")
                .show(ui, |ui| body(ui, &a.body, zoomed, scale));
        });
}

fn body(ui: &mut egui::Ui, body: &ArtifactBody, zoomed: bool, scale: f32) {
    match body {
        ArtifactBody::Dashboard { tiles } => {
            ui.horizontal_wrapped(|ui| {
                for tile in tiles {
                    egui::Frame::new()
                        .fill(egui::Color32::WHITE)
                        .stroke(egui::Stroke::new(1.0, egui::Color32::LIGHT_GRAY))
                        .inner_margin(8.0)
                        .show(ui, |ui| {
                            ui.vertical(|ui| {
                                ui.label(egui::RichText::new(&tile.label).size(11.0 * scale));
                                // At normal size a misleading typeface shows what
                                // people read; zoomed in, what it says.
                                let shown = match (&tile.reads_as, zoomed) {
                                    (Some(r), false) => r,
                                    _ => &tile.value,
                                };
                                // A passed or failed tile carries a mark, as CI pages do.
                                let mark = match tile.style {
                                    TileStyle::Good => "✔ ",
                                    TileStyle::Bad => "✖ ",
                                    _ => "",
                                };
                                let mut text =
                                    egui::RichText::new(format!("{mark}{shown}")).monospace();
                                text = match tile.style {
                                    TileStyle::SmallItalicSlashedZero => text
                                        .italics()
                                        .size(11.0 * scale * if zoomed { 2.0 } else { 1.0 }),
                                    TileStyle::Good => text.size(20.0 * scale).color(palette::GOOD),
                                    TileStyle::Bad => text.size(20.0 * scale).color(palette::POOR),
                                    TileStyle::Plain => text.size(20.0 * scale),
                                };
                                ui.label(text);
                            });
                        });
                }
            });
        }
        ArtifactBody::Chat { lines } => {
            for l in lines {
                ui.label(
                    egui::RichText::new(format!("{}  <{}>  {}", l.time, l.who, l.text))
                        .monospace()
                        .size(12.0 * scale),
                );
            }
        }
        ArtifactBody::Graph { unit, series } => {
            Plot::new("artifact-graph")
                .legend(Legend::default())
                .y_axis_label(unit.clone())
                .x_axis_label("minute")
                .allow_scroll(false)
                .height(ui.available_height().max(120.0))
                .show(ui, |p| {
                    for (i, s) in series.iter().enumerate() {
                        let points: PlotPoints = s
                            .points
                            .iter()
                            .map(|(x, y)| [f64::from(*x), f64::from(*y)])
                            .collect();
                        p.line(
                            Line::new(s.name.clone(), points)
                                .color(palette::person(i))
                                .width(2.0),
                        );
                    }
                });
        }
        ArtifactBody::Diff { file, lines } => {
            ui.label(
                egui::RichText::new(file)
                    .monospace()
                    .size(12.0 * scale)
                    .color(egui::Color32::from_rgb(40, 60, 110)),
            );
            for l in lines {
                let (prefix, text, color) = match l {
                    DiffLine::Added(t) => ("+", t, egui::Color32::from_rgb(20, 120, 40)),
                    DiffLine::Removed(t) => ("-", t, egui::Color32::from_rgb(170, 30, 30)),
                    DiffLine::Context(t) => (" ", t, egui::Color32::from_rgb(60, 60, 60)),
                };
                ui.label(
                    egui::RichText::new(format!("{prefix} {text}"))
                        .monospace()
                        .size(12.0 * scale)
                        .color(color),
                );
            }
        }
        ArtifactBody::Whiteboard { boxes, arrows, .. } => whiteboard(ui, boxes, arrows, scale),
        ArtifactBody::Document { text } => {
            ui.label(egui::RichText::new(text).size(13.0 * scale));
        }
    }
}

/// A whiteboard drawing: boxes in reading order, arrows between them.
fn whiteboard(ui: &mut egui::Ui, boxes: &[String], arrows: &[(String, String)], scale: f32) {
    let area = ui.available_rect_before_wrap();
    let cols = ((area.width() / (170.0 * scale)).floor() as usize).max(1);
    let size = egui::vec2(150.0 * scale, 44.0 * scale);
    let gap = egui::vec2(20.0 * scale, 26.0 * scale);
    let rects: Vec<egui::Rect> = (0..boxes.len())
        .map(|i| {
            let (c, r) = (i % cols, i / cols);
            egui::Rect::from_min_size(
                area.min + egui::vec2(c as f32 * (size.x + gap.x), r as f32 * (size.y + gap.y)),
                size,
            )
        })
        .collect();
    let rows = boxes.len().div_ceil(cols);
    ui.allocate_rect(
        egui::Rect::from_min_size(
            area.min,
            egui::vec2(area.width(), rows as f32 * (size.y + gap.y)),
        ),
        egui::Sense::hover(),
    );
    let painter = ui.painter();
    let ink = egui::Color32::from_rgb(30, 60, 140);
    for (from, to) in arrows {
        let (Some(a), Some(b)) = (
            boxes.iter().position(|x| x == from),
            boxes.iter().position(|x| x == to),
        ) else {
            continue;
        };
        painter.arrow(
            rects[a].center(),
            (rects[b].center() - rects[a].center()) * 0.8,
            egui::Stroke::new(2.0, ink),
        );
    }
    for (text, r) in boxes.iter().zip(&rects) {
        painter.rect(
            *r,
            6.0,
            egui::Color32::WHITE,
            egui::Stroke::new(2.0, ink),
            egui::StrokeKind::Inside,
        );
        painter.text(
            r.center(),
            egui::Align2::CENTER_CENTER,
            text,
            egui::FontId::proportional(11.0 * scale),
            ink,
        );
    }
}
