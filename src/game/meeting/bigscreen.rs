//! The meeting room's big screen: each artifact drawn as the tool it comes
//! from, so a team recognises it. A results page in a browser tab, a chat
//! channel, a dark metrics panel, a code review's diff, sticky notes on a
//! whiteboard, a page of a document.
//!
//! The flagship turns on how a page looked: at normal size the results
//! page's small italic type with slashed zeros makes the 8 read as a 0, as
//! it did in the incident (the slash is drawn on each zero, as that
//! typeface does); zoomed in, the 8 is plain.
//!
//! Screen readers hear the artifact as the engine describes it, so what the
//! picture says is said in words too.

use crate::engine::{Meeting, describe_artifact};
use crate::game::theme::palette;
use crate::scenario::{
    Artifact, ArtifactBody, ChatLine, DiffLine, ParticipantId, Scenario, Series, Tile, TileStyle,
};
use bevy_egui::egui::{self, Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, vec2};
use egui_plot::{Line, Plot, PlotPoints};

/// Colours of the tools on the screen: dark ink on light pages, chosen to
/// pass WCAG AA on the page they are drawn on (tested in `look`).
pub mod ink {
    use bevy_egui::egui::Color32;

    pub const BEZEL: Color32 = Color32::from_rgb(34, 35, 40);
    pub const PAGE: Color32 = Color32::from_rgb(252, 252, 253);
    pub const CHROME: Color32 = Color32::from_rgb(222, 225, 231);
    pub const TEXT: Color32 = Color32::from_rgb(28, 31, 38);
    pub const MUTED: Color32 = Color32::from_rgb(88, 94, 106);
    /// Passed: Okabe-Ito blue, dark enough for small text on white.
    pub const PASSED: Color32 = Color32::from_rgb(0, 105, 165);
    /// Failed: a dark vermilion.
    pub const FAILED: Color32 = Color32::from_rgb(175, 65, 0);
    pub const ADDED_BG: Color32 = Color32::from_rgb(222, 240, 252);
    pub const REMOVED_BG: Color32 = Color32::from_rgb(253, 232, 218);
    pub const GRAPH_BG: Color32 = Color32::from_rgb(22, 24, 29);
    pub const GRAPH_TEXT: Color32 = Color32::from_rgb(204, 208, 216);
    pub const BOARD: Color32 = Color32::from_rgb(246, 246, 241);
    pub const MARKER: Color32 = Color32::from_rgb(26, 54, 128);
    pub const NOTES: [Color32; 3] = [
        Color32::from_rgb(255, 244, 170),
        Color32::from_rgb(214, 236, 252),
        Color32::from_rgb(252, 222, 236),
    ];
    /// Chat avatars: white initials on each.
    pub const AVATARS: [Color32; 6] = [
        Color32::from_rgb(0, 95, 150),
        Color32::from_rgb(150, 60, 0),
        Color32::from_rgb(110, 60, 140),
        Color32::from_rgb(0, 110, 90),
        Color32::from_rgb(140, 40, 80),
        Color32::from_rgb(70, 80, 95),
    ];
}

/// Draws whatever is on the big screen inside `rect`.
pub fn draw(ui: &mut egui::Ui, rect: Rect, m: &Meeting) {
    let (shown, zoomed) = m.big_screen();
    // Words for a screen reader: what is shown, as the engine says it.
    let said = match shown {
        Some(a) => format!("Big screen: {}. {}", a.title, describe_artifact(a, zoomed)),
        None => "Big screen: nothing shown".to_owned(),
    };
    let response = ui.interact(rect, ui.id().with("bigscreen"), Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Label, true, &said));
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect));
    // Nothing drawn on the screen spills over the room.
    child.set_clip_rect(rect.intersect(ui.clip_rect()));
    egui::Frame::new()
        .fill(ink::BEZEL)
        .corner_radius(6.0)
        .inner_margin(6.0)
        .show(&mut child, |ui| {
            let inner = ui.available_rect_before_wrap();
            ui.set_min_size(inner.size());
            ui.set_max_size(inner.size());
            let Some(a) = shown else {
                agenda(ui, m);
                return;
            };
            let s: f32 = if zoomed { 2.0 } else { 1.0 };
            artifact(ui, a, m.scenario(), zoomed, s);
        });
}

/// One artifact in the look of its tool, scaled by `s`.
fn artifact(ui: &mut egui::Ui, a: &Artifact, scenario: &Scenario, zoomed: bool, s: f32) {
    match &a.body {
        ArtifactBody::Dashboard { tiles } => page(ui, &a.title, |ui| {
            results_page(ui, &a.title, tiles, zoomed, s);
        }),
        ArtifactBody::Chat { lines } => page(ui, &a.title, |ui| chat(ui, &a.title, lines, s)),
        ArtifactBody::Graph { unit, series } => graph(ui, &a.title, unit, series, s),
        ArtifactBody::Diff { file, lines } => page(ui, &a.title, |ui| diff(ui, file, lines, s)),
        ArtifactBody::Whiteboard {
            owner,
            boxes,
            arrows,
        } => whiteboard(ui, &a.title, owner_name(scenario, owner), boxes, arrows, s),
        ArtifactBody::Document { text } => document(ui, &a.title, text, s),
    }
}

/// Before anything is shown, the screen carries the meeting's agenda, as
/// a facilitator puts it on the wall: each phase with its minutes, the
/// current one marked.
fn agenda(ui: &mut egui::Ui, m: &Meeting) {
    ui.style_mut().visuals.override_text_color = Some(ink::GRAPH_TEXT);
    let s = m.scenario();
    egui::ScrollArea::vertical()
        .id_salt("agenda")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.label(
                RichText::new(format!("Review: {}", s.title))
                    .size(16.0)
                    .strong(),
            );
            ui.label(format!("Agenda, {} minutes", s.brief.minutes));
            for phase in crate::scenario::Phase::ALL {
                let (_, budget) = m.phase_time(phase);
                let now = m.phase() == phase;
                let mark = if now {
                    "▶"
                } else if phase < m.phase() {
                    "✔"
                } else {
                    "·"
                };
                let text = RichText::new(format!("{mark}  {}  ({budget} min)", phase.label()));
                ui.label(if now {
                    text.strong().color(Color32::WHITE)
                } else {
                    text
                });
            }
            ui.add_space(4.0);
            ui.label(
                RichText::new("Nothing shown yet: pick an artifact under “Big screen”.").small(),
            );
        });
}

fn owner_name<'a>(scenario: &'a Scenario, owner: &'a ParticipantId) -> &'a str {
    scenario
        .participants
        .iter()
        .find(|p| &p.id == owner)
        .map_or(owner.as_str(), |p| p.name.as_str())
}

/// A light page with a window's title strip, its body scrolling.
fn page(ui: &mut egui::Ui, title: &str, body: impl FnOnce(&mut egui::Ui)) {
    ui.style_mut().visuals.override_text_color = Some(ink::TEXT);
    egui::Frame::new()
        .fill(ink::PAGE)
        .corner_radius(3.0)
        .show(ui, |ui| {
            ui.set_min_size(ui.available_size());
            title_strip(ui, title);
            egui::Frame::new()
                .inner_margin(egui::Margin::symmetric(10, 6))
                .show(ui, |ui| {
                    egui::ScrollArea::both()
                        .id_salt("bigscreen")
                        .auto_shrink([false, false])
                        .show(ui, body);
                });
        });
}

/// A window's strip: three dots and the title, as a tab would show it.
fn title_strip(ui: &mut egui::Ui, title: &str) {
    egui::Frame::new()
        .fill(ink::CHROME)
        .inner_margin(egui::Margin::symmetric(8, 3))
        .show(ui, |ui| {
            ui.set_min_width(ui.available_width());
            ui.horizontal(|ui| {
                let (dots, _) = ui.allocate_exact_size(vec2(38.0, 12.0), Sense::hover());
                for (i, c) in [(255, 95, 86), (255, 189, 46), (39, 201, 63)]
                    .into_iter()
                    .enumerate()
                {
                    ui.painter().circle_filled(
                        dots.left_center() + vec2(6.0 + 12.0 * i as f32, 0.0),
                        4.5,
                        Color32::from_rgb(c.0, c.1, c.2),
                    );
                }
                ui.add(
                    egui::Label::new(RichText::new(title).size(12.0).color(ink::MUTED)).truncate(),
                );
            });
        });
}

/// A CI server's results page: the run's name, then a card per figure.
/// Zoomed in, the screen shows the figures alone (the tab still names the
/// page), as a close-up on a projector would.
fn results_page(ui: &mut egui::Ui, title: &str, tiles: &[Tile], zoomed: bool, s: f32) {
    if !zoomed {
        ui.label(RichText::new(title).size(17.0).strong().color(ink::TEXT));
        outcome_banner(ui, tiles);
    }
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = vec2(8.0, 8.0);
        for tile in tiles {
            tile_card(ui, tile, zoomed, s);
        }
    });
}

/// The old page painted its header by the outcome; the new one does not.
fn outcome_banner(ui: &mut egui::Ui, tiles: &[Tile]) {
    let failed = tiles.iter().any(|t| t.style == TileStyle::Bad);
    let passed = tiles.iter().any(|t| t.style == TileStyle::Good);
    if !(failed || passed) {
        return;
    }
    let (word, colour) = if failed {
        ("✖ FAILED", ink::FAILED)
    } else {
        ("✔ PASSED", ink::PASSED)
    };
    egui::Frame::new()
        .fill(colour)
        .inner_margin(egui::Margin::symmetric(8, 2))
        .corner_radius(2.0)
        .show(ui, |ui| {
            ui.label(
                RichText::new(word)
                    .size(13.0)
                    .strong()
                    .color(Color32::WHITE),
            );
        });
}

fn tile_card(ui: &mut egui::Ui, tile: &Tile, zoomed: bool, s: f32) {
    let accent = match tile.style {
        TileStyle::Good => ink::PASSED,
        TileStyle::Bad => ink::FAILED,
        _ => Color32::from_rgb(190, 194, 202),
    };
    let r = egui::Frame::new()
        .fill(Color32::WHITE)
        .stroke(Stroke::new(1.0, Color32::from_rgb(208, 212, 220)))
        .corner_radius(3.0)
        .inner_margin(egui::Margin {
            left: 10,
            right: 14,
            top: 8,
            bottom: 6,
        })
        .show(ui, |ui| {
            ui.vertical(|ui| {
                ui.label(
                    RichText::new(&tile.label)
                        .size(11.0 * s.min(1.3))
                        .color(ink::MUTED),
                );
                match tile.style {
                    TileStyle::SmallItalicSlashedZero => {
                        // At normal size the typeface shows what people
                        // read; zoomed in, what it says.
                        let shown = match (&tile.reads_as, zoomed) {
                            (Some(r), false) => r,
                            _ => &tile.value,
                        };
                        let size = if zoomed { 30.0 } else { 12.0 };
                        slashed_italic(ui, shown, size, ink::TEXT);
                    }
                    style => {
                        let (mark, colour) = match style {
                            TileStyle::Good => ("✔ ", ink::PASSED),
                            TileStyle::Bad => ("✖ ", ink::FAILED),
                            _ => ("", ink::TEXT),
                        };
                        ui.label(
                            RichText::new(format!("{mark}{}", tile.value))
                                .size(22.0 * s)
                                .strong()
                                .color(colour),
                        );
                    }
                }
            });
        });
    // The card's coloured top edge, as results pages mark a figure.
    let top = r.response.rect;
    ui.painter().rect_filled(
        Rect::from_min_size(top.min, vec2(top.width(), 3.0)),
        egui::CornerRadius {
            nw: 3,
            ne: 3,
            sw: 0,
            se: 0,
        },
        accent,
    );
}

/// Text in small italic monospace with a slash through every zero, as the
/// results page's typeface drew them.
fn slashed_italic(ui: &mut egui::Ui, text: &str, size: f32, colour: Color32) {
    let rich = RichText::new(text)
        .monospace()
        .italics()
        .size(size)
        .color(colour);
    let (pos, galley, response) = egui::Label::new(rich).layout_in_ui(ui);
    let painter = ui.painter();
    painter.galley(pos, galley.clone(), colour);
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Label, true, galley.text()));
    let stroke = Stroke::new((size / 12.0).max(1.0), colour);
    for row in &galley.rows {
        for g in row.row.glyphs.iter().filter(|g| g.chr == '0') {
            let base = pos + row.pos.to_vec2() + g.pos.to_vec2();
            let (w, h) = (g.advance_width, size * 0.72);
            // egui slants italics by a quarter of the height.
            let at = |fx: f32, fy: f32| Pos2::new(base.x + fx * w + 0.25 * fy * h, base.y - fy * h);
            painter.line_segment([at(0.22, 0.08), at(0.72, 0.92)], stroke);
        }
    }
}

/// A chat channel: the channel's name, then messages with an avatar, the
/// name and the time; a run of messages from one sender shares a header.
fn chat(ui: &mut egui::Ui, title: &str, lines: &[ChatLine], s: f32) {
    let channel = title.split(',').next().unwrap_or(title).trim();
    ui.label(
        RichText::new(channel)
            .size(15.0 * s)
            .strong()
            .color(ink::TEXT),
    );
    ui.separator();
    let avatar = 26.0 * s;
    for (i, l) in lines.iter().enumerate() {
        let same = i > 0 && lines[i - 1].who == l.who;
        ui.horizontal_top(|ui| {
            let (spot, _) = ui.allocate_exact_size(
                vec2(avatar, if same { 1.0 } else { avatar }),
                Sense::hover(),
            );
            if !same {
                let colour = ink::AVATARS[name_hash(&l.who) % ink::AVATARS.len()];
                ui.painter().rect_filled(spot, 4.0, colour);
                let initial: String = l.who.chars().take(1).flat_map(char::to_uppercase).collect();
                ui.painter().text(
                    spot.center(),
                    egui::Align2::CENTER_CENTER,
                    initial,
                    FontId::proportional(14.0 * s),
                    Color32::WHITE,
                );
            }
            ui.vertical(|ui| {
                if !same {
                    ui.horizontal(|ui| {
                        ui.label(
                            RichText::new(&l.who)
                                .size(13.0 * s)
                                .strong()
                                .color(ink::TEXT),
                        );
                        if l.who.ends_with("bot") {
                            ui.label(
                                RichText::new("APP")
                                    .size(9.0 * s)
                                    .color(ink::MUTED)
                                    .background_color(ink::CHROME),
                            );
                        }
                        ui.label(RichText::new(&l.time).size(11.0 * s).color(ink::MUTED));
                    });
                }
                ui.label(RichText::new(&l.text).size(13.0 * s));
            });
        });
        ui.add_space(2.0 * s);
    }
}

fn name_hash(name: &str) -> usize {
    name.bytes().fold(7usize, |h, b| {
        h.wrapping_mul(31).wrapping_add(usize::from(b))
    })
}

/// A metrics panel: dark, with a grid, the legend and the unit above the
/// plot, and the minutes under the time axis. Nothing is drawn inside the
/// plot but the lines, so a short panel never puts text on text; a panel
/// too short for its plot scrolls.
fn graph(ui: &mut egui::Ui, title: &str, unit: &str, series: &[Series], s: f32) {
    let text = s.min(1.3);
    egui::Frame::new()
        .fill(ink::GRAPH_BG)
        .corner_radius(3.0)
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_min_size(ui.available_size());
            ui.style_mut().visuals = egui::Visuals::dark();
            ui.style_mut().visuals.override_text_color = Some(ink::GRAPH_TEXT);
            for font in ui.style_mut().text_styles.values_mut() {
                font.size *= text;
            }
            egui::ScrollArea::vertical()
                .id_salt("graph")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.label(RichText::new(title).size(14.0 * text).strong());
                    ui.horizontal_wrapped(|ui| {
                        // The unit of the value axis, then each line's name.
                        ui.label(format!("{unit}:"));
                        for (i, line) in series.iter().enumerate() {
                            ui.label(
                                RichText::new(format!("— {}", line.name))
                                    .color(palette::person(i + 1)),
                            );
                        }
                    });
                    // The top value's label stands half above the plot.
                    ui.add_space(ui.text_style_height(&egui::TextStyle::Body) / 2.0);
                    Plot::new("artifact-graph")
                        .x_axis_label("minutes")
                        .allow_scroll(false)
                        .allow_drag(false)
                        .allow_zoom(false)
                        .show_background(false)
                        .height(ui.available_height().max(110.0 * text))
                        .show(ui, |p| {
                            for (i, line) in series.iter().enumerate() {
                                let points: PlotPoints = line
                                    .points
                                    .iter()
                                    .map(|(x, y)| [f64::from(*x), f64::from(*y)])
                                    .collect();
                                p.line(
                                    Line::new(line.name.clone(), points)
                                        .color(palette::person(i + 1))
                                        .width(2.0 * s),
                                );
                            }
                        });
                });
        });
}

/// A code review's diff: the file with its count of lines added and
/// removed, then each line with its old and new numbers.
fn diff(ui: &mut egui::Ui, file: &str, lines: &[DiffLine], s: f32) {
    let added = lines
        .iter()
        .filter(|l| matches!(l, DiffLine::Added(_)))
        .count();
    let removed = lines
        .iter()
        .filter(|l| matches!(l, DiffLine::Removed(_)))
        .count();
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(file)
                .monospace()
                .size(13.0 * s)
                .strong()
                .color(ink::TEXT),
        );
        ui.label(
            RichText::new(format!("+{added}"))
                .size(12.0 * s)
                .color(ink::PASSED),
        );
        ui.label(
            RichText::new(format!("−{removed}"))
                .size(12.0 * s)
                .color(ink::FAILED),
        );
    });
    ui.add_space(4.0);
    let font = FontId::monospace(12.0 * s);
    let row_h = ui.fonts_mut(|f| f.row_height(&font)) + 2.0;
    let (mut old, mut new) = (1, 1);
    for l in lines {
        let (sign, text, bg, numbers) = match l {
            DiffLine::Context(t) => {
                let n = (Some(old), Some(new));
                old += 1;
                new += 1;
                (" ", t, Color32::TRANSPARENT, n)
            }
            DiffLine::Removed(t) => {
                let n = (Some(old), None);
                old += 1;
                ("-", t, ink::REMOVED_BG, n)
            }
            DiffLine::Added(t) => {
                let n = (None, Some(new));
                new += 1;
                ("+", t, ink::ADDED_BG, n)
            }
        };
        let gutter = 34.0 * s;
        let code = ui
            .painter()
            .layout_no_wrap(format!("{sign} {text}"), font.clone(), ink::TEXT);
        let width = (ui.available_width()).max(2.0 * gutter + code.size().x + 8.0);
        let (rect, _) = ui.allocate_exact_size(vec2(width, row_h), Sense::hover());
        let painter = ui.painter();
        painter.rect_filled(rect, 0.0, bg);
        for (i, n) in [numbers.0, numbers.1].into_iter().enumerate() {
            if let Some(n) = n {
                painter.text(
                    rect.left_center() + vec2(gutter * (i as f32 + 1.0) - 6.0, 0.0),
                    egui::Align2::RIGHT_CENTER,
                    n.to_string(),
                    FontId::monospace(11.0 * s),
                    ink::MUTED,
                );
            }
        }
        painter.galley(
            Pos2::new(
                rect.left() + 2.0 * gutter + 4.0,
                rect.center().y - code.size().y / 2.0,
            ),
            code,
            ink::TEXT,
        );
    }
}

/// Sticky notes on a whiteboard in reading order, marker arrows between
/// them, and whose drawing it is.
fn whiteboard(
    ui: &mut egui::Ui,
    title: &str,
    owner: &str,
    boxes: &[String],
    arrows: &[(String, String)],
    s: f32,
) {
    egui::Frame::new()
        .fill(ink::BOARD)
        .corner_radius(3.0)
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_min_size(ui.available_size());
            ui.style_mut().visuals.override_text_color = Some(ink::MARKER);
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(title)
                        .size(14.0 * s.min(1.5))
                        .strong()
                        .color(ink::MARKER),
                );
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(
                        RichText::new(format!("drawn by {owner}"))
                            .italics()
                            .size(12.0),
                    );
                });
            });
            egui::ScrollArea::both()
                .id_salt("whiteboard")
                .auto_shrink([false, false])
                .show(ui, |ui| notes(ui, boxes, arrows, s));
        });
}

fn notes(ui: &mut egui::Ui, boxes: &[String], arrows: &[(String, String)], s: f32) {
    let area = ui.available_rect_before_wrap();
    let gap = vec2(34.0 * s, 28.0 * s);
    let want = 150.0 * s;
    let cols =
        (((area.width() + gap.x) / (want + gap.x)).floor() as usize).clamp(1, boxes.len().max(1));
    let w = ((area.width() - gap.x * (cols as f32 - 1.0)) / cols as f32).max(want * 0.8);
    let font = FontId::proportional(12.0 * s);
    let galleys: Vec<_> = boxes
        .iter()
        .map(|b| {
            ui.painter()
                .layout(b.clone(), font.clone(), ink::MARKER, w - 16.0)
        })
        .collect();
    // Each row is as tall as its tallest note.
    let rows = boxes.len().div_ceil(cols);
    let heights: Vec<f32> = (0..rows)
        .map(|r| {
            galleys[r * cols..((r + 1) * cols).min(boxes.len())]
                .iter()
                .map(|g| g.size().y + 16.0)
                .fold(36.0 * s, f32::max)
        })
        .collect();
    let mut rects = Vec::with_capacity(boxes.len());
    let mut y = area.top();
    for (r, h) in heights.iter().enumerate() {
        for c in 0..cols {
            if r * cols + c < boxes.len() {
                let x = area.left() + c as f32 * (w + gap.x);
                rects.push(Rect::from_min_size(Pos2::new(x, y), vec2(w, *h)));
            }
        }
        y += h + gap.y;
    }
    ui.allocate_rect(
        Rect::from_min_max(area.min, Pos2::new(area.right(), y - gap.y)),
        Sense::hover(),
    );
    let painter = ui.painter();
    let marker = Stroke::new(2.0 * s.min(1.5), ink::MARKER);
    for (i, (text, r)) in galleys.iter().zip(&rects).enumerate() {
        painter.rect_filled(
            r.translate(vec2(2.0, 3.0)),
            2.0,
            Color32::from_black_alpha(28),
        );
        painter.rect_filled(*r, 2.0, ink::NOTES[i % ink::NOTES.len()]);
        painter.galley(r.center() - text.size() / 2.0, text.clone(), ink::MARKER);
    }
    for (from, to) in arrows {
        let (Some(a), Some(b)) = (
            boxes.iter().position(|x| x == from),
            boxes.iter().position(|x| x == to),
        ) else {
            continue;
        };
        if a == b {
            continue;
        }
        let (start, end) = (
            edge(rects[a], rects[b].center()),
            edge(rects[b], rects[a].center()),
        );
        painter.line_segment([start, end], marker);
        let back = (start - end).normalized() * 9.0 * s.min(1.5);
        let side = back.rot90() * 0.5;
        painter.line_segment([end, end + back + side], marker);
        painter.line_segment([end, end + back - side], marker);
    }
}

/// Where the line from `r`'s centre towards `to` leaves `r`.
fn edge(r: Rect, to: Pos2) -> Pos2 {
    let c = r.center();
    let d = to - c;
    if d.length() < 1.0 {
        return c;
    }
    let tx = if d.x.abs() > 0.0 {
        (r.width() / 2.0) / d.x.abs()
    } else {
        f32::INFINITY
    };
    let ty = if d.y.abs() > 0.0 {
        (r.height() / 2.0) / d.y.abs()
    } else {
        f32::INFINITY
    };
    c + d * tx.min(ty)
}

/// A page of a document: its first line as the heading, then paragraphs.
fn document(ui: &mut egui::Ui, title: &str, text: &str, s: f32) {
    ui.style_mut().visuals.override_text_color = Some(ink::TEXT);
    egui::Frame::new()
        .fill(Color32::from_rgb(214, 217, 224))
        .corner_radius(3.0)
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_min_size(ui.available_size());
            egui::ScrollArea::vertical()
                .id_salt("document")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    egui::Frame::new()
                        .fill(Color32::WHITE)
                        .shadow(egui::Shadow {
                            offset: [2, 3],
                            blur: 6,
                            spread: 0,
                            color: Color32::from_black_alpha(40),
                        })
                        .inner_margin(egui::Margin::symmetric(22, 14))
                        .show(ui, |ui| {
                            ui.set_width(ui.available_width());
                            ui.label(RichText::new(title).size(11.0 * s).color(ink::MUTED));
                            let mut lines = text.lines();
                            if let Some(first) = lines.next() {
                                ui.label(
                                    RichText::new(first)
                                        .size(15.0 * s)
                                        .strong()
                                        .color(ink::TEXT),
                                );
                            }
                            for line in lines {
                                if line.trim().is_empty() {
                                    ui.add_space(6.0 * s);
                                } else {
                                    ui.label(RichText::new(line).size(13.0 * s));
                                }
                            }
                        });
                });
        });
}
