//! Integration tests: one binary (linking is the slow part on two cores),
//! one module per concern.

mod cards;
mod chromium;
mod class;
mod cli;
mod explore;
#[cfg(feature = "game")]
mod game;
mod hostile;
mod language;
mod layers;
mod lint;
#[cfg(feature = "game")]
mod look;
mod personas;
mod play;
mod probe;
mod property;
mod record;
mod room_record;
mod scenarios;
mod serve;
mod support;
mod workshop;
