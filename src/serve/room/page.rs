//! The phones' page: one HTML file and one script, served by us, no
//! outside resources. It works on a 360 x 640 screen, by touch or by
//! keyboard, and says everything in words (a mark is never colour
//! alone). Names, choices and lines are set with `textContent`, never as
//! HTML.

pub const HTML: &str = include_str!("phone.html");
pub const SCRIPT: &str = include_str!("phone.js");
