//! The screens around a meeting: title, scenario picker, brief, settings
//! and the pause menu. Picking an incident checks that a class-mode record
//! will have a name on it before the meeting starts.

mod brief;
mod pause;
mod picker;
mod settings;
pub mod title;

use crate::game::input::keys_free;
use crate::game::kept::KeptSettings;
use crate::game::meeting::{Session, StartMeeting};
use crate::game::records::Keeping;
use crate::game::screens::{MeetingMode, Navigate, Notice, Screen};
use crate::game::workshop::Group;
use crate::game::{AppSystems, Options, UiSystems};
use crate::scenario::ScenarioId;
use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;

/// The player picked an incident in the picker.
#[derive(Message, Clone, Debug, PartialEq, Eq)]
pub struct Pick(pub ScenarioId);

pub(super) fn plugin(app: &mut App) {
    app.add_message::<Pick>()
        .add_systems(
            Update,
            (
                keys.in_set(AppSystems::Input).run_if(keys_free),
                pause::keys
                    .in_set(AppSystems::Input)
                    .run_if(in_state(MeetingMode::Paused).and_then(keys_free)),
                pick.in_set(AppSystems::Act),
            ),
        )
        .add_systems(
            EguiPrimaryContextPass,
            (
                title::title.run_if(in_state(Screen::Title)),
                picker::picker.run_if(in_state(Screen::Picker)),
                brief::brief.run_if(in_state(Screen::Brief).and_then(resource_exists::<Session>)),
                settings::settings.run_if(in_state(Screen::Settings)),
            )
                .in_set(UiSystems::Screens),
        )
        .add_systems(
            EguiPrimaryContextPass,
            pause::pause
                .run_if(in_state(MeetingMode::Paused))
                .in_set(UiSystems::Overlays),
        );
}

/// Esc and Backspace go back from the menu screens (the meeting and the
/// replay viewer own their keys).
fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    screen: Res<State<Screen>>,
    mut nav: MessageWriter<Navigate>,
) {
    if matches!(screen.get(), Screen::Meeting | Screen::Replay) {
        return;
    }
    if keys.any_just_pressed([KeyCode::Escape, KeyCode::Backspace]) {
        nav.write(Navigate::Back);
    }
}

/// Opens the picked incident's brief, unless class mode needs a name
/// first: the record of a meeting must say whose it is.
fn pick(
    mut picks: MessageReader<Pick>,
    options: Res<Options>,
    (kept, keeping, group): (Res<KeptSettings>, Res<Keeping>, Option<Res<Group>>),
    mut notice: ResMut<Notice>,
    mut next: ResMut<NextState<Screen>>,
    mut start: MessageWriter<StartMeeting>,
) {
    let Some(Pick(id)) = picks.read().last() else {
        return;
    };
    let named = !kept.value.name.trim().is_empty() || group.is_some_and(|g| g.0.plan.hot_seat());
    if keeping.class.is_some() && !named {
        notice.0 = Some(
            "Class mode: enter your name first, so your teacher can find your meetings.".into(),
        );
        next.set(Screen::Title);
        return;
    }
    start.write(StartMeeting {
        scenario: id.clone(),
        seed: options.seed,
        replay: Vec::new(),
    });
}
