//! The game's look in one place: the palette, the sizes of type, and the
//! projector style a workshop uses. Colours that carry meaning (safety, a
//! verdict) always come with a word or a mark as well, so nothing is said
//! by colour alone.

use crate::engine::Verdict;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub mod palette {
    use bevy::color::Color;
    use bevy_egui::egui::Color32;

    pub const BACKGROUND: Color = Color::srgb(0.09, 0.10, 0.12);
    pub const FACILITATOR: Color32 = Color32::from_rgb(130, 190, 255);
    pub const NOTE: Color32 = Color32::from_rgb(150, 150, 160);
    pub const GOOD: Color32 = Color32::from_rgb(110, 200, 120);
    pub const POOR: Color32 = Color32::from_rgb(240, 120, 100);
    pub const WARN: Color32 = Color32::from_rgb(240, 190, 80);

    /// A participant's colour in the transcript and the room.
    pub fn person(i: usize) -> Color32 {
        const P: [Color32; 8] = [
            Color32::from_rgb(240, 170, 90),
            Color32::from_rgb(150, 210, 130),
            Color32::from_rgb(210, 150, 230),
            Color32::from_rgb(120, 200, 210),
            Color32::from_rgb(235, 130, 150),
            Color32::from_rgb(220, 210, 120),
            Color32::from_rgb(160, 170, 240),
            Color32::from_rgb(200, 200, 200),
        ];
        P[i % P.len()]
    }

    /// Mood from safety: red (closed) through amber to green (open).
    pub fn mood(safety: u8) -> Color32 {
        let t = f32::from(safety) / 100.0;
        let (r, g) = if t < 0.5 {
            (1.0, t * 2.0)
        } else {
            (2.0 - t * 2.0, 1.0)
        };
        Color32::from_rgb((60.0 + 180.0 * r) as u8, (60.0 + 160.0 * g) as u8, 80)
    }
}

/// A verdict as a mark and a colour: ✔ good, • neutral, ✘ poor.
pub fn verdict(v: Verdict) -> (&'static str, egui::Color32) {
    match v {
        Verdict::Good => ("✔", palette::GOOD),
        Verdict::Neutral => ("•", palette::NOTE),
        Verdict::Poor => ("✘", palette::POOR),
    }
}

/// The smallest UI scale of the workshop's projector layout.
pub const PROJECTOR_SCALE: f32 = 1.25;

/// The projector layout is on (a workshop): large type, white on black.
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Projector(pub bool);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Projector>().add_systems(
        EguiPrimaryContextPass,
        style.in_set(super::UiSystems::Style),
    );
}

/// Applies the UI scale and, on a projector, at least [`PROJECTOR_SCALE`],
/// white text and strong outlines.
fn style(
    mut contexts: EguiContexts,
    kept: Res<super::kept::KeptSettings>,
    projector: Res<Projector>,
    mut styled: Local<Option<bool>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let on = projector.0;
    let want = if on {
        kept.value.ui_scale.max(PROJECTOR_SCALE)
    } else {
        kept.value.ui_scale
    };
    if (ctx.zoom_factor() - want).abs() > f32::EPSILON {
        ctx.set_zoom_factor(want);
    }
    if *styled != Some(on) {
        *styled = Some(on);
        let mut visuals = egui::Visuals::dark();
        if on {
            visuals.override_text_color = Some(egui::Color32::WHITE);
            visuals.panel_fill = egui::Color32::from_gray(8);
            visuals.window_fill = egui::Color32::BLACK;
            visuals.window_stroke = egui::Stroke::new(2.0, egui::Color32::WHITE);
            for w in [
                &mut visuals.widgets.inactive,
                &mut visuals.widgets.hovered,
                &mut visuals.widgets.active,
            ] {
                w.bg_stroke = egui::Stroke::new(1.5, egui::Color32::from_gray(200));
                w.fg_stroke.color = egui::Color32::WHITE;
            }
        }
        ctx.set_visuals(visuals);
    }
    Ok(())
}
