//! Settings kept between runs.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// 1.0 for a laptop; 1.5–2.5 for a projector read from the back.
    pub ui_scale: f32,
    pub fullscreen: bool,
    /// Notes after each move and thought bubbles. On for a first run.
    pub coach: bool,
    pub text_speed: TextSpeed,
    /// Type size as a multiple of the normal, on top of the UI scale: the
    /// UI scale enlarges everything (panels, the room, the type), the text
    /// size only the type, so text can grow on a small screen without the
    /// room shrinking away.
    pub text_size: f32,
    /// No animations: the room changes at once, lines appear whole, egui
    /// neither fades nor slides.
    pub reduce_motion: bool,
    /// The player's name, written into session records.
    pub name: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextSpeed {
    /// Lines appear at once.
    Instant,
    Fast,
    Slow,
}

impl TextSpeed {
    /// Characters revealed per second; None for instant.
    pub fn chars_per_second(self) -> Option<f32> {
        match self {
            TextSpeed::Instant => None,
            TextSpeed::Fast => Some(120.0),
            TextSpeed::Slow => Some(40.0),
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            ui_scale: 1.0,
            fullscreen: false,
            coach: true,
            text_speed: TextSpeed::Fast,
            text_size: 1.0,
            reduce_motion: false,
            name: String::new(),
        }
    }
}

impl Settings {
    pub const MIN_SCALE: f32 = 0.75;
    pub const MAX_SCALE: f32 = 3.0;
    pub const MAX_NAME: usize = 60;
    pub const MIN_TEXT: f32 = 0.8;
    pub const MAX_TEXT: f32 = 1.5;

    /// Characters of a new line revealed per second; None when lines
    /// appear whole (instant text, or reduced motion).
    pub fn reveal_rate(&self) -> Option<f32> {
        if self.reduce_motion {
            None
        } else {
            self.text_speed.chars_per_second()
        }
    }

    /// Keeps hand-edited values in range.
    pub fn sanitised(mut self) -> Self {
        if !self.ui_scale.is_finite() {
            self.ui_scale = 1.0;
        }
        self.ui_scale = self.ui_scale.clamp(Self::MIN_SCALE, Self::MAX_SCALE);
        if !self.text_size.is_finite() {
            self.text_size = 1.0;
        }
        self.text_size = self.text_size.clamp(Self::MIN_TEXT, Self::MAX_TEXT);
        if self.name.chars().count() > Self::MAX_NAME {
            self.name = self.name.chars().take(Self::MAX_NAME).collect();
        }
        // And in bytes, for records and file names: 60 wide letters fit.
        self.name = crate::save::cut(&self.name, crate::limits::NAME_BYTES).to_owned();
        self
    }
}
