//! The meeting engine: a `Meeting` is built from a scenario and a seed, a
//! `Move` goes in, `Event`s come out, and at the end a `Report`. Plain Rust:
//! no window, no Bevy, no file system.

mod event;
mod meeting;
pub mod moment_kinds;
mod moves;
mod replay;
mod report;
pub mod rules;
pub mod understand;

pub use event::{Event, Feedback, HoldBack, Line, LineKind, Verdict};
pub use meeting::{InvalidScenario, Meeting, MomentState, Played, describe_artifact};
pub use moment_kinds::KindRules;
pub use moves::{Move, MoveError};
pub use replay::{Refused, replay, replay_on};
pub use report::{Dimension, Missed, Report, SafetyTrace, Score, Success};
pub use understand::{MIN_SIMILARITY, Taken, Understanding, Understood};
