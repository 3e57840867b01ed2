//! The game's look in one place: the palette, the sizes of type, the
//! keyboard focus ring, and the projector style a workshop uses. Colours
//! that carry meaning (safety, a verdict) always come with a word, a mark
//! or a shape as well, so nothing is said by colour alone; and the colours
//! that do carry meaning are told apart by people with the common colour
//! vision deficiencies (blue against orange, after Okabe and Ito, never red
//! against green).

use crate::engine::Verdict;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub mod palette {
    use bevy::color::Color;
    use bevy_egui::egui::Color32;

    pub const BACKGROUND: Color = Color::srgb(0.09, 0.10, 0.12);
    /// [`BACKGROUND`] as egui sees it, for contrast checks.
    pub const BACKGROUND_32: Color32 = Color32::from_rgb(23, 26, 31);
    /// The plate under each name in the room, so its text has one known
    /// background whatever is drawn behind it.
    pub const PLATE: Color32 = Color32::from_rgb(16, 18, 22);
    /// The meeting table under the people.
    pub const TABLE: Color32 = Color32::from_rgb(77, 56, 41);
    /// What the facilitator (you) says: a reddish purple, apart from both
    /// the good blue and the poor orange.
    pub const FACILITATOR: Color32 = Color32::from_rgb(230, 160, 205);
    pub const NOTE: Color32 = Color32::from_rgb(165, 168, 178);
    /// Good news: Okabe-Ito sky blue.
    pub const GOOD: Color32 = Color32::from_rgb(86, 180, 233);
    /// Poor: a light Okabe-Ito vermilion, orange to every eye.
    pub const POOR: Color32 = Color32::from_rgb(240, 128, 64);
    /// A warning: Okabe-Ito yellow.
    pub const WARN: Color32 = Color32::from_rgb(240, 228, 66);
    /// The keyboard focus ring: a colour nothing else uses for an outline.
    pub const FOCUS: Color32 = Color32::from_rgb(255, 214, 0);
    /// The ring round whoever is speaking.
    pub const SPEAKER: Color32 = Color32::from_rgb(255, 255, 255);

    /// A participant's colour in the transcript and the room; always next
    /// to their name, which is what tells people apart.
    pub fn person(i: usize) -> Color32 {
        const P: [Color32; 8] = [
            Color32::from_rgb(240, 170, 90),
            Color32::from_rgb(120, 200, 235),
            Color32::from_rgb(215, 160, 235),
            Color32::from_rgb(240, 228, 120),
            Color32::from_rgb(235, 140, 160),
            Color32::from_rgb(130, 215, 180),
            Color32::from_rgb(170, 180, 245),
            Color32::from_rgb(210, 210, 210),
        ];
        P[i % P.len()]
    }

    /// Mood from safety: orange when shut, yellow when wary, sky blue when
    /// open, blended between. The figure's posture and the word by the
    /// name say the same without colour.
    pub fn mood(safety: u8) -> Color32 {
        const SHUT: [f32; 3] = [240.0, 128.0, 64.0];
        const WARY: [f32; 3] = [235.0, 215.0, 80.0];
        const OPEN: [f32; 3] = [86.0, 180.0, 233.0];
        let s = f32::from(safety.min(100));
        let (a, b, t) = if s < 50.0 {
            (SHUT, WARY, ((s - 20.0) / 30.0).clamp(0.0, 1.0))
        } else {
            (WARY, OPEN, ((s - 50.0) / 30.0).clamp(0.0, 1.0))
        };
        let mix = |i: usize| (a[i] + (b[i] - a[i]) * t).round() as u8;
        Color32::from_rgb(mix(0), mix(1), mix(2))
    }
}

/// How open someone is, in three states the room draws as posture and
/// face: head up and arms open, arms by the sides, or head bowed and arms
/// crossed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Openness {
    Open,
    Wary,
    Shut,
}

impl Openness {
    pub fn of(safety: u8) -> Self {
        match safety {
            0..35 => Openness::Shut,
            35..65 => Openness::Wary,
            _ => Openness::Open,
        }
    }
}

/// The word for how safe someone feels, finer than [`Openness`].
pub fn mood_word(safety: u8) -> &'static str {
    match safety {
        0..20 => "shut down",
        20..35 => "guarded",
        35..50 => "wary",
        50..65 => "settling",
        65..85 => "open",
        _ => "at ease",
    }
}

/// A verdict as a mark and a colour: ✔ good, • neutral, ✖ poor (egui's
/// fonts have no ✘).
pub fn verdict(v: Verdict) -> (&'static str, egui::Color32) {
    match v {
        Verdict::Good => ("✔", palette::GOOD),
        Verdict::Neutral => ("•", palette::NOTE),
        Verdict::Poor => ("✖", palette::POOR),
    }
}

/// egui's body text size, the size `pt` scales from.
const BODY: f32 = 13.0;

/// A type size given for the normal text size, as the settings' text size
/// makes it: titles and figures drawn at a fixed size follow the setting
/// like all other text.
pub fn pt(ui: &egui::Ui, size: f32) -> f32 {
    let body = ui
        .style()
        .text_styles
        .get(&egui::TextStyle::Body)
        .map_or(BODY, |f| f.size);
    size * body / BODY
}

/// The smallest UI scale of the workshop's projector layout.
pub const PROJECTOR_SCALE: f32 = 1.25;

/// The projector layout is on (a workshop): large type, white on black.
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Projector(pub bool);

/// Everything the style depends on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Look {
    pub projector: bool,
    /// A multiple of the normal type size (settings' text size).
    pub text_size: f32,
    pub reduce_motion: bool,
}

impl Default for Look {
    fn default() -> Self {
        Look {
            projector: false,
            text_size: 1.0,
            reduce_motion: false,
        }
    }
}

/// The egui style for a look: the dark visuals with text that meets WCAG
/// AA, a focus ring that stands out on every panel, white on black for a
/// projector, type scaled by the text size, and no animation when motion
/// is reduced.
pub fn style(look: Look) -> egui::Style {
    let mut style = egui::Style {
        visuals: visuals(look.projector),
        ..Default::default()
    };
    let scale = if look.text_size.is_finite() {
        look.text_size.clamp(0.5, 3.0)
    } else {
        1.0
    };
    for font in style.text_styles.values_mut() {
        font.size *= scale;
    }
    if look.reduce_motion {
        style.animation_time = 0.0;
        style.scroll_animation = egui::style::ScrollAnimation::none();
    }
    style
}

/// The visuals, normal or for a projector. egui's dark theme, with the
/// faint text brightened to meet 4.5:1 and a thick focus ring: egui draws
/// a focused widget with the `active` look, so its outline is the ring
/// that Tab moves.
pub fn visuals(projector: bool) -> egui::Visuals {
    let mut v = egui::Visuals::dark();
    v.weak_text_color = Some(egui::Color32::from_gray(160));
    v.widgets.noninteractive.fg_stroke.color = egui::Color32::from_gray(205);
    v.widgets.inactive.fg_stroke.color = egui::Color32::from_gray(225);
    v.selection.stroke.width = 2.0;
    if projector {
        v.override_text_color = Some(egui::Color32::WHITE);
        v.panel_fill = egui::Color32::from_gray(8);
        v.window_fill = egui::Color32::BLACK;
        v.window_stroke = egui::Stroke::new(2.0, egui::Color32::WHITE);
        v.weak_text_color = Some(egui::Color32::from_gray(190));
        for w in [
            &mut v.widgets.noninteractive,
            &mut v.widgets.inactive,
            &mut v.widgets.hovered,
            &mut v.widgets.active,
        ] {
            w.fg_stroke.color = egui::Color32::WHITE;
        }
        for w in [
            &mut v.widgets.inactive,
            &mut v.widgets.hovered,
            &mut v.widgets.active,
        ] {
            w.bg_stroke = egui::Stroke::new(1.5, egui::Color32::from_gray(200));
        }
    }
    v.widgets.active.bg_stroke =
        egui::Stroke::new(if projector { 3.5 } else { 2.5 }, palette::FOCUS);
    v.widgets.active.expansion = 2.0;
    v
}

/// The WCAG 2 contrast ratio of two opaque colours (1 to 21).
pub fn contrast(a: egui::Color32, b: egui::Color32) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// An sRGB channel (0–255) as linear light (0–1).
pub fn linear(u: u8) -> f32 {
    let s = f32::from(u) / 255.0;
    if s <= 0.04045 {
        s / 12.92
    } else {
        ((s + 0.055) / 1.055).powf(2.4)
    }
}

/// WCAG relative luminance of an sRGB colour.
pub fn luminance(c: egui::Color32) -> f32 {
    0.2126 * linear(c.r()) + 0.7152 * linear(c.g()) + 0.0722 * linear(c.b())
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Projector>().add_systems(
        EguiPrimaryContextPass,
        apply.in_set(super::UiSystems::Style),
    );
}

/// Applies the UI scale (on a projector at least [`PROJECTOR_SCALE`]) and
/// the style for the projector, text size and reduced motion.
fn apply(
    mut contexts: EguiContexts,
    kept: Res<super::kept::KeptSettings>,
    projector: Res<Projector>,
    mut styled: Local<Option<Look>>,
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
    let look = Look {
        projector: on,
        text_size: kept.value.text_size,
        reduce_motion: kept.value.reduce_motion,
    };
    if *styled != Some(look) {
        *styled = Some(look);
        let built = style(look);
        ctx.all_styles_mut(|s| *s = built.clone());
    }
    Ok(())
}
