//! The screens as Bevy states, and the pause overlay.

use bevy::prelude::*;

#[derive(States, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Screen {
    #[default]
    Title,
    /// Choosing an incident.
    Picker,
    /// The incident, the timeline, the attendees, before the meeting.
    Brief,
    Meeting,
    Report,
    Settings,
}

impl Screen {
    /// Where "back" goes from here.
    pub fn back(self) -> Screen {
        match self {
            Screen::Title | Screen::Picker | Screen::Settings => Screen::Title,
            Screen::Brief | Screen::Report => Screen::Picker,
            Screen::Meeting => Screen::Brief,
        }
    }
}

/// The pause menu is open (Esc). The meeting takes no moves meanwhile.
#[derive(Resource, Default, Debug, PartialEq, Eq)]
pub struct Paused(pub bool);

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>().init_resource::<Paused>();
    app.add_systems(OnExit(Screen::Meeting), |mut paused: ResMut<Paused>| {
        paused.0 = false
    });
}
