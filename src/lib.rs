//! Second Story: a training game for facilitators of blameless postmortems.
//!
//! Data flows one way: a scenario file is parsed and validated into a
//! [`scenario::Scenario`]; an [`engine::Meeting`] is built from it with a seed;
//! moves go in, events come out; at the end a [`engine::Report`]. The game
//! (feature `game`) and the command line are two faces over that flow.

pub mod cards;
pub mod class;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod engine;
pub mod escape;
pub mod explore;
pub mod html;
pub mod language;
pub mod limits;
pub mod record;
pub mod room;
pub mod save;
pub mod scenario;
pub mod script;
#[cfg(not(target_arch = "wasm32"))]
pub mod serve;
pub mod source;
pub mod store;
pub mod workshop;

#[cfg(feature = "game")]
pub mod game;
