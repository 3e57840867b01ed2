//! Keyboard and egui together: while a text field has the keyboard, game
//! keys are off (typing a name or a question must not pick choices or go
//! back a screen), and a quirk of bevy_egui that would keep an idle window
//! redrawing is filtered out. Each feature reads its own keys with the
//! `keys_free` run condition.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

/// A text field has the keyboard.
#[derive(Resource, Default)]
pub struct Typing(pub bool);

/// Run condition: the keyboard is the game's (no text field has it).
pub fn keys_free(typing: Option<Res<Typing>>, keys: Option<Res<ButtonInput<KeyCode>>>) -> bool {
    keys.is_some() && typing.is_none_or(|t| !t.0)
}

/// The digit keys 1–9, for picking the n-th thing on screen.
pub const DIGITS: [KeyCode; 9] = [
    KeyCode::Digit1,
    KeyCode::Digit2,
    KeyCode::Digit3,
    KeyCode::Digit4,
    KeyCode::Digit5,
    KeyCode::Digit6,
    KeyCode::Digit7,
    KeyCode::Digit8,
    KeyCode::Digit9,
];

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Typing>()
        .add_systems(
            PreUpdate,
            quiet_unchanged_modifiers
                .after(bevy_egui::EguiPreUpdateSet::ProcessInput)
                .before(bevy_egui::EguiPreUpdateSet::BeginPass),
        )
        .add_systems(
            EguiPrimaryContextPass,
            keyboard_to_text.in_set(super::UiSystems::Last),
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

fn keyboard_to_text(mut contexts: EguiContexts, mut typing: ResMut<Typing>) -> Result {
    let wants = contexts.ctx_mut()?.egui_wants_keyboard_input();
    if typing.0 != wants {
        typing.0 = wants;
    }
    Ok(())
}
