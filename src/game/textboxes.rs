//! Where text was drawn this frame, read from egui's own shapes (the
//! layout, not the pixels), and which pieces of text were drawn over each
//! other. Autoplay saves the boxes beside each picture it takes, and the
//! tests fail on any two boxes of one layer that overlap: a window or a
//! tooltip lies over the screen on purpose, a name over a name never does.

use bevy_egui::egui::{self, Rect, Shape};
use serde::{Deserialize, Serialize};

/// One row of text as it shows on screen, in egui points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TextBox {
    /// The layer it was painted on (text on different layers may overlap).
    pub layer: String,
    /// Left, top, right, bottom of the part that is not clipped away.
    pub rect: [f32; 4],
    pub text: String,
}

impl TextBox {
    fn rect(&self) -> Rect {
        Rect::from_min_max(
            egui::pos2(self.rect[0], self.rect[1]),
            egui::pos2(self.rect[2], self.rect[3]),
        )
    }
}

/// Two boxes of one layer that overlap, by more than this many points
/// each way (a shared edge or an antialiased pixel is not an overlap).
pub const SLACK: f32 = 1.5;

/// Every visible piece of text drawn so far this pass, layer by layer.
/// Call it after the frame's UI has run.
pub fn collect(ctx: &egui::Context) -> Vec<TextBox> {
    let layers: Vec<egui::LayerId> = ctx.memory(|m| m.layer_ids().collect());
    let mut out = Vec::new();
    ctx.graphics(|g| {
        for layer in layers {
            let Some(list) = g.get(layer) else { continue };
            let name = format!("{:?} {:?}", layer.order, layer.id);
            for clipped in list.all_entries() {
                texts(&clipped.shape, clipped.clip_rect, &name, &mut out);
            }
        }
    });
    out
}

fn texts(shape: &Shape, clip: Rect, layer: &str, out: &mut Vec<TextBox>) {
    match shape {
        Shape::Vec(shapes) => {
            for s in shapes {
                texts(s, clip, layer, out);
            }
        }
        Shape::Text(t) => {
            // Row by row: a wrapped label's first row may start after
            // other text on its line, so its whole box would overlap it.
            for row in &t.galley.rows {
                let text = row.row.text();
                let text = text.trim();
                if text.is_empty() {
                    continue;
                }
                let local = row.rect_without_leading_space();
                let rect = if t.angle == 0.0 {
                    local.translate(t.pos.to_vec2())
                } else {
                    // Turned text (a graph's side label): the box round it.
                    let rot = egui::emath::Rot2::from_angle(t.angle);
                    let corners = [
                        local.left_top(),
                        local.right_top(),
                        local.left_bottom(),
                        local.right_bottom(),
                    ]
                    .map(|c| t.pos + rot * c.to_vec2());
                    Rect::from_points(&corners)
                };
                let seen = rect.intersect(clip);
                if seen.width() < 1.0 || seen.height() < 1.0 {
                    continue;
                }
                out.push(TextBox {
                    layer: layer.to_owned(),
                    rect: [seen.min.x, seen.min.y, seen.max.x, seen.max.y],
                    text: text.to_owned(),
                });
            }
        }
        _ => {}
    }
}

/// Pairs of boxes on one layer that overlap, as "«a» over «b»" lines.
pub fn overlaps(boxes: &[TextBox]) -> Vec<String> {
    let mut found = Vec::new();
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            if a.layer != b.layer {
                continue;
            }
            let both = a.rect().intersect(b.rect());
            if both.width() > SLACK && both.height() > SLACK {
                found.push(format!(
                    "«{}» at {:?} over «{}» at {:?}",
                    short(&a.text),
                    a.rect,
                    short(&b.text),
                    b.rect
                ));
            }
        }
    }
    found
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(layer: &str, rect: [f32; 4], text: &str) -> TextBox {
        TextBox {
            layer: layer.into(),
            rect,
            text: text.into(),
        }
    }

    #[test]
    fn text_over_text_on_one_layer_is_found_and_touching_or_layered_text_is_not() {
        let boxes = [
            boxed("bg", [0.0, 0.0, 100.0, 20.0], "Phil"),
            boxed("bg", [90.0, 10.0, 190.0, 30.0], "Steve"),
            boxed("bg", [0.0, 20.0, 80.0, 40.0], "the line below"),
            boxed("tip", [0.0, 0.0, 100.0, 20.0], "a tooltip"),
        ];
        let found = overlaps(&boxes);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("Phil") && found[0].contains("Steve"));
    }

    #[test]
    fn collect_reads_each_label_drawn_this_pass() {
        let ctx = egui::Context::default();
        let mut boxes = vec![];
        let _ = ctx.run_ui(egui::RawInput::default(), |ui| {
            ui.label("first");
            ui.label("second");
            boxes = collect(ui.ctx());
        });
        let texts: Vec<_> = boxes.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["first", "second"]);
        assert!(overlaps(&boxes).is_empty());
    }
}
