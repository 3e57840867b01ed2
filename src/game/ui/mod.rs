//! The egui side of the game: one system per screen, drawing and turning
//! clicks into `Action`s. Nothing here changes the meeting directly.

mod group;
mod meeting;
mod menus;
mod report;

use super::actions::Action;
use super::screens::{Paused, Screen};
use super::session::Session;
use super::settings::KeptSettings;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

/// A text field has the keyboard: game keys are off.
#[derive(Resource, Default)]
pub struct Typing(pub bool);

/// The part of the window the room and the big screen are drawn in, in
/// egui points, as the meeting screen laid it out this frame.
#[derive(Resource, Default, Clone, Copy, Debug)]
pub struct RoomArea {
    pub rect: Option<egui::Rect>,
    /// Logical pixels per egui point (the UI scale).
    pub zoom: f32,
}

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

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        PreUpdate,
        quiet_unchanged_modifiers
            .after(bevy_egui::EguiPreUpdateSet::ProcessInput)
            .before(bevy_egui::EguiPreUpdateSet::BeginPass),
    );
    app.init_resource::<Typing>()
        .init_resource::<RoomArea>()
        .add_systems(
            EguiPrimaryContextPass,
            (
                scale,
                menus::title.run_if(in_state(Screen::Title)),
                menus::picker.run_if(in_state(Screen::Picker)),
                menus::brief.run_if(in_state(Screen::Brief).and_then(resource_exists::<Session>)),
                menus::settings.run_if(in_state(Screen::Settings)),
                meeting::meeting.run_if(in_state(Screen::Meeting)),
                menus::pause.run_if(in_state(Screen::Meeting).and_then(|p: Res<Paused>| p.0)),
                report::report
                    .run_if(in_state(Screen::Report).and_then(resource_exists::<Session>)),
                no_meeting_yet.run_if(
                    in_state(Screen::Brief)
                        .or_else(in_state(Screen::Meeting))
                        .or_else(in_state(Screen::Report))
                        .and_then(not(resource_exists::<Session>)),
                ),
                keyboard_to_text,
            )
                .chain(),
        );
}

/// bevy_egui 0.42 reports the modifier keys to egui on every frame, even
/// unchanged, and egui answers any input event with an immediate repaint:
/// a reactive window would then redraw forever. Passing on only real
/// changes lets an idle screen sleep.
fn quiet_unchanged_modifiers(
    mut inputs: Query<&mut bevy_egui::EguiInput>,
    mut last: Local<Option<egui::Modifiers>>,
) {
    for mut input in &mut inputs {
        let mut seen = *last;
        input.0.events.retain(|e| match e {
            egui::Event::ModifiersChanged(m) => {
                let changed = seen != Some(*m);
                seen = Some(*m);
                changed
            }
            _ => true,
        });
        *last = seen;
    }
}

/// The brief, the meeting and the report are about a meeting; without one
/// (nothing chosen yet) they send the player to the picker.
fn no_meeting_yet(mut actions: MessageWriter<Action>) {
    actions.write(Action::Open(Screen::Picker));
}

/// While a text field has the keyboard, game keys are off: typing a name
/// or a question must not pick choices or go back a screen.
fn keyboard_to_text(mut contexts: EguiContexts, mut typing: ResMut<Typing>) -> Result {
    let wants = contexts.ctx_mut()?.egui_wants_keyboard_input();
    if typing.0 != wants {
        typing.0 = wants;
    }
    Ok(())
}

/// The smallest UI scale of the workshop's projector layout.
pub const PROJECTOR_SCALE: f32 = 1.25;

/// Applies the UI scale, and in a workshop the projector layout: at least
/// [`PROJECTOR_SCALE`], white text, strong outlines.
fn scale(
    mut contexts: EguiContexts,
    kept: Res<KeptSettings>,
    group: Option<Res<crate::game::Group>>,
    mut styled: Local<Option<bool>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let projector = group.is_some();
    let want = if projector {
        kept.value.ui_scale.max(PROJECTOR_SCALE)
    } else {
        kept.value.ui_scale
    };
    if (ctx.zoom_factor() - want).abs() > f32::EPSILON {
        ctx.set_zoom_factor(want);
    }
    if *styled != Some(projector) {
        *styled = Some(projector);
        let mut visuals = egui::Visuals::dark();
        if projector {
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

/// The root `Ui` covering the window, on which panels are shown.
fn root(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

/// A top bar with Back and Quit, shared by every screen.
fn nav_bar(ui: &mut egui::Ui, title: &str, actions: &mut MessageWriter<Action>) {
    egui::Panel::top("nav").show(ui, |ui| {
        ui.horizontal(|ui| {
            if ui.button("Back").on_hover_text("Backspace").clicked() {
                actions.write(Action::Back);
            }
            ui.heading(title);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Quit").clicked() {
                    actions.write(Action::Quit);
                }
                if ui.button("Settings").clicked() {
                    actions.write(Action::Open(Screen::Settings));
                }
            });
        });
    });
}
