//! Scenarios: the model of an incident and its meeting, loading it from RON,
//! and checking that it makes sense before anyone plays it.

mod load;
mod model;
mod size;
mod spotting;
mod validate;

pub use load::{
    LoadError, Loaded, Unplayable, by_id, find_scenarios, in_folder, is_id, list_scenarios,
    load_file, load_valid, load_valid_file, parse_str, resolve, scenario_dir,
};
pub use model::*;
pub use spotting::{looks_like_a_trap, word_spotting};
pub use validate::{Problem, QUIET, SCREEN_PHASES, Severity, validate};
