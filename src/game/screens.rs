//! The screens as Bevy states, the meeting's modes as a sub-state, and
//! moving between screens.
//!
//! A meeting being played is `Screen::Meeting`; while it is on, its
//! `MeetingMode` says what has the floor: the meeting itself, the pause
//! menu, a workshop's pause to discuss or a change of facilitator. Systems
//! that must stop in a mode run only `in_state(MeetingMode::Playing)`.

use bevy::prelude::*;

#[derive(States, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Screen {
    #[default]
    Title,
    /// Choosing an incident.
    Picker,
    /// The incident, the timeline, the attendees, before the meeting.
    Brief,
    /// A meeting being played.
    Meeting,
    /// A recorded meeting being watched, move by move.
    Replay,
    Report,
    Settings,
}

impl Screen {
    /// Where "back" goes from here.
    pub fn back(self) -> Screen {
        match self {
            Screen::Title | Screen::Picker | Screen::Settings | Screen::Replay => Screen::Title,
            Screen::Brief | Screen::Report => Screen::Picker,
            Screen::Meeting => Screen::Brief,
        }
    }
}

/// What has the floor while a meeting is played.
#[derive(SubStates, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[source(Screen = Screen::Meeting)]
pub enum MeetingMode {
    /// The facilitator's moves are taken.
    #[default]
    Playing,
    /// The pause menu is open (Esc).
    Paused,
    /// A workshop stops to discuss the principle at stake.
    Discussing,
    /// A workshop passes the hot seat to the next facilitator.
    HandingOver,
}

/// The room, the big screen and the transcript are on screen: a meeting
/// played or watched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ShowsMeeting;

impl ComputedStates for ShowsMeeting {
    type SourceStates = Screen;

    fn compute(screen: Screen) -> Option<Self> {
        matches!(screen, Screen::Meeting | Screen::Replay).then_some(ShowsMeeting)
    }
}

/// Whether the game offers to quit: a browser tab is closed by the
/// browser, not by the page.
pub const CAN_QUIT: bool = cfg!(not(target_arch = "wasm32"));

/// Moving between screens, from a button or a key.
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Navigate {
    Open(Screen),
    Back,
    Quit,
}

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .add_sub_state::<MeetingMode>()
        .add_computed_state::<ShowsMeeting>()
        .add_message::<Navigate>()
        .init_resource::<Notice>()
        .add_systems(Update, navigate.in_set(super::AppSystems::Act));
}

fn navigate(
    mut requests: MessageReader<Navigate>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut exit: MessageWriter<AppExit>,
) {
    for r in requests.read() {
        match r {
            Navigate::Open(s) => next.set(*s),
            Navigate::Back => next.set(screen.get().back()),
            Navigate::Quit => {
                exit.write(AppExit::Success);
            }
        }
    }
}

/// A message for the player on the title screen that is not about a
/// meeting: a record that could not be opened, a name needed first.
#[derive(Resource, Debug, Default)]
pub struct Notice(pub Option<String>);
